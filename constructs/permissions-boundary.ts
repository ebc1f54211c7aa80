import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { policyDocument } from "./policy";
import { SECURITY_SERVICE_CHANGES } from "./ci-policies";

export interface PermissionsBoundaryProps {
  /** Managed policy name; the platform stack derives the same ARN from it. */
  readonly policyName: string;
  readonly stateBucketArn: string;
  /** Secrets Manager secrets (ARNs, `*` allowed) the platform's roles may read. */
  readonly readableSecretArns: readonly string[];
  /** SSM parameters (ARNs, `*` allowed) the platform's roles may read. */
  readonly readableParameterArns: readonly string[];
}

/**
 * The permissions boundary of every role the platform stack creates (execution, task, flow-log
 * and EC2 instance roles). The apply role may create or change a role only with this boundary
 * (iam:PermissionsBoundary), so a role it creates can never do more than this, whatever policy
 * it is given: no IAM, Organizations or account changes (no way to widen itself or mint
 * credentials), no role chaining, no changes to audit services or KMS key policies, no access to
 * the Terraform state, and secret and parameter values only of this environment.
 */
export class PermissionsBoundary extends Construct {
  public readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps) {
    super(scope, id);
    const document = policyDocument(this, "document", [
      // A boundary grants nothing itself: each role's own policies still decide what it may do.
      { sid: "CeilingOfOwnPolicies", actions: ["*"], resources: ["*"] },
      {
        sid: "DenyIdentityAndAccountChanges",
        effect: "Deny",
        actions: ["iam:*", "organizations:*", "account:*", "sso:*", "sts:AssumeRole", "sts:GetFederationToken"],
        resources: ["*"],
      },
      { sid: "DenySecurityServiceChanges", effect: "Deny", actions: SECURITY_SERVICE_CHANGES, resources: ["*"] },
      { sid: "DenyKeyPolicyChanges", effect: "Deny", actions: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"], resources: ["*"] },
      { sid: "DenyStateAccess", effect: "Deny", actions: ["s3:*"], resources: [props.stateBucketArn, `${props.stateBucketArn}/*`] },
      // An empty NotResource is invalid: with nothing to read, every secret is foreign.
      props.readableSecretArns.length > 0
        ? { sid: "DenyForeignSecrets", effect: "Deny", actions: ["secretsmanager:GetSecretValue"], notResources: [...props.readableSecretArns] }
        : { sid: "DenyForeignSecrets", effect: "Deny", actions: ["secretsmanager:GetSecretValue"], resources: ["*"] },
      {
        sid: "DenyForeignParameters",
        effect: "Deny",
        actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"],
        notResources: [...props.readableParameterArns],
      },
    ]);
    this.policy = new IamPolicy(this, "policy", {
      name: props.policyName,
      description: "Permissions boundary of every role the platform stack creates",
      policy: document.json,
    });
  }
}
