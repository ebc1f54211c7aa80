# Sourced by the real-Terraform tiers (validate, rehearse, checkov): loads the toolchain built by
# tools/toolchain/install.sh, or explains how to get it.
ECS_TOOLCHAIN_DIR="${ECS_TOOLCHAIN_DIR:-$HOME/.cache/ecs-platform/toolchain}"
if [ ! -f "$ECS_TOOLCHAIN_DIR/env.sh" ] || [ ! -f "$ECS_TOOLCHAIN_DIR/READY" ]; then
  echo "The Terraform toolchain is not installed in $ECS_TOOLCHAIN_DIR." >&2
  echo "Build it once with: bash tools/toolchain/install.sh   (see docs/toolchain.md)" >&2
  exit 3
fi
# shellcheck disable=SC1091
. "$ECS_TOOLCHAIN_DIR/env.sh"
export CHECKPOINT_DISABLE=1
# Providers come from the filesystem mirror; the cache dir makes every stack's init a symlink
# instead of a copy of the ~400 MB provider binary.
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$ECS_TOOLCHAIN_DIR/plugin-cache}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"
