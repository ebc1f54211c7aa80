/** constructs/cluster.ts: Container Insights, ECS Exec logging, capacity providers (the namespace wiring: runtime.test.ts). */
import { Cluster, type ClusterProps } from "../../constructs/cluster";
import { policyStatement, refOf, resourceAt, resourceList, synthScope } from "../helpers";

const BASE: ClusterProps = {
  name: "demo-dev",
  containerInsights: false,
  defaultCapacityProviderStrategy: [{ provider: "FARGATE", weight: 1, base: 1 }, { provider: "FARGATE_SPOT", weight: 3, base: 0 }],
  extraCapacityProviders: [],
};
const cluster = (props: Partial<ClusterProps> = {}) => synthScope((scope) => new Cluster(scope, "cluster", { ...BASE, ...props })).tf;

describe("Cluster", () => {
  it.each([
    [true, "enabled"],
    [false, "disabled"],
  ])("GIVEN containerInsights %s THEN the setting is %s", (containerInsights, value) => {
    expect(resourceAt(cluster({ containerInsights }), "aws_ecs_cluster", "cluster/cluster").setting).toEqual([{ name: "containerInsights", value }]);
  });

  const EXEC = { logGroupName: "/ecs/demo-dev/exec", retentionDays: 14, partition: "aws", region: "eu-west-1", accountId: "111111111111" };

  it("GIVEN exec logging THEN sessions are logged, encrypted, to its own log group, with its retention", () => {
    const tf = cluster({ execLogging: EXEC });
    expect(resourceAt(tf, "aws_cloudwatch_log_group", "cluster/exec-log-group")).toEqual({
      name: "/ecs/demo-dev/exec",
      retention_in_days: 14,
      kms_key_id: refOf(tf, "aws_kms_key", "cluster/exec-log-key", "arn"),
    });
    expect(resourceAt(tf, "aws_ecs_cluster", "cluster/cluster").configuration).toEqual({
      execute_command_configuration: {
        logging: "OVERRIDE",
        log_configuration: { cloud_watch_log_group_name: refOf(tf, "aws_cloudwatch_log_group", "cluster/exec-log-group", "name"), cloud_watch_encryption_enabled: true },
      },
    });
  });

  it("GIVEN exec logging THEN its key is rotated and only CloudWatch Logs may use it, only for that log group", () => {
    const tf = cluster({ execLogging: EXEC });
    expect(resourceAt(tf, "aws_kms_key", "cluster/exec-log-key")).toMatchObject({ enable_key_rotation: true });
    expect(policyStatement(tf, "cluster/exec-log-key-policy", "CloudWatchLogsUse")).toMatchObject({
      principals: [{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }],
      condition: [{ test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:eu-west-1:111111111111:log-group:/ecs/demo-dev/exec"] }],
    });
  });

  it("GIVEN no exec logging THEN there is no exec log group and no exec configuration", () => {
    const tf = cluster();
    expect(resourceList(tf, "aws_cloudwatch_log_group")).toHaveLength(0);
    expect(resourceAt(tf, "aws_ecs_cluster", "cluster/cluster")).not.toHaveProperty("configuration");
  });

  it("GIVEN extra capacity providers THEN they join FARGATE and FARGATE_SPOT, with the default strategy", () => {
    const tf = cluster({ extraCapacityProviders: ["demo-dev-ec2"] });
    expect(resourceAt(tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers")).toEqual({
      cluster_name: refOf(tf, "aws_ecs_cluster", "cluster/cluster", "name"),
      capacity_providers: ["FARGATE", "FARGATE_SPOT", "demo-dev-ec2"],
      default_capacity_provider_strategy: [
        { capacity_provider: "FARGATE", weight: 1, base: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3, base: 0 },
      ],
    });
  });
});
