import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

/** A share of a capacity provider strategy. */
export interface CapacityShare {
  readonly provider: string;
  readonly weight: number;
  readonly base: number;
}

export interface ClusterProps {
  /** Cluster and Service Connect namespace name. */
  readonly name: string;
  readonly containerInsights: boolean;
  /** Audit-logged ECS Exec: its session log group. @default - ECS Exec sessions are not logged (off) */
  readonly execLogging?: { readonly logGroupName: string; readonly retentionDays: number };
  /** Strategy for services that do not set their own. */
  readonly defaultCapacityProviderStrategy: readonly CapacityShare[];
  /** Capacity providers (EC2 Auto Scaling groups) besides FARGATE and FARGATE_SPOT. */
  readonly extraCapacityProviders: readonly string[];
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
    if (props.execLogging) {
      this.execLogGroup = new CloudwatchLogGroup(this, "exec-log-group", {
        name: props.execLogging.logGroupName,
        retentionInDays: props.execLogging.retentionDays,
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
      capacityProviders: ["FARGATE", "FARGATE_SPOT", ...props.extraCapacityProviders],
      defaultCapacityProviderStrategy: props.defaultCapacityProviderStrategy.map((s) => ({
        capacityProvider: s.provider,
        weight: s.weight,
        base: s.base,
      })),
    });
  }
}
