import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

export interface AlarmsProps {
  readonly topicName: string;
  /** E-mail subscribed to the topic (AWS sends a confirmation). @default none */
  readonly email?: string;
  /** `arn_suffix` of the ALB. @default no ALB alarms */
  readonly loadBalancerArnSuffix?: string;
  /** Target groups by service key (`arn_suffix`). @default none */
  readonly targetGroupArnSuffixes?: Readonly<Record<string, string>>;
  readonly clusterName: string;
  /** ECS service names by service key. */
  readonly serviceNames: Readonly<Record<string, string>>;
  /** RDS identifier. @default no database alarms */
  readonly databaseIdentifier?: string;
  /** Allocated storage (GiB), to set the free-storage threshold at 10 %. */
  readonly databaseStorageGiB?: number;
}

/** Operational alarms (ALB 5xx, unhealthy targets, service CPU/memory, RDS CPU/storage) to one SNS topic. */
export class Alarms extends Construct {
  public readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // The AWS-managed SNS key encrypts messages at rest and lets CloudWatch publish.
    this.topic = new SnsTopic(this, "topic", { name: props.topicName, kmsMasterKeyId: "alias/aws/sns" });
    if (props.email) {
      new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
    }
    const alarm = (alarmId: string, description: string, config: Omit<ConstructorParameters<typeof CloudwatchMetricAlarm>[2], "alarmName" | "alarmActions" | "okActions">) =>
      new CloudwatchMetricAlarm(this, alarmId, {
        alarmName: `${props.topicName}-${alarmId}`,
        alarmDescription: description,
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        treatMissingData: "notBreaching",
        ...config,
      });

    if (props.loadBalancerArnSuffix) {
      const fiveXx = [
        ["alb-5xx", "HTTPCode_ELB_5XX_Count", "The load balancer returned more than 10 5xx responses in 5 minutes"],
        ["target-5xx", "HTTPCode_Target_5XX_Count", "Targets returned more than 10 5xx responses in 5 minutes"],
      ] as const;
      for (const [alarmId, metricName, description] of fiveXx) {
        alarm(alarmId, description, {
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
      for (const [key, targetGroup] of Object.entries(props.targetGroupArnSuffixes ?? {})) {
        alarm(`${key}-unhealthy-targets`, `${key}: at least one unhealthy target for 3 minutes`, {
          namespace: "AWS/ApplicationELB",
          metricName: "UnHealthyHostCount",
          dimensions: { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: targetGroup },
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: 3,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
        });
      }
    }

    for (const [key, serviceName] of Object.entries(props.serviceNames)) {
      for (const [metric, label] of [["CPUUtilization", "cpu"], ["MemoryUtilization", "memory"]] as const) {
        alarm(`${key}-${label}-high`, `${key}: average ${label} above 85 % for 5 minutes`, {
          namespace: "AWS/ECS",
          metricName: metric,
          dimensions: { ClusterName: props.clusterName, ServiceName: serviceName },
          statistic: "Average",
          period: 60,
          evaluationPeriods: 5,
          threshold: 85,
          comparisonOperator: "GreaterThanThreshold",
        });
      }
    }

    if (props.databaseIdentifier) {
      alarm("database-cpu-high", "Database CPU above 80 % for 10 minutes", {
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: props.databaseIdentifier },
        statistic: "Average",
        period: 300,
        evaluationPeriods: 2,
        threshold: 80,
        comparisonOperator: "GreaterThanThreshold",
      });
      const freeBytes = Math.round((props.databaseStorageGiB ?? 20) * 0.1 * 1024 ** 3);
      alarm("database-storage-low", "Database free storage below 10 % of the allocated size", {
        namespace: "AWS/RDS",
        metricName: "FreeStorageSpace",
        dimensions: { DBInstanceIdentifier: props.databaseIdentifier },
        statistic: "Minimum",
        period: 300,
        evaluationPeriods: 1,
        threshold: freeBytes,
        comparisonOperator: "LessThanThreshold",
      });
    }
  }
}
