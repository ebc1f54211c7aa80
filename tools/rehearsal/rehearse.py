#!/usr/bin/env python3
"""Rehearse the synthesized stacks against moto, a local AWS emulator, with the real Terraform CLI
and AWS provider: init, plan, apply, re-plan (must show no changes), check the emulator's view of
the key resources, destroy, check that nothing is left. Run through `npm run rehearse`
(tools/rehearsal/rehearse.sh loads the toolchain first). See docs/rehearsal.md.

Nothing here can reach AWS:
  * the stacks are synthesized into a scratch directory and copied; only the copy gets
    `rehearsal_override.tf.json`, which points every endpoint the provider and the S3 backend use
    at moto on 127.0.0.1, with dummy credentials;
  * every resource and data source type must be listed in TYPE_ENDPOINTS (else the rehearsal stops
    before Terraform runs), so a new type cannot silently use an endpoint that is not overridden;
  * Terraform, the provider and boto3 run with HTTP(S)_PROXY set to a local "fence" that refuses
    and records every request that is not for 127.0.0.1 (loopback is never proxied), so a missed
    endpoint fails loudly instead of leaving the machine (its one exception: S3 Control's
    `<account>.127.0.0.1:<moto port>` host, forwarded to moto);
  * AWS_* variables of the caller are dropped; credentials and config files point at empty files,
    HOME at a scratch directory, and the EC2 metadata service is disabled.
"""
from __future__ import annotations

import argparse
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
DUMMY_KEY = "rehearsal"  # dummy credentials: moto accepts anything

# Provider `endpoints` attributes pointed at moto (canonical names; aliases such as
# `applicationautoscaling` or `cloudwatchlogs` would only add "conflicting endpoints" warnings).
PROVIDER_ENDPOINTS = (
    "acm", "appautoscaling", "autoscaling", "cloudwatch", "ec2", "ecr", "ecs", "elb", "elbv2", "iam",
    "kms", "logs", "rds", "route53", "s3", "s3control", "secretsmanager", "servicediscovery", "sns", "ssm", "sts",
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
    )},
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
    "aws_service_discovery_http_namespace": "servicediscovery",
    "aws_sns_topic": "sns",
    "aws_sns_topic_subscription": "sns",
    "aws_ssm_parameter": "ssm",
    "data.aws_ssm_parameter": "ssm",
    **{t: "appautoscaling" for t in ("aws_appautoscaling_target", "aws_appautoscaling_policy")},
    "data.aws_caller_identity": "sts",
    "data.aws_iam_policy_document": None,
    "data.aws_elb_service_account": None,
    "data.aws_partition": None,
    "data.aws_region": None,
}

# Emulator gaps handled by leaving resources out of the rehearsal (`-target` on everything
# else; resources that depend on an excluded one are left out too and listed). Each entry: the
# reason, documented per resource in docs/rehearsal.md. Keep this list as short as possible.
@dataclass(frozen=True)
class Excluded:
    type: str
    reason: str
    only: Callable[[dict], bool] | None = None  # the resource blocks it applies to (default: all of the type)


EXCLUDED: tuple[Excluded, ...] = (
    Excluded("aws_appautoscaling_target", "moto has no application-autoscaling ListTagsForResource, which the provider calls on every read"),
    Excluded("aws_cloudwatch_metric_alarm", "moto speaks only the Query protocol for CloudWatch; the provider's SDK uses Smithy RPC v2 CBOR (404)"),
    Excluded("aws_ecs_service", "moto answers networkConfiguration {} for bridge-mode services (AWS omits it) and the provider dereferences it: crash",
             lambda block: "network_configuration" not in block),
)

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

TERRAFORM_TIMEOUT = 30 * 60
MOTO_START_TIMEOUT = 60


# ---------------------------------------------------------------------------------------------
# Output helpers


def log(message: str) -> None:
    print(message, flush=True)


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds < 60 else f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


class RehearsalError(Exception):
    """A step failed; the message says which and why."""


# ---------------------------------------------------------------------------------------------
# Outbound fence: the proxy every non-loopback request is sent to. It answers 403 and records.


