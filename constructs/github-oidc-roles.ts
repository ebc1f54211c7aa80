import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { policyDocument, type PolicyStatement } from "./policy";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** IAM writes Terraform needs for the platform's roles (aws_iam_role, _role_policy, _role_policy_attachment). */
const ROLE_WRITE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  // ECS task definitions, flow logs and EC2 instance profiles pass the platform's roles to AWS services.
  "iam:PassRole",
];
const INSTANCE_PROFILE_WRITE_ACTIONS = [
  "iam:CreateInstanceProfile",
  "iam:DeleteInstanceProfile",
  "iam:AddRoleToInstanceProfile",
  "iam:RemoveRoleFromInstanceProfile",
  "iam:TagInstanceProfile",
  "iam:UntagInstanceProfile",
];
const POLICY_WRITE_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
];
/** Bucket settings the bootstrap stack owns; CI never changes them and never purges state history. */
const STATE_BUCKET_PROTECTED_ACTIONS = [
  "s3:DeleteBucket",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketAcl",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketOwnershipControls",
];

export interface GithubOidcRolesProps {
  /** GitHub repository ("owner/name", exactly as GitHub spells it: the `sub` claim is compared case-sensitively). */
  readonly repository: string;
  readonly planRoleName: string;
  readonly applyRoleName: string;
  /** Branch whose push workflows may assume the apply role; not used when `applyEnvironment` is set. */
  readonly applyBranch: string;
  /** GitHub environment whose jobs, and only those, may assume the apply role. @default - the apply branch's push jobs */
  readonly applyEnvironment?: string;
  /**
   * Further repositories (e.g. application repositories calling deploy-image.yml) whose jobs on the
   * apply branch, or in the apply environment, may assume the apply role. OIDC tokens of a reusable
   * workflow carry the caller's repository in `sub`.
   */
  readonly additionalApplyRepositories: readonly string[];
  /** Create the account's GitHub OIDC identity provider (one per account); false looks the existing one up. */
  readonly createOidcProvider: boolean;
  readonly partition: string;
  readonly accountId: string;
  /** Name of the state bucket (need not be created in the same stack). */
  readonly stateBucket: string;
  /** Key of this environment's state object, e.g. `shop/dev/terraform.tfstate`. */
  readonly stateKey: string;
  /**
   * IAM names (`*` allowed) of the roles, instance profiles and customer-managed policies the apply
   * role may create, change, delete and pass, e.g. `["shop-dev-*"]`.
   */
  readonly managedIamNames: readonly string[];
}

/** Longest apply session in seconds; an expired session mid-apply leaves a lock and partial state. */
const APPLY_SESSION_SECONDS = 7200;

/**
 * GitHub Actions access without static keys: the account's OIDC identity provider for
 * token.actions.githubusercontent.com and two roles assumable with AssumeRoleWithWebIdentity.
 *
 * - plan role: any ref, pull request or environment of the repository. ReadOnlyAccess (refresh
 *   reads every resource type the platform uses) plus writing and deleting only the state lock file.
 * - apply role: only pushes to the apply branch or, when configured, only jobs running in the apply
 *   environment (whose required reviewers gate production). PowerUserAccess (everything except
 *   IAM/Organizations/Account) plus IAM writes limited to `managedIamNames`, plus state read/write.
 *
 * PowerUserAccess + scoped IAM instead of AdministratorAccess keeps the apply role from touching
 * IAM users, SSO/organization roles, the OIDC provider and other teams' roles. It is still not a
 * privilege boundary against a malicious workflow: a role it may create can be given any policy.
 * The boundary is the trust policy — who can run code as this role — so keep the apply branch
 * protected and the environment's reviewers meaningful.
 */
export class GithubOidcRoles extends Construct {
  public readonly oidcProviderArn: string;
  public readonly planRole: IamRole;
  public readonly applyRole: IamRole;
  /** The exact `sub` claims allowed to assume the apply role. */
  public readonly applySubjects: readonly string[];

