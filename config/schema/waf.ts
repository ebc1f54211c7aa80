/** `environments.<env>.loadBalancer.waf` (issue 14): a WAFv2 web ACL in front of the ALB. */
import * as z from "zod/mini";
import { bool, field, int, matching, optional, retentionDays, withDefault } from "./primitives";

export const wafSchema = z.strictObject({
  enabled: field(optional(bool), { description: "a WAFv2 web ACL associated with the ALB", profile: "waf" }),
  webAclArn: field(optional(matching(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]{1,128}\/[a-f0-9-]{36}$/, "must be a regional WAFv2 web ACL ARN")), {
    description: "associate this existing web ACL instead of creating one (its rules, logging and cost are its owner's)",
    defaultText: "create one",
  }),
  mode: field(withDefault(z.enum(["block", "count"]), "block"), "`count` only counts what the rules match (try rules before they block)"),
  rateLimit: field(withDefault(int(10, 2000000000), 2000), "requests per client IP in any 5 minutes before the rate rule acts"),
  logging: field(withDefault(bool, true), "log requests to CloudWatch Logs (`aws-waf-logs-<app>-<env>`)"),
  logRetentionDays: field(withDefault(retentionDays, 30), {
    description: "retention of the WAF log group",
    allowed: "a CloudWatch Logs retention period (0 = never expire, 1, 3, 5, 7, 14, 30, 60, 90, … days)",
  }),
});
