"""Issue 12's proof that no out-of-band secret reaches Terraform state or a plan (docs/rehearsal.md,
step 6a): after the apply, set every out-of-band secret's value the way an operator would (boto3
against moto, i.e. `aws secretsmanager put-secret-value`), refresh, re-plan into a saved plan file,
and search the state (every version of the state object in the bucket, and `terraform state pull`)
and the saved plan (every member of the plan archive, and `terraform show -json` of it) for the
value. Any hit fails the stack. The search itself is pure and unit-tested."""
from __future__ import annotations

import io
import json
import re
import secrets
import zipfile
from pathlib import Path

from .checks import Checks, of_type


def marker() -> str:
    """A value that cannot occur in a stack by chance."""
    return f"rehearsal-oob-secret-{secrets.token_hex(12)}"


def hits_in_bytes(data: bytes, value: str) -> int:
    """Occurrences of `value` in raw bytes, and inside any zip archive (a saved plan file is one)."""
    needle = value.encode()
    count = data.count(needle)
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                count += archive.read(member).count(needle)
    return count


def out_of_band_secrets(applied: dict[str, dict]) -> dict[str, str]:
    """Secrets the stack created without any Terraform-managed version: address -> ARN."""
    versions = {v.get("secret_id") for v in of_type(applied, "aws_secretsmanager_secret_version").values()}
    return {a: v["arn"] for a, v in of_type(applied, "aws_secretsmanager_secret").items() if v["arn"] not in versions}


def sign_in_steps(tf: dict) -> list[dict[str, str]]:
    """The OIDC sign-in steps of a synthesized stack (constructs/sign-in-client-secret.ts): the
    environment of each one's local-exec, which names the secret and the listener or rule."""
    steps = []
    for step in tf.get("resource", {}).get("terraform_data", {}).values():
        for provisioner in step.get("provisioner", []):
            env = provisioner.get("local-exec", {}).get("environment", {})
            if "SIGN_IN_SECRET_ID" in env:
                steps.append(env)
    return steps


def target_address(env: dict[str, str]) -> str:
    """`aws_lb_listener.x` from the step's `${aws_lb_listener.x.arn}`."""
    match = re.fullmatch(r"\$\{(aws_lb_listener(?:_rule)?\.[^.}]+)\.arn\}", env["SIGN_IN_TARGET_ARN"])
    if not match:
        raise ValueError(f"sign-in step without a listener or rule reference: {env['SIGN_IN_TARGET_ARN']}")
    return match.group(1)


def seed_sign_in_secrets(aws, tf: dict) -> dict[str, str]:
    """Creates each sign-in client secret (the identity team's, in a real account, before the stack)
    with a fresh marker value, under the JSON key when the step names one: secret ID -> marker."""
    values: dict[str, str] = {}
    sm = aws.client("secretsmanager")
    for env in sign_in_steps(tf):
        secret_id, key = env["SIGN_IN_SECRET_ID"], env.get("SIGN_IN_SECRET_JSON_KEY", "")
        if secret_id not in values:
            values[secret_id] = marker()
            sm.create_secret(Name=secret_id, SecretString=json.dumps({key: values[secret_id]}) if key else values[secret_id])
    return values


def check_sign_in_secrets_set(aws, tf: dict, applied: dict[str, dict], values: dict[str, str]) -> Checks:
    """After apply: every listener and rule that signs in carries its secret's value, set by the step
    (moto answers ClientSecret; AWS never does)."""
    checks = Checks()
    elbv2 = aws.client("elbv2")
    for env in sign_in_steps(tf):
        address = target_address(env)
        arn = applied[address]["arn"]
        if address.startswith("aws_lb_listener_rule."):
            actions = elbv2.describe_rules(RuleArns=[arn])["Rules"][0]["Actions"]
        else:
            actions = elbv2.describe_listeners(ListenerArns=[arn])["Listeners"][0]["DefaultActions"]
        got = [a.get("AuthenticateOidcConfig", {}).get("ClientSecret") for a in actions if a["Type"] == "authenticate-oidc"]
        checks.expect(got == [values[env["SIGN_IN_SECRET_ID"]]], f"{address}: the step set the client secret of {env['SIGN_IN_SECRET_ID']} on the load balancer")
    return checks


def prove_secrets_stay_out(aws, terraform, stack_dir: Path, applied: dict[str, dict], bucket: str | None, key: str | None, target_args: list[str],
                           sign_in_values: dict[str, str] | None = None) -> Checks:
    """The out-of-band secrets are set here; the sign-in secrets (`sign_in_values`, seeded before
    apply and set on the ALB by the stack's own steps) are searched for as well."""
    checks = Checks()
    secrets_by_address = out_of_band_secrets(applied)
    searched = list((sign_in_values or {}).values())
    if not secrets_by_address and not searched:
        checks.expect(True, "no out-of-band or sign-in secret in this stack (nothing to prove)")
        return checks
    value = marker()
    searched.append(value)
    sm = aws.client("secretsmanager")
    for arn in secrets_by_address.values():
        sm.put_secret_value(SecretId=arn, SecretString=value)
    if secrets_by_address:
        checks.expect(all(sm.get_secret_value(SecretId=arn)["SecretString"] == value for arn in secrets_by_address.values()),
                      f"set out of band: {', '.join(secrets_by_address)}")

    terraform.run("oob-refresh", "apply", "-refresh-only", "-input=false", "-no-color", "-auto-approve", *target_args)
    code, _ = terraform.run("oob-plan", "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan.oob", *target_args, ok_codes=(0, 2))
    checks.expect(code == 0, "re-plan after setting the secret out of band: no changes (Terraform does not own the value)")

    places: dict[str, bytes] = {}
    _, pulled = terraform.run("oob-state-pull", "state", "pull")
    places["terraform state pull"] = pulled.encode()
    places["saved plan tfplan.oob"] = (stack_dir / "tfplan.oob").read_bytes()
    _, shown = terraform.run("oob-plan-show", "show", "-json", "tfplan.oob")
    places["terraform show -json tfplan.oob"] = shown.encode()
    if bucket and key:
        s3 = aws.client("s3")
        for version in s3.list_object_versions(Bucket=bucket, Prefix=key).get("Versions", []):
            body = s3.get_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
            places[f"s3://{bucket}/{version['Key']} version {version['VersionId'][:8]}"] = body
    else:
        places["local state"] = b"".join(p.read_bytes() for p in stack_dir.glob("*.tfstate*"))
    for where, data in places.items():
        found = sum(hits_in_bytes(data, v) for v in searched)
        checks.expect(found == 0, f"secret values ({len(searched)}) absent from {where}", f"{found} occurrence(s)")
    return checks
