import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";

/** AWS managed rule groups, in evaluation order, with the priority each takes. */
export const MANAGED_RULE_GROUPS = [
  { name: "AWSManagedRulesAmazonIpReputationList", priority: 10 },
  { name: "AWSManagedRulesCommonRuleSet", priority: 20 },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 30 },
] as const;
export const SQL_RULE_GROUP = { name: "AWSManagedRulesSQLiRuleSet", priority: 40 } as const;
export const RATE_RULE_PRIORITY = 50;

export interface WebAclProps {
  /** Web ACL name; also the prefix of its CloudWatch metric names. */
  readonly name: string;
  /** The ALB to protect. */
  readonly loadBalancerArn: string;
  /** Count what the rules match instead of blocking it. */
  readonly count: boolean;
  /** Requests per client IP in 5 minutes before the rate rule acts. */
  readonly rateLimit: number;
  /** Add the SQL injection rule group (an application with a database). */
  readonly sqlRules: boolean;
  /** Log group (named `aws-waf-logs-*`) for request logs. @default - no logging */
  readonly logging?: { readonly logGroupName: string; readonly retentionDays: number };
}

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * A regional WAFv2 web ACL on the ALB: IP reputation, the common rule set and known bad inputs
 * (SQL injection where there is a database), then a rate limit per client IP. Allows what no rule
 * matches. In count mode every rule only counts, to see what it would block.
 */
export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const groups = [...MANAGED_RULE_GROUPS, ...(props.sqlRules ? [SQL_RULE_GROUP] : [])];
    const rules: Wafv2WebAclRule[] = groups.map((g) => ({
      name: g.name,
      priority: g.priority,
      overrideAction: props.count ? { count: {} } : { none: {} },
      // The provider types `statement` loosely; it is written as Terraform's block names.
      statement: { managed_rule_group_statement: { name: g.name, vendor_name: "AWS" } },
      visibilityConfig: visibility(`${props.name}-${g.name}`),
    }));
    rules.push({
      name: "rate-per-ip",
      priority: RATE_RULE_PRIORITY,
      action: props.count ? { count: {} } : { block: {} },
      statement: { rate_based_statement: { limit: props.rateLimit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      visibilityConfig: visibility(`${props.name}-rate-per-ip`),
    });

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: `Managed rules and a rate limit per client IP in front of ${props.name}`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancerArn, webAclArn: this.webAcl.arn });

    if (props.logging) {
      const logGroup = new CloudwatchLogGroup(this, "log-group", { name: props.logging.logGroupName, retentionInDays: props.logging.retentionDays });
      new Wafv2WebAclLoggingConfiguration(this, "logging", { resourceArn: this.webAcl.arn, logDestinationConfigs: [logGroup.arn] });
    }
  }
}
