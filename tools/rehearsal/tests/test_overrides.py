"""The rehearsal-only override files and the inventory they rely on."""
import unittest
from unittest import mock

from tools.rehearsal import overrides
from tools.rehearsal.common import RehearsalError
from tools.rehearsal.overrides import (
    BACKEND_ENDPOINTS, IGNORED_ATTRIBUTES, PROVIDER_ENDPOINTS, TYPE_ENDPOINTS, check_inventory, override_for, teardown_override,
)
from tools.rehearsal.targets import EXCLUDED

MOTO = "http://127.0.0.1:5000"
FENCE = "http://127.0.0.1:6000"


def stack(**extra) -> dict:
    tf = {"provider": {"aws": [{"region": "eu-west-1", "allowed_account_ids": ["111111111111"]}]}, "resource": {}}
    tf.update(extra)
    return tf


class OverrideForTest(unittest.TestCase):
    def test_points_every_provider_endpoint_at_moto_with_dummy_credentials_and_the_fence(self):
        provider = override_for(stack(), MOTO, FENCE)["provider"]["aws"][0]
        self.assertEqual(provider["endpoints"], [{name: MOTO for name in PROVIDER_ENDPOINTS}])
        self.assertEqual((provider["access_key"], provider["secret_key"]), ("rehearsal", "rehearsal"))
        self.assertEqual((provider["http_proxy"], provider["https_proxy"]), (FENCE, FENCE))
        self.assertEqual(provider["no_proxy"], "127.0.0.1,localhost")

    def test_keeps_provider_aliases_in_order(self):
        tf = stack()
        tf["provider"]["aws"].append({"region": "us-east-1", "alias": "us_east_1"})
        providers = override_for(tf, MOTO, FENCE)["provider"]["aws"]
        self.assertEqual([p.get("alias") for p in providers], [None, "us_east_1"])

    def test_repeats_the_s3_backend_settings_and_points_its_endpoints_at_moto(self):
        backend = {"s3": {"bucket": "state", "key": "shop/dev/terraform.tfstate", "encrypt": True, "use_lockfile": True}}
        s3 = override_for(stack(terraform={"backend": backend}), MOTO, FENCE)["terraform"]["backend"]["s3"]
        self.assertEqual({k: s3[k] for k in backend["s3"]}, backend["s3"])
        self.assertEqual(s3["endpoints"], {name: MOTO for name in BACKEND_ENDPOINTS})
        self.assertEqual(s3["https_proxy"], FENCE)

    def test_keeps_a_local_backend_in_the_work_directory_and_adds_none_without_a_backend(self):
        local = override_for(stack(terraform={"backend": {"local": {"path": "/elsewhere/x.tfstate"}}}), MOTO, FENCE)
        self.assertEqual(local["terraform"], {"backend": {"local": {"path": "terraform.tfstate"}}})
        self.assertNotIn("terraform", override_for(stack(), MOTO, FENCE))

    def test_ignores_emulator_gap_attributes_keeping_the_stacks_own_ignore_changes(self):
        tf = stack(resource={"aws_db_instance": {"db": {"lifecycle": {"ignore_changes": ["password"]}}}})
        ignored = override_for(tf, MOTO, FENCE)["resource"]["aws_db_instance"]["db"]["lifecycle"]["ignore_changes"]
        self.assertEqual(ignored, ["password", "performance_insights_enabled", "performance_insights_retention_period"])

    def test_ignores_a_rule_description_only_for_rules_that_reference_a_group(self):
        rules = {
            "from_alb": {"referenced_security_group_id": "${aws_security_group.alb.id}", "description": "from the ALB"},
            "https": {"cidr_ipv4": "0.0.0.0/0", "description": "HTTPS"},
        }
        resources = override_for(stack(resource={"aws_vpc_security_group_ingress_rule": rules}), MOTO, FENCE)["resource"]
        self.assertEqual(list(resources["aws_vpc_security_group_ingress_rule"]), ["from_alb"])

    def test_adds_no_resource_block_when_no_gap_applies(self):
        self.assertNotIn("resource", override_for(stack(resource={"aws_vpc": {"main": {}}}), MOTO, FENCE))


