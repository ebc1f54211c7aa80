import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import type { ServiceSettings } from "../config";
import { escapeTerraformTemplate } from "./terraform-text";

/** A container secret: the variable name and the ARN (with optional `:jsonKey::`) ECS reads it from. */
export interface ContainerSecret {
  readonly name: string;
  readonly valueFrom: string;
}

export interface ServiceProps {
  readonly settings: ServiceSettings;
  readonly region: string;
  readonly clusterArn: string;
  readonly clusterName: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly logGroupName: string;
  readonly repositoryUrl: string;
  /** Image tag, normally the value of this service's `image_tag_<service>` Terraform variable. */
  readonly imageTag: string;
  /** Environment variables whose values are Terraform expressions (e.g. the DB host). @default none */
  readonly wiredEnvironment?: Readonly<Record<string, string>>;
  readonly secrets: readonly ContainerSecret[];
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Service Connect namespace ARN. */
  readonly namespaceArn: string;
  /** Capacity provider name for EC2 services. @default Fargate strategy from settings */
  readonly ec2CapacityProvider?: string;
  readonly targetGroupArn?: string;
  /** `<alb arn_suffix>/<target group arn_suffix>` for request-count scaling. @default no request scaling */
  readonly requestCountResourceLabel?: string;
  /** Resources that must exist before the service (the listener rule of its target group). */
  readonly dependsOn?: ITerraformDependable[];
}

/** Port mapping name, referenced by Service Connect. */
export function portName(settings: ServiceSettings): string {
  return `${settings.key}-http`;
}

/**
 * One application service: task definition, ECS service with rolling, circuit-breaker-protected
 * deployments, and target-tracking autoscaling. The image tag is an input, so shipping a new image
 * changes only the task definition revision and the service.
 */
export class Service extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsService;
  public readonly scalingTarget?: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const s = props.settings;
    const fargate = s.capacity === "fargate";

    this.taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: s.taskFamily,
      requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
      networkMode: s.networkMode,
      cpu: String(s.cpu),
      memory: String(s.memory),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: s.architecture },
      containerDefinitions: JSON.stringify([containerDefinition(props)]),
    });

    const strategy = props.ec2CapacityProvider
      ? [{ capacityProvider: props.ec2CapacityProvider, weight: 1, base: 0 }]
      : s.capacityProviderStrategy.map((c) => ({ capacityProvider: c.provider, weight: c.weight, base: c.base }));

    this.service = new EcsService(this, "service", {
      name: s.serviceName,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: s.desiredCount,
      capacityProviderStrategy: strategy,
      networkConfiguration:
        s.networkMode === "awsvpc"
          ? { subnets: props.subnetIds, securityGroups: props.securityGroupIds, assignPublicIp: false }
          : undefined,
      orderedPlacementStrategy: fargate ? undefined : [{ type: "spread", field: "attribute:ecs.availability-zone" }],
      loadBalancer: props.targetGroupArn
        ? [{ targetGroupArn: props.targetGroupArn, containerName: s.containerName, containerPort: s.containerPort }]
        : undefined,
      healthCheckGracePeriodSeconds: props.targetGroupArn ? s.healthCheckGracePeriod : undefined,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: s.enableExecuteCommand,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      availabilityZoneRebalancing: "ENABLED",
      serviceConnectConfiguration: {
        enabled: true,
        namespace: props.namespaceArn,
        service: s.serviceConnect
          ? [{ portName: portName(s), discoveryName: s.key, clientAlias: { port: s.containerPort, dnsName: s.key } }]
          : undefined,
      },
      // Once autoscaling owns the task count, applies must not reset it to desired_count.
      lifecycle: s.autoscaling ? { ignoreChanges: ["desired_count"] } : undefined,
      dependsOn: props.dependsOn,
    });

    if (s.autoscaling) {
      const a = s.autoscaling;
      this.scalingTarget = new AppautoscalingTarget(this, "scaling-target", {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: `service/${props.clusterName}/${this.service.name}`,
        minCapacity: a.minCount,
        maxCapacity: a.maxCount,
      });
      const track = (metricId: string, metric: string, target: number, resourceLabel?: string) =>
        new AppautoscalingPolicy(this, `scale-on-${metricId}`, {
          name: `${s.serviceName}-${metricId}`,
          policyType: "TargetTrackingScaling",
          serviceNamespace: this.scalingTarget!.serviceNamespace,
          scalableDimension: this.scalingTarget!.scalableDimension,
          resourceId: this.scalingTarget!.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            targetValue: target,
            predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
            scaleInCooldown: 300,
            scaleOutCooldown: 60,
          },
        });
      track("cpu", "ECSServiceAverageCPUUtilization", a.cpuTarget);
      track("memory", "ECSServiceAverageMemoryUtilization", a.memoryTarget);
      if (a.requestsPerTarget !== undefined && props.requestCountResourceLabel) {
        track("requests", "ALBRequestCountPerTarget", a.requestsPerTarget, props.requestCountResourceLabel);
      }
    }
  }
}

/**
 * The container as ECS stores it. Fields ECS fills in by itself (mountPoints, volumesFrom,
 * systemControls, hostPort) are written out so the provider's diff sees no change after apply.
 */
export function containerDefinition(props: ServiceProps): Record<string, unknown> {
  const s = props.settings;
  const environment = [
    ...Object.entries(s.environment).map(([name, value]) => ({ name, value: escapeTerraformTemplate(value) })),
    ...Object.entries(props.wiredEnvironment ?? {}).map(([name, value]) => ({ name, value })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const secrets = [...props.secrets].sort((a, b) => a.name.localeCompare(b.name));
  const hc = s.containerHealthCheck;
  return {
    name: s.containerName,
    image: `${props.repositoryUrl}:${props.imageTag}`,
    essential: true,
    portMappings: [
      {
        name: portName(s),
        containerPort: s.containerPort,
        hostPort: s.hostPort,
        protocol: "tcp",
        appProtocol: "http",
      },
    ],
    environment,
    secrets,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": props.logGroupName, "awslogs-region": props.region, "awslogs-stream-prefix": "ecs" },
    },
    healthCheck: hc
      ? { command: ["CMD-SHELL", hc.command], interval: hc.interval, timeout: hc.timeout, retries: hc.retries, startPeriod: hc.startPeriod }
      : undefined,
    readonlyRootFilesystem: s.readonlyRootFilesystem,
    user: s.user,
    mountPoints: [],
    volumesFrom: [],
    systemControls: [],
  };
}
