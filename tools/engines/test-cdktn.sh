#!/usr/bin/env bash
# npm run test:cdktn [-- <jest args>]: the project on CDK Terrain, the second engine (docs/engines.md).
#  1. installs cdktn 0.24.0 + @cdktn/provider-aws 25.7.0 + constructs 10.7 into tools/engines/cdktn
#     from its own lockfile (npm ci; skipped when that lockfile is already installed), outside the
#     main dependency tree;
#  2. type-checks the code against them (tsconfig.cdktn.json);
#  3. runs the whole unit suite with ECS_PLATFORM_ENGINE=cdktn (the reviewed cdktf snapshots must
#     match but for the version pins);
#  4. synthesizes the shipped app and every example on both engines and compares them
#     (jest.engines.config.js).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=tools/engines/cdktn
stamp="$dir/node_modules/.ecs-platform-lock.sha256"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== install CDK Terrain (npm ci in $dir) =="
  npm ci --prefix "$dir" --no-audit --no-fund
  echo "$want" >"$stamp"
else
  echo "== CDK Terrain installed in $dir (lockfile unchanged) =="
fi
t0=$(date +%s)
echo "== type-check on cdktn (tsconfig.cdktn.json) =="
npx tsc -p tsconfig.cdktn.json
echo "== unit suite on cdktn (ECS_PLATFORM_ENGINE=cdktn jest) =="
ECS_PLATFORM_ENGINE=cdktn npx jest --ci "$@"
echo "== synth of the shipped app and every example on cdktf and cdktn, compared =="
npx jest -c jest.engines.config.js --ci
echo "test:cdktn: passed in $(( $(date +%s) - t0 )) s after the install"
