"""The rehearsal-only Terraform override files, and the inventory they rely on: which endpoint
every resource and data source type calls (all pointed at moto), the attributes whose emulator
round-trip differs from AWS's (ignored in the copy only), and the deletion protection switched off
before destroy. The synthesized JSON itself is never modified."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .common import DUMMY_KEY, RehearsalError
from .targets import element_types, references, rehearsal_targets

# Provider `endpoints` attributes pointed at moto (canonical names; aliases such as
# `applicationautoscaling` or `cloudwatchlogs` would only add "conflicting endpoints" warnings).
PROVIDER_ENDPOINTS = (
    "acm", "appautoscaling", "autoscaling", "cloudwatch", "ec2", "ecr", "ecs", "elb", "elbv2", "iam",
    "efs", "kms", "logs", "rds", "route53", "s3", "s3control", "scheduler", "secretsmanager", "servicediscovery", "sns", "sqs", "ssm", "sts", "wafv2",
)
BACKEND_ENDPOINTS = ("s3", "sts", "iam", "dynamodb")

# Every resource and data source type the stacks may contain, with the endpoint it calls (None: the
# provider computes it without an API call). A type missing here stops the rehearsal: add it with
# its endpoint (and the endpoint to PROVIDER_ENDPOINTS) after checking moto implements it.
TYPE_ENDPOINTS: dict[str, str | None] = {
    **{t: "ec2" for t in (
        "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route", "aws_route_table",
        "aws_route_table_association", "aws_default_security_group", "aws_security_group",
        "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_flow_log", "aws_vpc_endpoint",
        "aws_launch_template", "data.aws_availability_zones",
        "aws_network_interface", "data.aws_vpc", "data.aws_subnet", "data.aws_subnets",
    )},
    **{t: "wafv2" for t in ("aws_wafv2_web_acl", "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration")},
    "aws_autoscaling_group": "autoscaling",
    **{t: "ecs" for t in ("aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_service", "aws_ecs_task_definition", "aws_ecs_capacity_provider")},
    "aws_ecr_repository": "ecr",
    "aws_ecr_lifecycle_policy": "ecr",
    **{t: "elbv2" for t in ("aws_lb", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group")},
    **{t: "iam" for t in (
        "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_instance_profile", "aws_iam_policy",
        "aws_iam_openid_connect_provider", "data.aws_iam_openid_connect_provider",
    )},
    "aws_cloudwatch_log_group": "logs",
    "aws_cloudwatch_metric_alarm": "cloudwatch",
    **{t: "rds" for t in ("aws_db_instance", "aws_db_subnet_group", "aws_db_parameter_group")},
    "aws_route53_record": "route53",
    "data.aws_route53_zone": "route53",
    "aws_acm_certificate": "acm",
    "aws_acm_certificate_validation": "acm",
    **{t: "s3" for t in (
        "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy",
        "aws_s3_bucket_versioning",
    )},
    "data.aws_secretsmanager_secret": "secretsmanager",
    "data.aws_secretsmanager_secret_version": "secretsmanager",
    "aws_secretsmanager_secret": "secretsmanager",
    "aws_kms_key": "kms",
    "aws_kms_alias": "kms",
    "aws_service_discovery_http_namespace": "servicediscovery",
    "aws_sns_topic": "sns",
    "aws_sns_topic_subscription": "sns",
    "aws_ssm_parameter": "ssm",
    "data.aws_ssm_parameter": "ssm",
    **{t: "appautoscaling" for t in ("aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action")},
    # Issue 13. moto 5.2.1 implements the scheduler and SQS calls; for EFS it has no PutBackupPolicy
    # and no DeleteFileSystemPolicy, so aws_efs_backup_policy and aws_efs_file_system_policy fail
    # against it (docs/rehearsal.md, "What the emulator cannot do").
    "aws_scheduler_schedule": "scheduler",
    "aws_sqs_queue": "sqs",
    **{t: "efs" for t in ("aws_efs_file_system", "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_backup_policy", "aws_efs_file_system_policy")},
    "data.aws_caller_identity": "sts",
    "data.aws_iam_policy_document": None,
    # The OIDC sign-in step: its local-exec calls elbv2 and secretsmanager with the AWS CLI, which
    # the rehearsal points at moto (AWS_ENDPOINT_URL_<SERVICE>, stack.py).
    "terraform_data": None,
    "data.aws_elb_service_account": None,
    "data.aws_partition": None,
    "data.aws_region": None,
}


# Emulator gaps handled by ignoring one attribute (lifecycle.ignore_changes) in the rehearsal copy
# only; the real stacks are unchanged. moto does not store or return the attribute as AWS does, so
# the re-plan would show a diff that a real apply does not. `only`: the resource blocks it applies
# to (default: every block of the type). Documented per resource in docs/rehearsal.md.
@dataclass(frozen=True)
class IgnoredAttribute:
    type: str
    attribute: str
    reason: str
    only: Callable[[dict], bool] | None = None


def _references_group(block: dict) -> bool:
    return "referenced_security_group_id" in block


IGNORED_ATTRIBUTES: tuple[IgnoredAttribute, ...] = (
    *(IgnoredAttribute("aws_ecs_service", attribute, "moto's CreateService does not store it") for attribute in (
        "capacity_provider_strategy", "service_connect_configuration", "availability_zone_rebalancing",
        "enable_ecs_managed_tags", "enable_execute_command", "health_check_grace_period_seconds",
    )),
    IgnoredAttribute("aws_db_instance", "performance_insights_enabled", "moto's RDS does not implement Performance Insights"),
    IgnoredAttribute("aws_db_instance", "performance_insights_retention_period", "moto's RDS does not implement Performance Insights"),
    IgnoredAttribute("aws_s3_bucket", "tags_all", "moto's S3 Control ListTagsForResource (which the provider reads bucket tags with) does not see tags set through S3"),
    IgnoredAttribute("aws_launch_template", "tag_specifications", "moto copies CreateLaunchTemplate's own tags into the version data as a 'launch-template' tag specification"),
    IgnoredAttribute("aws_db_parameter_group", "parameter", "moto's DescribeDBParameters omits Source=user, so the provider drops every parameter it reads"),
    *(IgnoredAttribute(rtype, "description", "moto's DescribeSecurityGroupRules drops the description of rules that reference a group", _references_group)
      for rtype in ("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")),
)


def override_for(tf: dict, moto_url: str, fence_url: str) -> dict:
    """The rehearsal-only override (`rehearsal_override.tf.json`): provider and backend at moto,
    dummy credentials, skip flags, the fence as proxy, the emulator gaps' ignore_changes, and — when
    emulator gaps make the run use `-target` — outputs that would otherwise be dropped kept in state."""
    proxy = {"http_proxy": fence_url, "https_proxy": fence_url, "no_proxy": "127.0.0.1,localhost"}
    override: dict = {"provider": {"aws": _providers(tf, moto_url, proxy)}}
    backend = _backend(tf, moto_url, proxy)
    if backend:
        override["terraform"] = {"backend": backend}
    resources = _ignored_attributes(tf)
    if resources:
        override["resource"] = resources
    targets, excluded = rehearsal_targets(tf)
    outputs = _outputs_kept_under_targets(tf, targets if excluded else [])
    if outputs:
        override["output"] = outputs
    return override


def _outputs_kept_under_targets(tf: dict, targets: list[str]) -> dict:
    """A targeted apply leaves out every output that references no targeted resource, e.g. one made
    of variables only (`image_tags`); cdktf's CLI then crashes rendering the missing output
    ("Cannot convert undefined or null to object"). An override may not set depends_on, so the value
    is rewritten to the same value behind a condition on a targeted resource, which keeps it."""
    if not targets:
        return {}
    anchor = targets[0]
    kept = {}
    for name, block in tf.get("output", {}).items():
        if not references(block):
            # `.id`: never sensitive (a whole resource with a sensitive attribute, e.g. a
            # certificate, would make the output sensitive and the plan fail).
            kept[name] = {"value": f"${{{anchor}.id == null ? null : {hcl_expression(block['value'])}}}"}
    return kept


def hcl_expression(value) -> str:
    """A Terraform JSON value as the same native-syntax expression: strings stay templates (JSON's
    string escapes are HCL's), objects and lists are written out."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {hcl_expression(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(hcl_expression(v) for v in value) + "]"
    return "null" if value is None else json.dumps(value)


# A statement nothing in a rehearsal calls, standing in for a conditional Deny (see below).
_INERT_ACTION = "s3:PutBucketWebsite"


def bucket_policies_without_conditional_denies(tf: dict) -> dict:
    """moto evaluates a bucket policy's Deny statements without their conditions ("Conditions are
    not taken into account", moto/s3/models.py), so the state bucket's TLS-only Deny
    (aws:SecureTransport = false) refuses every plain-HTTP request of the S3 backend to the
    emulator. In the rehearsal copy only, each conditional Deny of a document that a bucket policy
    uses is narrowed to an action nothing calls; the statement, its principals and resources stay."""
    documents = {ref.split(".", 2)[2] for policy in tf.get("resource", {}).get("aws_s3_bucket_policy", {}).values()
                 for ref in references(policy) if ref.startswith("data.aws_iam_policy_document.")}
    out: dict = {}
    for name in sorted(documents):
        statements = tf.get("data", {}).get("aws_iam_policy_document", {}).get(name, {}).get("statement", [])
        if not any(st.get("effect") == "Deny" and st.get("condition") for st in statements):
            continue
        out[name] = {"statement": [
            {**{k: v for k, v in st.items() if k != "condition"}, "actions": [_INERT_ACTION]} if st.get("effect") == "Deny" and st.get("condition") else st
            for st in statements
        ]}
    return {"data": {"aws_iam_policy_document": out}} if out else {}


def _providers(tf: dict, moto_url: str, proxy: dict) -> list[dict]:
    providers = []
    for block in tf["provider"]["aws"]:
        entry = {
            "access_key": DUMMY_KEY,
            "secret_key": DUMMY_KEY,
            # Credentials are still validated and the account ID still requested: moto's STS answers
            # with the stack's allowed account, so allowed_account_ids is exercised for real.
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "s3_use_path_style": True,
            # An API moto lacks answers 500; fail in seconds instead of retrying for many minutes.
            "max_retries": 2,
            "endpoints": [{name: moto_url for name in PROVIDER_ENDPOINTS}],
            **proxy,
        }
        if "alias" in block:
            entry["alias"] = block["alias"]
        providers.append(entry)
    return providers


def _backend(tf: dict, moto_url: str, proxy: dict) -> dict | None:
    backend = tf.get("terraform", {}).get("backend", {})
    if "s3" in backend:
        # An override's backend block replaces the original whole, so the original settings are repeated.
        return {
            "s3": {
                **backend["s3"],
                "endpoints": {name: moto_url for name in BACKEND_ENDPOINTS},
                "use_path_style": True,
                "access_key": DUMMY_KEY,
                "secret_key": DUMMY_KEY,
                "skip_metadata_api_check": True,
                "skip_region_validation": True,
                "max_retries": 2,
                **proxy,
            }
        }
    if "local" in backend:
        return {"local": {"path": "terraform.tfstate"}}
    return None


def _ignored_attributes(tf: dict) -> dict:
    resources: dict = {}
    for gap in IGNORED_ATTRIBUTES:
        for name, block in tf.get("resource", {}).get(gap.type, {}).items():
            if gap.only and not gap.only(block):
                continue
            # An override's ignore_changes replaces the original's, so the stack's own entries are kept.
            entry = resources.setdefault(gap.type, {}).setdefault(name, {"lifecycle": {"ignore_changes": list(block.get("lifecycle", {}).get("ignore_changes", []))}})
            entry["lifecycle"]["ignore_changes"] = sorted(set(entry["lifecycle"]["ignore_changes"]) | {gap.attribute})
    return resources


# Deletion protection that production stacks switch on, by resource type.
DELETION_PROTECTION = {"aws_db_instance": "deletion_protection", "aws_lb": "enable_deletion_protection"}


def teardown_override(tf: dict) -> dict:
    """Override that switches deletion protection off on every resource that has it on."""
    resources: dict = {}
    for rtype, attribute in DELETION_PROTECTION.items():
        for name, block in tf.get("resource", {}).get(rtype, {}).items():
            if block.get(attribute) is True:
                resources.setdefault(rtype, {})[name] = {attribute: False}
    return {"resource": resources} if resources else {}


def check_inventory(tf: dict) -> None:
    """Stops the rehearsal before Terraform runs when a stack uses a type whose endpoint is unknown
    or an endpoint that is not pointed at moto: a request to it would otherwise go to AWS (and be
    refused by the fence, but only after minutes of retries)."""
    types = element_types(tf)
    unknown = [t for t in types if t not in TYPE_ENDPOINTS]
    if unknown:
        raise RehearsalError(f"types without a known endpoint (add them to TYPE_ENDPOINTS in tools/rehearsal/overrides.py): {', '.join(unknown)}")
    not_overridden = sorted({TYPE_ENDPOINTS[t] for t in types} - {None, *PROVIDER_ENDPOINTS})
    if not_overridden:
        raise RehearsalError(f"endpoints used but not pointed at moto (add them to PROVIDER_ENDPOINTS): {', '.join(map(str, not_overridden))}")
