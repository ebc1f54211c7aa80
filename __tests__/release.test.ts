/**
 * Issue 14, release strategies on the synthesized JSON: what Terraform owns on a shifted route and
 * what it leaves to ECS, the test rule, the deployment alarms and the ECS infrastructure role.
 */
import { addressOf, refOf, resourceAt, resourceList, sampleConfig, synth, type Attributes } from "./helpers";

interface RuleJson {
  priority: number;
  condition: Attributes[];
  action: { type: string; target_group_arn?: string; forward?: { target_group: { arn: string; weight: number }[] } }[];
  lifecycle?: { ignore_changes?: string[] };
}

function blueGreen() {
  const config = sampleConfig();
  config.services.web.release = { strategy: "blueGreen", bakeTimeMinutes: 20 };
  config.services.api.release = { strategy: "canary", canary: { percent: 5, bakeTimeMinutes: 3 }, testTraffic: { priority: 99 } };
  return synth(config, "prod").tf;
}

describe("ECS-native releases", () => {
  const tf = blueGreen();
  const tg = (path: string) => refOf(tf, "aws_lb_target_group", path, "arn");

  it("GIVEN blue/green THEN the test rule forwards only to the alternate target group, with the header on the production conditions", () => {
    const test = resourceAt<RuleJson>(tf, "aws_lb_listener_rule", "load-balancer/test-rule-api");
    expect(test.action).toEqual([{ type: "forward", forward: { target_group: [{ arn: tg("load-balancer/target-group-api-alternate"), weight: 100 }] } }]);
    expect(test.priority).toBe(99);
    expect(test.condition).toEqual([{ path_pattern: { values: ["/api/*"] } }, { http_header: { http_header_name: "X-Release-Test", values: ["true"] } }]);
  });

  it("GIVEN blue/green THEN the production rule forwards 100/0 to the service's two groups and ignores exactly the forward targets ECS rewrites", () => {
    const production = resourceAt<RuleJson>(tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(production.priority).toBe(100);
    expect(production.action).toEqual([
      { type: "forward", forward: { target_group: [{ arn: tg("load-balancer/target-group-api"), weight: 100 }, { arn: tg("load-balancer/target-group-api-alternate"), weight: 0 }] } },
    ]);
    for (const path of ["load-balancer/rule-api", "load-balancer/test-rule-api", "load-balancer/rule-web", "load-balancer/test-rule-web"]) {
      expect(resourceAt<RuleJson>(tf, "aws_lb_listener_rule", path).lifecycle?.ignore_changes).toEqual(["action[0].forward[0].target_group", "action[0].target_group_arn"]);
    }
  });

  it("GIVEN the default route released blue/green THEN a catch-all rule at 50000 (test at 49999) carries it and the listener answers 404", () => {
    expect(resourceAt<RuleJson>(tf, "aws_lb_listener_rule", "load-balancer/rule-web")).toMatchObject({ priority: 50000, condition: [{ path_pattern: { values: ["/*"] } }] });
    expect(resourceAt<RuleJson>(tf, "aws_lb_listener_rule", "load-balancer/test-rule-web").priority).toBe(49999);
    expect(resourceAt<{ default_action: Attributes[] }>(tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "404", message_body: "Not found" } },
    ]);
  });

  it("GIVEN canary THEN the service carries strategy, steps, bake time and the advanced configuration, and ignores the load balancer ECS swaps", () => {
    const service = resourceAt<Attributes>(tf, "aws_ecs_service", "service-api/service");
    expect(service.deployment_configuration).toEqual({ strategy: "CANARY", bake_time_in_minutes: "10", canary_configuration: { canary_percent: 5, canary_bake_time_in_minutes: "3" } });
    expect(service.load_balancer).toEqual([
      {
        target_group_arn: tg("load-balancer/target-group-api"),
        container_name: "api",
        container_port: 8080,
        advanced_configuration: {
          alternate_target_group_arn: tg("load-balancer/target-group-api-alternate"),
          production_listener_rule: refOf(tf, "aws_lb_listener_rule", "load-balancer/rule-api", "arn"),
          test_listener_rule: refOf(tf, "aws_lb_listener_rule", "load-balancer/test-rule-api", "arn"),
          role_arn: refOf(tf, "aws_iam_role", "release-role/role", "arn"),
        },
      },
    ]);
    expect(service.lifecycle).toEqual({ ignore_changes: ["desired_count", "load_balancer"] });
    expect(service.depends_on).toEqual(expect.arrayContaining([addressOf(tf, "aws_lb_listener_rule", "load-balancer/test-rule-api")]));
  });

  it("GIVEN production THEN the service rolls back on its own alarms, which watch both of its target groups and no other", () => {
    const service = resourceAt<{ alarms: { alarm_names: string[]; enable: boolean; rollback: boolean } }>(tf, "aws_ecs_service", "service-web/service");
    expect(service.alarms).toEqual({
      alarm_names: [refOf(tf, "aws_cloudwatch_metric_alarm", "alarms/web-release-5xx", "alarm_name"), refOf(tf, "aws_cloudwatch_metric_alarm", "alarms/web-release-unhealthy", "alarm_name")],
      enable: true,
      rollback: true,
    });
    const alarm = resourceAt<{ metric_query: { metric?: { dimensions: Record<string, string> } }[] }>(tf, "aws_cloudwatch_metric_alarm", "alarms/web-release-5xx");
    const groups = alarm.metric_query.flatMap((q) => (q.metric ? [q.metric.dimensions.TargetGroup] : []));
    expect(groups).toEqual([
      refOf(tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn_suffix"),
      refOf(tf, "aws_lb_target_group", "load-balancer/target-group-web-alternate", "arn_suffix"),
    ]);
  });

  it("GIVEN ECS-native releases THEN one ECS infrastructure role with AWS's load balancer policy, and no request-count scaling on a single group", () => {
    expect(resourceAt(tf, "aws_iam_role_policy_attachment", "release-role/load-balancers")).toMatchObject({
      policy_arn: "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
    });
    expect(resourceList<{ name: string }>(tf, "aws_appautoscaling_policy").map((p) => p.name)).not.toContain("web-requests");
  });
});

