/**
 * Invalid configurations of issue 14 (release strategies and the edge), in the form of
 * validation-cases.ts: [name, mutation of the sample config, field path, value received, what is allowed].
 */
import type { Case, Mutator } from "./validation-cases";

const dev = (c: any) => c.environments.dev;
const VPC = "vpc-0123456789abcdef0";
const [A, B, C, D] = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2", "subnet-0aaaaaaaaaaaaaaa3", "subnet-0aaaaaaaaaaaaaaa4"];
const OIDC = {
  issuer: "https://id.example.com",
  authorizationEndpoint: "https://id.example.com/authorize",
  tokenEndpoint: "https://id.example.com/token",
  userInfoEndpoint: "https://id.example.com/userinfo",
  clientId: "tool",
  clientSecret: { secretsManager: "tools/oidc" },
};
const https = (c: any) => Object.values(c.environments).forEach((e: any) => (e.domain = { zone: "example.com", name: "app.example.com" }));
const withoutKey = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

export const ISSUE_14_CASES: Case[] = [
  // Release strategies
  ["a canary percent over 100", (c) => (c.services.web.release = { strategy: "canary", canary: { percent: 150 } }), "services.web.release.canary.percent", 150, /must be at most 100/],
  ["a canary percent of 0", (c) => (c.services.web.release = { strategy: "canary", canary: { percent: 0 } }), "services.web.release.canary.percent", 0, /must be at least 0\.1/],
  ["a linear step under 3 %", (c) => (c.services.web.release = { strategy: "linear", linear: { stepPercent: 1 } }), "services.web.release.linear.stepPercent", 1, /must be at least 3/],
  ["a bake time over a day", (c) => (c.services.web.release = { strategy: "blueGreen", bakeTimeMinutes: 1441 }), "services.web.release.bakeTimeMinutes", 1441, /must be at most 1440/],
  ["an unknown strategy", (c) => (c.services.web.release = { strategy: "redBlack" }), "services.web.release.strategy", "redBlack", /allowed: "rolling" \| "blueGreen" \| "canary" \| "linear"/],
  ["blue/green without a load balancer route", (c) => (c.services.worker = { containerPort: 9000, release: { strategy: "blueGreen" } }), "services.worker.release.strategy", "blueGreen", /needs load balancer routing/],
  ["a blue/green rule-routed service without a test priority", (c) => (c.services.api.release = { strategy: "blueGreen" }), "services.api.release.testTraffic.priority", /missing/, /needs a test priority below its rule's 100/],
  ["a test rule after its production rule", (c) => (c.services.api.release = { strategy: "linear", testTraffic: { priority: 101 } }), "services.api.release.testTraffic.priority", 101, /must be lower than the production rule's priority 100/],
  ["a test priority taken by the default route's release rules", (c) => ((c.services.web.release = { strategy: "blueGreen" }), (c.services.api.release = { strategy: "blueGreen", testTraffic: { priority: 99 } }), (c.services.api.routing.priority = 49999)), "services.web.release.testTraffic.priority", 49999, /must be unique per listener; the rule of service api already uses it/],
  ["a lifecycle hook on a rolling release", (c) => (c.services.web.release = { hooks: { postScaleUp: "arn:aws:lambda:eu-west-1:111111111111:function:smoke" } }), "services.web.release.hooks.postScaleUp", "arn:aws:lambda:eu-west-1:111111111111:function:smoke", /needs strategy "blueGreen", "canary" or "linear"/],
  ["a hook that is not a Lambda ARN", (c) => (c.services.web.release = { strategy: "blueGreen", hooks: { preScaleUp: "smoke-test" } }), "services.web.release.hooks.preScaleUp", "smoke-test", /must be a Lambda function ARN/],
  ["rollback on alarms with alarms off", (c) => ((c.services.web.release = { rollback: { onAlarms: true } }), (dev(c).alarms = { enabled: false })), "services.web.release.rollback.onAlarms", true, /needs environments\.dev\.alarms\.enabled: true/],
  ["an environment's canary override out of range", (c) => (dev(c).services = { web: { release: { strategy: "canary", canary: { percent: 101 } } } }), "environments.dev.services.web.release.canary.percent", 101, /must be at most 100/],
  // WAF
  ["a rate limit under WAF's minimum", (c) => (dev(c).loadBalancer = { waf: { enabled: true, rateLimit: 5 } }), "environments.dev.loadBalancer.waf.rateLimit", 5, /must be at least 10/],
  ["a web ACL ARN from CloudFront's global scope", (c) => (dev(c).loadBalancer = { waf: { webAclArn: "arn:aws:wafv2:us-east-1:111111111111:global/webacl/x/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" } }), "environments.dev.loadBalancer.waf.webAclArn", /"arn:aws:wafv2:us-east-1.*/, /must be a regional WAFv2 web ACL ARN/],
  ["a WAF log retention CloudWatch does not offer", (c) => (dev(c).loadBalancer = { waf: { enabled: true, logRetentionDays: 10 } }), "environments.dev.loadBalancer.waf.logRetentionDays", 10, /CloudWatch Logs retention/],
  // Internal load balancer
  ["an internal ALB with a public domain", (c) => ((dev(c).loadBalancer = { scheme: "internal", ingressCidrs: ["10.0.0.0/8"] }), https(c)), "environments.dev.domain.privateZone", false, /must be published in the private hosted zone/],
  ["an internal ALB open to 0.0.0.0/0", (c) => (dev(c).loadBalancer = { scheme: "internal" }), "environments.dev.loadBalancer.ingressCidrs[0]", "0.0.0.0/0", /takes ingress only from your networks/],
  ["an ingress security group that is no ID", (c) => (dev(c).loadBalancer = { ingressSecurityGroups: ["vpn"] }), "environments.dev.loadBalancer.ingressSecurityGroups[0]", "vpn", /must be a security group ID/],
  // Existing network
  ["an existing VPC with one private subnet", (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A], publicSubnetIds: [C, D] } }), "environments.dev.network.existing.privateSubnetIds", [A], /needs at least 2 subnets in different AZs/],
  ["an existing VPC without private subnets", (c) => (dev(c).network = { existing: { vpcId: VPC, publicSubnetIds: [C, D] } }), "environments.dev.network.existing.privateSubnetIds", /missing/, /private subnets are required \(tasks and the database run there\)/],
  ["a subnet listed twice", (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, A], publicSubnetIds: [C, D] } }), "environments.dev.network.existing.privateSubnetIds[1]", A, /already listed at privateSubnetIds\[0\]; each subnet once/],
  ["subnet IDs and tags for one tier", (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B], privateSubnetTags: { tier: "private" }, publicSubnetIds: [C, D] } }), "environments.dev.network.existing.privateSubnetTags", { tier: "private" }, /give privateSubnetIds or privateSubnetTags, not both/],
  ["a VPC ID that is no VPC ID", (c) => (dev(c).network = { existing: { vpcId: "my-vpc", privateSubnetIds: [A, B] } }), "environments.dev.network.existing.vpcId", "my-vpc", /must be a VPC ID such as vpc-0123456789abcdef0/],
  // Sign-in at the load balancer
  ["an OIDC client secret written inline", (c) => ((c.services.web.routing.authenticate = { oidc: { ...OIDC, clientSecret: "hunter2" } }), https(c)), "services.web.routing.authenticate.oidc.clientSecret", "hunter2", /expected object/],
  ["sign-in with both OIDC and Cognito", (c) => ((c.services.web.routing.authenticate = { oidc: OIDC, cognito: { userPoolArn: "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_a", userPoolClientId: "c", userPoolDomain: "d" } }), https(c)), "services.web.routing.authenticate", /.*/, /give exactly one of oidc or cognito/],
  ["an OIDC issuer over plain HTTP", (c) => ((c.services.web.routing.authenticate = { oidc: { ...OIDC, issuer: "http://id.example.com" } }), https(c)), "services.web.routing.authenticate.oidc.issuer", "http://id.example.com", /must be an https:\/\/ URL/],
  ["OIDC sign-in without HTTPS", (c) => (c.services.web.routing.authenticate = { oidc: OIDC }), "services.web.routing.authenticate", "oidc", /needs HTTPS: set environments\.dev\.domain/],
  // NAT instance
  ["an unknown NAT strategy", (c) => (dev(c).network = { natGateways: "nat-instance" }), "environments.dev.network.natGateways", "nat-instance", /allowed: "none" \| "single" \| "perAz" \| "instance"/],
];

