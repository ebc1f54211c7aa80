import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import type { CapacityShare } from "./cluster";
import { taskDefinition, type TaskProps } from "./task-definition";
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
  /** SQS backlog per running task. @default - no queue scaling */
  readonly queue?: { readonly name: string; readonly backlogPerTask: number };
  /** Scheduled changes of the bounds. @default - none */
  readonly schedules?: readonly { readonly name: string; readonly expression: string; readonly timezone: string; readonly minCount?: number; readonly maxCount?: number }[];
}

export interface ApplicationServiceProps {
  /** Config key: Service Connect discovery name and part of the Terraform addresses. */
  readonly key: string;
  readonly serviceName: string;
  readonly task: TaskProps;
  /** A one-off task run before each rollout (bin/predeploy.sh), same image and roles. @default - none */
  readonly preDeploy?: { readonly taskFamily: string; readonly command: readonly string[] };
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
   * before a service can register with it; none without a load balancer) and the cluster's
   * capacity providers.
   */
  readonly after: { readonly listener?: ITerraformDependable; readonly capacityProviders: ITerraformDependable };
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
  public readonly preDeployTaskDefinition?: EcsTaskDefinition;
  public readonly service: EcsService;
  public readonly route?: Route;
  public readonly scalingTarget?: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: ApplicationServiceProps) {
    super(scope, id);
    const portName = `${props.key}-http`;
    const container = props.task.container;
    const launchType = props.task.launchType;

    this.taskDefinition = taskDefinition(this, "task-definition", props.task, portName);
    const pre = props.preDeploy;
    if (pre) {
      // No port and no health check: the task runs its command and exits.
      const { containerPort: _port, hostPort: _host, healthCheck: _check, ...main } = container;
      this.preDeployTaskDefinition = taskDefinition(this, "predeploy-task-definition", {
        ...props.task,
        taskFamily: pre.taskFamily,
        container: { ...main, runtime: main.runtime ? { ...main.runtime, command: pre.command } : undefined },
      }, portName);
    }

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
      // The provider refuses to plan a changed capacity_provider_strategy without it; with it, any
      // update of the service also starts a (zero-downtime) deployment, as terraform-aws-modules/ecs does.
      forceNewDeployment: true,
      networkConfiguration: props.network
        ? { subnets: props.network.subnetIds, securityGroups: props.network.securityGroupIds, assignPublicIp: false }
        : undefined,
      orderedPlacementStrategy: launchType === "EC2" ? [{ type: "spread", field: "attribute:ecs.availability-zone" }] : undefined,
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
        service: props.serviceConnect.publish && container.containerPort !== undefined
          ? [{ portName, discoveryName: props.key, clientAlias: { port: container.containerPort, dnsName: props.key } }]
          : undefined,
      },
      // Once autoscaling owns the task count, applies must not reset it to desired_count; ECS-native
      // releases swap the service's target groups (./release-strategy.ts).
      lifecycle: ignoreChanges.length > 0 ? { ignoreChanges } : undefined,
      dependsOn: [
        ...(props.after.listener ? [props.after.listener] : []),
        ...[route?.rule, route?.testRule].filter((r) => r !== undefined),
        props.after.capacityProviders,
      ],
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
    if (a.queue) this.addQueueScaling(props, target, a.queue);
    for (const schedule of a.schedules ?? []) {
      new AppautoscalingScheduledAction(this, `scheduled-scaling-${schedule.name}`, {
        name: `${props.serviceName}-${schedule.name}`,
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        schedule: schedule.expression,
        timezone: schedule.timezone,
        scalableTargetAction: {
          minCapacity: schedule.minCount === undefined ? undefined : String(schedule.minCount),
          maxCapacity: schedule.maxCount === undefined ? undefined : String(schedule.maxCount),
        },
      });
    }
    return target;
  }

  /**
   * Backlog per task = visible messages / running tasks, by metric math (no Lambda). With no task
   * running the backlog is the queue depth itself, so a worker scaled to zero scales out again.
   */
  private addQueueScaling(props: ApplicationServiceProps, target: AppautoscalingTarget, queue: { name: string; backlogPerTask: number }): void {
    new AppautoscalingPolicy(this, "scale-on-queue", {
      name: `${props.serviceName}-queue`,
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: queue.backlogPerTask,
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
        customizedMetricSpecification: {
          metrics: [
            {
              id: "visible",
              label: "Visible messages",
              returnData: false,
              metricStat: { stat: "Sum", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: queue.name }] } },
            },
            {
              id: "tasks",
              label: "Running tasks",
              returnData: false,
              metricStat: {
                stat: "Average",
                metric: { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions: [{ name: "ClusterName", value: props.clusterName }, { name: "ServiceName", value: props.serviceName }] },
              },
            },
            { id: "backlog", label: "Backlog per task", expression: "IF(tasks > 0, visible / tasks, visible)", returnData: true },
          ],
        },
      },
    });
  }
}
