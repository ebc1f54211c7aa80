import type { ServiceSettings } from "../config";
import type { Alarms } from "../constructs/alarms";
import type { ApplicationServiceProps } from "../constructs/application-service";
import type { Cluster } from "../constructs/cluster";
import type { ContainerSecret } from "../constructs/container-definition";
import type { LoadBalancer, RouteProps } from "../constructs/load-balancer";

/** What the stack has built that one service plugs into. */
export interface ServiceWiring {
  readonly region: string;
  readonly image: string;
  readonly logGroupName: string;
  readonly secrets: readonly ContainerSecret[];
  /** Environment variables whose values are Terraform expressions (e.g. the database host). */
  readonly wiredEnvironment: Readonly<Record<string, string>>;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly cluster: Cluster;
  readonly privateSubnetIds: string[];
  readonly taskSecurityGroupId: string;
  /** The EC2 capacity provider of an EC2 service. */
  readonly ec2CapacityProvider?: string;
  readonly loadBalancer: LoadBalancer;
  readonly alarms?: Alarms;
  /** ECS infrastructure role of ECS-native releases and lifecycle hooks. @default - none in the stack */
  readonly releaseRoleArn?: string;
}

/** The load balancer route of a routed service. */
function routeOf(svc: ServiceSettings): RouteProps | undefined {
  const routing = svc.routing;
  if (!routing) return undefined;
  const bridge = svc.networkMode === "bridge";
  return {
    targetGroupName: svc.names.targetGroup,
    // awsvpc tasks register by IP; bridge-mode tasks on EC2 register by instance + host port.
    targetType: bridge ? "instance" : "ip",
    port: bridge ? svc.hostPort : svc.containerPort,
    deregistrationDelay: svc.deregistrationDelay,
    healthCheck: svc.healthCheck,
    isDefault: routing.isDefault,
    rule: routing.priority === undefined ? undefined : { priority: routing.priority, pathPatterns: routing.pathPatterns, hostHeaders: routing.hostHeaders },
    trafficShift: trafficShiftOf(svc),
    authenticate: routing.authenticate,
  };
}

/** The alternate target group and rules of an ECS-native release (issue 14). */
function trafficShiftOf(svc: ServiceSettings): RouteProps["trafficShift"] {
  const shift = svc.release.trafficShift;
  if (!shift) return undefined;
  // Rules make sure a service with its own rule gives its test priority.
  return {
    alternateTargetGroupName: shift.alternateTargetGroup,
    productionPriority: shift.productionPriority,
    test: { header: shift.test.header, value: shift.test.value, priority: shift.test.priority! },
  };
}

/** One service's settings and the stack's shared resources, as ApplicationService props. */
export function serviceProps(svc: ServiceSettings, wiring: ServiceWiring): ApplicationServiceProps {
  const route = routeOf(svc);
  return {
    key: svc.key,
    serviceName: svc.names.service,
    taskFamily: svc.names.taskFamily,
    cpu: svc.cpu,
    memory: svc.memory,
    architecture: svc.architecture,
    launchType: svc.capacity === "ec2" ? "EC2" : "FARGATE",
    networkMode: svc.networkMode,
    container: {
      name: svc.names.container,
      image: wiring.image,
      containerPort: svc.containerPort,
      hostPort: svc.hostPort,
      environment: [
        ...Object.entries(svc.environment).map(([name, value]) => ({ name, value })),
        ...Object.entries(wiring.wiredEnvironment).map(([name, value]) => ({ name, value })),
      ],
      secrets: wiring.secrets,
      logGroupName: wiring.logGroupName,
      region: wiring.region,
      healthCheck: svc.containerHealthCheck,
      readonlyRootFilesystem: svc.readonlyRootFilesystem,
      user: svc.user,
    },
    executionRoleArn: wiring.executionRoleArn,
    taskRoleArn: wiring.taskRoleArn,
    clusterArn: wiring.cluster.cluster.arn,
    clusterName: wiring.cluster.cluster.name,
    desiredCount: svc.desiredCount,
    capacityProviderStrategy: wiring.ec2CapacityProvider
      ? [{ provider: wiring.ec2CapacityProvider, weight: 1, base: 0 }]
      : svc.capacityProviderStrategy,
    network: svc.networkMode === "awsvpc" ? { subnetIds: wiring.privateSubnetIds, securityGroupIds: [wiring.taskSecurityGroupId] } : undefined,
    serviceConnect: { namespaceArn: wiring.cluster.namespace.arn, publish: svc.serviceConnect },
    enableExecuteCommand: svc.enableExecuteCommand,
    loadBalancing: route ? { loadBalancer: wiring.loadBalancer, route, healthCheckGracePeriod: svc.healthCheckGracePeriod } : undefined,
    autoscaling: svc.autoscaling ? { minCount: svc.minCount, maxCount: svc.maxCount, ...svc.autoscaling } : undefined,
    alarms: wiring.alarms,
    after: { listener: wiring.loadBalancer.listener, capacityProviders: wiring.cluster.capacityProviders },
    release: {
      strategy: svc.release.strategy,
      bakeTimeMinutes: svc.release.bakeTimeMinutes,
      canary: svc.release.canary,
      linear: svc.release.linear,
      roleArn: wiring.releaseRoleArn,
      hooks: svc.release.hooks,
      rollbackAlarms: wiring.alarms ? svc.release.rollbackAlarms : undefined,
    },
  };
}
