/** Rules in config/rules/scaling.ts: task counts. */
import { describeRule, dev, problemsOf } from "./support";

describeRule("task-count-bounds", {
  valid: [
    ["the profile's counts", () => {}],
    ["desired between min and max", (c) => (dev(c).services = { web: { desiredCount: 2, minCount: 1, maxCount: 4 } })],
  ],
  invalid: [
    [
      "desired below min",
      (c) => (dev(c).services = { web: { desiredCount: 1, minCount: 2, maxCount: 4 } }),
      [{ path: "environments.dev.services.web.desiredCount", message: "1 is not allowed; must be between minCount (2) and maxCount (4)" }],
    ],
    [
      "min above max",
      (c) => (dev(c).services = { web: { desiredCount: 2, minCount: 3, maxCount: 2 } }),
      [
        { path: "environments.dev.services.web.minCount", message: "3 is not allowed; must be ≤ maxCount (2)" },
        { path: "environments.dev.services.web.desiredCount", message: "2 is not allowed; must be between minCount (3) and maxCount (2)" },
      ],
    ],
  ],
});

describe("rule task-count-bounds: where the counts were set", () => {
  // The desired count was written on the service: the problem points there, not at a field never written.
  test("GIVEN the service's desiredCount above the environment's maxCount THEN it points at services.web.desiredCount", () => {
    const problems = problemsOf("task-count-bounds", (c) => {
      c.services.web.desiredCount = 10;
      dev(c).services = { web: { maxCount: 4 } };
    });
    expect(problems).toEqual([{ path: "services.web.desiredCount", message: "10 is not allowed; must be between minCount (10) and maxCount (4)" }]);
  });

  // Nobody wrote the desired count (the profile's 1): the bound that was written is reported.
  test("GIVEN a minCount above the default desired count THEN it points at minCount", () => {
    const problems = problemsOf("task-count-bounds", (c) => (dev(c).services = { web: { minCount: 2 } }));
    expect(problems).toEqual([{ path: "environments.dev.services.web.minCount", message: "2 is not allowed; must be ≤ the desired count (1, this environment's default)" }]);
  });
});

describeRule("queue-scaling", {
  valid: [
    [
      "a worker scaled on its queue down to zero, with Container Insights",
      (c) => {
        c.services.jobs = { kind: "worker", autoscaling: { queue: { name: "demo-jobs", backlogPerTask: 10 } } };
        c.environments.dev.containerInsights = true;
        c.environments.dev.services = { jobs: { minCount: 0, desiredCount: 0 } };
      },
    ],
  ],
  invalid: [
    [
      "queue scaling without Container Insights, a web service at zero",
      (c) => {
        c.services.jobs = { kind: "worker", autoscaling: { queue: { name: "demo-jobs", backlogPerTask: 10 } } };
        c.environments.dev.containerInsights = false;
        c.environments.dev.services = { web: { minCount: 0, desiredCount: 0 } };
      },
      [
        { path: "environments.dev.services.web.minCount", message: "0 is not allowed; only a worker with autoscaling.queue may scale to zero (nothing else would scale it out again)" },
        { path: "services.jobs.autoscaling.queue", message: '"demo-jobs" is not allowed; needs Container Insights for the running task count (environments.dev.containerInsights: true)' },
      ],
    ],
  ],
});
