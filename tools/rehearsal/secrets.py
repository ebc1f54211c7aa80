"""Issue 12's proof that no out-of-band secret reaches Terraform state or a plan (docs/rehearsal.md,
step 6a): after the apply, set every out-of-band secret's value the way an operator would (boto3
against moto, i.e. `aws secretsmanager put-secret-value`), refresh, re-plan into a saved plan file,
and search the state (every version of the state object in the bucket, and `terraform state pull`)
and the saved plan (every member of the plan archive, and `terraform show -json` of it) for the
value. Any hit fails the stack. The search itself is pure and unit-tested."""
from __future__ import annotations

import io
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


def prove_secrets_stay_out(aws, terraform, stack_dir: Path, applied: dict[str, dict], bucket: str | None, key: str | None, target_args: list[str]) -> Checks:
    checks = Checks()
    secrets_by_address = out_of_band_secrets(applied)
    if not secrets_by_address:
        checks.expect(True, "no out-of-band secret in this stack (nothing to prove)")
        return checks
    value = marker()
    sm = aws.client("secretsmanager")
    for arn in secrets_by_address.values():
        sm.put_secret_value(SecretId=arn, SecretString=value)
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
        found = hits_in_bytes(data, value)
        checks.expect(found == 0, f"secret value absent from {where}", f"{found} occurrence(s)")
    return checks
