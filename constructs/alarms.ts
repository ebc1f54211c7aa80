import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { policyDocument } from "./policy";

export interface AlarmsProps {
  /** SNS topic name; also the prefix of every alarm name. */
  readonly topicName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Days KMS waits before deleting the topic's key after a destroy (7–30). */
  readonly keyDeletionWindowDays: number;
  /** E-mail subscribed to the topic (AWS sends a confirmation). @default - no subscription */
  readonly email?: string;
  /** `arn_suffix` of the ALB, when it serves any route. @default - no load balancer alarms */
  readonly loadBalancerArnSuffix?: string;
  /** The database to watch. @default - no database alarms */
  readonly database?: { readonly identifier: string; readonly allocatedStorageGiB: number };
}

/** What one service's alarms watch. */
export interface ServiceAlarmsProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** `arn_suffix`es of the ALB and the service's target group. @default - no target health alarm */
  readonly target?: { readonly loadBalancerArnSuffix: string; readonly targetGroupArnSuffix: string };
}

/** What a service's release alarms watch. */
export interface ReleaseAlarmsProps {
  readonly loadBalancerArnSuffix: string;
  /** Every target group of the service (two for blue/green, canary and linear). */
  readonly targetGroupArnSuffixes: readonly string[];
  readonly fiveXxThreshold: number;
  /** p99 target response time that rolls back. @default - no latency alarm */
  readonly latencyMs?: number;
}

type AlarmConfig = Omit<CloudwatchMetricAlarmConfig, "alarmName" | "alarmDescription" | "alarmActions" | "okActions">;

/**
 * Operational alarms to one SNS topic: ALB 5xx and RDS CPU/storage here, each service's unhealthy
 * targets and CPU/memory through `addServiceAlarms`.
 */
export class Alarms extends Construct {
  public readonly topic: SnsTopic;
  /** Customer-managed key of the topic (rotated yearly). */
  public readonly key: KmsKey;
  private readonly topicName: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topicName = props.topicName;
    this.key = this.topicKey(props);
    // Not the AWS-managed alias/aws/sns: its key policy cannot be changed and does not let
    // cloudwatch.amazonaws.com use the key, so CloudWatch could never publish to the topic (every
    // alarm notification would fail; AWS SNS docs, "compatibility with AWS services").
    this.topic = new SnsTopic(this, "topic", { name: props.topicName, kmsMasterKeyId: this.key.arn });
    if (props.email) {
      new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
    }

    if (props.loadBalancerArnSuffix) {
      const fiveXx = [
        ["alb-5xx", "HTTPCode_ELB_5XX_Count", "The load balancer returned more than 10 5xx responses in 5 minutes"],
        ["target-5xx", "HTTPCode_Target_5XX_Count", "Targets returned more than 10 5xx responses in 5 minutes"],
      ] as const;
      for (const [alarmId, metricName, description] of fiveXx) {
        this.alarm(alarmId, description, {
          namespace: "AWS/ApplicationELB",
          metricName,
          dimensions: { LoadBalancer: props.loadBalancerArnSuffix },
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 10,
          comparisonOperator: "GreaterThanThreshold",
        });
      }
    }

