"""The Terraform CLI as the rehearsal runs it: one log file per step, a timeout, and the warnings
that are not expected of a targeted run collected for the summary."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .common import RehearsalError, tail

TERRAFORM_TIMEOUT = 30 * 60


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

