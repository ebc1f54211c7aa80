"""`npm run rehearse:walkthrough`: docs/deploy.md's first-deploy walkthrough, run command by command
against moto — bootstrap the state bucket and roles, first deploy, ship an image, roll back.

The commands are the doc's own text: every ```sh block preceded by `<!-- walkthrough: <step> -->`
runs as written, in order, in bash, in a scratch copy of the project. The only adapters are shell
functions defined before each block (see PRELUDE) that make the doc's commands work without AWS:
- after `npm run synth`, the rehearsal's override (provider endpoints at moto) is written next to
  every stack's cdk.tf.json (the synthesized JSON is never changed; a local backend stays as is);
- `terraform apply|destroy` and `npx cdktf deploy|destroy` answer "yes" (-auto-approve /
  --auto-approve), cdktf skips its registry lock step (--skip-provider-lock), and emulator gaps
  become -target arguments (targets.py);
- `AWS_PROFILE=<name>` profiles exist, with dummy credentials; `<previous sha>` is the tag of the
  step before.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from .checks import Aws
from .common import ROOT, RehearsalError, fmt_seconds, log, tail
from .emulator import Moto
from .fence import Fence, close_run, open_run, toolchain_loaded
from .overrides import bucket_policies_without_conditional_denies, override_for
from .targets import rehearsal_targets

DOC = ROOT / "docs" / "deploy.md"
BLOCK = re.compile(r"<!--\s*walkthrough:\s*([a-z0-9-]+)\s*-->[ \t]*\n([ \t]*)```sh\n(.*?)\n[ \t]*```", re.S)
STEPS = ("bootstrap", "first-deploy", "ship-image", "roll-back")
ACCOUNT = "111111111111"  # shop-dev's allowed account (config/app.ts)
REGION = "eu-west-1"
STACK = "shop-dev"


def walkthrough_blocks(markdown: str) -> list[tuple[str, str]]:
    """`(step, commands)` of every marked ```sh block, in document order, dedented."""
    blocks = []
    for match in BLOCK.finditer(markdown):
        indent = match.group(2)
        lines = [line[len(indent):] if line.startswith(indent) else line for line in match.group(3).split("\n")]
        blocks.append((match.group(1), textwrap.dedent("\n".join(lines))))
    return blocks


def profiles_in(commands: str) -> list[str]:
    return sorted(set(re.findall(r"\bAWS_PROFILE=([A-Za-z0-9_-]+)", commands)))


PRELUDE = r'''
set -euo pipefail
__rehearsal() { "$WALKTHROUGH_PYTHON" -m tools.rehearsal.walkthrough "$@"; }
npm() {
  command npm "$@"
  if [ "${1-}" = run ] && [ "${2-}" = synth ]; then __rehearsal overrides "$PWD/cdktf.out"; fi
}
terraform() {
  local command=$1; shift
  case "$command" in
    apply|destroy) "$ECS_TF_BIN" "$command" -auto-approve $(__rehearsal targets "$PWD") "$@" ;;
    plan) "$ECS_TF_BIN" "$command" $(__rehearsal targets "$PWD") "$@" ;;
    *) "$ECS_TF_BIN" "$command" "$@" ;;
  esac
}
npx() {
  if [ "${1-}" = cdktf ] && [ -n "${3-}" ]; then
    local stack_dir="$PWD/cdktf.out/stacks/$3" targets
    targets=$(__rehearsal targets "$stack_dir")
    case "${2-}" in
      deploy|destroy) TF_CLI_ARGS_apply="$targets" TF_CLI_ARGS_destroy="$targets" TF_CLI_ARGS_plan="$targets" command npx "$@" --auto-approve --skip-provider-lock ;;
      diff) TF_CLI_ARGS_plan="$targets" command npx "$@" --skip-provider-lock ;;
      *) command npx "$@" ;;
    esac
  else
    command npx "$@"
  fi
}
'''


def write_overrides(outdir: Path) -> None:
    """The rehearsal override next to every synthesized stack (a local backend is left alone)."""
    for stack_dir in sorted((outdir / "stacks").iterdir()):
        tf = json.loads((stack_dir / "cdk.tf.json").read_text())
        override = override_for(tf, os.environ["WALKTHROUGH_MOTO_URL"], os.environ["WALKTHROUGH_FENCE_URL"])
        if "local" in tf.get("terraform", {}).get("backend", {}):
            override.pop("terraform", None)
        # The bootstrap stack creates the state bucket with its TLS-only policy (an emulator gap).
        override.update(bucket_policies_without_conditional_denies(tf))
        (stack_dir / "rehearsal_override.tf.json").write_text(json.dumps(override, indent=2) + "\n")


def targets_of(stack_dir: Path) -> str:
    """-target arguments for a stack directory when emulator gaps leave something out, else ''."""
    file = stack_dir / "cdk.tf.json"
    if not file.exists():
        return ""
    targets, excluded = rehearsal_targets(json.loads(file.read_text()))
    return " ".join(f"-target={t}" for t in targets) if excluded else ""


def project_files() -> list[str]:
    """The checkout's files as git lists them (tracked, and untracked but not ignored). Run before
    open_run: git needs the caller's HOME for its global ignores and safe.directory."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        raise RehearsalError(f"git ls-files failed in {ROOT}: {listed.stderr.strip()}")
    return [name for name in listed.stdout.split("\n") if name]


def copy_project(dest: Path, files: list[str]) -> None:
    for name in files:
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")


def deployed_images(aws: Aws) -> dict[str, str]:
    """service name → image of its task definition, as the emulator has them."""
    ecs = aws.client("ecs")
    images = {}
    for cluster in ecs.list_clusters()["clusterArns"]:
        for arn in ecs.list_services(cluster=cluster)["serviceArns"]:
            service = ecs.describe_services(cluster=cluster, services=[arn])["services"][0]
            task = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
            images[service["serviceName"]] = task["containerDefinitions"][0]["image"]
    return images


def run(scratch: Path, fence: Fence, env: dict[str, str], files: list[str]) -> dict[str, float]:
    blocks = walkthrough_blocks(DOC.read_text())
    if [name for name, _ in blocks] != list(STEPS):
        raise RehearsalError(f"docs/deploy.md walkthrough blocks are {[n for n, _ in blocks]}; expected {list(STEPS)}")
    project = scratch / "project"
    copy_project(project, files)
    logs = scratch / "logs"
    logs.mkdir()
    home = Path(env["HOME"])
    profiles = sorted({p for _, commands in blocks for p in profiles_in(commands)})
    Path(env["AWS_SHARED_CREDENTIALS_FILE"]).write_text("".join(f"[{p}]\naws_access_key_id = rehearsal\naws_secret_access_key = rehearsal\n" for p in profiles))
    Path(env["AWS_CONFIG_FILE"]).write_text("".join(f"[profile {p}]\nregion = {REGION}\n" for p in profiles))
    moto = Moto(ACCOUNT, logs / "moto.log", env)
    timings: dict[str, float] = {}
    try:
        moto.start()
        fence.moto_ports.add(moto.port)
        aws = Aws(moto.url, REGION)
        shell_env = {**env, "WALKTHROUGH_PYTHON": sys.executable, "WALKTHROUGH_MOTO_URL": moto.url, "WALKTHROUGH_FENCE_URL": fence.url,
                     "TERRAFORM_BINARY_NAME": env["ECS_TF_BIN"], "PYTHONPATH": str(ROOT), "HOME": str(home), "CI": "1"}
        previous_tag = ""
        for step, commands in blocks:
            script = commands.replace("<previous sha>", previous_tag)
            log(f"== {step}\n{textwrap.indent(script, '   $ ')}")
            t0 = time.monotonic()
            log_path = logs / f"{step}.log"
            with open(log_path, "w") as out:
                proc = subprocess.run(["bash", "-c", PRELUDE + "\n" + script], cwd=project, env=shell_env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=40 * 60)
            timings[step] = time.monotonic() - t0
            text = log_path.read_text()
            if proc.returncode != 0:
                raise RehearsalError(f"{step} failed (exit {proc.returncode}); last lines of {log_path}:\n{tail(text, 40)}")
            images = deployed_images(aws) if step != "bootstrap" else {}
            log(f"   done in {fmt_seconds(timings[step])}; images deployed: {images or '-'}")
            if step == "bootstrap":
                buckets = [b["Name"] for b in aws.client("s3").list_buckets()["Buckets"]]
                if not any(b.startswith("shop-terraform-state-") for b in buckets):
                    raise RehearsalError(f"bootstrap created no state bucket; buckets: {buckets}")
            if step in ("ship-image", "roll-back"):
                tags = {name: image.rsplit(":", 1)[-1] for name, image in images.items()}
                log(f"   tags: {tags}")
                if step == "roll-back" and previous_tag not in tags.values():
                    raise RehearsalError(f"after the roll-back no service runs {previous_tag}: {tags}")
            if step == "first-deploy":
                previous_tag = next(iter(images.values())).rsplit(":", 1)[-1] if images else "latest"
    finally:
        moto.stop()
    return timings


def main(argv: list[str]) -> int:
    if argv[:1] == ["overrides"]:
        write_overrides(Path(argv[1]))
        return 0
    if argv[:1] == ["targets"]:
        print(targets_of(Path(argv[1])))
        return 0
    keep = "--keep" in argv
    if not toolchain_loaded("rehearse:walkthrough"):
        return 3
    try:
        files = project_files()
    except RehearsalError as error:
        log(f"FAIL  {error}")
        return 1
    scratch, fence, env = open_run("ecs-walkthrough-")
    started = time.monotonic()
    code = 1
    try:
        timings = run(scratch, fence, env, files)
        log("== walkthrough of docs/deploy.md: " + ", ".join(f"{k} {fmt_seconds(v)}" for k, v in timings.items()) + f", total {fmt_seconds(time.monotonic() - started)}")
        code = 0
    except RehearsalError as error:
        log(f"FAIL  {error}")
    finally:
        clean = close_run(fence, scratch, keep)
    return code if clean else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
