/** The bench's generated large app must stay a valid configuration of the size the README quotes. */
import { loadApp } from "../config";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { largeApp } = require("../tools/bench/large-app.js") as { largeApp: (services?: number, environments?: number) => unknown };

describe("bench: generated large app", () => {
  it("is a valid 40-service × 4-environment configuration with one production environment", () => {
    const stacks = loadApp(largeApp(40, 4));
    expect(stacks.map((s) => s.stackName)).toEqual(["big-dev", "big-test", "big-stage", "big-prod"]);
    expect(stacks.map((s) => s.production)).toEqual([false, false, false, true]);
    for (const s of stacks) expect(s.services).toHaveLength(40);
  });

  it("refuses more environments than it has names for", () => {
    expect(() => largeApp(1, 5)).toThrow(/at most 4 environments/);
  });
});
