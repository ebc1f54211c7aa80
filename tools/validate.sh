#!/usr/bin/env bash
# npm run validate: synthesize every stack (default app and examples), then `terraform init`
# (backend disabled, providers from the local mirror) and `terraform validate` in each.
# Fails on any error; lists warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/toolchain/env.sh

echo "== synth =="
npm run --silent synth
npm run --silent synth:examples

mapfile -t dirs < <(find cdktf.out/stacks cdktf.out/examples -name cdk.tf.json -printf '%h\n' 2>/dev/null | sort)
failed=0; warnings=0
for dir in "${dirs[@]}"; do
  if ! (cd "$dir" && "$ECS_TF_BIN" init -backend=false -input=false -no-color >init.log 2>&1); then
    echo "FAIL  $dir (init)"; sed 's/^/      /' "$dir/init.log" | tail -20; failed=$((failed + 1)); continue
  fi
  (cd "$dir" && "$ECS_TF_BIN" validate -json -no-color >validate.json 2>validate.err) || true
  summary=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const lines = (r.diagnostics || []).map((d) => `      ${d.severity}: ${d.summary}${d.address ? " (" + d.address + ")" : ""}${d.detail ? " — " + d.detail.split("\n")[0] : ""}`);
    console.log(`${r.valid ? "ok" : "invalid"} ${r.error_count} ${r.warning_count}`);
    if (lines.length) console.log(lines.join("\n"));
  ' "$dir/validate.json")
  read -r state errors warns <<<"$(head -1 <<<"$summary")"
  warnings=$((warnings + warns))
  if [ "$state" = ok ]; then echo "ok    $dir ($warns warning(s))"; else echo "FAIL  $dir ($errors error(s))"; failed=$((failed + 1)); fi
  tail -n +2 <<<"$summary"
done
echo "validate: ${#dirs[@]} stacks, $failed failed, $warnings warning(s)"
[ "$failed" -eq 0 ]