    if (props.database) {
      const dimensions = { DBInstanceIdentifier: props.database.identifier };
      this.alarm("database-cpu-high", "Database CPU above 80 % for 10 minutes", {
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions,
        statistic: "Average",
        period: 300,
        evaluationPeriods: 2,
        threshold: 80,
        comparisonOperator: "GreaterThanThreshold",
      });
      this.alarm("database-storage-low", "Database free storage below 10 % of the allocated size", {
        namespace: "AWS/RDS",
        metricName: "FreeStorageSpace",
        dimensions,
        statistic: "Minimum",
        period: 300,
        evaluationPeriods: 1,
        threshold: Math.round(props.database.allocatedStorageGiB * 0.1 * 1024 ** 3),
        comparisonOperator: "LessThanThreshold",
      });
    }
  }

  /**
   * The topic's key: the account administers it through IAM (the default key policy statement);
   * CloudWatch may generate data keys and decrypt only for this account's alarms of this topic.
   */
  private topicKey(props: AlarmsProps): KmsKey {
    const { partition, region, accountId } = props;
    const keyPolicy = policyDocument(this, "key-policy", [
      {
        sid: "AccountAdministersKeyThroughIam",
        actions: ["kms:*"],
        principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
        // In a key policy "*" is this key.
        resources: ["*"],
      },
      {
        sid: "CloudWatchAlarmsPublish",
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
        resources: ["*"],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${props.topicName}-*`] },
        ],
      },
    ]);
    const key = new KmsKey(this, "key", {
      description: `Encrypts SNS topic ${props.topicName}; CloudWatch alarms may publish`,
      enableKeyRotation: true,
      deletionWindowInDays: props.keyDeletionWindowDays,
      policy: keyPolicy.json,
    });
    new KmsAlias(this, "key-alias", { name: `alias/${props.topicName}`, targetKeyId: key.keyId });
    return key;
  }

  /** Unhealthy targets (routed services) and sustained CPU/memory pressure of one service. */
  addServiceAlarms(key: string, props: ServiceAlarmsProps): void {
    if (props.target) {
      this.alarm(`${key}-unhealthy-targets`, `${key}: at least one unhealthy target for 3 minutes`, {
        namespace: "AWS/ApplicationELB",
        metricName: "UnHealthyHostCount",
        dimensions: { LoadBalancer: props.target.loadBalancerArnSuffix, TargetGroup: props.target.targetGroupArnSuffix },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 3,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
      });
    }
    for (const [metric, label] of [["CPUUtilization", "cpu"], ["MemoryUtilization", "memory"]] as const) {
      this.alarm(`${key}-${label}-high`, `${key}: average ${label} above 85 % for 5 minutes`, {
        namespace: "AWS/ECS",
        metricName: metric,
        dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
        statistic: "Average",
        period: 60,
        evaluationPeriods: 5,
        threshold: 85,
        comparisonOperator: "GreaterThanThreshold",
      });
    }
  }

  /** Messages in a job's dead-letter queue: runs the scheduler could not start. */
  addDeadLetterAlarm(key: string, queueName: string): void {
    this.alarm(`${key}-dead-letters`, `${key}: the scheduler could not start the job (messages in its dead-letter queue)`, {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: queueName },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
    });
  }
  // --- issue 14: deployment alarms ---
  /**
   * The alarms a release rolls back on: 5xx responses of the service's targets and unhealthy
   * targets (and, when asked, p99 latency), over every target group the service has, so a
   * blue/green service is watched whichever group holds its traffic. Returns the alarm names.
   */
  addReleaseAlarms(key: string, props: ReleaseAlarmsProps): string[] {
    const metrics = (metricName: string, stat: string) =>
      props.targetGroupArnSuffixes.map((tg, i) => ({
        id: `m${i}`,
        metric: { namespace: "AWS/ApplicationELB", metricName, stat, period: 60, dimensions: { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: tg } },
      }));
    const combined = (metricName: string, stat: string, fn: "SUM" | "MAX", label: string) => [
      ...metrics(metricName, stat),
      { id: "combined", expression: `${fn}(METRICS())`, label, returnData: true },
    ];
    const alarms = [
      this.alarm(`${key}-release-5xx`, `${key}: more than ${props.fiveXxThreshold} target 5xx responses a minute for 2 minutes (rolls a release back)`, {
        metricQuery: combined("HTTPCode_Target_5XX_Count", "Sum", "SUM", "target 5xx"),
        evaluationPeriods: 2,
        threshold: props.fiveXxThreshold,
        comparisonOperator: "GreaterThanThreshold",
      }),
      this.alarm(`${key}-release-unhealthy`, `${key}: unhealthy targets for 2 minutes (rolls a release back)`, {
        metricQuery: combined("UnHealthyHostCount", "Maximum", "MAX", "unhealthy targets"),
        evaluationPeriods: 2,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
      }),
    ];
    if (props.latencyMs !== undefined) {
      alarms.push(
        this.alarm(`${key}-release-latency`, `${key}: p99 target response time above ${props.latencyMs} ms for 3 minutes (rolls a release back)`, {
          metricQuery: combined("TargetResponseTime", "p99", "MAX", "p99 response time"),
          evaluationPeriods: 3,
          threshold: props.latencyMs / 1000,
          comparisonOperator: "GreaterThanThreshold",
        }),
      );
    }
    return alarms.map((a) => a.alarmName);
  }
  // --- end issue 14 ---

  private alarm(alarmId: string, description: string, config: AlarmConfig): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, alarmId, {
      alarmName: `${this.topicName}-${alarmId}`,
      alarmDescription: description,
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
      treatMissingData: "notBreaching",
      ...config,
    });
  }
}
