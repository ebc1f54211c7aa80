// Preloaded (node --require) by the benchmark: records this process's peak RSS on exit.
const fs = require("node:fs");
process.on("exit", () => {
  const file = process.env.ECS_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS)); // KiB
});
