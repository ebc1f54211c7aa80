/** The edge of one environment (issue 14): WAF in front of the load balancer. */
import type { EnvironmentProfile } from "../defaults";
import { wafLogGroupName } from "../names";
import type { EnvironmentConfig } from "../schema";
import type { AuthenticateConfig } from "../schema/edge";
import type { AuthenticateSettings, ExistingNetworkSettings, SubnetSelection, WafSettings } from "../settings";

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

type ExistingConfig = NonNullable<EnvironmentConfig["network"]["existing"]>;

function selection(ids: readonly string[] | undefined, tags: Record<string, string> | undefined): SubnetSelection | undefined {
  if (ids) return { ids };
  return tags ? { tags } : undefined;
}

export function resolveExistingNetwork(x: ExistingConfig | undefined): ExistingNetworkSettings | undefined {
  if (!x) return undefined;
  return {
    vpcId: x.vpcId,
    // A rule requires one of the two; an empty selection finds nothing and is reported there.
    privateSubnets: selection(x.privateSubnetIds, x.privateSubnetTags) ?? { ids: [] },
    publicSubnets: selection(x.publicSubnetIds, x.publicSubnetTags),
  };
}

export function resolveAuthenticate(a: AuthenticateConfig | undefined): AuthenticateSettings | undefined {
  if (a?.cognito) return { kind: "cognito", ...a.cognito };
  if (!a?.oidc) return undefined;
  const { clientSecret, ...oidc } = a.oidc;
  return { kind: "oidc", ...oidc, clientSecret: { secret: clientSecret.secretsManager, jsonKey: clientSecret.jsonKey } };
}
