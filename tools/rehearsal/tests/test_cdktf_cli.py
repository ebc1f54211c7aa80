"""The cdktf CLI tier's pure parts: image-tag variables, -target through TF_CLI_ARGS_*, the empty diff."""
import unittest

from tools.rehearsal.cdktf_cli import image_vars, no_changes, target_env


class CdktfCliTest(unittest.TestCase):
    def test_sets_every_image_tag_variable_and_nothing_else(self):
        tf = {"variable": {"image_tag_web": {}, "image_tag_api": {}, "other": {}}}
        self.assertEqual(image_vars(tf, "t1"), ["--var", "image_tag_api=t1", "--var", "image_tag_web=t1"])

    def test_targets_reach_plan_apply_and_destroy_only_when_something_is_left_out(self):
        self.assertEqual(target_env(["aws_vpc.a"], []), {})
        env = target_env(["aws_vpc.a", "aws_subnet.b"], ["aws_cloudwatch_metric_alarm.c"])
        self.assertEqual(sorted(env), ["TF_CLI_ARGS_apply", "TF_CLI_ARGS_destroy", "TF_CLI_ARGS_plan"])
        self.assertEqual(env["TF_CLI_ARGS_plan"], "-target=aws_vpc.a -target=aws_subnet.b")

    def test_recognises_terraforms_empty_plan_in_cdktf_output(self):
        self.assertTrue(no_changes("shop-dev  No changes. Your infrastructure matches the configuration.\n"))
        self.assertFalse(no_changes("shop-dev  Plan: 1 to add, 0 to change, 0 to destroy."))


if __name__ == "__main__":
    unittest.main()
