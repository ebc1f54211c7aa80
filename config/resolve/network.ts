import { cidrSubnet, formatCidr, parseCidr } from "../cidr";
import type { EnvironmentProfile } from "../defaults";
import type { EnvironmentConfig } from "../schema";
import type { NetworkSettings } from "../settings";
import { resolveExistingNetwork } from "./edge";

/**
 * Subnets are carved from the VPC CIDR unless given: public blocks from index 0, private from the
 * middle of the `subnetNewBits` range. A layout that does not fit carves nothing (a rule says why).
 */
export function carveSubnets(vpcCidr: string, newBits: number, count: number, offset: number): string[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return [];
  const fits = vpc.prefix + newBits <= 28 && offset + count <= 2 ** newBits;
  if (!fits) return [];
  return Array.from({ length: count }, (_, i) => formatCidr(cidrSubnet(vpc, newBits, offset + i)));
}

/** Two AZs: the fewest an ALB and a DB subnet group accept. */
export const DEFAULT_AZ_COUNT = 2;

export function resolveNetwork(e: EnvironmentConfig, profile: EnvironmentProfile): NetworkSettings {
  const n = e.network;
  const azCount = n.availabilityZones?.length ?? n.azCount ?? DEFAULT_AZ_COUNT;
  const half = 2 ** (n.subnetNewBits - 1);
  return {
    cidr: n.cidr,
    azCount,
    availabilityZones: n.availabilityZones,
    explicitPublicSubnets: n.publicSubnets,
    explicitPrivateSubnets: n.privateSubnets,
    subnetNewBits: n.subnetNewBits,
    publicSubnets: n.publicSubnets ?? carveSubnets(n.cidr, n.subnetNewBits, azCount, 0),
    privateSubnets: n.privateSubnets ?? carveSubnets(n.cidr, n.subnetNewBits, azCount, half),
    natGateways: n.natGateways ?? profile.natGateways,
    flowLogs: n.flowLogs,
    flowLogRetentionDays: n.flowLogRetentionDays ?? e.logRetentionDays,
    vpcEndpoints: n.vpcEndpoints,
    existing: resolveExistingNetwork(n.existing),
  };
}
