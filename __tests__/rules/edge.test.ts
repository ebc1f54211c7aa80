/** Rules in config/rules/edge.ts (issue 14): WAF. */
import { describeValue } from "../../config/errors";
import { describeRule, dev } from "./support";

const ACL = "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const ACL_ELSEWHERE = ACL.replace("eu-west-1", "us-east-1");

describeRule("waf-acl-in-region", {
  valid: [["an existing web ACL in the environment's region", (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL } })]],
  invalid: [
    [
      "a web ACL in another region",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL_ELSEWHERE } }),
      [{ path: "environments.dev.loadBalancer.waf.webAclArn", message: `${describeValue(ACL_ELSEWHERE)} is not allowed; must be a web ACL in eu-west-1, the environment's region (it is in us-east-1)` }],
    ],
  ],
});

describeRule("waf-arn-needs-enabled", {
  valid: [["an existing web ACL, enabled by being given", (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL } })]],
  invalid: [
    [
      "an existing web ACL with WAF switched off",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL, enabled: false } }),
      [{ path: "environments.dev.loadBalancer.waf.webAclArn", message: `${describeValue(ACL)} has no effect; enabled: false turns WAF off; remove webAclArn or enable WAF` }],
    ],
  ],
});

describeRule("waf-own-settings-unused", {
  valid: [["count mode on the stack's own web ACL", (c) => (dev(c).loadBalancer = { waf: { enabled: true, mode: "count" } })]],
  invalid: [
    [
      "count mode with an existing web ACL",
      (c) => (dev(c).loadBalancer = { waf: { webAclArn: ACL, mode: "count" } }),
      [{ path: "environments.dev.loadBalancer.waf.mode", message: '"count" has no effect; an existing web ACL (webAclArn) keeps its own rule actions' }],
    ],
  ],
});
