/** Rules in config/rules/structure.ts: the application has services and environments, overrides name them. */
import { addServices, baseConfig, contextOf, describeRule, dev } from "./support";
import { RULES } from "../../config/rules";

describe("the base configuration of the rule tests", () => {
  it("GIVEN one service in dev THEN every rule accepts it", () => {
    const ctx = contextOf(baseConfig());
    expect(RULES.flatMap((rule) => rule.check(ctx))).toEqual([]);
  });
});

describeRule("services-defined", {
  valid: [["one service", () => {}]],
  invalid: [["no services", (c) => (c.services = {}), [{ path: "services", message: "{} is not allowed; define at least one service" }]]],
});

describeRule("environments-defined", {
  valid: [["one environment", () => {}]],
  invalid: [
    ["no environments", (c) => (c.environments = {}), [{ path: "environments", message: "{} is not allowed; define at least one environment (e.g. dev)" }]],
  ],
});

describeRule("overrides-name-services", {
  valid: [["an override of a defined service", (c) => (dev(c).services = { web: { desiredCount: 2 } })]],
  invalid: [
    [
      "an override of an undefined service",
      (c) => {
        addServices(c, { api: { containerPort: 8080 } });
        dev(c).services = { worker: { desiredCount: 1 } };
      },
      [{ path: "environments.dev.services.worker", message: '"worker" is not allowed; must be a service name (defined: web, api)' }],
    ],
  ],
});
