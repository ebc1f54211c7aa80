"""One stack's rehearsal: seed moto, then the Terraform cycle and the checks (docs/rehearsal.md)."""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Aws, check_applied, check_destroyed, state_resources
from .common import RehearsalError, fmt_seconds, log, tail
from .emulator import Moto
from .fence import Fence
from .overrides import check_inventory, override_for, teardown_override
from .secrets import check_sign_in_secrets_set, prove_secrets_stay_out, seed_sign_in_secrets
from .targets import rehearsal_targets
from .terraform import Terraform


@dataclass
class StackResult:
    name: str
    ok: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def seed(aws: Aws, tf: dict, backend_bucket: str | None, region: str) -> list[str]:
    """Creates in moto what the stack expects to exist before it (state bucket, hosted zone,
    referenced secrets and SSM parameters); returns what it created."""
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


def rehearse_stack(name: str, synth_dir: Path, work_root: Path, artifacts: Path, fence: Fence) -> StackResult:
    """init, plan, apply, re-plan (must be empty), checks, unprotect, destroy, leftover checks, on a
    copy of the synthesized stack with the rehearsal override; always stops its moto."""
    result = StackResult(name)
    started = time.monotonic()
    source = synth_dir / "stacks" / name
    tf = json.loads((source / "cdk.tf.json").read_text())

    check_inventory(tf)

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
        sign_in = seed_sign_in_secrets(aws, tf)
        seeded += [f"sign-in secret {secret_id} (marker value)" for secret_id in sign_in]
        if seeded:
            log(f"  seeded (exists before the stack in a real account): {', '.join(seeded)}")
        # The sign-in steps' AWS CLI: the same moto as the provider's elbv2 and secretsmanager endpoints.
        env.update({f"AWS_ENDPOINT_URL_{service}": moto.url for service in ("ELASTIC_LOAD_BALANCING_V2", "SECRETS_MANAGER")})

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
            if sign_in:
                log("  sign-in client secrets set on the load balancer after apply:")
                set_checks = check_sign_in_secrets_set(aws, tf, applied, sign_in)
                result.failures += set_checks.failed
                result.notes.append(f"{set_checks.passed} sign-in checks passed")
            log("  out-of-band and sign-in secrets stay out of state and plans:")
            proof = step("secrets", lambda: prove_secrets_stay_out(aws, terraform, stack_dir, applied, bucket, backend.get("s3", {}).get("key"), target_args, sign_in))
            result.failures += proof.failed
            result.notes.append(f"{proof.passed} secret checks passed")
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

