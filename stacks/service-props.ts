import type { ServiceSettings } from "../config";
import type { Alarms } from "../constructs/alarms";
import type { ApplicationServiceProps } from "../constructs/application-service";
import type { Cluster } from "../constructs/cluster";
import type { ContainerSecret } from "../constructs/container-definition";
import type { LoadBalancer, RouteProps } from "../constructs/load-balancer";
import type { TaskProps, TaskVolume } from "../constructs/task-definition";
import type { ScheduledJobProps } from "../constructs/scheduled-job";
import type { SidecarProps } from "../constructs/sidecar-definition";
import { FIRELENS_CONTAINER } from "../config/resolve/service";

/** What the stack has built that one service plugs into. */
export interface ServiceWiring {
  readonly region: string;
  readonly partition: string;
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
  /** @default - no load balancer (no web service) */
  readonly loadBalancer?: LoadBalancer;
  readonly alarms?: Alarms;
  /** Image and secrets of each sidecar, by container name. */
  readonly sidecars: Readonly<Record<string, { readonly image: string; readonly secrets: readonly ContainerSecret[] }>>;
  /** The service's volumes, resolved to file systems and access points. */
  readonly volumes: readonly TaskVolume[];
  /** The FireLens router's log group. @default - no FireLens */
  readonly firelensLogGroupName?: string;
  /** ECS infrastructure role of ECS-native releases and lifecycle hooks. @default - none in the stack */
  readonly releaseRoleArn?: string;
}

/** The load balancer route of a routed service. */
function routeOf(svc: ServiceSettings): RouteProps | undefined {
  const routing = svc.routing;
  if (!routing || svc.containerPort === undefined || svc.hostPort === undefined) return undefined;
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

/** The task definition of a service or a job: its size, roles and main container. */
export function taskProps(svc: ServiceSettings, wiring: ServiceWiring): TaskProps {
  const r = svc.runtime;
  return {
    taskFamily: svc.names.taskFamily,
    cpu: svc.cpu,
    memory: svc.memory,
    architecture: svc.architecture,
    launchType: svc.capacity === "ec2" ? "EC2" : "FARGATE",
    networkMode: svc.networkMode,
    ephemeralStorageGiB: r.ephemeralStorageGiB,
    volumes: wiring.volumes.length > 0 ? wiring.volumes : undefined,
    executionRoleArn: wiring.executionRoleArn,
    taskRoleArn: wiring.taskRoleArn,
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
      dependsOn: svc.dependsOn,
      mountPoints: mountsOf(svc, svc.names.container),
      firelensOptions: svc.firelens
        ? { Name: "cloudwatch_logs", region: wiring.region, log_group_name: wiring.logGroupName, log_stream_prefix: "ecs/", auto_create_group: "false", ...svc.firelens.options }
        : undefined,
      runtime: {
        command: r.command,
        entryPoint: r.entryPoint,
        workingDirectory: r.workingDirectory,
        stopTimeout: r.stopTimeout,
        initProcessEnabled: r.initProcessEnabled,
        ulimits: r.ulimits,
        environmentFileArns: r.environmentFiles.map((f) => environmentFileArn(wiring.partition, f)),
      },
    },
    sidecars: sidecarsOf(svc, wiring),
  };
}

const mountsOf = (svc: ServiceSettings, container: string) =>
  svc.mountPoints.filter((m) => m.container === container).map((m) => ({ sourceVolume: m.volume, containerPath: m.containerPath, readOnly: m.readOnly }));