class Fence:
    """Local HTTP proxy that every non-loopback request of Terraform, the provider and boto3 goes to.

    It refuses (403) and records everything, with one exception: S3 Control endpoints carry the
    account ID as a host prefix, so the SDK turns the moto endpoint into `<account>.127.0.0.1:<port>`,
    which no resolver knows. Plain-HTTP requests to exactly that form, for a port of a moto server
    started here, are forwarded to 127.0.0.1:<port> unchanged.
    """

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.forwarded = 0
        self.moto_ports: set[int] = set()
        fence = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _local_target(self) -> tuple[int, str] | None:
                url = urllib.parse.urlsplit(self.path)
                match = re.fullmatch(r"\d{12}\.127\.0\.0\.1", url.hostname or "")
                if url.scheme == "http" and match and url.port in fence.moto_ports:
                    return url.port, urllib.parse.urlunsplit(("", "", url.path, url.query, ""))
                return None

            def _refuse(self) -> None:
                fence.attempts.append(self.requestline)
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True

            def _relay(self) -> None:
                target = self._local_target()
                if target is None:
                    self._refuse()
                    return
                port, path = target
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request(self.command, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                connection.close()
                fence.forwarded += 1

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _relay

            def do_CONNECT(self) -> None:  # HTTPS tunnels: never
                self._refuse()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------
# moto server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """One moto_server process on 127.0.0.1, account `account_id`. Always stopped by stop()."""

    def __init__(self, account_id: str, log_path: Path, env: dict[str, str]) -> None:
        self.account_id = account_id
        self.log_path = log_path
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **self.env,
            # Every request is handled in this account (the stack's allowed account), so the
            # provider's allowed_account_ids check passes against moto's STS.
            "MOTO_ACCOUNT_ID": self.account_id,
            # ACM "issues" DNS-validated certificates after this many seconds (default 60).
            "MOTO_ACM_VALIDATION_WAIT": "1",
            # AWS managed policies (e.g. AmazonEC2ContainerServiceforEC2Role) exist, so attachments work.
            "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
        }
        for attempt in range(3):
            self.port = free_port()
            self.log_file = open(self.log_path, "ab")
            self.process = subprocess.Popen(
                [sys.executable, __file__, "--serve-moto", str(self.port)],
                stdout=self.log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
            deadline = time.monotonic() + MOTO_START_TIMEOUT
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(f"{self.url}/moto-api/data.json", timeout=2) as response:
                        if response.status == 200:
                            return
                except OSError:
                    time.sleep(0.3)
            self.stop()
            log(f"  moto did not start on port {self.port} (attempt {attempt + 1}); see {self.log_path}")
        raise RehearsalError(f"moto_server did not become ready; see {self.log_path}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            # Our own process group (start_new_session): werkzeug's reloader-free server has no children,
            # but this also ends any it might start.
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.log_file.close()


def serve_moto(port: int) -> None:
    """moto_server's app on 127.0.0.1, one request at a time. moto's models are not thread-safe:
    with moto_server's threaded server, Terraform's parallel AuthorizeSecurityGroupIngress calls on
    one group occasionally failed with InvalidPermission.Duplicate for rules that did not exist."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.server import MotoRequestHandler
    from werkzeug.serving import run_simple

    os.environ.setdefault("MOTO_PORT", str(port))
    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    run_simple("127.0.0.1", port, serialized, threaded=True, request_handler=MotoRequestHandler)


# ---------------------------------------------------------------------------------------------
# Stack model


@dataclass
class StackResult:
    name: str
    ok: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def element_types(tf: dict) -> list[str]:
    types = [t for t in tf.get("resource", {})]
    types += [f"data.{t}" for t in tf.get("data", {})]
    return sorted(types)


REFERENCE = re.compile(r"\b((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)")


def references(value: object) -> set[str]:
    """Addresses referenced in a block's expressions and depends_on."""
    found: set[str] = set()
    if isinstance(value, str):
        for expr in re.findall(r"\$\{([^}]*)\}", value):
            found.update(REFERENCE.findall(expr))
        found.update(REFERENCE.findall(value) if re.fullmatch(r"(data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+", value) else [])
    elif isinstance(value, dict):
        for v in value.values():
            found |= references(v)
    elif isinstance(value, list):
        for v in value:
            found |= references(v)
    return found


def rehearsal_targets(tf: dict) -> tuple[list[str], list[str]]:
    """Resource addresses to -target (all but excluded types and their dependents), and the left-out ones."""
    blocks: dict[str, object] = {}
    for rtype, items in tf.get("resource", {}).items():
        for name, block in items.items():
            blocks[f"{rtype}.{name}"] = block
    for dtype, items in tf.get("data", {}).items():
        for name, block in items.items():
            blocks[f"data.{dtype}.{name}"] = block
    excluded = {a for a, block in blocks.items() for gap in EXCLUDED
                if a.split(".")[0] == gap.type and (gap.only is None or gap.only(block))}
    changed = True
    while changed:
        changed = False
        for address, block in blocks.items():
            if address not in excluded and references(block) & excluded:
                excluded.add(address)
                changed = True
    targets = sorted(a for a in blocks if not a.startswith("data.") and a not in excluded)
    return targets, sorted(a for a in excluded if not a.startswith("data."))


def override_for(tf: dict, moto_url: str, fence_url: str) -> dict:
    """The rehearsal-only override: provider and backend at moto, dummy credentials, skip flags."""
    proxy = {"http_proxy": fence_url, "https_proxy": fence_url, "no_proxy": "127.0.0.1,localhost"}
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
    override: dict = {"provider": {"aws": providers}}

    backend = tf.get("terraform", {}).get("backend", {})
    if "s3" in backend:
        # An override's backend block replaces the original whole, so the original settings are repeated.
        override["terraform"] = {
            "backend": {
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
        }
    elif "local" in backend:
        override["terraform"] = {"backend": {"local": {"path": "terraform.tfstate"}}}

    resources: dict = {}
    for gap in IGNORED_ATTRIBUTES:
        for name, block in tf.get("resource", {}).get(gap.type, {}).items():
            if gap.only and not gap.only(block):
                continue
            # An override's ignore_changes replaces the original's, so the stack's own entries are kept.
            entry = resources.setdefault(gap.type, {}).setdefault(name, {"lifecycle": {"ignore_changes": list(block.get("lifecycle", {}).get("ignore_changes", []))}})
            entry["lifecycle"]["ignore_changes"] = sorted(set(entry["lifecycle"]["ignore_changes"]) | {gap.attribute})
    if resources:
        override["resource"] = resources
    return override


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


# ---------------------------------------------------------------------------------------------
# Environment


def sanitized_env(scratch: Path, fence_url: str) -> dict[str, str]:
    """The caller's environment without AWS credentials/config, with dummy ones and the fence proxy."""
    drop = re.compile(r"^(AWS_|TF_VAR_|TF_CLI_ARGS|TF_WORKSPACE$|TF_DATA_DIR$|TF_LOG|(HTTPS?|ALL|NO)_PROXY$)", re.IGNORECASE)
    env = {k: v for k, v in os.environ.items() if not drop.match(k)}
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "aws-config").write_text("")
    (home / "aws-credentials").write_text("")
    env.update({
        "HOME": str(home),
        "AWS_ACCESS_KEY_ID": DUMMY_KEY,
        "AWS_SECRET_ACCESS_KEY": DUMMY_KEY,
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "HTTP_PROXY": fence_url,
        "HTTPS_PROXY": fence_url,
        "http_proxy": fence_url,
        "https_proxy": fence_url,
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "CHECKPOINT_DISABLE": "1",
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
    })
    return env


# ---------------------------------------------------------------------------------------------
# Terraform


class Terraform:
    def __init__(self, binary: str, cwd: Path, env: dict[str, str], logs: Path) -> None:
        self.binary, self.cwd, self.env, self.logs = binary, cwd, env, logs
        self.warnings: set[str] = set()

    def run(self, step: str, *args: str, ok_codes: tuple[int, ...] = (0,)) -> tuple[int, str]:
        log_path = self.logs / f"{step}.log"
        with open(log_path, "w") as out:
            try:
                proc = subprocess.run([self.binary, *args], cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT, timeout=TERRAFORM_TIMEOUT)
            except subprocess.TimeoutExpired as error:
                raise RehearsalError(f"terraform {step} timed out after {TERRAFORM_TIMEOUT}s (log: {log_path})") from error
        text = log_path.read_text()
        self.warnings.update(warnings_in(text))
        if proc.returncode not in ok_codes:
            raise RehearsalError(f"terraform {' '.join(args[:1])} failed (exit {proc.returncode}); last lines of {log_path}:\n{tail(text, 40)}")
        return proc.returncode, text

    def json(self, *args: str) -> dict:
        proc = subprocess.run([self.binary, *args], cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=TERRAFORM_TIMEOUT)
        if proc.returncode != 0:
            raise RehearsalError(f"terraform {' '.join(args)} failed: {tail(proc.stderr, 20)}")
        return json.loads(proc.stdout)


# Warnings every targeted run prints; anything else (deprecations, ...) is reported.
# "Incomplete lock file information": the toolchain's filesystem mirror has one platform's hash only.
EXPECTED_WARNINGS = ("Resource targeting is in effect", "Applied changes may be incomplete", "Incomplete lock file information for providers")


def warnings_in(text: str) -> list[str]:
    found = re.findall(r"^\s*Warning: (.+)$", text, flags=re.MULTILINE)
    return [w.strip() for w in found if w.strip() not in EXPECTED_WARNINGS]


def tail(text: str, lines: int) -> str:
    return "\n".join("      " + line for line in text.rstrip().splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------
# Emulator checks


class Aws:
    def __init__(self, url: str, region: str) -> None:
        import boto3  # the toolchain venv ships boto3 with moto

        self.session = boto3.session.Session(aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_KEY, region_name=region)
        self.url = url

    def client(self, service: str):
        return self.session.client(service, endpoint_url=self.url)


def state_resources(state: dict) -> dict[str, dict]:
    """Resource values from `terraform show -json` (root module), by address."""
    out: dict[str, dict] = {}
    root = state.get("values", {}).get("root_module", {})
    for resource in root.get("resources", []):
        if resource.get("mode") == "managed":
            out[resource["address"]] = resource["values"]
    return out


def of_type(resources: dict[str, dict], rtype: str) -> dict[str, dict]:
    return {a: v for a, v in resources.items() if a.split(".")[0] == rtype}


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []

    def expect(self, condition: bool, what: str, detail: str = "") -> None:
        if condition:
            self.passed += 1
            log(f"    ok    {what}")
        else:
            self.failed.append(f"{what}{': ' + detail if detail else ''}")
            log(f"    FAIL  {what}{': ' + detail if detail else ''}")


def rule_key(rule: dict) -> tuple:
    return (
        rule.get("ip_protocol"), rule.get("from_port"), rule.get("to_port"),
        rule.get("cidr_ipv4") or None, rule.get("cidr_ipv6") or None, rule.get("referenced_security_group_id") or None,
    )


def api_rule_key(rule: dict) -> tuple:
    return (
        rule.get("IpProtocol"), rule.get("FromPort"), rule.get("ToPort"),
        rule.get("CidrIpv4") or None, rule.get("CidrIpv6") or None,
        (rule.get("ReferencedGroupInfo") or {}).get("GroupId") or None,
    )


def check_applied(aws: Aws, resources: dict[str, dict]) -> Checks:
    c = Checks()
    ec2, ecs, elbv2, rds = aws.client("ec2"), aws.client("ecs"), aws.client("elbv2"), aws.client("rds")

    for address, vpc in of_type(resources, "aws_vpc").items():
        found = ec2.describe_vpcs(VpcIds=[vpc["id"]])["Vpcs"]
        c.expect(len(found) == 1 and found[0]["CidrBlock"] == vpc["cidr_block"], f"{address}: VPC {vpc['id']} with {vpc['cidr_block']}")
        dns = ec2.describe_vpc_attribute(VpcId=vpc["id"], Attribute="enableDnsHostnames")["EnableDnsHostnames"]["Value"]
        c.expect(dns is True, f"{address}: DNS host names enabled")

    private = {v["id"] for v in of_type(resources, "aws_subnet").values() if (v.get("tags") or {}).get("tier") == "private"}
    for address, subnet in of_type(resources, "aws_subnet").items():
        found = ec2.describe_subnets(SubnetIds=[subnet["id"]])["Subnets"]
        c.expect(len(found) == 1 and not found[0]["MapPublicIpOnLaunch"], f"{address}: subnet exists, no public IPs on launch")

    # Security groups: the rules AWS holds are exactly the declared ones (no stray allow-all egress).
    declared: dict[str, set] = {}
    for rtype, direction in (("aws_vpc_security_group_ingress_rule", "ingress"), ("aws_vpc_security_group_egress_rule", "egress")):
        for rule in of_type(resources, rtype).values():
            declared.setdefault(rule["security_group_id"], set()).add((direction, *rule_key(rule)))
    for address, group in of_type(resources, "aws_security_group").items():
        found = ec2.describe_security_groups(GroupIds=[group["id"]])["SecurityGroups"]
        c.expect(len(found) == 1 and found[0]["VpcId"] == group["vpc_id"], f"{address}: security group {group['name']} in its VPC")
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group["id"]]}])["SecurityGroupRules"]
        actual = {("egress" if r["IsEgress"] else "ingress", *api_rule_key(r)) for r in rules}
        want = declared.get(group["id"], set())
        c.expect(actual == want, f"{address}: exactly the {len(want)} declared rules",
                 f"missing {sorted(map(str, want - actual))}, unexpected {sorted(map(str, actual - want))}")
    for address, group in of_type(resources, "aws_default_security_group").items():
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group["id"]]}])["SecurityGroupRules"]
        c.expect(rules == [], f"{address}: default security group has no rules", f"{len(rules)} rule(s)")

    for address, cluster in of_type(resources, "aws_ecs_cluster").items():
        found = ecs.describe_clusters(clusters=[cluster["arn"]])["clusters"]
        c.expect(len(found) == 1 and found[0]["status"] == "ACTIVE", f"{address}: cluster {cluster['name']} ACTIVE")
    for address, providers in of_type(resources, "aws_ecs_cluster_capacity_providers").items():
        found = ecs.describe_clusters(clusters=[providers["cluster_name"]])["clusters"]
        have = sorted(found[0].get("capacityProviders", [])) if found else []
        c.expect(have == sorted(providers["capacity_providers"]), f"{address}: capacity providers {', '.join(sorted(providers['capacity_providers']))}", f"emulator has {have}")

    target_groups = {v["arn"] for v in of_type(resources, "aws_lb_target_group").values()}
    for address, service in of_type(resources, "aws_ecs_service").items():
        found = ecs.describe_services(cluster=service["cluster"], services=[service["name"]])["services"]
        ok = len(found) == 1 and found[0]["status"] == "ACTIVE"
        c.expect(ok, f"{address}: service {service['name']} ACTIVE")
        if not ok:
            continue
        svc = found[0]
        c.expect(svc["taskDefinition"] == service["task_definition"], f"{address}: runs {service['task_definition'].split('/')[-1]}")
        vpc_config = svc.get("networkConfiguration", {}).get("awsvpcConfiguration")
        if vpc_config:
            c.expect(set(vpc_config["subnets"]) <= private and vpc_config.get("assignPublicIp") == "DISABLED",
                     f"{address}: private subnets only, no public IP", json.dumps(vpc_config))
        for lb in svc.get("loadBalancers", []):
            c.expect(lb["targetGroupArn"] in target_groups, f"{address}: registers in target group {lb['targetGroupArn'].split('/')[-2]}")

    for address, alb in of_type(resources, "aws_lb").items():
        found = elbv2.describe_load_balancers(LoadBalancerArns=[alb["arn"]])["LoadBalancers"]
        c.expect(len(found) == 1 and found[0].get("Scheme", "internet-facing") == ("internal" if alb["internal"] else "internet-facing"), f"{address}: load balancer {alb['name']}")
        listeners = {l["ListenerArn"]: l for l in elbv2.describe_listeners(LoadBalancerArn=alb["arn"])["Listeners"]}
        for laddr, listener in of_type(resources, "aws_lb_listener").items():
            if listener["load_balancer_arn"] != alb["arn"]:
                continue
            got = listeners.get(listener["arn"])
            c.expect(got is not None and got["Port"] == listener["port"] and got["Protocol"] == listener["protocol"], f"{laddr}: {listener['protocol']}:{listener['port']}")
    for address, rule in of_type(resources, "aws_lb_listener_rule").items():
        found = elbv2.describe_rules(RuleArns=[rule["arn"]])["Rules"]
        if len(found) != 1:
            c.expect(False, f"{address}: listener rule exists")
            continue
        got = found[0]
        paths = sorted(v for cond in got.get("Conditions", []) if cond["Field"] == "path-pattern" for v in (cond.get("PathPatternConfig", {}).get("Values") or cond.get("Values", [])))
        want_paths = sorted(v for cond in rule["condition"] if cond.get("path_pattern") for v in cond["path_pattern"][0]["values"])
        forward = [a.get("TargetGroupArn") for a in got.get("Actions", []) if a["Type"] == "forward"]
        want_forward = [a["target_group_arn"] for a in rule["action"] if a["type"] == "forward"]
        c.expect(got["Priority"] == str(rule["priority"]) and paths == want_paths and forward == want_forward,
                 f"{address}: priority {rule['priority']}, paths {want_paths} → its target group",
                 f"emulator: priority {got['Priority']}, paths {paths}, forward {forward}")

    for address, listener in of_type(resources, "aws_lb_listener").items():
        if listener["protocol"] != "HTTPS":
            continue
        got = elbv2.describe_listeners(ListenerArns=[listener["arn"]])["Listeners"][0]
        certificates = [cert["CertificateArn"] for cert in got.get("Certificates", [])]
        c.expect(got.get("SslPolicy") == listener["ssl_policy"] and certificates == [listener["certificate_arn"]],
                 f"{address}: TLS policy {listener['ssl_policy']} with the stack's certificate", f"emulator: {got.get('SslPolicy')}, {certificates}")
    for address, certificate in of_type(resources, "aws_acm_certificate").items():
        got = aws.client("acm").describe_certificate(CertificateArn=certificate["arn"])["Certificate"]
        c.expect(got["Status"] == "ISSUED" and got["DomainName"] == certificate["domain_name"], f"{address}: certificate for {certificate['domain_name']} issued (DNS validation)")
    for address, record in of_type(resources, "aws_route53_record").items():
        sets = aws.client("route53").list_resource_record_sets(HostedZoneId=record["zone_id"])["ResourceRecordSets"]
        names = {(r["Name"].rstrip("."), r["Type"]) for r in sets}
        c.expect((record["fqdn"].rstrip("."), record["type"]) in names, f"{address}: {record['type']} {record['fqdn']} in the hosted zone")

    sg_by_id = {v["id"]: v["name"] for v in of_type(resources, "aws_security_group").values()}
    for address, db in of_type(resources, "aws_db_instance").items():
        found = rds.describe_db_instances(DBInstanceIdentifier=db["identifier"])["DBInstances"]
        if len(found) != 1:
            c.expect(False, f"{address}: DB instance {db['identifier']} exists")
            continue
        got = found[0]
        c.expect(got["DBInstanceStatus"] == "available" and got["Engine"] == "postgres", f"{address}: {db['identifier']} available, postgres")
        c.expect(got["PubliclyAccessible"] is False and got["StorageEncrypted"] is True, f"{address}: private, storage encrypted")
        groups = sorted(g["VpcSecurityGroupId"] for g in got.get("VpcSecurityGroups", []))
        c.expect(groups == sorted(db["vpc_security_group_ids"]), f"{address}: security groups {[sg_by_id.get(g, g) for g in groups]}")
        c.expect(got.get("DBSubnetGroup", {}).get("DBSubnetGroupName") == db["db_subnet_group_name"], f"{address}: subnet group {db['db_subnet_group_name']}")
        c.expect(got.get("MultiAZ") == db["multi_az"] and got.get("DeletionProtection") == db["deletion_protection"],
                 f"{address}: multi-AZ {db['multi_az']}, deletion protection {db['deletion_protection']}")
    return c


