/** Settings without effect: the one error among them (config/rules/no-ops.ts), and the warnings. */
import { addServices, describeRule, dev } from "./support";

describeRule("priority-needs-conditions", {
  valid: [
    ["a default route without a priority", (c) => (c.services.web.routing = { default: true })],
  ],
  invalid: [
    [
      "a priority on a default route without conditions",
      (c) => (c.services.web.routing = { default: true, priority: 5 }),
      [{ path: "services.web.routing.priority", message: "5 is not allowed; only allowed with pathPatterns or hostHeaders: the default route needs no listener rule, and AWS refuses a rule without conditions" }],
    ],
  ],
});

describeRule("ec2-capacity-used", {
  valid: [
    ["no EC2 capacity", () => undefined],
  ],
  invalid: [
    [
      "EC2 capacity that no service uses",
      (c) => (dev(c).ec2Capacity = {}),
      [{ path: "environments.dev.ec2Capacity", message: '"{...}" has no effect; no service uses capacity "ec2", so no instances are created' }],
    ],
  ],
});

describeRule("target-settings-routed", {
  valid: [
    ["a health check on the routed service", (c) => (c.services.web.healthCheck = { path: "/ready" })],
  ],
  invalid: [
    [
      "a health check on an unrouted service",
      (c) => ((c.services.web.routing = { default: true }), addServices(c, { worker: { containerPort: 9000, healthCheck: { path: "/ready" } } })),
      [{ path: "services.worker.healthCheck", message: '{"path":"/ready","matcher":"200","interval":30,"timeout":5,"healthyThreshold"... has no effect; the service has no routing, so it has no target group (containerHealthCheck checks an unrouted service)' }],
    ],
  ],
});

describeRule("dependent-settings-used", {
  valid: [
    ["an alarm e-mail with alarms on", (c) => (dev(c).alarms = { email: "ops@example.com" })],
  ],
  invalid: [
    [
      "an alarm e-mail with alarms off",
      (c) => (dev(c).alarms = { enabled: false, email: "ops@example.com" }),
      [{ path: "environments.dev.alarms.email", message: '"ops@example.com" has no effect; alarms.enabled is false, so there is no alarm topic to subscribe to' }],
    ],
    [
      "flow log retention without flow logs",
      (c) => (dev(c).network = { flowLogs: false, flowLogRetentionDays: 7 }),
      [{ path: "environments.dev.network.flowLogRetentionDays", message: "7 has no effect; network.flowLogs is false" }],
    ],
  ],
});

describeRule("overrides-used", {
  valid: [
    ["scaling bounds with autoscaling on", (c) => (dev(c).services = { web: { maxCount: 4 } })],
  ],
  invalid: [
    [
      "scaling bounds with autoscaling off",
      (c) => ((c.services.web.autoscaling = { enabled: false }), (dev(c).services = { web: { maxCount: 4 } })),
      [{ path: "environments.dev.services.web.maxCount", message: "4 has no effect; services.web.autoscaling.enabled is false, so the task count stays at desiredCount" }],
    ],
    [
      "database overrides without a database",
      (c) => (dev(c).database = { multiAz: true }),
      [{ path: "environments.dev.database", message: '{"multiAz":true} has no effect; the application has no database section' }],
    ],
  ],
});
