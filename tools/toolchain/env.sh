# Sourced by the real-Terraform tiers (validate, test:terraform, rehearse, checkov). Chooses, in order:
#  1. offline: the toolchain of tools/toolchain/install.sh in $ECS_TOOLCHAIN_DIR (Terraform + AWS
#     provider from a filesystem mirror, moto and checkov in its venv);
#  2. system: a `terraform` >= 1.11 on PATH with the normal provider registry, and (for tiers that
#     set ECS_TOOLCHAIN_NEEDS to include "python") moto and checkov in a project-local venv,
#     $ECS_SYSTEM_VENV (default <repo>/.venv-tools), created from PyPI on first use.
# When neither is usable it prints exactly what is missing and exits 3.
# Exports ECS_TOOLCHAIN_MODE=offline|system, ECS_TF_BIN, ECS_TOOLCHAIN_VENV (when Python is needed).
# ECS_TOOLCHAIN_MODE=system set beforehand skips the offline toolchain even if it is installed.
# Test hooks: ECS_TF_REGISTRY_URL (registry probe; "skip" to not probe).
ECS_TOOLCHAIN_DIR="${ECS_TOOLCHAIN_DIR:-$HOME/.cache/ecs-platform/toolchain}"
ECS_TOOLCHAIN_NEEDS="${ECS_TOOLCHAIN_NEEDS:-terraform}"
_ecs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "${ECS_TOOLCHAIN_MODE:-}" != system ] && [ -f "$ECS_TOOLCHAIN_DIR/env.sh" ] && [ -f "$ECS_TOOLCHAIN_DIR/READY" ]; then
  # shellcheck disable=SC1091
  . "$ECS_TOOLCHAIN_DIR/env.sh"
  export ECS_TOOLCHAIN_MODE=offline
  export CHECKPOINT_DISABLE=1
  # Providers come from the filesystem mirror; the cache dir makes every stack's init a symlink
  # instead of a copy of the ~400 MB provider binary.
  export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$ECS_TOOLCHAIN_DIR/plugin-cache}"
  mkdir -p "$TF_PLUGIN_CACHE_DIR"
else
  # shellcheck source=tools/toolchain/system.sh
  . "$_ecs_root/tools/toolchain/system.sh"
  if ! ecs_system_toolchain "$_ecs_root"; then
    exit 3
  fi
fi
unset _ecs_root
