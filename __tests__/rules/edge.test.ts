/** Rules in config/rules/edge.ts (issue 14): WAF. */
import { describeValue } from "../../config/errors";
import { describeRule, dev } from "./support";

const ACL = "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const ACL_ELSEWHERE = ACL.replace("eu-west-1", "us-east-1");

describeRule("waf-acl-in-region", {
  valid: [["an existing web ACL in the environment's region", (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL } })]],
  invalid: [
    [
      "a web ACL in another region",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL_ELSEWHERE } }),
      [{ path: "environments.dev.loadBalancer.waf.webAclArn", message: `${describeValue(ACL_ELSEWHERE)} is not allowed; must be a web ACL in eu-west-1, the environment's region (it is in us-east-1)` }],
    ],
  ],
});

describeRule("waf-arn-needs-enabled", {
  valid: [["an existing web ACL, enabled by being given", (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL } })]],
  invalid: [
    [
      "an existing web ACL with WAF switched off",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL, enabled: false } }),
      [{ path: "environments.dev.loadBalancer.waf.webAclArn", message: `${describeValue(ACL)} has no effect; enabled: false turns WAF off; remove webAclArn or enable WAF` }],
    ],
  ],
});

describeRule("waf-own-settings-unused", {
  valid: [["count mode on the stack's own web ACL", (c) => (dev(c).loadBalancer = { waf: { enabled: true, mode: "count" } })]],
  invalid: [
    [
      "count mode with an existing web ACL",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL, mode: "count" } }),
      [{ path: "environments.dev.loadBalancer.waf.mode", message: '"count" has no effect; an existing web ACL (webAclArn) keeps its own rule actions' }],
    ],
  ],
});

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
const internal = (c: Parameters<Parameters<typeof describeRule>[1]["valid"][0][1]>[0], cidrs = ["10.0.0.0/8"]) =>
  (dev(c).loadBalancer = { scheme: "internal", ingressCidrs: cidrs });
const domain = { zone: "corp.example.com", name: "tool.corp.example.com" };

describeRule("internal-alb-private-names", {
  valid: [["an internal ALB with names in the private zone", (c) => (internal(c), (dev(c).domain = { ...domain, privateZone: true }))]],
  invalid: [
    [
      "an internal ALB with a public domain",
      (c) => (internal(c), (dev(c).domain = domain)),
      [{ path: "environments.dev.domain.privateZone", message: "false is not allowed; an internal load balancer's names must be published in the private hosted zone: set domain.privateZone: true (public DNS would point at private addresses)" }],
    ],
  ],
});

describeRule("internal-alb-ingress", {
  valid: [["an internal ALB open to the corporate network", (c) => internal(c)]],
  invalid: [
    [
      "an internal ALB open to everyone",
      (c) => internal(c, ["0.0.0.0/0"]),
      [{ path: "environments.dev.loadBalancer.ingressCidrs[0]", message: '"0.0.0.0/0" is not allowed; an internal load balancer takes ingress only from your networks: list their CIDRs (e.g. the VPC\'s, a VPN\'s) or use ingressSecurityGroups' }],
    ],
  ],
});

describeRule("existing-subnets-given", {
  valid: [
    ["an existing VPC with two private and two public subnets", (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B], publicSubnetIds: [C, D] } })],
    ["an internal ALB in an existing VPC found by tags", (c) => (internal(c), (dev(c).network = { existing: { vpcId: VPC, privateSubnetTags: { tier: "private" } } }))],
  ],
  invalid: [
    [
      "an existing VPC with one private subnet",
      (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A], publicSubnetIds: [C, D] } }),
      [{ path: "environments.dev.network.existing.privateSubnetIds", message: `["${A}"] is not allowed; needs at least 2 subnets in different AZs (the ALB and the database subnet group need two)` }],
    ],
    [
      "an internet-facing ALB in an existing VPC without public subnets",
      (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B] } }),
      [{ path: "environments.dev.network.existing.publicSubnetIds", message: "missing is not allowed; public subnets are required (the internet-facing ALB runs there): give publicSubnetIds or publicSubnetTags" }],
    ],
    [
      "a subnet that is both public and private",
      (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B], publicSubnetIds: [B, C] } }),
      [{ path: "environments.dev.network.existing.publicSubnetIds", message: `"${B}" is not allowed; is also a private subnet; public and private subnets must differ` }],
    ],
  ],
});

describeRule("existing-network-no-ipv6", {
  valid: [["a dual-stack ALB in a new VPC", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", ipv6: true })]],
  invalid: [
    [
      "a dual-stack ALB in an existing VPC",
      (c) => ((dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B], publicSubnetIds: [C, D] } }), (dev(c).domain = { zone: "example.com", name: "app.example.com", ipv6: true })),
      [{ path: "environments.dev.domain.ipv6", message: "true is not allowed; needs a VPC the stack creates (network.existing VPCs are not changed)" }],
    ],
  ],
});

describeRule("existing-network-unused", {
  valid: [["an existing VPC alone", (c) => (dev(c).network = { existing: { vpcId: VPC, privateSubnetIds: [A, B], publicSubnetIds: [C, D] } })]],
  invalid: [
    [
      "NAT settings with an existing VPC",
      (c) => (dev(c).network = { natGateways: "instance", existing: { vpcId: VPC, privateSubnetIds: [A, B], publicSubnetIds: [C, D] } }),
      [{ path: "environments.dev.network.natGateways", message: '"instance" has no effect; network.existing is set: the stack creates no VPC, subnets, NAT or endpoints' }],
    ],
  ],
});

describeRule("sign-in-needs-https", {
  valid: [["OIDC sign-in on an HTTPS route", (c) => ((c.services.web.routing = { default: true, authenticate: { oidc: OIDC } }), (dev(c).domain = { zone: "example.com", name: "app.example.com" }))]],
  invalid: [
    [
      "OIDC sign-in without a domain",
      (c) => (c.services.web.routing = { default: true, authenticate: { oidc: OIDC } }),
      [{ path: "services.web.routing.authenticate", message: '"oidc" is not allowed; needs HTTPS: set environments.dev.domain (ALB authenticate actions run on HTTPS listeners only)' }],
    ],
  ],
});

describeRule("sign-in-one-provider", {
  valid: [["OIDC alone", (c) => ((c.services.web.routing = { default: true, authenticate: { oidc: OIDC } }), (dev(c).domain = { zone: "example.com", name: "app.example.com" }))]],
  invalid: [
    [
      "neither provider",
      (c) => ((c.services.web.routing = { default: true, authenticate: {} }), (dev(c).domain = { zone: "example.com", name: "app.example.com" })),
      [{ path: "services.web.routing.authenticate", message: "{} is not allowed; give exactly one of oidc or cognito" }],
    ],
  ],
});
