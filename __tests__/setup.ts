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
