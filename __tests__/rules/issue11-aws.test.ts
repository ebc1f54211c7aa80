/** Rules on what AWS refuses: regions, CIDRs, values, quotas, EC2 placement. */
import { addServices, describeRule, dev, onEc2, type Change } from "./support";

/** `web` on EC2 capacity with these settings (support's onEc2 gives the capacity none). */
const onEc2With = (c: Parameters<Change>[0], service: Parameters<typeof onEc2>[1], capacity: object): void => {
  onEc2(c, service);
  Object.assign(dev(c).ec2Capacity!, capacity);
};

describeRule("known-regions", {
  valid: [
    ["eu-west-1, state in us-east-1", (c) => (dev(c).state = { bucket: "demo-state", region: "us-east-1" })],
  ],
  invalid: [
    [
      "a misspelt region",
      (c) => (dev(c).region = "eu-wset-1"),
      [{ path: "environments.dev.region", message: '"eu-wset-1" is not allowed; not an AWS region (did you mean eu-west-1?); allowed: a region of config/regions.ts (list as of 2025-12-01; add a newer region there)' }],
    ],
    [
      "a state region that does not exist",
      (c) => (dev(c).state = { bucket: "demo-state", region: "xx-west-9" }),
      [{ path: "environments.dev.state.region", message: '"xx-west-9" is not allowed; not an AWS region; allowed: a region of config/regions.ts (list as of 2025-12-01; add a newer region there)' }],
    ],
  ],
});

describeRule("distinct-ingress-cidrs", {
  valid: [
    ["two CIDRs", (c) => (dev(c).loadBalancer = { ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"] })],
  ],
  invalid: [
    [
      "a CIDR twice",
      (c) => (dev(c).loadBalancer = { ingressCidrs: ["203.0.113.0/24", "203.0.113.0/24"] }),
      [{ path: "environments.dev.loadBalancer.ingressCidrs[1]", message: '"203.0.113.0/24" is not allowed; already listed at ingressCidrs[0]; each CIDR once (AWS refuses duplicate security group rules)' }],
    ],
  ],
});

describeRule("engine-version-offered", {
  valid: [
    ["a major version", (c) => (c.database = { engineVersion: "17" })],
    ["a minor RDS offers", (c) => (c.database = { engineVersion: "16.11" })],
  ],
  invalid: [
    [
      "a minor RDS does not offer",
      (c) => (c.database = { engineVersion: "16.99" }),
      [{ path: "database.engineVersion", message: '"16.99" is not allowed; RDS does not offer it; allowed: a major version 12, 13, 14, 15, 16, 17, 18 or a minor RDS offers; 16.x offered: 16.3, 16.4, 16.5, 16.6, 16.8, 16.9, 16.10, 16.11 (list as of 2025-12-01, config/data/rds-postgres-versions.ts)' }],
    ],
  ],
});

describeRule("target-health-check-timing", {
  valid: [
    ["timeout below interval", (c) => (c.services.web.healthCheck = { interval: 10, timeout: 9 })],
  ],
  invalid: [
    [
      "timeout equal to interval",
      (c) => (c.services.web.healthCheck = { interval: 10, timeout: 10 }),
      [{ path: "services.web.healthCheck.timeout", message: "10 is not allowed; must be less than healthCheck.interval (10); ELB refuses a timeout that is not shorter than the interval" }],
    ],
  ],
});

describeRule("parameter-value-sizes", {
  valid: [
    ["4096 bytes", (c) => (c.parameters = { p: { valueFrom: { literal: "x".repeat(4096) } } })],
  ],
  invalid: [
    [
      "an empty literal",
      (c) => (c.parameters = { p: { valueFrom: { literal: "" } } }),
      [{ path: "parameters.p.valueFrom.literal", message: '"" is not allowed; SSM refuses an empty value; give 1 byte to 4 KB, or omit valueFrom to set the value out of band' }],
    ],
    [
      "4097 bytes",
      (c) => (c.parameters = { p: { valueFrom: { literal: "x".repeat(4097) } } }),
      [{ path: "parameters.p.valueFrom.literal", message: '"4097 bytes" is not allowed; an SSM Standard parameter holds at most 4096 bytes' }],
    ],
  ],
});

describeRule("task-definition-size", {
  valid: [
    ["60 KB of variables", (c) => (c.services.web.environment = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`V${i}`, "x".repeat(2000)])))],
  ],
  invalid: [
    [
      "80 KB of variables",
      (c) => (c.services.web.environment = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`V${i}`, "x".repeat(2000)]))),
      [{ path: "services.web.environment", message: '"about 83118 bytes" is not allowed; a task definition is at most 65536 bytes (64 KiB) and its variables, secrets and health check take most of this one; move large values into parameters (secrets) or the image' }],
    ],
  ],
});

describeRule("listener-quotas", {
  valid: [
    ["100 routed services", (c) => ((c.services.web.routing = { default: true }), addServices(c, Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`s${i}`, { containerPort: 8000 + (i % 20), routing: { pathPatterns: [`/s${i}/*`], priority: i + 1 } }]))))],
  ],
  invalid: [
    [
      "101 routed services",
      (c) => ((c.services.web.routing = { default: true }), addServices(c, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`s${i}`, { containerPort: 8000 + (i % 20), routing: { pathPatterns: [`/s${i}/*`], priority: i + 1 } }])))),
      [{ path: "services.s99.routing", message: '"101 target groups" is not allowed; a load balancer forwards to at most 100 target groups; these services are over: s99' }],
    ],
  ],
});

