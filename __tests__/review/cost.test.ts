import { Testing } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { capacityShares, costDelta, estimateStack, renderCost } from "../../bin/review/cost";
import { PRICES_DATE } from "../../bin/review/prices";
import type { StackJson } from "../../bin/review/stack-json";

/** A hand-made stack with one of everything the estimate prices (us-east-1: factor 1). */
function sample(region = "us-east-1"): StackJson {
  return {
    provider: { aws: [{ region }] },
    resource: {
      aws_nat_gateway: { nat: { subnet_id: "${aws_subnet.public.id}", tags: { Name: "nat-a" } } },
      aws_eip: { nat: { domain: "vpc" } },
      aws_lb: { alb: { name: "web", load_balancer_type: "application", internal: false, subnets: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] } },
      aws_ecs_task_definition: { app: { cpu: "512", memory: "1024" } },
      aws_ecs_service: {
        app: {
          name: "app", desired_count: 3, task_definition: "${aws_ecs_task_definition.app.arn}",
          capacity_provider_strategy: [{ capacity_provider: "FARGATE", base: 1, weight: 1 }, { capacity_provider: "FARGATE_SPOT", base: 0, weight: 3 }],
        },
      },
      aws_db_instance: {
        db: { identifier: "db", instance_class: "db.t4g.micro", multi_az: true, storage_type: "gp3", allocated_storage: 20 },
        odd: { identifier: "odd", instance_class: "db.x9.huge", allocated_storage: 0 },
      },
      aws_vpc_endpoint: {
        ecr: { service_name: "com.amazonaws.us-east-1.ecr.api", vpc_endpoint_type: "Interface", subnet_ids: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] },
        s3: { service_name: "com.amazonaws.us-east-1.s3", vpc_endpoint_type: "Gateway" },
      },
      aws_launch_template: { lt: { instance_type: "t3.small", block_device_mappings: [{ ebs: { volume_size: 30 } }] } },
      aws_autoscaling_group: { asg: { min_size: 2, max_size: 4, launch_template: { id: "${aws_launch_template.lt.id}" } } },
      aws_wafv2_web_acl: { acl: { name: "acl", rule: [{ name: "a" }, { name: "b" }] } },
      aws_kms_key: { a: {}, b: {} },
      aws_cloudwatch_metric_alarm: { a: {}, b: {}, c: {} },
    },
  };
}

describe("npm run cost: the arithmetic", () => {
  it("prices every fixed item of the table at 730 h/month", () => {
    const cost = estimateStack("sample", sample());
    expect(Object.fromEntries(cost.lines.map((l) => [l.key, l.monthly]))).toEqual({
      "nat:nat": 32.85, // 0.045 × 730
      "ipv4:eip": 3.65, // 0.005 × 730
      "lb:alb": 16.43, // 0.0225 × 730
      "ipv4:alb": 7.3, // 2 AZs × 0.005 × 730
      "task:od:app": 27.03, // (1 base + 0.5 of the rest) × (0.5 × 0.04048 + 1 × 0.004445) × 730
      "task:spot:app": 8.11, // 1.5 × same × 730 × 0.3
      "rds:db": 23.36, // 0.016 × 2 (Multi-AZ) × 730
      "rds-storage:db": 4.6, // 20 GB × 0.115 × 2
      "rds:odd": undefined, // not in the table
      "rds-storage:odd": 0,
      "endpoint:ecr": 14.6, // 2 AZs × 0.01 × 730; the S3 gateway endpoint is free
      "ec2:asg": 30.37, // min_size 2 × 0.0208 × 730
      "ebs:asg": 4.8, // 2 × 30 GB × 0.08
      "waf:acl": 7, // 5 + 2 rules × 1
      kms: 2,
      alarms: 0.3,
    });
    expect(cost.total).toBe(182.4);
    expect(cost.factor).toBe(1);
  });

  it("applies the region factor to every line and says which prices it used", () => {
    const cost = estimateStack("sample", sample("eu-west-1"));
    expect(cost.factor).toBe(1.1);
    expect(cost.lines.find((l) => l.key === "nat:nat")?.monthly).toBe(36.14); // 32.85 × 1.1
    const text = renderCost(cost);
    expect(text).toContain(`list prices of ${PRICES_DATE} (us-east-1 × 1.1 for eu-west-1)`);
    expect(text).toMatch(/Estimate of fixed charges only/);
    expect(text).toContain("Not in the price table (bin/review/prices.ts), left out of the total: RDS db.x9.huge odd");
    expect(estimateStack("x", sample("mars-west-1"))).toMatchObject({ factor: 1, factorKnown: false });
  });

  it("splits desired tasks across capacity providers: base first, the rest by weight", () => {
    const svc = { type: "aws_ecs_service", name: "s", address: "aws_ecs_service.s", value: { capacity_provider_strategy: [{ capacity_provider: "FARGATE", base: 2, weight: 1 }, { capacity_provider: "FARGATE_SPOT", weight: 1 }] } };
    expect(capacityShares(svc, 6, [])).toEqual([{ provider: "FARGATE", tasks: 4 }, { provider: "FARGATE_SPOT", tasks: 2 }]);
    expect(capacityShares({ ...svc, value: {} }, 2, [{ capacity_provider: "FARGATE_SPOT", weight: 1 }])).toEqual([{ provider: "FARGATE_SPOT", tasks: 2 }]);
    expect(capacityShares({ ...svc, value: { launch_type: "EC2" } }, 2, [])).toEqual([{ provider: "EC2", tasks: 2 }]);
  });

  it("reports the difference against a base per item and in total", () => {
    const head = estimateStack("sample", sample());
    const baseJson = sample();
    delete baseJson.resource!.aws_kms_key;
    (baseJson.resource!.aws_ecs_service.app as { desired_count: number }).desired_count = 1;
    const delta = costDelta(head, estimateStack("sample", baseJson));
    // 3 tasks (27.03 Fargate + 8.11 Spot) instead of 1 (the base: 1 × 0.024685 × 730 = 18.02): +17.12; 2 KMS keys: +2
    expect(delta.total).toBe(19.12);
    expect(delta.lines.find((l) => l.key === "task:spot:app")).toMatchObject({ head: 8.11, base: undefined, delta: 8.11 });
    expect(delta.lines.find((l) => l.key === "kms")).toMatchObject({ head: 2, base: undefined, delta: 2 });
    expect(costDelta(head, undefined).total).toBe(182.4);
    const shown = renderCost(head, estimateStack("sample", baseJson));
    expect(shown).toContain("· **+$19.12 per month**");
    expect(renderCost(head, null)).toContain("base — (new stack)");
  });

  it("estimates the shipped stacks", () => {
    const totals = Object.fromEntries(
      loadApp(shippedConfig).map((settings) => [settings.stackName, estimateStack(settings.stackName, JSON.parse(Testing.synth(new PlatformStack(Testing.app(), settings.stackName, { settings }))) as StackJson).total]),
    );
    // dev: NAT instance instead of a NAT gateway (issue 14); prod: WAF, the alarm topic key (issues 12, 14).
    expect(totals).toEqual({ "shop-dev": 63.11, "shop-prod": 494.67 });
  });
});
