/**
 * The stack's network layer, mapped from settings: the VPC it creates (or the existing one it
 * joins) and the security groups between the load balancer, tasks, instances and the database.
 */
import type { Construct } from "constructs";
import type { ServiceSettings, StackSettings } from "../config";
import { natInstanceName } from "../config/names";
import { Network } from "../constructs/network";
import { ExistingNetwork } from "../constructs/existing-network";
import type { PortUsers, SecurityGroupsProps } from "../constructs/security-groups";

/** Where the stack's resources go: the VPC and its subnets, created here or existing. */
export interface StackNetwork {
  /** The VPC the stack creates; undefined with `network.existing`. */
  readonly created?: Network;
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
}

export interface NetworkWiring {
  readonly accountId: string;
  readonly partition: string;
  readonly permissionsBoundaryArn: string;
  readonly ipv6: boolean;
}

/** The VPC with its subnets, NAT, flow logs and endpoints, or the existing network (construct ID `network` either way). */
export function addNetwork(scope: Construct, s: StackSettings, at: NetworkWiring): StackNetwork {
  if (s.network.existing) {
    const existing = new ExistingNetwork(scope, "network", s.network.existing);
    return { vpcId: existing.vpcId, privateSubnetIds: existing.privateSubnetIds, publicSubnetIds: existing.publicSubnetIds };
  }
  const { names, network: settings } = s;
  const { partition } = at;
  const network = new Network(scope, "network", {
    cidr: settings.cidr,
    azCount: settings.azCount,
    availabilityZones: settings.availabilityZones,
    publicSubnets: settings.publicSubnets,
    privateSubnets: settings.privateSubnets,
    natGateways: settings.natGateways,
    natInstance: settings.natGateways === "instance" ? { name: natInstanceName(names.prefix), partition } : undefined,
    flowLogs: settings.flowLogs ? { logGroupName: names.flowLogGroup, roleName: names.flowLogRole, retentionDays: settings.flowLogRetentionDays } : undefined,
    endpoints: settings.vpcEndpoints ? { securityGroupName: names.endpointSecurityGroup, extraInterfaceEndpoints: s.cluster.ecsExec ? ["ssmmessages"] : [] } : undefined,
    region: s.region,
    accountId: at.accountId,
    vpcName: names.vpc,
    partition,
    permissionsBoundaryArn: at.permissionsBoundaryArn,
    namePrefix: names.prefix,
    ipv6: at.ipv6,
  });
  return {
    created: network,
    vpcId: network.vpc.id,
    privateSubnetIds: network.privateSubnets.map((sn) => sn.id),
    publicSubnetIds: network.publicSubnets.map((sn) => sn.id),
  };
}

/** What the security groups are for: the VPC, and the services behind them. */
export interface SecurityGroupWiring {
  readonly vpcId: string;
  /** The load balancer is dual-stack. */
  readonly ipv6: boolean;
  /** A web service exists, so there is a load balancer. */
  readonly web: boolean;
  readonly routed: readonly ServiceSettings[];
  readonly ec2Services: readonly ServiceSettings[];
}

/**
 * The security groups' props: the ALB's group reachable from the configured CIDRs and groups, the
 * task group open to the ALB on web services' ports and to other tasks on internal ports, and the
 * database and instance groups when they exist.
 */
export function securityGroupsProps(s: StackSettings, at: SecurityGroupWiring): SecurityGroupsProps {
  const names = s.names;
  const awsvpcPorts = s.services.filter((svc) => svc.networkMode === "awsvpc" && svc.containerPort !== undefined);
  const webPorts = portUsers(awsvpcPorts.filter((svc) => svc.kind === "web"), (svc) => svc.containerPort!);
  return {
    vpcId: at.vpcId,
    alb: at.web
      ? {
          name: names.albSecurityGroup,
          ingressCidrs: s.loadBalancer.ingressCidrs,
          https: s.domain !== undefined,
          ipv6FromAnywhere: at.ipv6 && s.loadBalancer.ingressCidrs.includes("0.0.0.0/0"),
          ingressSecurityGroupIds: s.loadBalancer.ingressSecurityGroups,
        }
      : undefined,
    tasks: {
      name: names.taskSecurityGroup,
      ports: webPorts,
      internalPorts: portUsers(awsvpcPorts.filter((svc) => svc.kind !== "web" && !webPorts.some((p) => p.port === svc.containerPort)), (svc) => svc.containerPort!),
    },
    database: s.database ? { name: names.databaseSecurityGroup, port: s.database.port } : undefined,
    instances:
      at.ec2Services.length > 0
        ? {
            name: names.instanceSecurityGroup,
            ports: portUsers(at.routed.filter((svc) => svc.networkMode === "bridge"), (svc) => svc.hostPort!),
            sshCidr: s.ec2Capacity?.sshCidr,
          }
        : undefined,
  };
}

/** Ports with the services that listen on them, ordered by port. */
function portUsers(services: readonly ServiceSettings[], portOf: (svc: ServiceSettings) => number): PortUsers[] {
  const byPort = new Map<number, string[]>();
  for (const svc of services) byPort.set(portOf(svc), [...(byPort.get(portOf(svc)) ?? []), svc.names.service]);
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([port, users]) => ({ port, services: users }));
}
