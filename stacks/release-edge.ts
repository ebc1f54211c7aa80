/** The WAF on the ALB and the ECS release role: pieces of releases and the edge that are not per service. */
import type { Construct } from "constructs";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import type { StackSettings, WafSettings } from "../config";
import { releaseRoleName } from "../config/names";
import { ReleaseRole } from "../constructs/release-role";
import { WebAcl } from "../constructs/web-acl";

/** The stack's own web ACL on the ALB, or the association with an existing one. */
export function addWaf(scope: Construct, waf: WafSettings, loadBalancerArn: string): void {
  if (waf.kind === "existing") {
    new Wafv2WebAclAssociation(scope, "waf-association", { resourceArn: loadBalancerArn, webAclArn: waf.webAclArn });
    return;
  }
  const { kind: _kind, ...acl } = waf;
  new WebAcl(scope, "waf", { ...acl, loadBalancerArn });
}

/** ECS-native releases and lifecycle hooks act through one ECS infrastructure role; none without them. */
export function addReleaseRole(scope: Construct, s: StackSettings, accountId: string, partition: string): IamRole | undefined {
  const releasing = s.services.filter((svc) => svc.release.trafficShift || svc.release.hooks.length > 0);
  if (releasing.length === 0) return undefined;
  return new ReleaseRole(scope, "release-role", {
    roleName: releaseRoleName(s.names.prefix),
    accountId,
    partition,
    hookFunctionArns: releasing.flatMap((svc) => svc.release.hooks.map((h) => h.functionArn)),
  }).role;
}
