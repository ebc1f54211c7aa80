import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { policyDocument, type PolicyStatement } from "./policy";
import { applyStatements } from "./ci-apply-policy";
import { deployStatements, metadataOnly, noStateWrites, stateRead, type CiPolicyContext, type DeployPolicyProps } from "./ci-policies";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** Bucket settings the bootstrap stack owns; CI never changes them, never replicates state elsewhere. */
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
  "s3:PutReplicationConfiguration",
  "s3:PutBucketNotification",
  "s3:PutInventoryConfiguration",
];

/** Workflow files (paths in the repository) each role trusts, through `job_workflow_ref` in `sub`. */
export interface CiWorkflows {
  /** Pull-request plans (context `pull_request`). */
  readonly plan: string;
  /** Pushes to the apply branch: plans and applies (context `ref:…` or `environment:…`). */
  readonly apply: string;
  /** The reusable image deploy, called from application repositories. */
  readonly deploy: string;
}

export interface GithubOidcRolesProps {
  /** GitHub repository ("owner/name", exactly as GitHub spells it: the `sub` claim is compared case-sensitively). */
  readonly repository: string;
  readonly planRoleName: string;
  readonly applyRoleName: string;
  readonly deployRoleName: string;
  readonly workflows: CiWorkflows;
  /** Branch whose push workflows may assume the apply role (and the deploy role's callers' branch). */
  readonly applyBranch: string;
  /** GitHub environment whose jobs, and only those, may assume the apply and deploy roles. @default - the apply branch's push jobs */
  readonly applyEnvironment?: string;
  /** Application repositories whose image pipelines call `workflows.deploy` and may assume the deploy role. */
  readonly deployRepositories: readonly string[];
  /** Create the account's GitHub OIDC identity provider (one per account); false looks the existing one up. */
  readonly createOidcProvider: boolean;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Name of the state bucket (need not be created in the same stack). */
  readonly stateBucket: string;
  /** Key of this environment's state object, e.g. `shop/dev/terraform.tfstate`. */
  readonly stateKey: string;
  /** IAM names (`*` allowed) of the roles, instance profiles and policies the apply role manages, e.g. `["shop-dev-*"]`. */
  readonly managedIamNames: readonly string[];
  /** ARN of the permissions boundary every platform role carries. */
  readonly boundaryArn: string;
  /** S3 bucket name globs the platform creates. */
  readonly bucketGlobs: readonly string[];
  /** KMS alias globs of the platform's keys. */
  readonly keyAliasGlobs: readonly string[];
  /** SSM parameters of the platform stack (ARNs): the only ones whose values plans may read. */
  readonly ownParameterArns: readonly string[];
  /** What the deploy role may push, register, update and pass. */
  readonly deploy: DeployPolicyProps;
  /** OIDC client secrets the apply role reads to set them on the load balancer after apply. */
  readonly signInSecretArns: readonly string[];
}

/** Longest apply session in seconds; an expired session mid-apply leaves a lock and partial state. */
const APPLY_SESSION_SECONDS = 7200;

/**
 * GitHub Actions access without static keys: the account's OIDC identity provider and three roles
 * assumable with AssumeRoleWithWebIdentity. Every trust pins the repository, the event context
 * and the workflow file (`job_workflow_ref`), which GitHub puts into `sub` once the repository's
 * OIDC subject template includes `repo`, `context` and `job_workflow_ref` (docs/deploy.md, a
 * one-time API call per repository):
 *
 * - plan (`<app>-<env>-ci-plan`): pull requests running `workflows.plan`, and the apply branch's
 *   pushes running `workflows.apply` (its plan-before-approval job). ReadOnlyAccess minus every
 *   data read (metadataOnly) and no write to state or lock: plans run with `-lock=false`.
 * - apply (`<app>-<env>-ci-apply`): only `workflows.apply` on the apply branch, or in the apply
 *   environment. Service-scoped grants, IAM only with the permissions boundary (applyStatements).
 * - deploy (`<app>-<env>-ci-deploy`): only `workflows.deploy` of this repository at the apply
 *   branch, called from this or a deploy repository on its apply branch or in the apply
 *   environment. Reads like the plan role; writes images, task definitions, services, state.
 */
export class GithubOidcRoles extends Construct {
  public readonly oidcProviderArn: string;
  public readonly planRole: IamRole;
  public readonly applyRole: IamRole;
  public readonly deployRole: IamRole;
  /** The `sub` claims allowed to assume each role (plan: StringLike, apply and deploy: StringEquals). */
  public readonly subjects: { readonly plan: readonly string[]; readonly apply: readonly string[]; readonly deploy: readonly string[] };

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

    const roleArn = (name: string) => `arn:${partition}:iam::${accountId}:role/${name}`;
    const bucketArn = `arn:${partition}:s3:::${props.stateBucket}`;
    const stateDirectory = props.stateKey.slice(0, props.stateKey.lastIndexOf("/") + 1);
    const ctx: CiPolicyContext = {
      partition,
      region: props.region,
      accountId,
      stateBucketArn: bucketArn,
      stateDirectoryArn: `${bucketArn}/${stateDirectory}`,
      lockFileArn: `${bucketArn}/${props.stateKey}.tflock`,
    };
    this.subjects = ciSubjects(props);
    const readOnly = `arn:${partition}:iam::aws:policy/ReadOnlyAccess`;