describeRule("rule-condition-quotas", {
  valid: [
    ["5 values, 5 wildcards", (c) => (c.services.web.routing = { pathPatterns: ["/a/*", "/b/*", "/c/*"], hostHeaders: ["*.example.com", "?.example.org"], priority: 1 })],
  ],
  invalid: [
    [
      "6 values",
      (c) => (c.services.web.routing = { pathPatterns: ["/a", "/b", "/c"], hostHeaders: ["a.example.com", "b.example.com", "c.example.com"], priority: 1 }),
      [{ path: "services.web.routing", message: '["/a","/b","/c","a.example.com","b.example.com","c.example.com"] is not allowed; a listener rule takes at most 5 condition values in all (pathPatterns and hostHeaders together; here 6)' }],
    ],
  ],
});

describeRule("certificate-name-quota", {
  valid: [
    ["10 names", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: Array.from({ length: 9 }, (_, i) => `a${i}.example.com`) })],
  ],
  invalid: [
    [
      "11 names",
      (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: Array.from({ length: 10 }, (_, i) => `a${i}.example.com`) }),
      [{ path: "environments.dev.domain.alternativeNames", message: '["a0.example.com","a1.example.com","a2.example.com","a3.example.com","a4.exam... is not allowed; an ACM certificate holds at most 10 names (domain.name plus 9 alternative names; here 11)' }],
    ],
  ],
});

describeRule("security-group-rule-quota", {
  valid: [
    ["30 container ports", (c) => addServices(c, Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`s${i}`, { containerPort: 9000 + i }])))],
    ["30 CIDRs with HTTPS", (c) => ((dev(c).domain = { zone: "example.com", name: "app.example.com" }), (dev(c).loadBalancer = { ingressCidrs: Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`) }))],
  ],
  invalid: [
    [
      "31 container ports",
      (c) => addServices(c, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, { containerPort: 9000 + i }]))),
      [{ path: "services.s29.containerPort", message: "9029 is not allowed; the task security group would have 62 inbound rules (2 per distinct port, 31 ports), over AWS's default quota of 60; the ports of s29 push it over: let services share ports, or ask AWS for a higher \"rules per security group\" quota first" }],
    ],
    [
      "31 CIDRs with HTTPS",
      (c) => ((dev(c).domain = { zone: "example.com", name: "app.example.com" }), (dev(c).loadBalancer = { ingressCidrs: Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`) })),
      [{ path: "environments.dev.loadBalancer.ingressCidrs", message: "\"31 CIDRs\" is not allowed; the ALB security group would have 62 inbound rules (2 per CIDR), over AWS's default quota of 60: at most 30 CIDRs with a domain (HTTP and HTTPS)" }],
    ],
  ],
});

describeRule("key-name-needs-ssh", {
  valid: [
    ["a key pair with an admin CIDR", (c) => onEc2With(c, {}, { sshCidr: "203.0.113.10/32", keyName: "admin" })],
  ],
  invalid: [
    [
      "a key pair without sshCidr",
      (c) => onEc2With(c, {}, { keyName: "admin" }),
      [{ path: "environments.dev.ec2Capacity.keyName", message: '"admin" is not allowed; only allowed with ec2Capacity.sshCidr (without it no SSH rule exists and the key is unusable); add sshCidr, or drop keyName and use Session Manager' }],
    ],
  ],
});

describeRule("ec2-tasks-fit", {
  valid: [
    ["a task that fits a t3.small", (c) => onEc2With(c, { cpu: 2048, memory: 1945 }, { instanceType: "t3.small" })],
    ["ARM64 on Graviton", (c) => onEc2With(c, { architecture: "ARM64" }, { instanceType: "t4g.small" })],
  ],
  invalid: [
    [
      "ARM64 on x86",
      (c) => onEc2With(c, { architecture: "ARM64" }, { instanceType: "t3.small" }),
      [{ path: "services.web.architecture", message: "\"ARM64\" is not allowed; environments.dev.ec2Capacity.instanceType t3.small is X86_64, so these tasks could never be placed; use X86_64 images, or an instance type of the task's architecture" }],
    ],
    [
      "more memory and CPU than the instance",
      (c) => onEc2With(c, { cpu: 4096, memory: 4096 }, { instanceType: "t3.small" }),
      [
        { path: "services.web.cpu", message: "4096 is not allowed; environments.dev.ec2Capacity.instanceType t3.small has 2 vCPUs (2048 units), so the task could never be placed; at most 2048" },
        { path: "services.web.memory", message: "4096 is not allowed; environments.dev.ec2Capacity.instanceType t3.small has 2048 MiB, of which it registers about 1945 with ECS, so the task could never be placed; at most 1945" },
      ],
    ],
    [
      "below ECS's 128 CPU units",
      (c) => onEc2With(c, { cpu: 64 }, {}),
      [{ path: "services.web.cpu", message: "64 is not allowed; EC2 task CPU is 128–196608 units" }],
    ],
  ],
});
