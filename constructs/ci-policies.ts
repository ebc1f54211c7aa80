/**
 * The permission statements of the CI roles (constructs/github-oidc-roles.ts), as pure functions of
 * ARNs and names, so each role's grants and denies can be read (and tested) in one place.
 */
import type { PolicyStatement } from "./policy";

/** What every statement builder needs to know about the account and the environment's state. */
export interface CiPolicyContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly stateBucketArn: string;
  /** `arn:…:s3:::<bucket>/<keyPrefix><app>/<env>/` — the environment's state objects. */
  readonly stateDirectoryArn: string;
  readonly lockFileArn: string;
}

/** Changes to the account's audit and detection services: never part of a platform apply. */
export const SECURITY_SERVICE_CHANGES = [
  "cloudtrail:DeleteTrail",
  "cloudtrail:StopLogging",
  "cloudtrail:UpdateTrail",
  "cloudtrail:PutEventSelectors",
  "cloudtrail:PutInsightSelectors",
  "cloudtrail:DeleteEventDataStore",
  "guardduty:DeleteDetector",
  "guardduty:UpdateDetector",
  "guardduty:DisassociateFromMasterAccount",
  "guardduty:DisassociateFromAdministratorAccount",
  "guardduty:DeleteMembers",
  "guardduty:StopMonitoringMembers",
  "guardduty:CreateFilter",
  "guardduty:UpdateFilter",
  "guardduty:CreateIPSet",
  "guardduty:UpdateIPSet",
  "config:DeleteConfigurationRecorder",
  "config:StopConfigurationRecorder",
  "config:PutConfigurationRecorder",
  "config:DeleteDeliveryChannel",
  "config:PutDeliveryChannel",
  "config:DeleteConfigRule",
  "config:DeleteConformancePack",
];

/**
 * Data reads ReadOnlyAccess would allow and no plan needs: object contents, secret values, log
 * events, image layers, queue messages, table items, instance passwords and console output. The
 * exceptions (the state objects, this stack's own SSM parameters) are NotResource lists below.
 */
const DATA_READS = [
  "secretsmanager:GetSecretValue",
  "logs:GetLogEvents",
  "logs:FilterLogEvents",
  "logs:GetLogRecord",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "logs:StartLiveTail",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchGetImage",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "sqs:ReceiveMessage",
  "kinesis:GetRecords",
  "lambda:GetFunction",
  "ec2:GetPasswordData",
  "ec2:GetConsoleOutput",
  "ec2:GetConsoleScreenshot",
  "rds:DownloadDBLogFilePortion",
  "rds:DownloadCompleteDBLogFile",
  "athena:GetQueryResults",
  "cloudformation:GetTemplate",
];

/** SSM reads that return parameter values. */
const PARAMETER_READS = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"];

/** State bucket read access every Terraform role needs: list (404 instead of 403 on first init) and read. */
export function stateRead(ctx: CiPolicyContext): PolicyStatement[] {
  return [
    { sid: "ListStateBucket", actions: ["s3:ListBucket"], resources: [ctx.stateBucketArn] },
    { sid: "ReadState", actions: ["s3:GetObject"], resources: [`${ctx.stateDirectoryArn}*`] },
  ];
}

/** State and lock writes of the roles that apply: write state, take and release the lock. */
export function stateWrite(ctx: CiPolicyContext): PolicyStatement[] {
  return [
    { sid: "WriteState", actions: ["s3:PutObject"], resources: [`${ctx.stateDirectoryArn}*`] },
    { sid: "ReleaseLock", actions: ["s3:DeleteObject"], resources: [ctx.lockFileArn] },
  ];
}

/**
 * Denies that turn ReadOnlyAccess into metadata reads (plan and deploy roles): no object outside
 * the state directory, no secret value, no SSM parameter but this stack's own (whose values
 * Terraform set itself) and AWS's public ones (AMI ids), no KMS decryption except through SSM for
 * those parameters, no log events, image layers or other data.
 *
 * @param ownParameterArns SSM parameters of this stack (their values are in state anyway).
 */
