import { Construct } from "constructs";
import { LocalBackend, TerraformOutput } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { StackSettings } from "../config";
import { StateBucket } from "../constructs/state-bucket";
import { GithubOidcRoles } from "../constructs/github-oidc-roles";
import { PermissionsBoundary } from "../constructs/permissions-boundary";
import { arns, CI_WORKFLOWS, ownParameterNames, readableByPlatform, signInSecretNames } from "./bootstrap-scope";
import { partitionOf } from "../config/regions";
import { LiteralTextStack } from "./literal-stack";

export interface BootstrapStackProps {
  readonly settings: StackSettings;
  /**
   * Create the state bucket here. Environments sharing one bucket must leave it to one stack
   * (bootstrapStacks does this). @default true
   */
  readonly createStateBucket?: boolean;
  /**
   * Create the account's GitHub OIDC provider here when `ci` is set; false looks it up. Overrides
   * `ci.createOidcProvider` only to turn creation off. @default ci.createOidcProvider
   */
  readonly createOidcProvider?: boolean;
}

/** State history: superseded versions are kept 90 days; unfinished uploads are discarded after 7. */
const STATE_BUCKET_RETENTION = { noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 7 } as const;

/**
 * What the platform stacks need before their first `terraform init`: the S3 state bucket and, when
 * `ci` is configured, GitHub OIDC roles for plan and apply.
 *
 * It keeps its own state in a local file — the bucket it creates cannot hold the state that creates
 * it. The file is written to the project root (`terraform.<app>-<env>-bootstrap.tfstate`, three
 * levels up from `cdktf.out/stacks/<stack>`), not inside cdktf.out, because cdktf deletes stack
 * directories that a synth no longer produces and cdktf.out is routinely wiped. `*.tfstate` is
 * git-ignored: keep the file safe (or migrate it to the bucket, see docs/deploy.md).
 */
export class BootstrapStack extends LiteralTextStack {
  public readonly stateBucket?: StateBucket;
  public readonly ci?: GithubOidcRoles;
  public readonly boundary: PermissionsBoundary;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    // Configuration text from here on is encoded: it reaches Terraform as literal text.
    const s = this.literal(props.settings);
    const partition = partitionOf(s.state.region);

    // The bucket lives in the state region; IAM is global, so the same provider serves both.
    new AwsProvider(this, "aws", {
      region: s.state.region,
      allowedAccountIds: [...s.allowedAccountIds],
      defaultTags: [{ tags: { ...s.tags } }],
    });
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    if (props.createStateBucket ?? true) {
      this.stateBucket = new StateBucket(this, "state-bucket", { bucketName: s.state.bucket, ...STATE_BUCKET_RETENTION, preventDestroy: true });
    }
    new TerraformOutput(this, "state_bucket", { value: s.state.bucket, description: "S3 bucket holding Terraform state (use_lockfile locking)" });

    const accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    const a = arns(partition, s.region, accountId);
    const stateBucketArn = `arn:${partition}:s3:::${s.state.bucket}`;
    const readable = readableByPlatform(s, a, partition);
    this.boundary = new PermissionsBoundary(this, "permissions-boundary", {
      policyName: s.names.permissionsBoundary,
      stateBucketArn,
      readableSecretArns: readable.secrets,
      readableParameterArns: readable.parameters,
    });
    new TerraformOutput(this, "permissions_boundary_arn", { value: this.boundary.policy.arn, description: "Permissions boundary of every role the platform stack creates" });

    if (s.ci) {
      this.ci = new GithubOidcRoles(this, "github-oidc", {
        repository: s.ci.githubRepository,
        deployRepositories: s.ci.deployRepositories,
        planRoleName: s.names.ciPlanRole,
        applyRoleName: s.names.ciApplyRole,
        deployRoleName: s.names.ciDeployRole,
        workflows: CI_WORKFLOWS,
        applyBranch: s.ci.applyBranch,
        applyEnvironment: s.ci.applyEnvironment,
        createOidcProvider: s.ci.createOidcProvider && (props.createOidcProvider ?? true),
        partition,
        region: s.region,
        accountId,
        stateBucket: s.state.bucket,
        stateKey: s.state.key,
        managedIamNames: platformIamNames(s),
        boundaryArn: a.iam("policy", s.names.permissionsBoundary),
        bucketGlobs: [`${s.names.accessLogBucketPrefix}*`],
        keyAliasGlobs: [`alias/${s.names.prefix}-*`],
        ownParameterArns: ownParameterNames(s).map(a.ssmParameter),
        signInSecretArns: signInSecretNames(s).map(a.secret),
        deploy: {
          repositoryArns: s.services.map((svc) => a.ecr(svc.names.repository)),
          serviceArnGlob: a.ecs(`service/${s.names.cluster}/*`),
          taskDefinitionArns: s.services.map((svc) => a.ecs(`task-definition/${svc.names.taskFamily}:*`)),
          passableRoleArns: s.services.flatMap((svc) => [svc.names.executionRole, svc.names.taskRole]).map((name) => a.iam("role", name)),
          preDeployTaskDefinitionArns: s.services.flatMap((svc) => (svc.preDeploy ? [a.ecs(`task-definition/${svc.preDeploy.taskFamily}:*`)] : [])),
          clusterArn: a.ecs(`cluster/${s.names.cluster}`),
          taskArnGlob: a.ecs(`task/${s.names.cluster}/*`),
        },
      });
      new TerraformOutput(this, "plan_role_arn", { value: this.ci.planRole.arn, description: "Role for terraform plan in CI (repository variable PLAN_ROLE_ARN_<ENV>)" });
      new TerraformOutput(this, "apply_role_arn", { value: this.ci.applyRole.arn, description: "Role for terraform apply in CI (repository variable APPLY_ROLE_ARN_<ENV>)" });
      new TerraformOutput(this, "deploy_role_arn", { value: this.ci.deployRole.arn, description: "Role for image deploys from application repositories (variable DEPLOY_ROLE_ARN_<ENV>)" });
    }
  }
}

/**
 * IAM names the platform stack creates: everything is `<app>-<env>-...` except the execution and
 * task roles, whose names configuration may override (names.executionRole, services.*.names.taskRole).
 */
export function platformIamNames(s: StackSettings): string[] {
  const prefix = `${s.names.prefix}-`;
  const custom = s.services.flatMap((svc) => [svc.names.executionRole, svc.names.taskRole]).filter((name) => !name.startsWith(prefix));
  return [`${prefix}*`, ...new Set(custom)];
}

/**
 * One bootstrap stack per environment, named `<app>-<env>-bootstrap`. Environments that share a
 * state bucket, or an account while creating its OIDC provider, leave the shared resource to the
 * first such environment in configuration order: two stacks creating it would collide. Apply that
 * environment's bootstrap stack first; the others look the OIDC provider up.
 */
export function addBootstrapStacks(scope: Construct, stacks: readonly StackSettings[]): BootstrapStack[] {
  const bucketOwners = new Set<string>();
  const oidcAccounts = new Set<string>();
  return stacks.map((settings) => {
    const createStateBucket = !bucketOwners.has(settings.state.bucket);
    bucketOwners.add(settings.state.bucket);
    const accounts = [...settings.allowedAccountIds];
    const createOidcProvider = !accounts.some((account) => oidcAccounts.has(account));
    if (settings.ci?.createOidcProvider) accounts.forEach((account) => oidcAccounts.add(account));
    return new BootstrapStack(scope, settings.names.bootstrapStack, { settings, createStateBucket, createOidcProvider });
  });
}
