// Preloaded into every process of a bench run (NODE_OPTIONS=--require): records that process's
// peak RSS on exit, one file per process (npx starts ts-node as a child), so the bench can report
// the largest.
const fs = require("node:fs");
process.on("exit", () => {
  const prefix = process.env.ECS_BENCH_RSS_FILE;
  if (prefix) fs.writeFileSync(`${prefix}.${process.pid}`, String(process.resourceUsage().maxRSS)); // KiB
});
