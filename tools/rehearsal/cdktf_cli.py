"""`npm run rehearse:cdktf`: one shipped stack through the cdktf CLI itself against moto —
`cdktf deploy` with an image-tag variable, `cdktf diff` (must show no changes), `cdktf destroy` —
instead of driving `terraform` directly (docs/rehearsal.md, "The cdktf CLI tier").

What makes the CLI work offline and against the emulator, without touching the synthesized JSON:
- cdktf's provider-lock step (`terraform providers lock -platform=linux_amd64`, which asks the
  registry) is skipped with cdktf's own `--skip-provider-lock`; `terraform init` installs the
  pinned provider from the toolchain's filesystem mirror and writes the lock file itself.
- `rehearsal_override.tf.json` (the rehearsal's override: provider and backend endpoints at moto)
  is written next to cdk.tf.json in the output directory; cdktf's synth rewrites only cdk.tf.json.
- Emulator gaps (targets.py) become `-target` arguments through Terraform's documented
  TF_CLI_ARGS_plan / _apply / _destroy variables, since cdktf has no --target.
- cdktf runs `$TERRAFORM_BINARY_NAME`: the toolchain's Terraform.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from .checks import Aws
from .cli import synthesize
from .common import ROOT, RehearsalError, fmt_seconds, log, tail
from .emulator import Moto
from .fence import Fence, close_run, open_run, toolchain_loaded
from .overrides import check_inventory, override_for
from .stack import seed
from .targets import rehearsal_targets

CDKTF = ROOT / "node_modules" / ".bin" / "cdktf"
CDKTF_TIMEOUT = 30 * 60
IMAGE_TAG = "rehearsal-1"


def image_vars(tf: dict, tag: str) -> list[str]:
    """`--var image_tag_<service>=<tag>` for every image-tag variable of the stack."""
    names = sorted(v for v in tf.get("variable", {}) if v.startswith("image_tag_"))
    return [arg for name in names for arg in ("--var", f"{name}={tag}")]


def target_env(targets: list[str], excluded: list[str]) -> dict[str, str]:
    """TF_CLI_ARGS_* that restrict plan, apply and destroy to what the emulator can do."""
    if not excluded:
        return {}
    args = " ".join(f"-target={t}" for t in targets)
    return {f"TF_CLI_ARGS_{command}": args for command in ("plan", "apply", "destroy")}


def no_changes(output: str) -> bool:
    """cdktf diff's output for an empty plan (Terraform's own sentence, relayed per stack)."""
    return bool(re.search(r"No changes\. Your infrastructure matches the configuration", output))


def run_cdktf(label: str, args: list[str], env: dict[str, str], logs: Path, timings: dict[str, float]) -> str:
    log(f"  cdktf {' '.join(a for a in args if not a.startswith('image_tag_'))[:120]} ...")
    t0 = time.monotonic()
    log_path = logs / f"cdktf-{label}.log"
    with open(log_path, "w") as out:
        try:
            proc = subprocess.run([str(CDKTF), *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=CDKTF_TIMEOUT)
        except subprocess.TimeoutExpired as error:
            raise RehearsalError(f"cdktf {label} timed out after {CDKTF_TIMEOUT}s (log: {log_path})") from error
    timings[label] = time.monotonic() - t0
    text = log_path.read_text()
    log(f"  cdktf {label} done in {fmt_seconds(timings[label])} (exit {proc.returncode})")
    if proc.returncode != 0:
        raise RehearsalError(f"cdktf {label} failed (exit {proc.returncode}); last lines of {log_path}:\n{tail(text, 40)}")
    return text


def rehearse_with_cdktf(stack: str, scratch: Path, fence: Fence, env: dict[str, str]) -> dict[str, float]:
    timings: dict[str, float] = {}
    out = scratch / "out"
    t = time.monotonic()
    stacks = synthesize(None, out)
    timings["synth"] = time.monotonic() - t
    if stack not in stacks:
        raise RehearsalError(f"unknown stack {stack}; synthesized: {', '.join(stacks)}")
    stack_dir = out / "stacks" / stack
    tf = json.loads((stack_dir / "cdk.tf.json").read_text())
    check_inventory(tf)
    provider = tf["provider"]["aws"][0]
    region = provider["region"]
    account = (provider.get("allowed_account_ids") or ["123456789012"])[0]
    bucket = tf.get("terraform", {}).get("backend", {}).get("s3", {}).get("bucket")
    logs = scratch / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    moto = Moto(account, logs / "moto.log", env)
    try:
        moto.start()
        fence.moto_ports.add(moto.port)
        log(f"  moto on {moto.url}, account {account}")
        (stack_dir / "rehearsal_override.tf.json").write_text(json.dumps(override_for(tf, moto.url, fence.url), indent=2) + "\n")
        seeded = seed(Aws(moto.url, region), tf, bucket, region)
        if seeded:
            log(f"  seeded: {', '.join(seeded)}")
        targets, excluded = rehearsal_targets(tf)
        if excluded:
            log(f"  left out (emulator gaps, docs/rehearsal.md): {len(excluded)} resource(s), via TF_CLI_ARGS_plan/apply/destroy")
        cdktf_env = {**env, **target_env(targets, excluded), "TERRAFORM_BINARY_NAME": env["ECS_TF_BIN"], "CI": "1", "FORCE_COLOR": "0"}
        common = ["--output", str(out), "--skip-provider-lock"]
        tags = image_vars(tf, IMAGE_TAG)
        deployed = run_cdktf("deploy", ["deploy", stack, *common, "--auto-approve", *tags], cdktf_env, logs, timings)
        if not re.search(r"Apply complete!", deployed):
            raise RehearsalError(f"cdktf deploy printed no 'Apply complete!'; see {logs / 'cdktf-deploy.log'}")
        lock = stack_dir / ".terraform.lock.hcl"
        if 'provider "registry.terraform.io/hashicorp/aws"' not in (lock.read_text() if lock.exists() else ""):
            raise RehearsalError("terraform init wrote no lock entry for hashicorp/aws")
        diff = run_cdktf("diff", ["diff", stack, *common, *tags], cdktf_env, logs, timings)
        if not no_changes(diff):
            raise RehearsalError(f"cdktf diff after deploy is not empty:\n{tail(diff, 60)}")
        log("  ok    cdktf diff after deploy: no changes")
        run_cdktf("destroy", ["destroy", stack, *common, "--auto-approve", *tags], cdktf_env, logs, timings)
        state = Aws(moto.url, region).client("s3").list_objects_v2(Bucket=bucket).get("Contents", []) if bucket else []
        log(f"  state objects in the emulator's bucket after destroy: {[o['Key'] for o in state]}")
    finally:
        moto.stop()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="npm run rehearse:cdktf --", description=__doc__.splitlines()[0])
    parser.add_argument("--stack", default="shop-dev", help="stack to deploy, diff and destroy (default shop-dev)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, state, override)")
    args = parser.parse_args(argv)
    if not toolchain_loaded("rehearse:cdktf"):
        return 3
    scratch, fence, env = open_run("ecs-rehearsal-cdktf-")
    started = time.monotonic()
    code = 1
    try:
        log(f"== {args.stack} through the cdktf CLI")
        timings = rehearse_with_cdktf(args.stack, scratch, fence, env)
        timings["total"] = time.monotonic() - started
        log("== cdktf CLI tier: " + ", ".join(f"{k} {fmt_seconds(v)}" for k, v in timings.items()))
        code = 0
    except RehearsalError as error:
        log(f"FAIL  {error}")
    finally:
        clean = close_run(fence, scratch, args.keep)
    return code if clean else 1


if __name__ == "__main__":
    sys.exit(main())
