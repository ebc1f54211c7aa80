/** The edge (issue 14): WAF in front of the load balancer. */
import { stackRule } from "./rule";

export const wafAclInRegion = stackRule("waf-acl-in-region", "An existing web ACL is regional and in the environment's region (WAF associates only those with an ALB).", ({ env, envPath }, report) => {
  const arn = env.loadBalancer.waf.webAclArn;
  const region = arn?.split(":")[3];
  if (arn && region !== env.region) report(`${envPath}.loadBalancer.waf.webAclArn`, arn, `must be a web ACL in ${env.region}, the environment's region (it is in ${region})`);
});

export const wafArnNeedsEnabled = stackRule("waf-arn-needs-enabled", "An existing web ACL is associated unless WAF is switched off.", ({ env, envPath }, report) => {
  const w = env.loadBalancer.waf;
  if (w.webAclArn && w.enabled === false) report(`${envPath}.loadBalancer.waf.webAclArn`, w.webAclArn, "enabled: false turns WAF off; remove webAclArn or enable WAF");
}, "warning");

export const wafOwnSettingsUnused = stackRule("waf-own-settings-unused", "Rule, rate and logging settings apply to a web ACL the stack creates, not an existing one.", ({ env, envPath }, report) => {
  const w = env.loadBalancer.waf;
  if (w.webAclArn && w.mode === "count") report(`${envPath}.loadBalancer.waf.mode`, w.mode, "an existing web ACL (webAclArn) keeps its own rule actions");
}, "warning");

export const internalAlbPrivateNames = stackRule("internal-alb-private-names", "An internal ALB's host names go in the private hosted zone (its addresses are private).", ({ stack, envPath }, report) => {
  if (stack.loadBalancer.internal && stack.domain && !stack.domain.privateZone) {
    report(`${envPath}.domain.privateZone`, false, "an internal load balancer's names must be published in the private hosted zone: set domain.privateZone: true (public DNS would point at private addresses)");
  }
});

export const internalAlbIngress = stackRule("internal-alb-ingress", "An internal ALB is reached only from configured networks, not from everywhere.", ({ stack, envPath }, report) => {
  if (!stack.loadBalancer.internal) return;
  stack.loadBalancer.ingressCidrs.forEach((cidr, i) => {
    if (cidr === "0.0.0.0/0") report(`${envPath}.loadBalancer.ingressCidrs[${i}]`, cidr, "an internal load balancer takes ingress only from your networks: list their CIDRs (e.g. the VPC's, a VPN's) or use ingressSecurityGroups");
  });
});

export const existingSubnetsGiven = stackRule("existing-subnets-given", "An existing VPC names at least two private subnets (and two public ones for an internet-facing ALB), by ID or by tags.", ({ stack, env, envPath }, report) => {
  const x = env.network.existing;
  if (!x) return;
  const path = `${envPath}.network.existing`;
  const check = (tier: "private" | "public", ids: readonly string[] | undefined, tags: Record<string, string> | undefined) => {
    if (ids && tags) report(`${path}.${tier}SubnetTags`, tags, `give ${tier}SubnetIds or ${tier}SubnetTags, not both`);
    if (!ids && !tags) {
      report(`${path}.${tier}SubnetIds`, undefined, `${tier} subnets are required (${tier === "private" ? "tasks and the database run there" : "the internet-facing ALB runs there"}): give ${tier}SubnetIds or ${tier}SubnetTags`);
      return;
    }
    if (ids && ids.length < 2) report(`${path}.${tier}SubnetIds`, ids, "needs at least 2 subnets in different AZs (the ALB and the database subnet group need two)");
    ids?.forEach((id, i) => {
      if (ids.indexOf(id) !== i) report(`${path}.${tier}SubnetIds[${i}]`, id, `already listed at ${tier}SubnetIds[${ids.indexOf(id)}]; each subnet once`);
    });
  };
  check("private", x.privateSubnetIds, x.privateSubnetTags);
  if (!stack.loadBalancer.internal || x.publicSubnetIds || x.publicSubnetTags) check("public", x.publicSubnetIds, x.publicSubnetTags);
  const both = (x.privateSubnetIds ?? []).filter((id) => (x.publicSubnetIds ?? []).includes(id));
  for (const id of both) report(`${path}.publicSubnetIds`, id, "is also a private subnet; public and private subnets must differ");
});

export const existingNetworkNoIpv6 = stackRule("existing-network-no-ipv6", "IPv6 is added to a VPC the stack creates, not to an existing one.", ({ stack, envPath }, report) => {
  if (stack.network.existing && stack.domain?.ipv6) report(`${envPath}.domain.ipv6`, true, "needs a VPC the stack creates (network.existing VPCs are not changed)");
});

export const existingNetworkUnused = stackRule("existing-network-unused", "With an existing VPC, the settings that build one have no effect.", ({ env, envPath }, report) => {
  if (!env.network.existing) return;
  const n = env.network;
  const unused: [string, unknown][] = [
    ["natGateways", n.natGateways], ["publicSubnets", n.publicSubnets], ["privateSubnets", n.privateSubnets], ["availabilityZones", n.availabilityZones], ["azCount", n.azCount],
    ["vpcEndpoints", n.vpcEndpoints || undefined],
  ];
  for (const [key, value] of unused) if (value !== undefined) report(`${envPath}.network.${key}`, value, "network.existing is set: the stack creates no VPC, subnets, NAT or endpoints");
}, "warning");

export const signInNeedsHttps = stackRule("sign-in-needs-https", "Sign-in at the load balancer works on an HTTPS listener only (a domain).", ({ stack, services }, report) => {
  if (stack.domain) return;
  for (const s of services) {
    if (s.routing?.authenticate) report(`services.${s.key}.routing.authenticate`, s.routing.authenticate.kind, `needs HTTPS: set environments.${stack.environment}.domain (ALB authenticate actions run on HTTPS listeners only)`);
  }
});

export const signInOneProvider = stackRule("sign-in-one-provider", "A route signs in with exactly one provider: oidc or cognito.", ({ config, services }, report) => {
  for (const s of services) {
    const a = config.services[s.key].routing?.authenticate;
    if (a && (a.oidc === undefined) === (a.cognito === undefined)) {
      report(`services.${s.key}.routing.authenticate`, a, "give exactly one of oidc or cognito");
    }
  }
});