def check_destroyed(aws: Aws, applied: dict[str, dict]) -> Checks:
    """Nothing the stack created is left (the emulator's own defaults excepted); final snapshots were taken."""
    c = Checks()
    for address, db in of_type(applied, "aws_db_instance").items():
        if not db.get("skip_final_snapshot") and db.get("final_snapshot_identifier"):
            snapshots = aws.client("rds").describe_db_snapshots(DBSnapshotIdentifier=db["final_snapshot_identifier"])["DBSnapshots"]
            c.expect(len(snapshots) == 1, f"{address}: final snapshot {db['final_snapshot_identifier']} taken on destroy")
    ec2 = aws.client("ec2")
    vpcs = [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
    c.expect(vpcs == [], "no VPC besides the emulator's default", ", ".join(vpcs))
    groups = [g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"]
    c.expect(groups == [], "no security group besides the defaults", ", ".join(groups))
    eips = [a.get("AllocationId") for a in ec2.describe_addresses()["Addresses"]]
    c.expect(eips == [], "no Elastic IP", ", ".join(map(str, eips)))
    nats = [n["NatGatewayId"] for n in ec2.describe_nat_gateways()["NatGateways"] if n["State"] not in ("deleted", "deleting")]
    c.expect(nats == [], "no NAT gateway", ", ".join(nats))
    ecs = aws.client("ecs")
    arns = ecs.list_clusters()["clusterArns"]
    active = [cl["clusterName"] for cl in (ecs.describe_clusters(clusters=arns)["clusters"] if arns else []) if cl["status"] == "ACTIVE"]
    c.expect(active == [], "no ECS cluster", ", ".join(active))
    elbv2 = aws.client("elbv2")
    lbs = [lb["LoadBalancerName"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]]
    c.expect(lbs == [], "no load balancer", ", ".join(lbs))
    tgs = [tg["TargetGroupName"] for tg in elbv2.describe_target_groups()["TargetGroups"]]
    c.expect(tgs == [], "no target group", ", ".join(tgs))
    dbs = [db["DBInstanceIdentifier"] for db in aws.client("rds").describe_db_instances()["DBInstances"]]
    c.expect(dbs == [], "no DB instance", ", ".join(dbs))
    repos = [r["repositoryName"] for r in aws.client("ecr").describe_repositories()["repositories"]]
    c.expect(repos == [], "no ECR repository", ", ".join(repos))
    groups = [g["logGroupName"] for g in aws.client("logs").describe_log_groups()["logGroups"]]
    c.expect(groups == [], "no log group", ", ".join(groups))
    roles = [r["RoleName"] for r in aws.client("iam").list_roles()["Roles"] if not r["Path"].startswith("/aws-service-role/")]
    c.expect(roles == [], "no IAM role", ", ".join(roles))
    topics = [t["TopicArn"] for t in aws.client("sns").list_topics()["Topics"]]
    c.expect(topics == [], "no SNS topic", ", ".join(topics))
    # /aws/... are AWS's public parameters (moto lists those it served, e.g. the ECS AMI).
    params = [p["Name"] for p in aws.client("ssm").describe_parameters()["Parameters"] if not p["Name"].startswith("/aws/")]
    c.expect(params == [], "no SSM parameter", ", ".join(params))
    alarms = [a["AlarmName"] for a in aws.client("cloudwatch").describe_alarms()["MetricAlarms"]]
    c.expect(alarms == [], "no CloudWatch alarm", ", ".join(alarms))
    targets = [t["ResourceId"] for t in aws.client("application-autoscaling").describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]]
    c.expect(targets == [], "no scalable target", ", ".join(targets))
    return c


# ---------------------------------------------------------------------------------------------
# Seeding what the stacks expect to exist already


def seed(aws: Aws, tf: dict, backend_bucket: str | None, region: str) -> list[str]:
    notes = []
    if backend_bucket:
        s3 = aws.client("s3")
        kwargs = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        s3.create_bucket(Bucket=backend_bucket, **kwargs)
        s3.put_bucket_versioning(Bucket=backend_bucket, VersioningConfiguration={"Status": "Enabled"})
        notes.append(f"state bucket {backend_bucket}")
    for zone in tf.get("data", {}).get("aws_route53_zone", {}).values():
        aws.client("route53").create_hosted_zone(Name=zone["name"], CallerReference=f"rehearsal-{zone['name']}")
        notes.append(f"public hosted zone {zone['name']}")
    for secret in tf.get("data", {}).get("aws_secretsmanager_secret", {}).values():
        if "name" in secret:
            aws.client("secretsmanager").create_secret(Name=secret["name"], SecretString="{}")
            notes.append(f"secret {secret['name']}")
    ssm = aws.client("ssm")
    for parameter in tf.get("data", {}).get("aws_ssm_parameter", {}).values():
        name = parameter["name"]
        if "${" in name:
            continue
        try:
            ssm.get_parameter(Name=name)  # moto serves AWS's public /aws/service/... parameters itself
        except ssm.exceptions.ParameterNotFound:
            # An AMI ID parameter in the app's own namespace: any AMI moto knows will do.
            image = aws.client("ec2").describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
            ssm.put_parameter(Name=name, Value=image, Type="String", Overwrite=True)
            notes.append(f"SSM parameter {name}")
    return notes


# ---------------------------------------------------------------------------------------------
# One stack


def rehearse_stack(name: str, synth_dir: Path, work_root: Path, artifacts: Path, fence: Fence) -> StackResult:
    result = StackResult(name)
    started = time.monotonic()
    source = synth_dir / "stacks" / name
    tf = json.loads((source / "cdk.tf.json").read_text())

    unknown = [t for t in element_types(tf) if t not in TYPE_ENDPOINTS]
    if unknown:
        raise RehearsalError(f"types without a known endpoint (add them to TYPE_ENDPOINTS in tools/rehearsal/rehearse.py): {', '.join(unknown)}")
    not_overridden = sorted({TYPE_ENDPOINTS[t] for t in element_types(tf)} - {None, *PROVIDER_ENDPOINTS})
    if not_overridden:
        raise RehearsalError(f"endpoints used but not pointed at moto (add them to PROVIDER_ENDPOINTS): {', '.join(map(str, not_overridden))}")

    work = work_root / name
    stack_dir = work / "stack"
    logs = work / "logs"
    shutil.copytree(source, stack_dir)
    logs.mkdir(parents=True)
    env = dict(os.environ)  # sanitized by main()
    provider = tf["provider"]["aws"][0]
    region = provider["region"]
    account = (provider.get("allowed_account_ids") or ["123456789012"])[0]
    backend = tf.get("terraform", {}).get("backend", {})
    bucket = backend.get("s3", {}).get("bucket")

    moto = Moto(account, logs / "moto.log", env)
    applied: dict[str, dict] = {}
    terraform: Terraform | None = None
    try:
        t = time.monotonic()
        moto.start()
        fence.moto_ports.add(moto.port)
        result.timings["moto"] = time.monotonic() - t
        log(f"  moto on {moto.url}, account {account}")
        (stack_dir / "rehearsal_override.tf.json").write_text(json.dumps(override_for(tf, moto.url, fence.url), indent=2) + "\n")

        aws = Aws(moto.url, region)
        seeded = seed(aws, tf, bucket, region)
        if seeded:
            log(f"  seeded (exists before the stack in a real account): {', '.join(seeded)}")

        targets, excluded = rehearsal_targets(tf)
        result.excluded = excluded
        target_args = [f"-target={a}" for a in targets] if excluded else []
        if excluded:
            log(f"  left out (emulator gaps, see docs/rehearsal.md): {', '.join(excluded)}")

        terraform = Terraform(os.environ["ECS_TF_BIN"], stack_dir, env, logs)

        def step(label: str, fn):
            t0 = time.monotonic()
            log(f"  {label} ...")
            try:
                return fn()
            finally:
                result.timings[label] = time.monotonic() - t0
                log(f"  {label} done in {fmt_seconds(result.timings[label])}")

        step("init", lambda: terraform.run("init", "init", "-input=false", "-no-color"))
        step("plan", lambda: terraform.run("plan", "plan", "-input=false", "-no-color", "-out=tfplan", *target_args))
        plan_json = terraform.json("show", "-json", "tfplan")
        artifacts.mkdir(parents=True, exist_ok=True)
        (artifacts / f"{name}.tfplan.json").write_text(json.dumps(plan_json) + "\n")
        changes = [rc for rc in plan_json.get("resource_changes", []) if rc["change"]["actions"] != ["no-op"]]
        log(f"  plan: {len(changes)} resource(s) to create")

        try:
            step("apply", lambda: terraform.run("apply", "apply", "-input=false", "-no-color", "-auto-approve", "tfplan"))
            code, _ = step("replan", lambda: terraform.run(
                "replan", "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan.replan", *target_args, ok_codes=(0, 2)))
            if code == 2:
                _, diff = terraform.run("replan-show", "show", "-no-color", "tfplan.replan")
                result.failures.append("re-plan after apply is not empty (perpetual diff)")
                log("  FAIL  re-plan after apply shows changes (a perpetual diff):")
                log(tail(diff, 400))
            else:
                log("  ok    re-plan after apply: no changes")

            applied = state_resources(terraform.json("show", "-json"))
            log("  checks against the emulator:")
            t0 = time.monotonic()
            checks = check_applied(aws, applied)
            result.timings["checks"] = time.monotonic() - t0
            result.failures += checks.failed
            result.notes.append(f"{checks.passed} checks passed after apply")
        finally:
            # Destroy even when a step above failed, so the emulator check below is meaningful.
            try:
                protected = teardown_override(tf)
                if protected:
                    # As in a real decommission: switch deletion protection off first (apply), then destroy.
                    (stack_dir / "rehearsal_teardown_override.tf.json").write_text(json.dumps(protected, indent=2) + "\n")
                    step("unprotect", lambda: terraform.run("unprotect", "apply", "-input=false", "-no-color", "-auto-approve", *target_args))
                step("destroy", lambda: terraform.run("destroy", "destroy", "-input=false", "-no-color", "-auto-approve", *target_args))
            except RehearsalError as error:
                result.failures.append(str(error))
                log(f"  FAIL  {error}")
        log("  checks after destroy:")
        leftovers = check_destroyed(aws, applied)
        result.failures += leftovers.failed
        result.notes.append(f"{leftovers.passed} leftover checks passed")
    except RehearsalError as error:
        result.failures.append(str(error))
        log(f"  FAIL  {error}")
    except Exception as error:  # an emulator or boto3 error: fail this stack, keep going
        result.failures.append(f"{type(error).__name__}: {error}")
        log(f"  FAIL  {type(error).__name__}: {error}")
    finally:
        moto.stop()
        if terraform is not None and terraform.warnings:
            result.notes.append(f"Terraform warnings: {'; '.join(sorted(terraform.warnings))}")
        result.timings["total"] = time.monotonic() - started
    result.ok = not result.failures
    return result


# ---------------------------------------------------------------------------------------------
# Main


def synthesize(config: str | None, outdir: Path) -> list[str]:
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir)}
    env.pop("ECS_PLATFORM_BACKEND", None)
    if config:
        env["ECS_PLATFORM_CONFIG"] = str(Path(config).resolve())
    proc = subprocess.run(["node", "--require", "./tools/register-ts.js", "main.ts"], cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RehearsalError(f"synth failed:\n{proc.stdout}{proc.stderr}")
    return sorted(p.name for p in (outdir / "stacks").iterdir() if (p / "cdk.tf.json").exists())


def shipped(stacks: list[str], synth_dir: Path) -> list[str]:
    """Platform stacks: those whose state lives in the S3 backend. Bootstrap stacks (local state,
    prevent_destroy on the state bucket by design) are rehearsed only when named with --stack."""
    out = []
    for name in stacks:
        tf = json.loads((synth_dir / "stacks" / name / "cdk.tf.json").read_text())
        if "s3" in tf.get("terraform", {}).get("backend", {}):
            out.append(name)
    return out


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--serve-moto":
        serve_moto(int(sys.argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", action="append", help="stack to rehearse (repeatable; default: every platform stack)")
    parser.add_argument("--config", help="config module or JSON (default: config/app.ts, or ECS_PLATFORM_CONFIG)")
    parser.add_argument("--artifacts", default=str(ROOT / "cdktf.out" / "rehearsal"), help="where plan JSON files are written (default: cdktf.out/rehearsal)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, state, override) for inspection")
    args = parser.parse_args()
    if "ECS_TF_BIN" not in os.environ:
        print("ECS_TF_BIN is not set: run through `npm run rehearse` (tools/rehearsal/rehearse.sh loads the toolchain).", file=sys.stderr)
        return 3

    scratch = Path(tempfile.mkdtemp(prefix="ecs-rehearsal-"))
    fence = Fence()
    # From here on this process (boto3, urllib) and everything it starts (node, terraform, the
    # provider, moto) sees only dummy credentials and the fence as proxy.
    env = sanitized_env(scratch, fence.url)
    os.environ.clear()
    os.environ.update(env)
    results: list[StackResult] = []

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        t = time.monotonic()
        all_stacks = synthesize(args.config, scratch / "synth")
        synth_time = time.monotonic() - t
        log(f"== synth: {', '.join(all_stacks)} ({fmt_seconds(synth_time)}) into {scratch / 'synth'}")
        selected = args.stack or shipped(all_stacks, scratch / "synth")
        missing = [s for s in selected if s not in all_stacks]
        if missing:
            raise RehearsalError(f"unknown stack(s) {', '.join(missing)}; synthesized: {', '.join(all_stacks)}")
        for name in selected:
            log(f"== {name}")
            results.append(rehearse_stack(name, scratch / "synth", scratch / "work", Path(args.artifacts), fence))
    except RehearsalError as error:
        log(f"FAIL  {error}")
        return 1
    except KeyboardInterrupt as error:
        log(f"interrupted ({error}); moto stopped, scratch dir {scratch}")
        return 130
    finally:
        fence.close()
        if args.keep:
            log(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    if fence.attempts:
        log("FAIL  requests to addresses other than 127.0.0.1 were attempted and refused:")
        for attempt in sorted(set(fence.attempts)):
            log(f"      {attempt}")

    steps = ["init", "plan", "apply", "replan", "checks", "unprotect", "destroy", "total"]
    log("")
    log("== rehearsal summary (moto, real Terraform and AWS provider)")
    log(f"{'stack':<24} {'result':<7} " + " ".join(f"{s:>8}" for s in steps))
    for r in results:
        log(f"{r.name:<24} {'PASS' if r.ok else 'FAIL':<7} " + " ".join(f"{fmt_seconds(r.timings[s]) if s in r.timings else '-':>8}" for s in steps))
        for note in r.notes:
            log(f"{'':<24} {note}")
        if r.excluded:
            log(f"{'':<24} left out (emulator gaps): {len(r.excluded)} resource(s)")
        for failure in r.failures:
            log(f"{'':<24} FAIL: {failure.splitlines()[0]}")
    log(f"outbound requests refused by the fence: {len(fence.attempts)} "
        f"(S3 Control requests to <account>.127.0.0.1 forwarded to moto: {fence.forwarded})")
    log(f"total {fmt_seconds(time.monotonic() - started)}")
    return 0 if results and all(r.ok for r in results) and not fence.attempts else 1


if __name__ == "__main__":
    sys.exit(main())
