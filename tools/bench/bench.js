#!/usr/bin/env node
/**
 * npm run bench [-- --runs N]: synthesizes every stack of the default app N times (default 7),
 * interleaved with the floor `node -e 'require("cdktf")'`, and prints median/min wall time and
 * max RSS of both and their ratios. Each run is a fresh process, as `cdktf synth` would start one.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const rssPreload = path.join(__dirname, "rss.js");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-bench-"));

// The synth command is cdktf.json's "app" (what `cdktf synth` runs), so the bench measures it.
const app = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app.split(/\s+/);
if (app[0] !== "node") throw new Error(`cdktf.json app must start with node, got: ${app.join(" ")}`);
const commands = {
  floor: ["--require", rssPreload, "-e", 'require("cdktf")'],
  synth: ["--require", rssPreload, ...app.slice(1)],
};

function runOnce(name, i) {
  const rssFile = path.join(scratch, `${name}-${i}.rss`);
  const outdir = path.join(scratch, `out-${i}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, commands[name], {
    cwd: ROOT,
    env: { ...process.env, ECS_BENCH_RSS_FILE: rssFile, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`${name} run ${i} failed with exit code ${result.status}`);
  }
  if (name === "synth") {
    const stacks = fs.readdirSync(path.join(outdir, "stacks"));
    if (stacks.length === 0) throw new Error("synth wrote no stacks");
  }
  return { ms, rssMiB: Number(fs.readFileSync(rssFile, "utf8")) / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = { floor: [], synth: [] };
runOnce("floor", "warmup");
runOnce("synth", "warmup");
for (let i = 0; i < RUNS; i++) {
  for (const name of ["floor", "synth"]) samples[name].push(runOnce(name, i));
}

const summary = {};
for (const name of ["floor", "synth"]) {
  const ms = samples[name].map((s) => s.ms);
  const rss = samples[name].map((s) => s.rssMiB);
  summary[name] = { median: median(ms), min: Math.min(...ms), maxRss: Math.max(...rss) };
}
const stacks = fs.readdirSync(path.join(scratch, "out-0", "stacks"));
const row = (name) => `${name.padEnd(6)} median ${summary[name].median.toFixed(0).padStart(6)} ms   min ${summary[name].min.toFixed(0).padStart(6)} ms   max RSS ${summary[name].maxRss.toFixed(0).padStart(5)} MiB`;
console.log(`runs: ${RUNS} each, interleaved; synth writes ${stacks.length} stacks (${stacks.join(", ")})`);
console.log(row("floor"));
console.log(row("synth"));
console.log(
  `ratio  median ${(summary.synth.median / summary.floor.median).toFixed(2)}x   min ${(summary.synth.min / summary.floor.min).toFixed(2)}x   max RSS ${(summary.synth.maxRss / summary.floor.maxRss).toFixed(2)}x   (goal ≤ 2.0x)`,
);
fs.rmSync(scratch, { recursive: true, force: true });
