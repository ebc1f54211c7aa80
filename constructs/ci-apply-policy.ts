/**
 * The apply role's permission statements (constructs/github-oidc-roles.ts): what `terraform apply` of
 * a platform stack may change, and the denies that hold even so. The other CI roles' statements are
 * in ./ci-policies.ts.
 */
import type { PolicyStatement } from "./policy";
import { SECURITY_SERVICE_CHANGES, type CiPolicyContext } from "./ci-policies";

/** Services whose resources the platform stack creates, changed only by the apply role. */
const PLATFORM_SERVICES = [
  "ec2:*",
  "ecs:*",
  "ecr:*",
  "elasticloadbalancing:*",
  "rds:*",
  "pi:*",
  "logs:*",
  "cloudwatch:*",
  "sns:*",
  "ssm:*",
  "secretsmanager:*",
  "acm:*",
  "route53:*",
  "servicediscovery:*",
  "application-autoscaling:*",
  "autoscaling:*",
];

/** What the platform does with KMS: the alarm topic's key (no data-plane use, no foreign key policy). */
const KMS_KEY_MANAGEMENT = [
  "kms:CreateKey",
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:UpdateKeyDescription",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ListAliases",
  "kms:ListKeys",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
];

/** Service-linked roles the platform's services create on first use. */
const SERVICE_LINKED_ROLE_SERVICES = [
  "ecs.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "rds.amazonaws.com",
  "autoscaling.amazonaws.com",
  "ecs.application-autoscaling.amazonaws.com",
];

/** Services the platform's roles are passed to: task definitions, VPC flow logs, EC2 instance profiles. */
export const PASSED_TO_SERVICES = ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "ec2.amazonaws.com"];

export interface ApplyPolicyProps {
  /** ARNs (`*` allowed) of the roles, instance profiles and policies the apply role manages. */
  readonly roleArns: readonly string[];
  readonly instanceProfileArns: readonly string[];
  readonly policyArns: readonly string[];
  /** The permissions boundary every role it creates or changes must carry. */
  readonly boundaryArn: string;
  /** The CI roles themselves: never changed from CI. */
  readonly ciRoleArns: readonly string[];
  /** S3 buckets (name globs) the platform creates, e.g. the ALB access-log bucket `<prefix>-alb-logs-*`. */
  readonly bucketGlobs: readonly string[];
  /** Aliases (globs) of the KMS keys the platform owns, e.g. `alias/<prefix>-*`. */
  readonly keyAliasGlobs: readonly string[];
  /** Bucket settings the bootstrap stack owns. */
  readonly protectedBucketActions: readonly string[];
  /** The only secrets it may read: OIDC client secrets it sets on the load balancer after apply. */
  readonly signInSecretArns: readonly string[];
}

/**
 * The apply role's grants: the platform's services (no PowerUserAccess), S3 only on the platform's
 * buckets, KMS key management without data-plane use, IAM only on the platform's names and only
 * with the permissions boundary, PassRole only to the services the platform passes roles to. The
 * denies keep it from audit services, foreign key policies, the CI roles, the boundary itself, the
 * state bucket's settings and history, secret values (but the sign-in client secrets it sets after
 * apply) and role chaining.
 */
export function applyStatements(ctx: CiPolicyContext, p: ApplyPolicyProps): PolicyStatement[] {
  const { partition } = ctx;
  const boundary = [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: [p.boundaryArn] }];
  return [
    { sid: "PlatformServices", actions: PLATFORM_SERVICES, resources: ["*"] },
    { sid: "CallerIdentity", actions: ["sts:GetCallerIdentity"], resources: ["*"] },
    { sid: "PlatformBuckets", actions: ["s3:*"], resources: p.bucketGlobs.flatMap((glob) => [`arn:${partition}:s3:::${glob}`, `arn:${partition}:s3:::${glob}/*`]) },
    { sid: "KmsKeyManagement", actions: KMS_KEY_MANAGEMENT, resources: ["*"] },
    {
      sid: "KmsGrantsForAwsServices",
      actions: ["kms:CreateGrant"],
      resources: ["*"],
      condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    },
    {
      sid: "ServiceLinkedRoles",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: ["*"],
      condition: [{ test: "StringEquals", variable: "iam:AWSServiceName", values: SERVICE_LINKED_ROLE_SERVICES }],
    },
    {
      sid: "ReadPlatformIam",
      actions: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListRoleTags",
        "iam:ListInstanceProfilesForRole",
        "iam:GetInstanceProfile",
        "iam:ListInstanceProfileTags",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyVersions",
        "iam:ListPolicyTags",
      ],
      resources: [...p.roleArns, ...p.instanceProfileArns, ...p.policyArns, `arn:${partition}:iam::aws:policy/*`],
    },
    // iam:PermissionsBoundary: a role may be created, or its permissions changed, only with the boundary.
    {
      sid: "ManagePlatformRolesWithBoundary",
      actions: [
        "iam:CreateRole",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
      ],
      resources: [...p.roleArns],
      condition: boundary,
    },
    {
      sid: "ManagePlatformRoles",
      actions: ["iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole"],
      resources: [...p.roleArns],
    },
    {
      sid: "PassPlatformRoles",
      actions: ["iam:PassRole"],
      resources: [...p.roleArns],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: PASSED_TO_SERVICES }],
    },
    {
      sid: "ManagePlatformInstanceProfiles",
      actions: [
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:AddRoleToInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:TagInstanceProfile",
        "iam:UntagInstanceProfile",
      ],
      resources: [...p.instanceProfileArns],
    },
    {
      sid: "ManagePlatformPolicies",
      actions: ["iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"],
      resources: [...p.policyArns],
    },
    { sid: "DenyBoundaryRemoval", effect: "Deny", actions: ["iam:DeleteRolePermissionsBoundary"], resources: ["*"] },
    {
      sid: "DenyBoundaryChanges",
      effect: "Deny",
      actions: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy"],
      resources: [p.boundaryArn],
    },
    // The CI roles match `<prefix>-*` too: CI must never widen its own trust or permissions.
    { sid: "DenyCiRoleChanges", effect: "Deny", actions: ["iam:*"], resources: [...p.ciRoleArns] },
    { sid: "DenySecurityServiceChanges", effect: "Deny", actions: SECURITY_SERVICE_CHANGES, resources: ["*"] },
    {
      sid: "DenyForeignKeyPolicies",
      effect: "Deny",
      actions: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateGrant"],
      resources: ["*"],
      condition: [{ test: "ForAllValues:StringNotLike", variable: "kms:ResourceAliases", values: [...p.keyAliasGlobs] }],
    },
    { sid: "DenyStateBucketChanges", effect: "Deny", actions: [...p.protectedBucketActions], resources: [ctx.stateBucketArn] },
    { sid: "DenyStateHistoryDeletion", effect: "Deny", actions: ["s3:DeleteObjectVersion"], resources: [`${ctx.stateBucketArn}/*`] },
    {
      sid: "DenySecretValues",
      effect: "Deny",
      actions: ["secretsmanager:GetSecretValue"],
      ...(p.signInSecretArns.length > 0 ? { notResources: [...p.signInSecretArns] } : { resources: ["*"] }),
    },
    // Any role trusting the account root (break-glass and admin roles often do) would be one call away.
    { sid: "DenyRoleChaining", effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] },
  ];
}
