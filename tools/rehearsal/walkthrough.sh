#!/usr/bin/env bash
# npm run rehearse:walkthrough [-- --keep]: docs/deploy.md's marked first-deploy commands (bootstrap,
# first deploy, ship an image, roll back), run as written against the local emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/toolchain/env.sh
exec "$ECS_TOOLCHAIN_VENV/bin/python" -m tools.rehearsal.walkthrough "$@"
