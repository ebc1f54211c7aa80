import { Testing } from "cdktf";
// Brings the global jest matcher types (toHaveResourceWithProperties, ...) into scope.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();

// Under ECS_PLATFORM_ENGINE=cdktn (npm run test:cdktn) the reviewed snapshots stay cdktf's: synthesized
// text is compared as cdktf writes it, so any difference but the version pins fails (tools/engine.js).
const engine = require("../tools/engine") as { engineName: () => string; toCdktfOutput: (text: string) => string; toCdktfJson: (tf: unknown) => unknown };
if (engine.engineName() !== "cdktf") {
  expect.addSnapshotSerializer({
    test: (value: unknown) => typeof value === "string" && value.trimStart().startsWith("{") && engine.toCdktfOutput(value) !== value,
    serialize: (value: string, config, indentation, depth, refs, printer) => printer(engine.toCdktfOutput(value), config, indentation, depth, refs),
  });
  expect.addSnapshotSerializer({
    test: (value: unknown) => typeof value === "object" && value !== null && engine.toCdktfJson(value) !== value,
    serialize: (value: object, config, indentation, depth, refs, printer) => printer(engine.toCdktfJson(value), config, indentation, depth, refs),
  });
}

// cdktf captures a full stack trace for every token it creates (into a plain object, not an Error),
// and jest source-maps every trace: that mapping was half of the unit tier's time (a shipped-app
// synth took 800 ms instead of 225 in a test file). Those traces get V8's own unmapped format, as
// they have in synth (tools/register-ts.js turns no source maps on); a failing test's Error is still
// mapped to its TypeScript line.
const mapStackTrace = Error.prepareStackTrace;
if (mapStackTrace) {
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) =>
    error instanceof Error ? mapStackTrace(error, frames) : [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");
}
