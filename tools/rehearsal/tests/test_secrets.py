"""The pure parts of the out-of-band secret proof: which secrets are out of band, and a search that
also looks inside a saved plan (a zip archive)."""
import io
import unittest
import zipfile

from tools.rehearsal.secrets import hits_in_bytes, marker, out_of_band_secrets, sign_in_steps, target_address


def zipped(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


class HitsInBytesTest(unittest.TestCase):
    def test_finds_the_value_in_plain_text(self):
        self.assertEqual(hits_in_bytes(b'{"value": "s3cr3t", "again": "s3cr3t"}', "s3cr3t"), 2)

    def test_finds_the_value_inside_a_compressed_plan_archive(self):
        plan = zipped(tfplan="header s3cr3t", tfstate='{"x": "s3cr3t"}')
        self.assertNotIn(b"s3cr3t", plan)  # deflated: a plain grep of the file would miss it
        self.assertEqual(hits_in_bytes(plan, "s3cr3t"), 2)

    def test_zero_when_absent(self):
        self.assertEqual(hits_in_bytes(zipped(tfplan="nothing here"), "s3cr3t"), 0)


class OutOfBandSecretsTest(unittest.TestCase):
    def test_secrets_without_a_version_are_out_of_band(self):
        applied = {
            "aws_secretsmanager_secret.oob": {"arn": "arn:secret:oob"},
            "aws_secretsmanager_secret.managed": {"arn": "arn:secret:managed"},
            "aws_secretsmanager_secret_version.managed": {"secret_id": "arn:secret:managed"},
            "aws_ssm_parameter.p": {"arn": "arn:ssm:p"},
        }
        self.assertEqual(out_of_band_secrets(applied), {"aws_secretsmanager_secret.oob": "arn:secret:oob"})

    def test_markers_are_unique(self):
        self.assertNotEqual(marker(), marker())


class SignInStepsTest(unittest.TestCase):
    STEP = {"SIGN_IN_SECRET_ID": "tool/oidc", "SIGN_IN_TARGET_KIND": "rule", "SIGN_IN_TARGET_ARN": "${aws_lb_listener_rule.load-balancer_rule-api_1A2B.arn}"}

    def test_finds_the_local_exec_environment_of_each_sign_in_step(self):
        tf = {"resource": {"terraform_data": {
            "a": {"provisioner": [{"local-exec": {"command": "x", "environment": self.STEP}}]},
            "b": {"input": "no provisioner"},
            "c": {"provisioner": [{"local-exec": {"command": "y", "environment": {"OTHER": "1"}}}]},
        }}}
        self.assertEqual(sign_in_steps(tf), [self.STEP])
        self.assertEqual(sign_in_steps({}), [])

    def test_target_address_of_a_rule_and_of_a_listener(self):
        self.assertEqual(target_address(self.STEP), "aws_lb_listener_rule.load-balancer_rule-api_1A2B")
        self.assertEqual(target_address({"SIGN_IN_TARGET_ARN": "${aws_lb_listener.load-balancer_https-listener_9.arn}"}), "aws_lb_listener.load-balancer_https-listener_9")

    def test_anything_else_is_refused(self):
        with self.assertRaises(ValueError):
            target_address({"SIGN_IN_TARGET_ARN": "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x"})


if __name__ == "__main__":
    unittest.main()
