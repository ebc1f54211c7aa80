#!/usr/bin/env bash
# npm run checkov: synthesize every stack (shipped and, when `npm run synth:examples` exists, the
# examples), then scan them with checkov (terraform_json) and scan the plan JSON that
# `npm run rehearse` leaves in cdktf.out/rehearsal/ (terraform_plan). Findings accepted after review
# are listed with a reason in checkov-skips.yaml; any other failed check fails this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ECS_TOOLCHAIN_NEEDS="terraform python"   # terraform + moto/checkov (tools/toolchain/env.sh)
. tools/toolchain/env.sh

echo "== synth =="
npm run --silent synth
examples=--examples
if node -e 'process.exit(require("./package.json").scripts["synth:examples"] ? 0 : 1)'; then
  npm run --silent synth:examples
else
  echo "npm run synth:examples is not defined: examples are not scanned"
  examples=--no-examples
fi
exec "$ECS_TOOLCHAIN_VENV/bin/python" tools/checkov/checkov.py "$examples" "$@"
