#!/usr/bin/env python3
"""Runs checkov over the synthesized stacks (terraform_json) and the rehearsal's plan JSON
(terraform_plan), applies the reviewed exceptions in checkov-skips.yaml and prints passed / failed /
skipped per stack. Exit 1 when a failed check is not covered by a reviewed exception, or when an
exception no longer matches anything (so the list cannot silently rot). Run through
`npm run checkov` (tools/checkov/checkov.sh synthesizes first and loads the toolchain).
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # checkov depends on PyYAML

ROOT = Path(__file__).resolve().parents[2]
SKIPS_FILE = ROOT / "checkov-skips.yaml"


@dataclass
class Target:
    label: str  # shop-dev, ielts/ielts-prod, plan:shop-dev
    stack: str  # the stack's key in the production map
    path: Path
    framework: str
    passed: int = 0
    failed: list[dict] = field(default_factory=list)
    skipped: list[tuple[dict, dict]] = field(default_factory=list)


def production_flags(configs: list[tuple[str, Path]]) -> dict[str, bool]:
    """{label prefix + stack name: production} from each config module, through the project's own resolver."""
    script = (
        'const { loadApp } = require("./config"); const { loadConfigModule } = require("./main");'
        "const out = {};"
        "for (const [prefix, file] of JSON.parse(process.argv[1]))"
        "  for (const s of loadApp(loadConfigModule(file))) {"
        "    out[prefix + s.stackName] = s.production;"
        "    out[prefix + s.stackName + '-bootstrap'] = s.production;"  # stacks/bootstrap-stack.ts naming
        "  }"
        "console.log(JSON.stringify(out));"
    )
    payload = json.dumps([[prefix, str(path)] for prefix, path in configs])
    proc = subprocess.run(["node", "--require", "./tools/register-ts.js", "-e", script, payload], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def collect(examples: bool, plans_dir: Path) -> tuple[list[Target], list[tuple[str, Path]]]:
    targets: list[Target] = []
    configs: list[tuple[str, Path]] = [("", Path(os.environ.get("ECS_PLATFORM_CONFIG", ROOT / "config" / "app.ts")))]
    for path in sorted((ROOT / "cdktf.out" / "stacks").glob("*/cdk.tf.json")):
        targets.append(Target(path.parent.name, path.parent.name, path, "terraform_json"))
    if examples:
        for example_dir in sorted((ROOT / "cdktf.out" / "examples").glob("*")):
            config = ROOT / "examples" / example_dir.name / "config.ts"
            if not config.exists():
                continue
            configs.append((f"{example_dir.name}/", config))
            for path in sorted(example_dir.glob("stacks/*/cdk.tf.json")):
                label = f"{example_dir.name}/{path.parent.name}"
                targets.append(Target(label, label, path, "terraform_json"))
    for path in sorted(plans_dir.glob("*.tfplan.json")):
        stack = path.name[: -len(".tfplan.json")]
        targets.append(Target(f"plan:{stack}", stack, path, "terraform_plan"))
    return targets, configs


def run_checkov(checkov: str, framework: str, files: list[Path]) -> list[dict]:
    """Raw checkov JSON reports (one per framework) for `files`."""
    args = [checkov, "--framework", framework, "--output", "json", "--compact", "--skip-download"]
    for f in files:
        args += ["--file", str(f)]
    # No network: checkov has nothing to fetch here (no platform API key); refuse any attempt fast.
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1,localhost"}
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"checkov failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    out = proc.stdout.strip()
    if not out:
        return []
    data = json.loads(out)
    return data if isinstance(data, list) else [data]


def matches(skip: dict, check: dict, target: Target, production: dict[str, bool]) -> bool:
    if check["check_id"] != skip["check"]:
        return False
    where = skip["where"] if isinstance(skip["where"], list) else [skip["where"]]
    in_scope = False
    for scope in where:
        if scope == "all":
            in_scope = True
        elif scope == "non-production":
            in_scope |= production.get(target.stack) is False
        elif fnmatch.fnmatch(target.stack, scope):
            in_scope = True
    if not in_scope:
        return False
    resources = skip.get("resources")
    return not resources or any(fnmatch.fnmatch(check["resource"], pattern) for pattern in resources)


def validate_skips(skips: list) -> list[dict]:
    if not isinstance(skips, list):
        raise SystemExit(f"{SKIPS_FILE.name}: expected a list of {{check, where, reason}} entries")
    for i, skip in enumerate(skips):
        missing = [k for k in ("check", "where", "reason") if not skip.get(k)]
        if missing:
            raise SystemExit(f"{SKIPS_FILE.name}: entry {i + 1} ({skip.get('check', '?')}) lacks {', '.join(missing)}")
    return skips


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", dest="examples", action="store_true", default=True, help="also scan cdktf.out/examples (default)")
    parser.add_argument("--no-examples", dest="examples", action="store_false", help="scan only the shipped stacks")
    parser.add_argument("--plans", default=str(ROOT / "cdktf.out" / "rehearsal"), help="directory of <stack>.tfplan.json files (npm run rehearse writes them)")
    parser.add_argument("--verbose", action="store_true", help="also list the skipped findings")
    args = parser.parse_args()
    checkov = str(Path(sys.executable).parent / "checkov")

    skips = validate_skips(yaml.safe_load(SKIPS_FILE.read_text()) or [])
    targets, configs = collect(args.examples, Path(args.plans))
    if not targets:
        print("nothing to scan: run npm run synth first")
        return 1
    production = production_flags(configs)
    used = [0] * len(skips)

    # One checkov run per file: every stack has the same resource addresses, and checkov's graph
    # checks would connect resources across files scanned together.
    for target in targets:
        for report in run_checkov(checkov, target.framework, [target.path]):
            results = report.get("results", {})
            for kind in ("passed_checks", "failed_checks"):
                for check in results.get(kind, []):
                    if kind == "passed_checks":
                        target.passed += 1
                        continue
                    for i, skip in enumerate(skips):
                        if matches(skip, check, target, production):
                            target.skipped.append((check, skip))
                            used[i] += 1
                            break
                    else:
                        target.failed.append(check)

    print(f"\n== checkov {framework_versions(checkov)}: passed / failed / skipped (reviewed, {SKIPS_FILE.name})")
    width = max(len(t.label) for t in targets)
    for t in targets:
        env = "production" if production.get(t.stack) else "non-production" if t.stack in production else "?"
        print(f"{t.label:<{width}}  {t.framework:<14}  {env:<14}  passed {t.passed:>4}  failed {len(t.failed):>3}  skipped {len(t.skipped):>3}")
        for check in t.failed:
            print(f"    FAILED  {check['check_id']}  {check['resource']}  {check['check_name']}")
            if check.get("guideline"):
                print(f"            {check['guideline']}")
        if args.verbose:
            for check, skip in t.skipped:
                print(f"    skipped {check['check_id']}  {check['resource']}  ({skip['reason']})")
    total_failed = sum(len(t.failed) for t in targets)
    print(f"total: passed {sum(t.passed for t in targets)}, failed {total_failed}, skipped {sum(len(t.skipped) for t in targets)} "
          f"in {len(targets)} scan(s)")
    stale = [skips[i]["check"] for i, n in enumerate(used) if n == 0 and applies_to_any(skips[i], targets)]
    if stale:
        print(f"FAIL  {SKIPS_FILE.name} entries that matched nothing (remove them, or they hide the next real finding): {', '.join(stale)}")
    return 1 if total_failed or stale else 0


def applies_to_any(skip: dict, targets: list[Target]) -> bool:
    """An entry scoped to named stacks that were not scanned (e.g. examples with --no-examples) is not stale."""
    where = skip["where"] if isinstance(skip["where"], list) else [skip["where"]]
    return any(scope in ("all", "non-production") or any(fnmatch.fnmatch(t.stack, scope) for t in targets) for scope in where)


def framework_versions(checkov: str) -> str:
    proc = subprocess.run([checkov, "--version"], capture_output=True, text=True)
    return proc.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