  constructor(scope: Construct, id: string, props: GithubOidcRolesProps) {
    super(scope, id);
    const { partition, accountId } = props;

    this.oidcProviderArn = props.createOidcProvider
      ? new IamOpenidConnectProvider(this, "provider", {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIdList: [GITHUB_OIDC_AUDIENCE],
          // No thumbprint: AWS validates GitHub's certificate with its own trusted CAs.
        }).arn
      : new DataAwsIamOpenidConnectProvider(this, "provider-lookup", { url: `https://${GITHUB_OIDC_HOST}` }).arn;

    const { planRoleName, applyRoleName } = props;
    const roleArn = (name: string) => `arn:${partition}:iam::${accountId}:role/${name}`;
    const bucketArn = `arn:${partition}:s3:::${props.stateBucket}`;
    const stateDirectory = props.stateKey.slice(0, props.stateKey.lastIndexOf("/") + 1);
    const lockFileArn = `${bucketArn}/${props.stateKey}.tflock`;
    // Without ListBucket S3 answers 403 instead of 404 for a missing state object, which breaks the first init.
    const listBucket: PolicyStatement = { sid: "ListStateBucket", actions: ["s3:ListBucket"], resources: [bucketArn] };

    this.planRole = this.role("plan", {
      name: planRoleName,
      description: `Terraform plan from GitHub Actions (${props.repository}, any ref)`,
      subjectTest: "StringLike",
      subjects: [`repo:${props.repository}:*`],
      sessionSeconds: 3600,
      managedPolicy: `arn:${partition}:iam::aws:policy/ReadOnlyAccess`,
      statements: [
        listBucket,
        // ReadOnlyAccess already reads S3; stated here so the role's state access survives a narrower read policy.
        { sid: "ReadState", actions: ["s3:GetObject"], resources: [`${bucketArn}/${stateDirectory}*`] },
        { sid: "WriteLockFile", actions: ["s3:PutObject", "s3:DeleteObject"], resources: [lockFileArn] },
      ],
    });

    const applyRepositories = [props.repository, ...props.additionalApplyRepositories];
    this.applySubjects = applyRepositories.map((repository) =>
      props.applyEnvironment ? `repo:${repository}:environment:${props.applyEnvironment}` : `repo:${repository}:ref:refs/heads/${props.applyBranch}`,
    );
    const iamArns = (kind: "role" | "instance-profile" | "policy") =>
      props.managedIamNames.map((name) => `arn:${partition}:iam::${accountId}:${kind}/${name}`);
    this.applyRole = this.role("apply", {
      name: applyRoleName,
      description: `Terraform apply from GitHub Actions (${applyRepositories.join(", ")}; ${props.applyEnvironment ? `environment ${props.applyEnvironment}` : `branch ${props.applyBranch}`} only)`.slice(0, 1000),
      subjectTest: "StringEquals",
      subjects: this.applySubjects,
      sessionSeconds: APPLY_SESSION_SECONDS,
      managedPolicy: `arn:${partition}:iam::aws:policy/PowerUserAccess`,
      statements: [
        listBucket,
        { sid: "ReadWriteState", actions: ["s3:GetObject", "s3:PutObject"], resources: [`${bucketArn}/${stateDirectory}*`] },
        { sid: "DeleteLockFile", actions: ["s3:DeleteObject"], resources: [lockFileArn] },
        // Refresh reads roles, their policies and instance profiles; PowerUserAccess grants no IAM reads.
        { sid: "ReadIam", actions: ["iam:Get*", "iam:List*"], resources: ["*"] },
        { sid: "ManagePlatformRoles", actions: ROLE_WRITE_ACTIONS, resources: iamArns("role") },
        { sid: "ManagePlatformInstanceProfiles", actions: INSTANCE_PROFILE_WRITE_ACTIONS, resources: iamArns("instance-profile") },
        { sid: "ManagePlatformPolicies", actions: POLICY_WRITE_ACTIONS, resources: iamArns("policy") },
        // The CI roles match `<prefix>-*` too: CI must never widen its own trust or permissions.
        { sid: "DenyCiRoleChanges", effect: "Deny", actions: ROLE_WRITE_ACTIONS, resources: [roleArn(planRoleName), roleArn(applyRoleName)] },
        { sid: "DenyStateBucketChanges", effect: "Deny", actions: STATE_BUCKET_PROTECTED_ACTIONS, resources: [bucketArn] },
        { sid: "DenyStateHistoryDeletion", effect: "Deny", actions: ["s3:DeleteObjectVersion"], resources: [`${bucketArn}/*`] },
        // PowerUserAccess includes sts:AssumeRole: without this, any role trusting the account root
        // (break-glass and admin roles often do) would be one call away. Terraform here needs none.
        { sid: "DenyRoleChaining", effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] },
      ],
    });
  }

  private role(
    id: string,
    spec: {
      name: string;
      description: string;
      subjectTest: "StringLike" | "StringEquals";
      subjects: readonly string[];
      sessionSeconds: number;
      managedPolicy: string;
      statements: PolicyStatement[];
    },
  ): IamRole {
    const trust = policyDocument(this, `${id}-trust`, [
      {
        sid: "GithubActionsOidc",
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [this.oidcProviderArn] }],
        condition: [
          { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
          { test: spec.subjectTest, variable: `${GITHUB_OIDC_HOST}:sub`, values: [...spec.subjects] },
        ],
      },
    ]);
    const role = new IamRole(this, `${id}-role`, {
      name: spec.name,
      description: spec.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: spec.sessionSeconds,
    });
    new IamRolePolicyAttachment(this, `${id}-managed-policy`, { role: role.name, policyArn: spec.managedPolicy });
    new IamRolePolicy(this, `${id}-policy`, {
      name: "terraform",
      role: role.id,
      policy: policyDocument(this, `${id}-policy-document`, spec.statements).json,
    });
    return role;
  }
}
