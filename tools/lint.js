#!/usr/bin/env node
/**
 * Project lint rules that tsc does not cover:
 *  - provider classes come from deep paths (`@cdktf/provider-aws/lib/<resource>`): the package
 *    root loads every AWS resource (~3 s, ~500 MB per process);
 *  - no hand-written IAM policy JSON (`"Version": "2012-10-17"` in TypeScript).
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", "cdktf.out", ".gen", ".git", "coverage"]);
const RULES = [
  { pattern: /from\s+["']@cdktf\/provider-aws["']|require\(\s*["']@cdktf\/provider-aws["']\s*\)/, message: "import provider classes from '@cdktf/provider-aws/lib/<resource>', not the package root" },
  { pattern: /from\s+["']@cdktf\/provider-aws\/lib["']|from\s+["']@cdktf\/provider-aws\/lib\/index["']/, message: "import a single resource module, not the provider's lib index" },
  { pattern: /["']?Version["']?\s*:\s*["']2012-10-17["']/, message: "build IAM policies with aws_iam_policy_document (constructs/policy.ts), not JSON" },
];

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && full !== __filename) yield full;
  }
}

function lint(root = ROOT) {
  const problems = [];
  for (const file of sourceFiles(root)) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      for (const rule of RULES) {
        if (rule.pattern.test(line)) problems.push(`${path.relative(root, file)}:${i + 1}: ${rule.message}`);
      }
    });
  }
  return problems;
}

module.exports = { lint, RULES };

if (require.main === module) {
  const problems = lint(process.argv[2] ? path.resolve(process.argv[2]) : ROOT);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    console.error(`lint: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log("lint: ok");
}
