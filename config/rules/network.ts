import { cidrContains, cidrsOverlap, parseCidr } from "../cidr";
import { azCountOf, closestRegion, isKnownRegion, REGIONS_AS_OF } from "../regions";
import { stackRule } from "./rule";

export const availabilityZonesMatchRegion = stackRule(
  "availability-zones-match-region",
  "Explicit AZs are distinct zones of the environment's region, as many as azCount.",
  ({ env, envPath }, report) => {
    const n = env.network;
    const path = `${envPath}.network`;
    if (!n.availabilityZones) return;
    if (n.azCount !== undefined && n.availabilityZones.length !== n.azCount) {
      report(`${path}.azCount`, n.azCount, `must match the ${n.availabilityZones.length} availabilityZones given (or be omitted)`);
    }
    for (const [i, az] of n.availabilityZones.entries()) {
      if (!az.startsWith(env.region)) report(`${path}.availabilityZones[${i}]`, az, `must be an AZ of the environment's region ${env.region}`);
    }
    if (new Set(n.availabilityZones).size !== n.availabilityZones.length) report(`${path}.availabilityZones`, n.availabilityZones, "must not repeat an AZ");
  },
);

export const knownRegions = stackRule("known-regions", "The environment's region and its state bucket's region are AWS regions.", ({ env, envPath }, report) => {
  for (const [field, region] of [["region", env.region], ["state.region", env.state.region]] as const) {
    if (region === undefined || isKnownRegion(region)) continue;
    const hint = closestRegion(region);
    report(`${envPath}.${field}`, region, `not an AWS region${hint ? ` (did you mean ${hint}?)` : ""}; allowed: a region of config/regions.ts (list as of ${REGIONS_AS_OF}; add a newer region there)`);
  }
});

export const azCountWithinRegion = stackRule("az-count-within-region", "The region has as many AZs as the network uses.", ({ stack, envPath }, report) => {
  const count = azCountOf(stack.region);
  const azCount = stack.network.azCount;
  if (count !== undefined && azCount > count) {
    report(`${envPath}.network.azCount`, azCount, `region ${stack.region} has ${count} availability zones; allowed: 2–${count}`);
  }
});

export const vpcCidrSize = stackRule("vpc-cidr-size", "A VPC CIDR is /16 to /24.", ({ stack, envPath }, report) => {
  const vpc = parseCidr(stack.network.cidr);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 24)) report(`${envPath}.network.cidr`, stack.network.cidr, "AWS VPCs must be between /16 and /24");
});

export const carvedSubnetsFit = stackRule("carved-subnets-fit", "Carved subnets are /28 or larger and there are enough of them.", ({ stack, envPath }, report) => {
  const n = stack.network;
  const vpc = parseCidr(n.cidr);
  if (!vpc || (n.explicitPublicSubnets && n.explicitPrivateSubnets)) return;
  const path = `${envPath}.network.subnetNewBits`;
  if (vpc.prefix + n.subnetNewBits > 28) {
    report(path, n.subnetNewBits, `with ${n.cidr} subnets would be smaller than /28; allowed: at most ${28 - vpc.prefix}`);
  } else if (n.azCount > 2 ** (n.subnetNewBits - 1)) {
    report(path, n.subnetNewBits, `too few blocks for ${n.azCount} public + ${n.azCount} private subnets; allowed: at least ${Math.ceil(Math.log2(n.azCount)) + 1}`);
  }
});

export const subnetLayout = stackRule(
  "subnet-layout",
  "One subnet per AZ and tier, each inside the VPC, /28 or larger, none overlapping.",
  ({ stack, envPath }, report) => {
    const n = stack.network;
    const vpc = parseCidr(n.cidr);
    if (!vpc) return;
    const path = `${envPath}.network`;
    const all: [string, string][] = [];
    for (const [field, explicit, list] of [
      ["publicSubnets", n.explicitPublicSubnets, n.publicSubnets],
      ["privateSubnets", n.explicitPrivateSubnets, n.privateSubnets],
    ] as const) {
      if (explicit && explicit.length !== n.azCount) report(`${path}.${field}`, explicit, `needs exactly one CIDR per AZ (${n.azCount})`);
      list.forEach((text, i) => all.push([`${path}.${field}[${i}]`, text]));
    }
    for (const [i, [fieldA, a]] of all.entries()) {
      const cidrA = parseCidr(a);
      if (!cidrA) continue;
      if (!cidrContains(vpc, cidrA)) report(fieldA, a, `must be inside the VPC CIDR ${n.cidr}`);
      if (cidrA.prefix > 28) report(fieldA, a, "subnets must be /28 or larger");
      for (const [fieldB, b] of all.slice(i + 1)) {
        const cidrB = parseCidr(b);
        if (cidrB && cidrsOverlap(cidrA, cidrB)) report(fieldB, b, `overlaps ${fieldA} (${a}); subnets must not overlap`);
      }
    }
  },
);

export const distinctIngressCidrs = stackRule("distinct-ingress-cidrs", "The load balancer's ingress CIDRs are distinct (AWS refuses a duplicate rule).", ({ stack, envPath }, report) => {
  const seen = new Map<string, number>();
  stack.loadBalancer.ingressCidrs.forEach((cidr, i) => {
    const first = seen.get(cidr);
    if (first !== undefined) report(`${envPath}.loadBalancer.ingressCidrs[${i}]`, cidr, `already listed at ingressCidrs[${first}]; each CIDR once (AWS refuses duplicate security group rules)`);
    else seen.set(cidr, i);
  });
});

export const privateEgress = stackRule("private-egress", "Without NAT, tasks reach AWS APIs through VPC endpoints.", ({ stack, envPath }, report) => {
  if (stack.network.natGateways === "none" && !stack.network.vpcEndpoints) {
    report(`${envPath}.network.natGateways`, "none", "tasks in private subnets then cannot reach ECR, CloudWatch Logs or SSM; set network.vpcEndpoints: true or use \"single\" / \"perAz\"");
  }
});
