import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import type { CapacityShare } from "./cluster";
import { containerDefinition, type ContainerProps } from "./container-definition";
import type { LoadBalancer, Route, RouteProps } from "./load-balancer";
import type { Alarms } from "./alarms";
// --- issue 14 ---
import { releaseIgnores, releaseServiceConfig, shiftsTraffic, type ReleaseProps } from "./release-strategy";
// --- end issue 14 ---

export interface ServiceAutoscaling {
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpuTarget: number;
  readonly memoryTarget: number;
  /** ALB requests per target per minute (routed services). @default - no request scaling */
  readonly requestsPerTarget?: number;
}

export interface ApplicationServiceProps {
  /** Config key: Service Connect discovery name and part of the Terraform addresses. */
  readonly key: string;
  readonly serviceName: string;
  readonly taskFamily: string;
  readonly cpu: number;
  readonly memory: number;
  readonly architecture: "X86_64" | "ARM64";
  readonly launchType: "FARGATE" | "EC2";
  readonly networkMode: "awsvpc" | "bridge";
  readonly container: Omit<ContainerProps, "portName">;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly clusterArn: string;
  readonly clusterName: string;
  /** Tasks at creation; owned by autoscaling afterwards when it is on. */
  readonly desiredCount: number;
  readonly capacityProviderStrategy: readonly CapacityShare[];
  /** awsvpc networking: private subnets and security groups. @default - bridge mode on the instances */
  readonly network?: { readonly subnetIds: string[]; readonly securityGroupIds: string[] };
  readonly serviceConnect: {
    readonly namespaceArn: string;
    /** Publish `<key>:<containerPort>` to the namespace (else the service is a client only). */
    readonly publish: boolean;
  };
  readonly enableExecuteCommand: boolean;
  /** Traffic from the load balancer. @default - not behind the load balancer */
  readonly loadBalancing?: { readonly loadBalancer: LoadBalancer; readonly route: RouteProps; readonly healthCheckGracePeriod: number };
  /** @default - fixed task count */
  readonly autoscaling?: ServiceAutoscaling;
  /** @default - no alarms */
  readonly alarms?: Alarms;
  /**
   * What must exist before the service: the listener (a target group must be attached to one
   * before a service can register with it) and the cluster's capacity providers.
   */
  readonly after: { readonly listener: ITerraformDependable; readonly capacityProviders: ITerraformDependable };
  // --- issue 14 ---
  /** How new versions reach traffic and when they roll back. */
  readonly release: ReleaseProps;
  // --- end issue 14 ---
}

/**
 * One application service: its task definition, its ECS service with rolling, circuit-breaker-
 * protected deployments, its load balancer route (target group and listener rule, created in the
 * load balancer), target-tracking autoscaling and its alarms. The image is an input, so shipping a
 * new image changes only the task definition revision and the service.
 */
export class ApplicationService extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsService;
  public readonly route?: Route;
  public readonly scalingTarget?: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: ApplicationServiceProps) {
    super(scope, id);
    const portName = `${props.key}-http`;
    const container = props.container;

    this.taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: props.taskFamily,
      requiresCompatibilities: [props.launchType],
      networkMode: props.networkMode,
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.architecture },
      containerDefinitions: JSON.stringify([containerDefinition({ ...container, portName })]),
    });

    const lb = props.loadBalancing;
    this.route = lb ? lb.loadBalancer.addRoute(props.key, lb.route) : undefined;
    // --- issue 14: release strategy, deployment alarms ---
    const route = this.route;
    const rollbackAlarms = props.release.rollbackAlarms;
    const alarmNames =
      route && lb && props.alarms && rollbackAlarms
        ? props.alarms.addReleaseAlarms(props.key, {
            loadBalancerArnSuffix: lb.loadBalancer.alb.arnSuffix,
            targetGroupArnSuffixes: [route.targetGroup, ...(route.alternateTargetGroup ? [route.alternateTargetGroup] : [])].map((tg) => tg.arnSuffix),
            ...rollbackAlarms,
          })
        : [];
    const release = releaseServiceConfig(props.release, { route, containerName: container.name, containerPort: container.containerPort }, alarmNames);
    const ignoreChanges = [...(props.autoscaling ? ["desired_count"] : []), ...releaseIgnores(props.release)];
    // --- end issue 14 ---

    this.service = new EcsService(this, "service", {
      name: props.serviceName,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: props.capacityProviderStrategy.map((c) => ({ capacityProvider: c.provider, weight: c.weight, base: c.base })),
      networkConfiguration: props.network
        ? { subnets: props.network.subnetIds, securityGroups: props.network.securityGroupIds, assignPublicIp: false }
        : undefined,
      orderedPlacementStrategy: props.launchType === "EC2" ? [{ type: "spread", field: "attribute:ecs.availability-zone" }] : undefined,
      loadBalancer: release.loadBalancer,
      healthCheckGracePeriodSeconds: lb?.healthCheckGracePeriod,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentConfiguration: release.deploymentConfiguration,
      alarms: release.alarms,
      enableExecuteCommand: props.enableExecuteCommand,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      availabilityZoneRebalancing: "ENABLED",
      serviceConnectConfiguration: {
        enabled: true,
        namespace: props.serviceConnect.namespaceArn,
        service: props.serviceConnect.publish
          ? [{ portName, discoveryName: props.key, clientAlias: { port: container.containerPort, dnsName: props.key } }]
          : undefined,
      },
      // Once autoscaling owns the task count, applies must not reset it to desired_count; ECS-native
      // releases swap the service's target groups (./release-strategy.ts).
      lifecycle: ignoreChanges.length > 0 ? { ignoreChanges } : undefined,
      dependsOn: [props.after.listener, ...[route?.rule, route?.testRule].filter((r) => r !== undefined), props.after.capacityProviders],
    });

    if (props.autoscaling) this.scalingTarget = this.addAutoscaling(props, props.autoscaling);

    props.alarms?.addServiceAlarms(props.key, {
      clusterName: props.clusterName,
      serviceName: this.service.name,
      target: this.route && lb ? { loadBalancerArnSuffix: lb.loadBalancer.alb.arnSuffix, targetGroupArnSuffix: this.route.targetGroup.arnSuffix } : undefined,
    });
  }

  private addAutoscaling(props: ApplicationServiceProps, a: ServiceAutoscaling): AppautoscalingTarget {
    const target = new AppautoscalingTarget(this, "scaling-target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${this.service.name}`,
      minCapacity: a.minCount,
      maxCapacity: a.maxCount,
    });
    const track = (metricId: string, metric: string, value: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, `scale-on-${metricId}`, {
        name: `${props.serviceName}-${metricId}`,
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
        },
      });
    track("cpu", "ECSServiceAverageCPUUtilization", a.cpuTarget);
    track("memory", "ECSServiceAverageMemoryUtilization", a.memoryTarget);
    // Request tracking reads one target group; an ECS-native release moves traffic to the other.
    if (a.requestsPerTarget !== undefined && this.route && props.loadBalancing && !shiftsTraffic(props.release)) {
      track("requests", "ALBRequestCountPerTarget", a.requestsPerTarget, `${props.loadBalancing.loadBalancer.alb.arnSuffix}/${this.route.targetGroup.arnSuffix}`);
    }
    return target;
  }
}
