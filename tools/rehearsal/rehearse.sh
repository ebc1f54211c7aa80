#!/usr/bin/env bash
# npm run rehearse [-- --stack <name>] [-- --config <path>]: plan, apply, re-plan (must be empty),
# check and destroy every shipped stack against a local AWS emulator (moto on 127.0.0.1).
# No request ever leaves the machine; see docs/rehearsal.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ECS_TOOLCHAIN_NEEDS="terraform python"   # terraform + moto/checkov (tools/toolchain/env.sh)
. tools/toolchain/env.sh
exec "$ECS_TOOLCHAIN_VENV/bin/python" -m tools.rehearsal "$@"
