/** The edge of one environment (issue 14): WAF in front of the load balancer. */
import type { EnvironmentProfile } from "../defaults";
import { wafLogGroupName } from "../names";
import type { EnvironmentConfig } from "../schema";
import type { WafSettings } from "../settings";

export function resolveWaf(e: EnvironmentConfig, prefix: string, profile: EnvironmentProfile, hasDatabase: boolean): WafSettings | undefined {
  const w = e.loadBalancer.waf;
  if (!(w.enabled ?? (profile.waf || w.webAclArn !== undefined))) return undefined;
  if (w.webAclArn) return { kind: "existing", webAclArn: w.webAclArn };
  return {
    kind: "managed",
    name: prefix,
    count: w.mode === "count",
    rateLimit: w.rateLimit,
    sqlRules: hasDatabase,
    logging: w.logging ? { logGroupName: wafLogGroupName(prefix), retentionDays: w.logRetentionDays } : undefined,
  };
}