export function metadataOnly(ctx: CiPolicyContext, ownParameterArns: readonly string[]): PolicyStatement[] {
  const { partition } = ctx;
  return [
    { sid: "DenyObjectReadsOutsideState", effect: "Deny", actions: ["s3:GetObject", "s3:GetObjectVersion"], notResources: [`${ctx.stateDirectoryArn}*`] },
    { sid: "DenyDataReads", effect: "Deny", actions: DATA_READS, resources: ["*"] },
    {
      sid: "DenyForeignParameterValues",
      effect: "Deny",
      actions: PARAMETER_READS,
      notResources: [...ownParameterArns, `arn:${partition}:ssm:*::parameter/aws/service/*`],
    },
    {
      sid: "DenyDecryptExceptOwnParameters",
      effect: "Deny",
      actions: ["kms:Decrypt"],
      resources: ["*"],
      condition: [{ test: "StringNotLike", variable: "kms:ViaService", values: [`ssm.*.amazonaws.com`] }],
    },
  ];
}

/** Plans never take, break or write anything: `-lock=false`, and no state or lock-file write. */
export function noStateWrites(ctx: CiPolicyContext): PolicyStatement {
  return { sid: "DenyStateAndLockWrites", effect: "Deny", actions: ["s3:PutObject", "s3:DeleteObject"], resources: [`${ctx.stateBucketArn}/*`] };
}

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

export interface DeployPolicyProps {
  /** ECR repositories of the environment's services. */
  readonly repositoryArns: readonly string[];
  /** `arn:…:ecs:<region>:<account>:service/<cluster>/*`. */
  readonly serviceArnGlob: string;
  /** Task definition families (`arn:…:task-definition/<family>:*`). */
  readonly taskDefinitionArns: readonly string[];
  /** Execution and task roles the task definitions name. */
  readonly passableRoleArns: readonly string[];
  /** Pre-deploy task families (`arn:…:task-definition/<family>-predeploy:*`) bin/predeploy.sh runs. */
  readonly preDeployTaskDefinitionArns: readonly string[];
  /** The environment's cluster: pre-deploy tasks run only there. */
  readonly clusterArn: string;
  /** `arn:…:ecs:<region>:<account>:task/<cluster>/*`: the tasks it may watch. */
  readonly taskArnGlob: string;
}

/**
 * The deploy role's writes (its reads are ReadOnlyAccess + metadataOnly): push images to the
 * environment's repositories, register task definitions of its families, update its services,
 * run its services' pre-deploy tasks in its cluster, pass only the task and execution roles to ECS
 * tasks, and write state.
 */
export function deployStatements(ctx: CiPolicyContext, p: DeployPolicyProps): PolicyStatement[] {
  return [
    ...stateWrite(ctx),
    // GetAuthorizationToken and RegisterTaskDefinition have no resource-level permissions.
    { sid: "EcrLogin", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
    {
      sid: "PushImages",
      actions: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:DescribeImages"],
      resources: [...p.repositoryArns],
    },
    { sid: "RegisterTaskDefinitions", actions: ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:DescribeTaskDefinition"], resources: ["*"] },
    { sid: "TagTaskDefinitions", actions: ["ecs:TagResource"], resources: [...p.taskDefinitionArns, ...p.preDeployTaskDefinitionArns] },
    { sid: "UpdateServices", actions: ["ecs:UpdateService", "ecs:DescribeServices"], resources: [p.serviceArnGlob] },
    // The image deploy runs each service's pre-deploy task (bin/predeploy.py: run-task, describe-tasks).
    ...(p.preDeployTaskDefinitionArns.length > 0
      ? [
          {
            sid: "RunPreDeployTasks",
            actions: ["ecs:RunTask"],
            resources: [...p.preDeployTaskDefinitionArns],
            condition: [{ test: "ArnEquals", variable: "ecs:cluster", values: [p.clusterArn] }],
          },
          { sid: "WatchPreDeployTasks", actions: ["ecs:DescribeTasks"], resources: [p.taskArnGlob] },
        ]
      : []),
    {
      sid: "PassTaskRoles",
      actions: ["iam:PassRole"],
      resources: [...p.passableRoleArns],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
    },
    { sid: "DenyRoleChaining", effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] },
  ];
}
