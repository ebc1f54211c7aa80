"""The pure parts of the out-of-band secret proof: which secrets are out of band, and a search that
also looks inside a saved plan (a zip archive)."""
import io
import unittest
import zipfile

from tools.rehearsal.secrets import hits_in_bytes, marker, out_of_band_secrets


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


if __name__ == "__main__":
    unittest.main()
