import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { policyDocument, serviceTrustPolicy } from "./policy";

/** AWS's managed policy for ECS-native blue/green, canary and linear releases behind an ALB. */
export const LOAD_BALANCER_INFRASTRUCTURE_POLICY = "AmazonECSInfrastructureRolePolicyForLoadBalancers";

export interface ReleaseRoleProps {
  readonly roleName: string;
  readonly accountId: string;
  readonly partition: string;
  /** Lambda functions ECS invokes as lifecycle hooks (exact ARNs). @default - no hooks, no invoke permission */
  readonly hookFunctionArns: readonly string[];
}

/**
 * The ECS infrastructure role of ECS-native releases: ECS assumes it to move listener rules between
 * a service's two target groups, and to invoke the lifecycle hooks. One per stack.
 */
export class ReleaseRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ReleaseRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: "ECS-native releases: shift listener rules between target groups, invoke lifecycle hooks",
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "ecs.amazonaws.com", props.accountId).json,
    });
    new IamRolePolicyAttachment(this, "load-balancers", {
      role: this.role.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/${LOAD_BALANCER_INFRASTRUCTURE_POLICY}`,
    });
    if (props.hookFunctionArns.length > 0) {
      new IamRolePolicy(this, "hooks", {
        name: "invoke-lifecycle-hooks",
        role: this.role.id,
        policy: policyDocument(this, "hooks-document", [
          { sid: "InvokeHooks", actions: ["lambda:InvokeFunction"], resources: [...new Set(props.hookFunctionArns)].sort() },
        ]).json,
      });
    }
  }
}
