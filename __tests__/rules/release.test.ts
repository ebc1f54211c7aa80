/** Rules in config/rules/release.ts (issue 14): ECS-native releases, alarm rollback, hooks. */
import { addServices, describeRule, dev, routedPair, type Change } from "./support";

const HOOK = "arn:aws:lambda:eu-west-1:111111111111:function:smoke-test";
/** web (default) and api (/api/* at 10), both released blue/green; api's test rule at 9. */
const blueGreenPair: Change = (c) => {
  routedPair(c);
  c.services.web.release = { strategy: "blueGreen" };
  c.services.api.release = { strategy: "blueGreen", testTraffic: { priority: 9 } };
};

describeRule("release-shift-needs-route", {
  valid: [
    ["a lone (so routed) service released blue/green", (c) => (c.services.web.release = { strategy: "blueGreen" })],
    ["an unrouted worker released rolling", (c) => (routedPair(c), addServices(c, { worker: { containerPort: 9000 } }))],
  ],
  invalid: [
    [
      "a canary release of a service without a route",
      (c) => (routedPair(c), addServices(c, { worker: { containerPort: 9000, release: { strategy: "canary" } } })),
      [{ path: "services.worker.release.strategy", message: '"canary" is not allowed; needs load balancer routing (services.<name>.routing); a service without a route releases with "rolling"' }],
    ],
    [
      "an environment's blue/green override of an unrouted service",
      (c) => (routedPair(c), addServices(c, { worker: { containerPort: 9000 } }), (dev(c).services = { worker: { release: { strategy: "blueGreen" } } })),
      [{ path: "environments.dev.services.worker.release.strategy", message: '"blueGreen" is not allowed; needs load balancer routing (services.<name>.routing); a service without a route releases with "rolling"' }],
    ],
  ],
});

describeRule("release-test-rule-priority", {
  valid: [["both routes with test priorities before their rules", blueGreenPair]],
  invalid: [
    [
      "a rule-routed service without a test priority",
      (c) => (blueGreenPair(c), (c.services.api.release = { strategy: "linear" })),
      [{ path: "services.api.release.testTraffic.priority", message: "missing is not allowed; a service with its own listener rule needs a test priority below its rule's 10, unique per listener" }],
    ],
    [
      "a test priority after the production rule",
      (c) => (blueGreenPair(c), (c.services.api.release = { strategy: "blueGreen", testTraffic: { priority: 11 } })),
      [{ path: "services.api.release.testTraffic.priority", message: "11 is not allowed; must be lower than the production rule's priority 10 (the test rule must match first)" }],
    ],
    [
      "a production priority on a service with its own rule",
      (c) => (blueGreenPair(c), (c.services.api.release = { strategy: "blueGreen", productionPriority: 200, testTraffic: { priority: 9 } })),
      [{ path: "services.api.release.productionPriority", message: "200 is not allowed; applies only to the default route; this service's production rule is its own (priority 10)" }],
    ],
  ],
});

describeRule("release-priorities-unique", {
  valid: [["the default route's rules at 50000 and 49999", blueGreenPair]],
  invalid: [
    [
      "a test priority another service's rule has",
      (c) => (blueGreenPair(c), addServices(c, { admin: { containerPort: 7000, routing: { pathPatterns: ["/admin/*"], priority: 9 } } })),
      [{ path: "services.api.release.testTraffic.priority", message: "9 is not allowed; must be unique per listener; the rule of service admin already uses it" }],
    ],
  ],
});

describeRule("release-test-rule-conditions", {
  valid: [["a route with four values", (c) => (blueGreenPair(c), (c.services.api.routing!.pathPatterns = ["/a", "/b", "/c", "/d"]))]],
  invalid: [
    [
      "a route with five values",
      (c) => (blueGreenPair(c), (c.services.api.routing!.pathPatterns = ["/a", "/b", "/c", "/d", "/e"])),
      [{ path: "services.api.release.strategy", message: '"blueGreen" is not allowed; needs at most 4 path/host values on the route (it has 5): the test rule adds the header as a fifth' }],
    ],
  ],
});

describeRule("release-rollback-needs-alarms", {
  valid: [["rollback on a routed service with alarms", (c) => (c.services.web.release = { rollback: { onAlarms: true } })]],
  invalid: [
    [
      "rollback with alarms switched off",
      (c) => ((c.services.web.release = { rollback: { onAlarms: true } }), (dev(c).alarms = { enabled: false })),
      [{ path: "services.web.release.rollback.onAlarms", message: "true is not allowed; needs environments.dev.alarms.enabled: true (the alarms it rolls back on)" }],
    ],
    [
      "rollback on an unrouted service",
      (c) => (routedPair(c), addServices(c, { worker: { containerPort: 9000, release: { rollback: { onAlarms: true } } } })),
      [{ path: "services.worker.release.rollback.onAlarms", message: "true is not allowed; needs load balancer routing: the rollback alarms watch the service's target groups" }],
    ],
  ],
});

describeRule("release-hooks-need-native-release", {
  valid: [["a smoke test after the test traffic shift of a blue/green release", (c) => (c.services.web.release = { strategy: "blueGreen", hooks: { postTestTrafficShift: HOOK } })]],
  invalid: [
    [
      "a hook on a rolling release",
      (c) => (c.services.web.release = { hooks: { postScaleUp: HOOK } }),
      [{ path: "services.web.release.hooks.postScaleUp", message: `"${HOOK}" is not allowed; needs strategy "blueGreen", "canary" or "linear"` }],
    ],
  ],
});

describeRule("release-steps-match-strategy", {
  valid: [["canary steps with the canary strategy", (c) => (c.services.web.release = { strategy: "canary", canary: { percent: 5 } })]],
  invalid: [
    [
      "linear steps on a blue/green release",
      (c) => (c.services.web.release = { strategy: "blueGreen", linear: { stepPercent: 10 } }),
      [{ path: "services.web.release.linear", message: '{"stepPercent":10,"stepBakeTimeMinutes":5} has no effect; the strategy is "blueGreen"; set strategy: "linear" or remove it' }],
    ],
  ],
});

/** `n` routed services with their own rules, each released blue/green with a test rule just before. */
const shiftedServices = (n: number): Change => (c) => {
  c.services.web.routing = { default: true };
  for (let i = 1; i <= n; i++) {
    addServices(c, { [`s${i}`]: { containerPort: 8000 + i, routing: { pathPatterns: [`/s${i}/*`], priority: 2 * i }, release: { strategy: "blueGreen", testTraffic: { priority: 2 * i - 1 } } } });
  }
};

describeRule("release-quotas", {
  valid: [["49 shifted services: 98 rules and 99 target groups", (c) => shiftedServices(49)(c)]],
  invalid: [
    [
      "51 shifted services",
      (c) => shiftedServices(51)(c),
      [
        { path: "services.s1.release.strategy", message: '"blueGreen" is not allowed; the listener would hold 102 rules with the release rules of 51 service(s); at most 100' },
        { path: "services.s1.release.strategy", message: '"blueGreen" is not allowed; the load balancer would forward to 103 target groups with the alternate groups; at most 100' },
      ],
    ],
  ],
});
