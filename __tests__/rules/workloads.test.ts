/** Rules in config/rules/workloads.ts: what each kind may have, schedules and runtime settings. */
import { addServices, describeRule, dev } from "./support";

const job = { kind: "job" as const, schedule: { expression: "cron(0 3 * * ? *)" } };

describeRule("kind-ports", {
  valid: [
    ["a web service with a port", () => {}],
    ["a worker without a port", (c) => addServices(c, { worker: { kind: "worker" } })],
    ["a job without a port", (c) => addServices(c, { nightly: job })],
  ],
  invalid: [
    ["an internal service without a port", (c) => addServices(c, { api: { kind: "internal" } }), [{ path: "services.api.containerPort", message: 'missing is not allowed; required for kind "internal" (a worker or a job needs none)' }]],
    ["a job with a port", (c) => addServices(c, { nightly: { ...job, containerPort: 8080 } }), [{ path: "services.nightly.containerPort", message: '8080 is not allowed; not allowed for kind "job": a job takes no traffic; remove it' }]],
  ],
});

describeRule("kind-routing", {
  valid: [["a routed web service", (c) => (c.services.web.routing = { default: true })]],
  invalid: [
    [
      "a worker with routing",
      (c) => addServices(c, { worker: { kind: "worker", routing: { pathPatterns: ["/w/*"], priority: 5 } } }),
      [{ path: "services.worker.routing", message: '{"pathPatterns":["/w/*"],"priority":5,"default":false} is not allowed; only allowed with kind "web"; a service of kind "worker" is never behind the load balancer' }],
    ],
  ],
});

describeRule("job-schedule", {
  valid: [["a job with a schedule", (c) => addServices(c, { nightly: job })]],
  invalid: [
    ["a job without a schedule", (c) => addServices(c, { nightly: { kind: "job" } }), [{ path: "services.nightly.schedule", message: 'missing is not allowed; required for kind "job": { expression: "cron(0 3 * * ? *)" | "rate(1 hour)", timezone? }' }]],
    [
      "a schedule on a web service",
      (c) => (c.services.web.schedule = { expression: "rate(1 hour)" }),
      [{ path: "services.web.schedule.expression", message: '"rate(1 hour)" is not allowed; only allowed with kind "job" (this service is "web")' }],
    ],
  ],
});

describeRule("cron-expression", {
  valid: [
    ["a nightly cron", (c) => addServices(c, { nightly: job })],
    ["a rate", (c) => addServices(c, { nightly: { kind: "job", schedule: { expression: "rate(15 minutes)" } } })],
  ],
  invalid: [
    [
      "a cron with * in both day fields",
      (c) => addServices(c, { nightly: { kind: "job", schedule: { expression: "cron(0 3 * * * *)" } } }),
      [{ path: "services.nightly.schedule.expression", message: '"cron(0 3 * * * *)" is not allowed; must have ? in exactly one of day-of-month (3rd field) and day-of-week (5th field), e.g. cron(0 3 * * ? *)' }],
    ],
    [
      "a cron with letters in the hours",
      (c) => addServices(c, { nightly: { kind: "job", schedule: { expression: "cron(0 three * * ? *)" } } }),
      [{ path: "services.nightly.schedule.expression", message: '"cron(0 three * * ? *)" is not allowed; minutes and hours must be numbers, *, ranges (a-b), lists (a,b) or steps (*/n)' }],
    ],
  ],
});

describeRule("fargate-stop-timeout", {
  valid: [["120 seconds on Fargate", (c) => (c.services.web.stopTimeout = 120)]],
  invalid: [["121 seconds on Fargate", (c) => (c.services.web.stopTimeout = 121), [{ path: "services.web.stopTimeout", message: "121 is not allowed; at most 120 seconds on Fargate (2–120; EC2 allows up to 3600)" }]]],
});

describeRule("ephemeral-storage-fargate", {
  valid: [["50 GiB on Fargate", (c) => (c.services.web.ephemeralStorageGiB = 50)]],
  invalid: [
    [
      "ephemeral storage on EC2",
      (c) => ((dev(c).ec2Capacity = {}), Object.assign(c.services.web, { capacity: "ec2", ephemeralStorageGiB: 50 })),
      [{ path: "services.web.ephemeralStorageGiB", message: '50 is not allowed; only allowed with capacity "fargate" (on EC2 the instance\'s volume is the limit)' }],
    ],
  ],
});

describeRule("ulimits-valid", {
  valid: [["nofile 65536", (c) => (c.services.web.ulimits = [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }])]],
  invalid: [
    [
      "a soft limit above the hard limit, and a name twice",
      (c) => (c.services.web.ulimits = [{ name: "nofile", softLimit: 10, hardLimit: 20 }, { name: "nofile", softLimit: 30, hardLimit: 20 }]),
      [
        { path: "services.web.ulimits[1].name", message: '"nofile" is not allowed; listed twice; give each ulimit once' },
        { path: "services.web.ulimits[1].softLimit", message: "30 is not allowed; must be ≤ hardLimit (20)" },
      ],
    ],
  ],
});

describeRule("environment-files-valid", {
  valid: [["one file", (c) => (c.services.web.environmentFiles = ["s3://demo-config/web.env"])]],
  invalid: [
    [
      "a file twice",
      (c) => (c.services.web.environmentFiles = ["s3://demo-config/web.env", "s3://demo-config/web.env"]),
      [{ path: "services.web.environmentFiles[1]", message: '"s3://demo-config/web.env" is not allowed; already listed at environmentFiles[0]; list each file once' }],
    ],
  ],
});