class TeardownOverrideTest(unittest.TestCase):
    def test_switches_off_deletion_protection_only_where_it_is_on(self):
        tf = stack(resource={
            "aws_db_instance": {"db": {"deletion_protection": True}, "scratch": {"deletion_protection": False}},
            "aws_lb": {"alb": {"enable_deletion_protection": True}},
        })
        self.assertEqual(teardown_override(tf), {"resource": {
            "aws_db_instance": {"db": {"deletion_protection": False}},
            "aws_lb": {"alb": {"enable_deletion_protection": False}},
        }})

    def test_is_empty_for_an_unprotected_stack(self):
        self.assertEqual(teardown_override(stack(resource={"aws_db_instance": {"db": {}}})), {})


class InventoryTest(unittest.TestCase):
    def test_accepts_a_stack_of_known_types(self):
        check_inventory(stack(resource={"aws_vpc": {"main": {}}}, data={"aws_iam_policy_document": {"p": {}}}))

    def test_stops_on_a_type_without_a_known_endpoint_naming_it(self):
        with self.assertRaisesRegex(RehearsalError, r"types without a known endpoint .*: aws_lambda_function, data\.aws_ami"):
            check_inventory(stack(resource={"aws_lambda_function": {"f": {}}}, data={"aws_ami": {"a": {}}}))

    def test_stops_on_an_endpoint_that_is_not_pointed_at_moto(self):
        with mock.patch.dict(overrides.TYPE_ENDPOINTS, {"aws_lambda_function": "lambda"}):
            with self.assertRaisesRegex(RehearsalError, r"endpoints used but not pointed at moto .*: lambda"):
                check_inventory(stack(resource={"aws_lambda_function": {"f": {}}}))

    def test_every_listed_endpoint_is_overridden(self):
        self.assertEqual(sorted({e for e in TYPE_ENDPOINTS.values() if e is not None} - set(PROVIDER_ENDPOINTS)), [])

    def test_every_emulator_gap_names_a_known_resource_type_with_a_reason(self):
        for gap in (*EXCLUDED, *IGNORED_ATTRIBUTES):
            with self.subTest(gap=gap.type):
                self.assertIn(gap.type, TYPE_ENDPOINTS)
                self.assertGreater(len(gap.reason), 20)


class OutputsUnderTargetsTest(unittest.TestCase):
    TF = {
        "provider": {"aws": [{"region": "eu-west-1"}]},
        "resource": {"aws_vpc": {"v": {}}, "aws_cloudwatch_metric_alarm": {"a": {}}},
        "output": {"image_tags": {"value": {"api": "${var.image_tag_api}"}}, "vpc_id": {"value": "${aws_vpc.v.id}"}},
    }

    def test_a_targeted_run_keeps_outputs_of_variables_only_by_referencing_a_target(self):
        # The alarm is an emulator gap, so the run targets the VPC.
        override = override_for(self.TF, "http://127.0.0.1:1", "http://127.0.0.1:2")
        self.assertEqual(override["output"], {"image_tags": {"value": '${aws_vpc.v.id == null ? null : {"api" = "${var.image_tag_api}"}}'}})

    def test_an_untargeted_run_leaves_outputs_alone(self):
        untargeted = {**self.TF, "resource": {"aws_vpc": {"v": {}}}}
        self.assertNotIn("output", override_for(untargeted, "http://127.0.0.1:1", "http://127.0.0.1:2"))

    def test_hcl_expression_writes_json_values_as_native_syntax(self):
        self.assertEqual(overrides.hcl_expression({"a": ["x", 1, True, None]}), '{"a" = ["x", 1, true, null]}')


class BucketPolicyDeniesTest(unittest.TestCase):
    def test_a_conditional_deny_of_a_bucket_policy_is_narrowed_to_an_inert_action(self):
        deny = {"sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"], "resources": ["arn"],
                "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]}
        allow = {"sid": "Read", "effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn"]}
        tf = {"resource": {"aws_s3_bucket_policy": {"p": {"policy": "${data.aws_iam_policy_document.doc.json}"}}},
              "data": {"aws_iam_policy_document": {"doc": {"statement": [deny, allow]}, "other": {"statement": [deny]}}}}
        out = overrides.bucket_policies_without_conditional_denies(tf)
        self.assertEqual(list(out["data"]["aws_iam_policy_document"]), ["doc"])
        narrowed, kept = out["data"]["aws_iam_policy_document"]["doc"]["statement"]
        self.assertEqual(narrowed, {"sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:PutBucketWebsite"], "resources": ["arn"]})
        self.assertEqual(kept, allow)


if __name__ == "__main__":
    unittest.main()
