#!/usr/bin/env bash
# npm run rehearse:cdktf [-- --stack <name>] [-- --keep]: cdktf deploy (with an image-tag variable),
# cdktf diff (must be empty) and cdktf destroy of one shipped stack against the local emulator,
# through the cdktf CLI itself (docs/rehearsal.md, "The cdktf CLI tier").
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/toolchain/env.sh
exec "$ECS_TOOLCHAIN_VENV/bin/python" -m tools.rehearsal.cdktf_cli "$@"