describe("rolling releases", () => {
  it("GIVEN dev (non-production, rolling) THEN no deployment configuration, no deployment alarms, no release role", () => {
    const { tf } = synth(sampleConfig(), "dev");
    for (const service of resourceList<Attributes>(tf, "aws_ecs_service")) {
      expect(service.deployment_configuration).toBeUndefined();
      expect(service.alarms).toBeUndefined();
    }
    expect(() => resourceAt(tf, "aws_iam_role", "release-role/role")).toThrow(/found 0/);
  });

  it("GIVEN production rolling THEN the circuit breaker and the alarm rollback both apply, on the one target group", () => {
    const { tf } = synth(sampleConfig(), "prod");
    const service = resourceAt<Attributes>(tf, "aws_ecs_service", "service-api/service");
    expect(service).toMatchObject({ deployment_circuit_breaker: { enable: true, rollback: true }, alarms: { enable: true, rollback: true } });
    expect(service.deployment_configuration).toBeUndefined();
  });

  it("GIVEN a hook on a blue/green release THEN the role may invoke exactly that function and the hook names its stage", () => {
    const config = sampleConfig();
    const hook = "arn:aws:lambda:eu-west-1:222222222222:function:smoke";
    config.services.web.release = { strategy: "blueGreen", hooks: { postTestTrafficShift: hook } };
    const { tf } = synth(config, "prod");
    const service = resourceAt<{ deployment_configuration: { lifecycle_hook: Attributes[] } }>(tf, "aws_ecs_service", "service-web/service");
    expect(service.deployment_configuration.lifecycle_hook).toEqual([
      { hook_target_arn: hook, role_arn: refOf(tf, "aws_iam_role", "release-role/role", "arn"), lifecycle_stages: ["POST_TEST_TRAFFIC_SHIFT"] },
    ]);
  });
});
