import { Testing } from "cdktf";
import shippedConfig from "../config/app";
import { loadApp } from "../config";
import { PlatformStack } from "../stacks/platform-stack";

// Snapshots of the stacks the project ships (config/app.ts). A change here is a change to every
// user's plan: review the diff like a terraform plan before updating it.
// Each shipped stack synthesized once, for the snapshot and the targeted checks below.
const synthesized = new Map(loadApp(shippedConfig).map((settings) => [settings.stackName, Testing.synth(new PlatformStack(Testing.app(), settings.stackName, { settings }))] as const));

describe.each([...synthesized])("shipped stack %s", (_name, json) => {

  it("matches the reviewed snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  it("contains the full runtime path", () => {
    const tf = JSON.parse(json);
    for (const type of ["aws_vpc", "aws_ecs_cluster", "aws_ecs_service", "aws_lb", "aws_lb_listener", "aws_db_instance", "aws_cloudwatch_metric_alarm"]) {
      expect(Object.keys(tf.resource[type] ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe("shipped dev environment: cost and capacity", () => {
  const tf = JSON.parse(synthesized.get("shop-dev")!);
  const services = Object.values(tf.resource.aws_ecs_service) as Record<string, unknown>[];

  it("runs every task on Fargate Spot (the ≤ $70/month dev target, README 'Cost')", () => {
    for (const service of services) expect(service.capacity_provider_strategy).toEqual([{ base: 0, capacity_provider: "FARGATE_SPOT", weight: 1 }]);
  });

  it("sets force_new_deployment on every service: provider 6.25 refuses a changed capacity strategy without it", () => {
    for (const service of services) expect(service.force_new_deployment).toBe(true);
  });
});
