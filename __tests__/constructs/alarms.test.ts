/** constructs/alarms.ts: the topic, which alarms exist for which props, and their thresholds. */
import { Alarms, type AlarmsProps, type ServiceAlarmsProps } from "../../constructs/alarms";
import { policyStatements, refOf, resourceAt, resourceList, synthScope, type TerraformJson } from "../helpers";

function alarms(props: Partial<AlarmsProps> = {}, services: Record<string, ServiceAlarmsProps> = {}) {
  return synthScope((scope) => {
    const construct = new Alarms(scope, "alarms", { topicName: "demo-dev-alarms", partition: "aws", region: "eu-west-1", accountId: "111111111111", keyDeletionWindowDays: 7, ...props });
    for (const [key, service] of Object.entries(services)) construct.addServiceAlarms(key, service);
    return construct;
  }).tf;
}
interface AlarmJson {
  alarm_name: string;
  metric_name: string;
  namespace: string;
  threshold: number;
  comparison_operator: string;
  dimensions: Record<string, string>;
}
const names = (tf: TerraformJson) => resourceList<AlarmJson>(tf, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name).sort();
const alarm = (tf: TerraformJson, id: string) => resourceAt<AlarmJson>(tf, "aws_cloudwatch_metric_alarm", `alarms/${id}`);
const WEB: ServiceAlarmsProps = { clusterName: "demo-dev", serviceName: "web" };

describe("Alarms: topic", () => {
  it("GIVEN a topic name THEN the topic is encrypted with its own customer-managed key, never alias/aws/sns (CloudWatch cannot use that one)", () => {
    const tf = alarms();
    expect(resourceAt(tf, "aws_sns_topic", "alarms/topic")).toEqual({ name: "demo-dev-alarms", kms_master_key_id: refOf(tf, "aws_kms_key", "alarms/key", "arn") });
    expect(resourceAt(tf, "aws_kms_key", "alarms/key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7, policy: refOf(tf, "aws_iam_policy_document", "alarms/key-policy", "json", true) });
    expect(resourceAt(tf, "aws_kms_alias", "alarms/key-alias")).toEqual({ name: "alias/demo-dev-alarms", target_key_id: refOf(tf, "aws_kms_key", "alarms/key", "key_id") });
  });

  it("GIVEN the topic key THEN CloudWatch may use it only for this account's alarms of this topic", () => {
    const statements = policyStatements(alarms(), "alarms/key-policy");
    expect(statements).toContainEqual({
      sid: "CloudWatchAlarmsPublish",
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
      resources: ["*"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] },
        { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:cloudwatch:eu-west-1:111111111111:alarm:demo-dev-alarms-*"] },
      ],
    });
    const admin = statements.find((st) => st.sid === "AccountAdministersKeyThroughIam");
    expect(admin?.principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }]);
    expect(statements).toHaveLength(2);
  });

  it("GIVEN an e-mail THEN it is subscribed to the topic", () => {
    const tf = alarms({ email: "ops@example.com" });
    expect(resourceAt(tf, "aws_sns_topic_subscription", "alarms/email")).toEqual({ topic_arn: refOf(tf, "aws_sns_topic", "alarms/topic", "arn"), protocol: "email", endpoint: "ops@example.com" });
  });

  it("GIVEN no e-mail and nothing to watch THEN there is only the topic", () => {
    const tf = alarms();
    expect(resourceList(tf, "aws_sns_topic_subscription")).toHaveLength(0);
    expect(names(tf)).toEqual([]);
  });

  it("GIVEN any alarm THEN it notifies the topic on alarm and on recovery, and missing data is not a breach", () => {
    const tf = alarms({}, { web: WEB });
    const topic = refOf(tf, "aws_sns_topic", "alarms/topic", "arn");
    expect(resourceAt(tf, "aws_cloudwatch_metric_alarm", "alarms/web-cpu-high")).toMatchObject({ alarm_actions: [topic], ok_actions: [topic], treat_missing_data: "notBreaching" });
  });
});

describe("Alarms: load balancer and database", () => {
  it("GIVEN a load balancer THEN ALB and target 5xx counts above 10 in 5 minutes alarm", () => {
    const tf = alarms({ loadBalancerArnSuffix: "app/demo-dev/123" });
    expect(names(tf)).toEqual(["demo-dev-alarms-alb-5xx", "demo-dev-alarms-target-5xx"]);
    expect(alarm(tf, "target-5xx")).toMatchObject({ metric_name: "HTTPCode_Target_5XX_Count", dimensions: { LoadBalancer: "app/demo-dev/123" }, threshold: 10, period: 300 });
  });

  it("GIVEN a database THEN its CPU above 80 % for 10 minutes alarms", () => {
    expect(alarm(alarms({ database: { identifier: "demo-dev", allocatedStorageGiB: 20 } }), "database-cpu-high")).toMatchObject({
      namespace: "AWS/RDS",
      metric_name: "CPUUtilization",
      dimensions: { DBInstanceIdentifier: "demo-dev" },
      threshold: 80,
      period: 300,
      evaluation_periods: 2,
    });
  });

  it.each([
    [20, 2147483648],
    [25, 2684354560],
    [33, 3543348019],
  ])("GIVEN %i GiB allocated THEN free storage below %i bytes (10 %%, rounded) alarms", (allocatedStorageGiB, bytes) => {
    expect(alarm(alarms({ database: { identifier: "demo-dev", allocatedStorageGiB } }), "database-storage-low")).toMatchObject({
      metric_name: "FreeStorageSpace",
      comparison_operator: "LessThanThreshold",
      threshold: bytes,
    });
  });

  it("GIVEN neither THEN there are no ALB or RDS alarms", () => {
    expect(resourceList<AlarmJson>(alarms({}, { web: WEB }), "aws_cloudwatch_metric_alarm").filter((a) => a.namespace !== "AWS/ECS")).toHaveLength(0);
  });
});

describe("Alarms.addServiceAlarms", () => {
  it("GIVEN a service THEN its average CPU and memory above 85 % for 5 minutes alarm, per cluster and service", () => {
    const tf = alarms({}, { web: WEB });
    expect(names(tf)).toEqual(["demo-dev-alarms-web-cpu-high", "demo-dev-alarms-web-memory-high"]);
    expect(alarm(tf, "web-memory-high")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "MemoryUtilization",
      dimensions: { ClusterName: "demo-dev", ServiceName: "web" },
      threshold: 85,
      evaluation_periods: 5,
    });
  });

  it("GIVEN a service with a target group THEN an unhealthy target for 3 minutes alarms too", () => {
    const tf = alarms({}, { web: { ...WEB, target: { loadBalancerArnSuffix: "app/demo-dev/123", targetGroupArnSuffix: "targetgroup/web/456" } } });
    expect(alarm(tf, "web-unhealthy-targets")).toMatchObject({
      metric_name: "UnHealthyHostCount",
      dimensions: { LoadBalancer: "app/demo-dev/123", TargetGroup: "targetgroup/web/456" },
      threshold: 0,
      comparison_operator: "GreaterThanThreshold",
      period: 60,
      evaluation_periods: 3,
    });
  });
});