/** The sidecars of a task, the FireLens router first. */
function sidecarsOf(svc: ServiceSettings, wiring: ServiceWiring): SidecarProps[] {
  const router: SidecarProps[] =
    svc.firelens && wiring.firelensLogGroupName
      ? [{
          name: FIRELENS_CONTAINER,
          image: svc.firelens.image,
          essential: true,
          dependsOn: [],
          ports: [],
          environment: [],
          secrets: [],
          cpu: 0,
          memoryReservation: 50,
          // Fluent Bit writes its buffers and state under /fluent-bit and /tmp.
          readonlyRootFilesystem: false,
          logGroupName: wiring.firelensLogGroupName,
          region: wiring.region,
          firelens: true,
        }]
      : [];
  return [
    ...router,
    ...svc.sidecars.map((c): SidecarProps => ({
      name: c.name,
      image: wiring.sidecars[c.name].image,
      essential: c.essential,
      command: c.command,
      dependsOn: c.dependsOn,
      ports: c.ports,
      environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
      secrets: wiring.sidecars[c.name].secrets,
      healthCheck: c.healthCheck,
      cpu: c.cpu,
      memoryReservation: c.memoryReservation,
      memory: c.memory,
      readonlyRootFilesystem: c.readonlyRootFilesystem,
      user: c.user,
      mountPoints: mountsOf(svc, c.name),
      logGroupName: wiring.logGroupName,
      region: wiring.region,
    })),
  ];
}

/** The S3 object ARN of an environment file (ECS and IAM both take it). */
export function environmentFileArn(partition: string, file: { bucket: string; key: string }): string {
  return `arn:${partition}:s3:::${file.bucket}/${file.key}`;
}

/** One service's settings and the stack's shared resources, as ApplicationService props. */
export function serviceProps(svc: ServiceSettings, wiring: ServiceWiring): ApplicationServiceProps {
  const route = routeOf(svc);
  return {
    key: svc.key,
    serviceName: svc.names.service,
    task: taskProps(svc, wiring),
    clusterArn: wiring.cluster.cluster.arn,
    clusterName: wiring.cluster.cluster.name,
    desiredCount: svc.desiredCount,
    capacityProviderStrategy: wiring.ec2CapacityProvider
      ? [{ provider: wiring.ec2CapacityProvider, weight: 1, base: 0 }]
      : svc.capacityProviderStrategy,
    network: svc.networkMode === "awsvpc" ? { subnetIds: wiring.privateSubnetIds, securityGroupIds: [wiring.taskSecurityGroupId] } : undefined,
    serviceConnect: { namespaceArn: wiring.cluster.namespace.arn, publish: svc.serviceConnect },
    enableExecuteCommand: svc.enableExecuteCommand,
    loadBalancing: route && wiring.loadBalancer ? { loadBalancer: wiring.loadBalancer, route, healthCheckGracePeriod: svc.healthCheckGracePeriod } : undefined,
    autoscaling: svc.autoscaling ? { minCount: svc.minCount, maxCount: svc.maxCount, ...svc.autoscaling } : undefined,
    alarms: wiring.alarms,
    preDeploy: svc.preDeploy ? { taskFamily: svc.preDeploy.taskFamily, command: svc.preDeploy.command } : undefined,
    after: { listener: wiring.loadBalancer?.listener, capacityProviders: wiring.cluster.capacityProviders },
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

/** A job's settings and the stack's shared resources, as ScheduledJob props. */
export function jobProps(svc: ServiceSettings, wiring: ServiceWiring, accountId: string): ScheduledJobProps {
  const schedule = svc.schedule!;
  return {
    key: svc.key,
    task: taskProps(svc, wiring),
    scheduleName: schedule.name,
    roleName: schedule.roleName,
    deadLetterQueueName: schedule.deadLetterQueueName,
    expression: schedule.expression,
    timezone: schedule.timezone,
    flexibleWindowMinutes: schedule.flexibleWindowMinutes,
    retries: schedule.retries,
    maxEventAgeSeconds: schedule.maxEventAgeSeconds,
    enabled: schedule.enabled,
    accountId,
    partition: wiring.partition,
    region: wiring.region,
    clusterArn: wiring.cluster.cluster.arn,
    capacityProviderStrategy: wiring.ec2CapacityProvider ? [{ provider: wiring.ec2CapacityProvider, weight: 1, base: 0 }] : svc.capacityProviderStrategy,
    network: svc.networkMode === "awsvpc" ? { subnetIds: wiring.privateSubnetIds, securityGroupIds: [wiring.taskSecurityGroupId] } : undefined,
    alarms: wiring.alarms,
  };
}
