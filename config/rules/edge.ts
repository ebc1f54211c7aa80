/** The edge (issue 14): WAF in front of the load balancer. */
import { stackRule } from "./rule";

export const wafAclInRegion = stackRule("waf-acl-in-region", "An existing web ACL is regional and in the environment's region (WAF associates only those with an ALB).", ({ env, envPath }, report) => {
  const arn = env.loadBalancer.waf.webAclArn;
  const region = arn?.split(":")[3];
  if (arn && region !== env.region) report(`${envPath}.loadBalancer.waf.webAclArn`, arn, `must be a web ACL in ${env.region}, the environment's region (it is in ${region})`);
});

export const wafArnNeedsEnabled = stackRule("waf-arn-needs-enabled", "An existing web ACL is associated unless WAF is switched off.", ({ env, envPath }, report) => {
  const w = env.loadBalancer.waf;
  if (w.webAclArn && w.enabled === false) report(`${envPath}.loadBalancer.waf.webAclArn`, w.webAclArn, "enabled: false turns WAF off; remove webAclArn or enable WAF");
}, "warning");

export const wafOwnSettingsUnused = stackRule("waf-own-settings-unused", "Rule, rate and logging settings apply to a web ACL the stack creates, not an existing one.", ({ env, envPath }, report) => {
  const w = env.loadBalancer.waf;
  if (w.webAclArn && w.mode === "count") report(`${envPath}.loadBalancer.waf.mode`, w.mode, "an existing web ACL (webAclArn) keeps its own rule actions");
}, "warning");
