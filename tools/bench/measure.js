/**
 * One timed run of a bench scenario: a fresh process (as `cdktf synth` / `cdk synth` start the
 * app), wall time from spawn to exit, the peak RSS of its largest process, and a check of what it
 * wrote, so a run that silently did nothing cannot pass for a fast one.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const RSS_PRELOAD = path.join(__dirname, "rss.js");

/** Runs `scenario` once with its output in `outdir`; returns `{ ms, rssMiB }` or throws with its stderr. */
function runOnce(scenario, outdir) {
  const rssPrefix = `${outdir}.rss`;
  const started = process.hrtime.bigint();
  const result = spawnSync(scenario.argv[0], scenario.argv.slice(1), {
    cwd: scenario.cwd,
    env: {
      ...process.env,
      ...scenario.env,
      ...(scenario.outdirVariable ? { [scenario.outdirVariable]: outdir } : {}),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${RSS_PRELOAD}`.trim(),
      ECS_BENCH_RSS_FILE: rssPrefix,
    },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${scenario.name} failed (exit ${result.status ?? result.signal}): ${scenario.argv.join(" ")}\n${result.stderr}`);
  }
  if (scenario.expect) scenario.expect(outdir);
  const dir = path.dirname(rssPrefix);
  const rss = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${path.basename(rssPrefix)}.`))
    .map((name) => Number(fs.readFileSync(path.join(dir, name), "utf8")));
  return { ms, rssMiB: Math.max(...rss) / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function summarize(samples) {
  const ms = samples.map((s) => s.ms);
  return { runs: samples.length, median: median(ms), min: Math.min(...ms), maxRss: Math.max(...samples.map((s) => s.rssMiB)) };
}

module.exports = { runOnce, summarize, median };
