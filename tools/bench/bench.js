#!/usr/bin/env node
/**
 * npm run bench [-- --runs N] [--aws-cdk-runs N] [--no-aws-cdk] [--compare DIR]
 *
 * Interleaves, in one run, fresh-process timings of: the `require("cdktf")` floor, synth of the
 * shipped app by cdktf.json's app, the same on a generated 40-service × 4-environment app, and the
 * AWS CDK v2 peer app (tools/bench/aws-cdk/, installed on first use) as `cdk synth` runs it (see
 * scenarios.js). --compare DIR adds the same synth scenarios for another checkout (e.g. an older
 * commit, with its own npm ci), so a change is measured before/after under the same conditions.
 * Prints median/min wall time, max RSS and the ratios the README tracks.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { largeApp } = require("./large-app");
const { runOnce, summarize } = require("./measure");
const S = require("./scenarios");

const ROOT = path.resolve(__dirname, "..", "..");
const AWS_CDK_DIR = path.join(__dirname, "aws-cdk");

function parseArgs(argv) {
  const args = { runs: 7, awsCdkRuns: 3, awsCdk: true, compare: undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    const count = (name) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
      return n;
    };
    if (argv[i] === "--runs") args.runs = count("--runs");
    else if (argv[i] === "--aws-cdk-runs") args.awsCdkRuns = count("--aws-cdk-runs");
    else if (argv[i] === "--no-aws-cdk") args.awsCdk = false;
    else if (argv[i] === "--compare") args.compare = path.resolve(value());
    else throw new Error(`unknown argument ${argv[i]}; usage: npm run bench [-- --runs N] [--aws-cdk-runs N] [--no-aws-cdk] [--compare DIR]`);
  }
  if (args.compare && !fs.existsSync(path.join(args.compare, "cdktf.json"))) throw new Error(`--compare ${args.compare}: no cdktf.json there`);
  return args;
}

function scenarios(args, largeConfig) {
  const large = { ECS_PLATFORM_CONFIG: largeConfig };
  const list = [S.floorScenario(ROOT), S.cdktfScenario("synth", "synth, shipped app (cdktf.json app)", ROOT, 4)];
  if (args.compare) list.push(S.cdktfScenario("before-synth", `synth, shipped app, ${args.compare}`, args.compare, 4));
  list.push(S.cdktfScenario("large", "synth, 40 services × 4 environments", ROOT, 8, large));
  if (args.compare) list.push(S.cdktfScenario("before-large", `synth, 40 × 4, ${args.compare}`, args.compare, 8, large));
  if (args.awsCdk) list.push({ ...S.awsCdkScenario(AWS_CDK_DIR), runs: args.awsCdkRuns });
  return list;
}

function report(list, results, counts, load) {
  const row = (s) => {
    const r = results[s.name];
    return `${s.label.padEnd(64)} ${String(r.runs).padStart(4)} ${r.median.toFixed(0).padStart(8)} ${r.min.toFixed(0).padStart(8)} ${r.maxRss.toFixed(0).padStart(8)}`;
  };
  console.log(`\n${"scenario".padEnd(64)} runs   median      min  max RSS`);
  console.log(`${"".padEnd(64)}          ms       ms      MiB`);
  for (const s of list) console.log(row(s));
  const ratio = (a, b) => (results[a] && results[b] ? `${(results[a].median / results[b].median).toFixed(2)}×` : "-");
  console.log("");
  console.log(`synth / floor            ${ratio("synth", "floor")}   (target ≤ 3.0×)`);
  if (results["aws-cdk"]) console.log(`AWS CDK / synth          ${ratio("aws-cdk", "synth")}   (target ≥ 5×)`);
  console.log(`40 × 4 app               ${(results.large.median / 1000).toFixed(2)} s   (target ≤ 3 s; ${counts.large} Terraform resources)`);
  if (results["before-synth"]) console.log(`synth, this / --compare  ${ratio("synth", "before-synth")};  40 × 4: ${ratio("large", "before-large")}`);
  console.log(`resources: shipped app ${counts.synth} (Terraform)${counts["aws-cdk"] ? `, AWS CDK peer ${counts["aws-cdk"]} (CloudFormation)` : ""}`);
  console.log(`conditions: node ${process.version}, ${os.cpus().length} CPUs, load average before ${load.before}, after ${load.after}`);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-bench-"));
  try {
    const largeConfig = path.join(scratch, "large-app.json");
    fs.writeFileSync(largeConfig, JSON.stringify(largeApp(40, 4)));
    if (args.awsCdk) {
      const problem = S.ensureAwsCdk(AWS_CDK_DIR);
      if (problem) throw new Error(problem);
    }
    const list = scenarios(args, largeConfig);
    const load = { before: os.loadavg()[0].toFixed(2) };
    if (os.loadavg()[0] >= 1) console.log(`note: load average ${load.before} (≥ 1): figures will be noisy`);
    const samples = Object.fromEntries(list.map((s) => [s.name, []]));
    const counts = {};
    const out = (s, i) => path.join(scratch, `${s.name}-${i}`);
    for (const s of list) {
      runOnce(s, out(s, "warmup")); // fills loader caches, as any second synth finds them
      if (s.name === "large" || s.name === "synth") counts[s.name] = S.countTerraformResources(out(s, "warmup"));
      if (s.name === "aws-cdk") counts[s.name] = S.countCloudFormationResources(out(s, "warmup"));
    }
    console.log(`warm-up done; ${args.runs} interleaved rounds (AWS CDK in the first ${args.awsCdkRuns})`);
    for (let i = 0; i < args.runs; i++) {
      for (const s of list) if (i < (s.runs ?? args.runs)) samples[s.name].push(runOnce(s, out(s, i)));
      process.stdout.write(`round ${i + 1}/${args.runs} done\n`);
    }
    load.after = os.loadavg()[0].toFixed(2);
    const results = Object.fromEntries(list.map((s) => [s.name, summarize(samples[s.name])]));
    report(list, results, counts, load);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(1);
}
