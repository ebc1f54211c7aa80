/** Issue 14: the WAFv2 web ACL in front of the ALB, on the synthesized stacks. */
import { refOf, resourceAt, resourceList, sampleConfig, synth, type Attributes } from "./helpers";

interface AclJson {
  scope: string;
  rule: { name: string; priority: number; override_action?: Attributes; action?: Attributes; statement: Attributes }[];
}

describe("WAF", () => {
  it("GIVEN production THEN a web ACL is associated with the ALB, with the managed groups, SQL rules for the database and a rate limit", () => {
    const { tf } = synth(sampleConfig(), "prod");
    expect(resourceAt(tf, "aws_wafv2_web_acl_association", "waf/association")).toEqual({
      resource_arn: refOf(tf, "aws_lb", "load-balancer/alb", "arn"),
      web_acl_arn: refOf(tf, "aws_wafv2_web_acl", "waf/web-acl", "arn"),
    });
    const acl = resourceAt<AclJson>(tf, "aws_wafv2_web_acl", "waf/web-acl");
    expect(acl.scope).toBe("REGIONAL");
    expect(acl.rule.map((r) => r.name)).toEqual([
      "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet", "rate-per-ip",
    ]);
    expect(acl.rule[4]).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP" } } });
    expect(resourceAt(tf, "aws_wafv2_web_acl_logging_configuration", "waf/logging")).toEqual({
      resource_arn: refOf(tf, "aws_wafv2_web_acl", "waf/web-acl", "arn"),
      log_destination_configs: [refOf(tf, "aws_cloudwatch_log_group", "waf/log-group", "arn")],
    });
    expect(resourceAt(tf, "aws_cloudwatch_log_group", "waf/log-group")).toMatchObject({ name: "aws-waf-logs-demo-prod", retention_in_days: 30 });
  });

  it("GIVEN count mode without a database THEN every rule counts and there is no SQL rule group", () => {
    const config = sampleConfig();
    delete config.database;
    config.services.api.databaseEnv = {};
    config.environments.dev.loadBalancer = { waf: { enabled: true, mode: "count", rateLimit: 500, logging: false } };
    const { tf } = synth(config, "dev");
    const acl = resourceAt<AclJson>(tf, "aws_wafv2_web_acl", "waf/web-acl");
    expect(acl.rule.map((r) => r.override_action ?? r.action)).toEqual([{ count: {} }, { count: {} }, { count: {} }, { count: {} }]);
    expect(resourceList(tf, "aws_wafv2_web_acl_logging_configuration")).toEqual([]);
  });

  it("GIVEN an existing web ACL THEN only the association is created", () => {
    const config = sampleConfig();
    const arn = "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    config.environments.dev.loadBalancer = { waf: { webAclArn: arn } };
    const { tf } = synth(config, "dev");
    expect(resourceList(tf, "aws_wafv2_web_acl")).toEqual([]);
    expect(resourceAt(tf, "aws_wafv2_web_acl_association", "waf-association")).toEqual({ resource_arn: refOf(tf, "aws_lb", "load-balancer/alb", "arn"), web_acl_arn: arn });
  });

  it("GIVEN dev THEN no WAF (non-production default)", () => {
    expect(resourceList(synth(sampleConfig(), "dev").tf, "aws_wafv2_web_acl_association")).toEqual([]);
  });
});
