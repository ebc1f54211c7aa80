/** Rules in config/rules/database.ts. */
import { describeRule, dev, problemsOf } from "./support";

describeRule("storage-autoscaling-ceiling", {
  valid: [
    ["storage autoscaling off (0)", (c) => (c.database = { maxAllocatedStorage: 0 })],
    ["a ceiling above the allocation", (c) => (c.database = { allocatedStorage: 20, maxAllocatedStorage: 21 })],
    ["no database", () => {}],
  ],
  invalid: [
    [
      "an environment's ceiling equal to the allocation",
      (c) => {
        c.database = {};
        dev(c).database = { allocatedStorage: 50, maxAllocatedStorage: 50 };
      },
      [{ path: "environments.dev.database.maxAllocatedStorage", message: "50 is not allowed; must be 0 (no storage autoscaling) or greater than allocatedStorage (50)" }],
    ],
  ],
});

describe("rule storage-autoscaling-ceiling: where the ceiling was set", () => {
  // Both values come from the top-level database section: reported there, once, not per environment.
  test("GIVEN database.maxAllocatedStorage below database.allocatedStorage THEN it points at database.maxAllocatedStorage", () => {
    const problems = problemsOf("storage-autoscaling-ceiling", (c) => (c.database = { allocatedStorage: 50, maxAllocatedStorage: 40 }));
    expect(problems.map((p) => p.path)).toEqual(["database.maxAllocatedStorage"]);
  });
});
