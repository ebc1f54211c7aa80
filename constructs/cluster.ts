import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { CapacityProviderShare } from "../config";

export interface ClusterProps {
  readonly name: string;
  /** CloudWatch Container Insights. @default false */
  readonly containerInsights?: boolean;
  /** Audit-logged ECS Exec; creates the exec log group. @default false */
  readonly ecsExec?: boolean;
  readonly execLogRetentionDays: number;
  /** Strategy for services that do not set their own. */
  readonly defaultCapacityProviderStrategy: readonly CapacityProviderShare[];
  /** Extra capacity providers (EC2 Auto Scaling groups) besides FARGATE and FARGATE_SPOT. @default none */
  readonly extraCapacityProviders?: readonly string[];
}

/**
 * The ECS cluster with Fargate and Fargate Spot capacity, a Service Connect namespace (Cloud Map
 * HTTP namespace) and, when ECS Exec is on, session logging to CloudWatch.
 */
export class Cluster extends Construct {
  public readonly cluster: EcsCluster;
  public readonly namespace: ServiceDiscoveryHttpNamespace;
  public readonly capacityProviders: EcsClusterCapacityProviders;
  public readonly execLogGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.namespace = new ServiceDiscoveryHttpNamespace(this, "namespace", {
      name: props.name,
      description: `Service Connect namespace of ${props.name}`,
    });
    if (props.ecsExec) {
      this.execLogGroup = new CloudwatchLogGroup(this, "exec-log-group", {
        name: `/ecs/${props.name}/exec`,
        retentionInDays: props.execLogRetentionDays,
      });
    }
    this.cluster = new EcsCluster(this, "cluster", {
      name: props.name,
      setting: [{ name: "containerInsights", value: props.containerInsights ? "enabled" : "disabled" }],
      serviceConnectDefaults: { namespace: this.namespace.arn },
      configuration: this.execLogGroup
        ? {
            executeCommandConfiguration: {
              logging: "OVERRIDE",
              logConfiguration: { cloudWatchLogGroupName: this.execLogGroup.name, cloudWatchEncryptionEnabled: false },
            },
          }
        : undefined,
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: this.cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT", ...(props.extraCapacityProviders ?? [])],
      defaultCapacityProviderStrategy: props.defaultCapacityProviderStrategy.map((s) => ({
        capacityProvider: s.provider,
        weight: s.weight,
        base: s.base,
      })),
    });
  }
}