/** Missing required fields read `<path>: is required (...)`: matched by patterns, like config-validation.test.ts's own cases. */
export const ISSUE_14_MISSING_CASES: [string, Mutator, RegExp[]][] = [
  ["OIDC without an issuer", (c) => ((c.services.web.routing.authenticate = { oidc: withoutKey(OIDC, "issuer") }), https(c)), [/^  - services\.web\.routing\.authenticate\.oidc\.issuer: is required \(expected string\)$/m]],
  ["OIDC without a client secret", (c) => ((c.services.web.routing.authenticate = { oidc: withoutKey(OIDC, "clientSecret") }), https(c)), [/^  - services\.web\.routing\.authenticate\.oidc\.clientSecret: is required/m]],
  ["an existing VPC without its ID", (c) => (dev(c).network = { existing: { privateSubnetIds: [A, B], publicSubnetIds: [C, D] } }), [/^  - environments\.dev\.network\.existing\.vpcId: is required/m]],
];

ISSUE_14_CASES.push([
  "a target group named like another service's alternate group",
  (c) => ((c.services.web.release = { strategy: "blueGreen" }), (c.services.api.names = { targetGroup: "demo-prod-web-alt" })),
  "services.api.names.targetGroup", "demo-prod-web-alt", /must be unique; the release of service web already uses it/,
]);