    this.planRole = this.role("plan", {
      name: props.planRoleName,
      description: `Terraform plan from GitHub Actions (${props.repository}: pull requests, ${props.applyBranch} pushes; read metadata only)`,
      subjects: this.subjects.plan,
      sessionSeconds: 3600,
      managedPolicy: readOnly,
      statements: [...stateRead(ctx), ...metadataOnly(ctx, props.ownParameterArns), noStateWrites(ctx)],
    });

    const iamArns = (kind: "role" | "instance-profile" | "policy") => props.managedIamNames.map((name) => `arn:${partition}:iam::${accountId}:${kind}/${name}`);
    const where = props.applyEnvironment ? `environment ${props.applyEnvironment}` : `branch ${props.applyBranch}`;
    this.applyRole = this.role("apply", {
      name: props.applyRoleName,
      description: `Terraform apply from GitHub Actions (${props.repository} ${props.workflows.apply}; ${where} only)`.slice(0, 1000),
      subjects: this.subjects.apply,
      exact: true,
      sessionSeconds: APPLY_SESSION_SECONDS,
      statements: [
        ...stateRead(ctx),
        { sid: "WriteState", actions: ["s3:PutObject"], resources: [`${ctx.stateDirectoryArn}*`] },
        { sid: "ReleaseLock", actions: ["s3:DeleteObject"], resources: [ctx.lockFileArn] },
        ...applyStatements(ctx, {
          roleArns: iamArns("role"),
          instanceProfileArns: iamArns("instance-profile"),
          policyArns: iamArns("policy"),
          boundaryArn: props.boundaryArn,
          ciRoleArns: [props.planRoleName, props.applyRoleName, props.deployRoleName].map(roleArn),
          bucketGlobs: props.bucketGlobs,
          keyAliasGlobs: props.keyAliasGlobs,
          protectedBucketActions: STATE_BUCKET_PROTECTED_ACTIONS,
          signInSecretArns: props.signInSecretArns,
        }),
      ],
    });

    this.deployRole = this.role("deploy", {
      name: props.deployRoleName,
      description: `Image deploys from GitHub Actions (${props.repository} ${props.workflows.deploy} called from ${[props.repository, ...props.deployRepositories].join(", ")}; ${where} only)`.slice(0, 1000),
      subjects: this.subjects.deploy,
      exact: true,
      sessionSeconds: 3600,
      managedPolicy: readOnly,
      statements: [...stateRead(ctx), ...metadataOnly(ctx, props.ownParameterArns), ...deployStatements(ctx, props.deploy)],
    });
  }

  private role(
    id: string,
    spec: { name: string; description: string; subjects: readonly string[]; sessionSeconds: number; managedPolicy?: string; statements: PolicyStatement[]; exact?: boolean },
  ): IamRole {
    const trust = policyDocument(this, `${id}-trust`, [
      {
        sid: "GithubActionsOidc",
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [this.oidcProviderArn] }],
        condition: [
          { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
          { test: spec.exact ? "StringEquals" : "StringLike", variable: `${GITHUB_OIDC_HOST}:sub`, values: [...spec.subjects] },
        ],
      },
    ]);
    const role = new IamRole(this, `${id}-role`, {
      name: spec.name,
      description: spec.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: spec.sessionSeconds,
    });
    if (spec.managedPolicy) new IamRolePolicyAttachment(this, `${id}-managed-policy`, { role: role.name, policyArn: spec.managedPolicy });
    new IamRolePolicy(this, `${id}-policy`, {
      name: "terraform",
      role: role.id,
      policy: policyDocument(this, `${id}-policy-document`, spec.statements).json,
    });
    return role;
  }
}

/**
 * The `sub` claims each role trusts, in GitHub's customized format
 * `repo:<owner/repo>:<context>:job_workflow_ref:<owner/repo>/<workflow path>@<ref>`. A pull
 * request's workflow runs from `refs/pull/<n>/merge`; the apply and deploy workflows only from the
 * apply branch. The only wildcard is the pull-request number (plan role, StringLike); the apply and
 * deploy subjects are compared exactly (StringEquals).
 */
export function ciSubjects(props: Pick<GithubOidcRolesProps, "repository" | "workflows" | "applyBranch" | "applyEnvironment" | "deployRepositories">) {
  const { repository: repo, workflows, applyBranch } = props;
  const branchRef = `refs/heads/${applyBranch}`;
  const workflowRef = (path: string, ref: string) => `job_workflow_ref:${repo}/${path}@${ref}`;
  const applyContext = props.applyEnvironment ? `environment:${props.applyEnvironment}` : `ref:${branchRef}`;
  return {
    plan: [
      `repo:${repo}:pull_request:${workflowRef(workflows.plan, "refs/pull/*/merge")}`,
      `repo:${repo}:ref:${branchRef}:${workflowRef(workflows.apply, branchRef)}`,
    ],
    apply: [`repo:${repo}:${applyContext}:${workflowRef(workflows.apply, branchRef)}`],
    deploy: [repo, ...props.deployRepositories].map((caller) => `repo:${caller}:${applyContext}:${workflowRef(workflows.deploy, branchRef)}`),
  };
}
