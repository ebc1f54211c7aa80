"""What every module of the rehearsal shares: paths, the dummy credentials, logging, the error type."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMMY_KEY = "rehearsal"  # dummy credentials: moto accepts anything


def log(message: str) -> None:
    print(message, flush=True)


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds < 60 else f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


class RehearsalError(Exception):
    """A step failed; the message says which and why."""


def tail(text: str, lines: int) -> str:
    return "\n".join("      " + line for line in text.rstrip().splitlines()[-lines:])
