/**
 * The permission statements of the CI roles (constructs/github-oidc-roles.ts), as pure functions of
 * ARNs and names, so each role's grants and denies can be read (and tested) in one place; the
 * apply role's are in ./ci-apply-policy.ts.
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
