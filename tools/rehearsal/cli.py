"""`npm run rehearse`: synthesize, pick the stacks, rehearse each, print the summary."""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .common import ROOT, RehearsalError, fmt_seconds, log
from .fence import Fence, close_run, open_run, toolchain_loaded
from .stack import StackResult, rehearse_stack

DESCRIPTION = (
    "Rehearse the synthesized stacks against moto, a local AWS emulator, with the real Terraform CLI "
    "and AWS provider: init, plan, apply, re-plan (must show no changes), check the emulator's view of "
    "the key resources, destroy, check that nothing is left. See docs/rehearsal.md."
)


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


def select_stacks(requested: list[str] | None, synthesized: list[str], synth_dir: Path) -> list[str]:
    """The stacks named with --stack (each must have been synthesized), else every platform stack."""
    if not requested:
        return shipped(synthesized, synth_dir)
    missing = [s for s in requested if s not in synthesized]
    if missing:
        raise RehearsalError(f"unknown stack(s) {', '.join(missing)}; synthesized: {', '.join(synthesized)}")
    return requested


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="npm run rehearse --", description=DESCRIPTION)
    parser.add_argument("--stack", action="append", help="stack to rehearse (repeatable; default: every platform stack)")
    parser.add_argument("--config", help="config module or JSON (default: config/app.ts, or ECS_PLATFORM_CONFIG)")
    parser.add_argument("--artifacts", default=str(ROOT / "cdktf.out" / "rehearsal"), help="where plan JSON files are written (default: cdktf.out/rehearsal)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, state, override) for inspection")
    args = parser.parse_args(argv)
    if not toolchain_loaded("rehearse"):
        return 3
    scratch, fence, _env = open_run("ecs-rehearsal-")
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
        for name in select_stacks(args.stack, all_stacks, scratch / "synth"):
            log(f"== {name}")
            results.append(rehearse_stack(name, scratch / "synth", scratch / "work", Path(args.artifacts), fence))
    except RehearsalError as error:
        log(f"FAIL  {error}")
        return 1
    except KeyboardInterrupt as error:
        log(f"interrupted ({error}); moto stopped, scratch dir {scratch}")
        return 130
    finally:
        clean = close_run(fence, scratch, args.keep)

    print_summary(results, fence, time.monotonic() - started)
    return 0 if results and all(r.ok for r in results) and clean else 1


STEPS = ("init", "plan", "apply", "replan", "checks", "unprotect", "destroy", "total")


def print_summary(results: list[StackResult], fence: Fence, seconds: float) -> None:
    # Refused requests were listed by close_run; the summary counts them.
    steps = STEPS
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
    log(f"total {fmt_seconds(seconds)}")


if __name__ == "__main__":
    sys.exit(main())

