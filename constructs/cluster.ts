import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { policyDocument } from "./policy";

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
  readonly execLogging?: {
    readonly logGroupName: string;
    readonly retentionDays: number;
    /** Where the log group lives, for its key's policy. */
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
  };
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
  /** Customer-managed key of the ECS Exec session log group (rotated yearly). */
  public readonly execLogKey?: KmsKey;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.namespace = new ServiceDiscoveryHttpNamespace(this, "namespace", {
      name: props.name,
      description: `Service Connect namespace of ${props.name}`,
    });
    if (props.execLogging) {
      this.execLogKey = this.execLogKeyFor(props.execLogging);
      this.execLogGroup = new CloudwatchLogGroup(this, "exec-log-group", {
        name: props.execLogging.logGroupName,
        retentionInDays: props.execLogging.retentionDays,
        kmsKeyId: this.execLogKey.arn,
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
              logConfiguration: { cloudWatchLogGroupName: this.execLogGroup.name, cloudWatchEncryptionEnabled: true },
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

  /**
   * Session transcripts can hold whatever an operator typed or printed: encrypted with a key only
   * CloudWatch Logs may use, and only for this log group (encryption context aws:logs:arn).
   */
  private execLogKeyFor(logging: NonNullable<ClusterProps["execLogging"]>): KmsKey {
    const { partition, region, accountId } = logging;
    const policy = policyDocument(this, "exec-log-key-policy", [
      {
        sid: "AccountAdministersKeyThroughIam",
        actions: ["kms:*"],
        principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
        // In a key policy "*" is this key.
        resources: ["*"],
      },
      {
        sid: "CloudWatchLogsUse",
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
        resources: ["*"],
        condition: [
          { test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: [`arn:${partition}:logs:${region}:${accountId}:log-group:${logging.logGroupName}`] },
        ],
      },
    ]);
    return new KmsKey(this, "exec-log-key", {
      description: `Encrypts ECS Exec session logs ${logging.logGroupName}`,
      enableKeyRotation: true,
      policy: policy.json,
    });
  }
}
