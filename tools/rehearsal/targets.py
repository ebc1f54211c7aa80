"""Which resources the rehearsal applies: every resource but those an emulator gap rules out
(EXCLUDED) and, transitively, everything that references one of them; Terraform gets the rest as
`-target` arguments."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable


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
    # Issue 13, from moto 5.2.1's EFS responses (no PutBackupPolicy, no DeleteFileSystemPolicy).
    Excluded("aws_efs_backup_policy", "moto's EFS has no PutBackupPolicy (it only reports the backup flag set at creation)"),
    Excluded("aws_efs_file_system_policy", "moto's EFS has no DeleteFileSystemPolicy, so destroy would fail"),
)


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

