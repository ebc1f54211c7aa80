import { Testing } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadApp, type AppConfigInput, type StackSettings } from "../config";
import { BootstrapStack, addBootstrapStacks, platformIamNames } from "../stacks/bootstrap-stack";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { ciSubjects } from "../constructs/github-oidc-roles";
import { CI_WORKFLOWS } from "../stacks/bootstrap-scope";
import appConfig from "../config/app";

interface Statement {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}
interface Synthesized {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: Statement[] }> };
  output: Record<string, unknown>;
}

function config(ci: { dev?: object; prod?: object } = {}): AppConfigInput {
  return {
    app: "shop",
    services: { web: { containerPort: 3000 } },
    environments: {
      dev: {
        region: "eu-west-1",
        allowedAccountIds: ["111111111111"],
        state: { bucket: "shop-tf-state-dev" },
        ci: { githubRepository: "owner/repo", ...ci.dev },
      },
      prod: {
        region: "eu-central-1",
        allowedAccountIds: ["222222222222"],
        state: { bucket: "shop-tf-state-prod", keyPrefix: "teams/shop/", region: "eu-west-1" },
        ci: { githubRepository: "owner/repo", applyEnvironment: "production", ...ci.prod },
      },
    },
  } as AppConfigInput;
}

function settingsFor(env: "dev" | "prod", input: AppConfigInput = config()): StackSettings {
  return loadApp(input).find((s) => s.environment === env)!;
}

function synth(settings: StackSettings, props: { createStateBucket?: boolean; createOidcProvider?: boolean } = {}): string {
  const app = Testing.app();
  return Testing.synth(new BootstrapStack(app, `${settings.stackName}-bootstrap`, { settings, ...props }));
}

/** The statements of the policy document whose construct path ends in `pathSuffix`. */
function statements(json: string, pathSuffix: string): Statement[] {
  const docs = (JSON.parse(json) as Synthesized).data.aws_iam_policy_document;
  const [doc] = Object.entries(docs).filter(([key]) => key.startsWith(`${pathSuffix.replace(/\//g, "_")}_`));
  if (!doc) throw new Error(`no policy document ${pathSuffix}; have ${Object.keys(docs).join(", ")}`);
  return doc[1].statement;
}

const subjectCondition = (trust: Statement[]) => trust[0].condition!.find((c) => c.variable === "token.actions.githubusercontent.com:sub")!;

describe("state bucket", () => {
  const json = synth(settingsFor("dev"));

  test("is named from the config and protected from destroy", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "shop-tf-state-dev", force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  test("is versioned", () => {
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
  });

  test("is encrypted with SSE-S3 by default", () => {
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  test("blocks all four kinds of public access", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("disables ACLs (BucketOwnerEnforced)", () => {
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  test("expires old state versions and abandoned uploads", () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          status: "Enabled",
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ],
    });
  });

  test("denies every request not made over TLS", () => {
    const [bucket] = Object.keys((JSON.parse(json) as Synthesized).resource.aws_s3_bucket);
    const [deny] = statements(json, "state-bucket/policy-document");
    expect(deny).toEqual({
      sid: "DenyInsecureTransport",
      effect: "Deny",
      actions: ["s3:*"],
      resources: [`\${aws_s3_bucket.${bucket}.arn}`, `\${aws_s3_bucket.${bucket}.arn}/*`],
      principals: [{ type: "*", identifiers: ["*"] }],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  test("is created in the state region, which may differ from the environment's", () => {
    expect(synth(settingsFor("prod"))).toHaveProviderWithProperties(AwsProvider, { region: "eu-west-1", allowed_account_ids: ["222222222222"] });
  });
});

describe("backend and credentials", () => {
  const json = synth(settingsFor("dev"));
  const parsed = JSON.parse(json) as Synthesized;

  test("keeps its own state in a local file in the project root, outside cdktf.out", () => {
    expect(parsed.terraform.backend).toEqual({ local: { path: "../../../terraform.shop-dev-bootstrap.tfstate" } });
  });

  test("uses no static keys", () => {
    expect(parsed.provider.aws[0]).not.toHaveProperty("access_key");
    expect(parsed.provider.aws[0]).not.toHaveProperty("secret_key");
    expect(Object.keys(parsed.resource)).not.toEqual(expect.arrayContaining(["aws_iam_access_key"]));
    expect(Object.keys(parsed.resource)).not.toEqual(expect.arrayContaining(["aws_iam_user"]));
    expect(json).not.toMatch(/AKIA[0-9A-Z]{16}/);
  });

  test("outputs the bucket, the boundary and the three role ARNs", () => {
    expect(Object.keys(parsed.output).sort()).toEqual(["apply_role_arn", "deploy_role_arn", "permissions_boundary_arn", "plan_role_arn", "state_bucket"]);
  });
});

const ACCOUNT = "${data.aws_caller_identity.caller.account_id}";
const PR = "repo:owner/repo:pull_request:job_workflow_ref:owner/repo/.github/workflows/pull-request.yml@refs/pull/*/merge";
const MAIN_PLAN = "repo:owner/repo:ref:refs/heads/main:job_workflow_ref:owner/repo/.github/workflows/main.yml@refs/heads/main";
const sid = (policy: Statement[], name: string) => {
  const found = policy.find((st) => st.sid === name);
  if (!found) throw new Error(`no statement ${name}`);
  return found as Statement & { not_resources?: string[] };
};

describe("GitHub OIDC: trust", () => {
  const dev = synth(settingsFor("dev"));
  const prod = synth(settingsFor("prod"));

  test("creates the account's provider for token.actions.githubusercontent.com", () => {
    expect(dev).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
  });

  test("looks the provider up when createOidcProvider is false", () => {
    const json = synth(settingsFor("dev", config({ dev: { createOidcProvider: false } })));
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(json).toHaveDataSourceWithProperties(DataAwsIamOpenidConnectProvider, { url: "https://token.actions.githubusercontent.com" });
  });

  test("the plan role trusts only pull requests running pull-request.yml and main's main.yml, audience sts.amazonaws.com", () => {
    expect(dev).toHaveResourceWithProperties(IamRole, { name: "shop-dev-ci-plan" });
    const trust = statements(dev, "github-oidc/plan-trust");
    expect(trust).toHaveLength(1);
    expect(trust[0].actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    const [provider] = Object.keys((JSON.parse(dev) as Synthesized).resource.aws_iam_openid_connect_provider);
    expect(trust[0].principals).toEqual([{ type: "Federated", identifiers: [`\${aws_iam_openid_connect_provider.${provider}.arn}`] }]);
    expect(trust[0].condition).toEqual([
      { test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] },
      { test: "StringLike", variable: "token.actions.githubusercontent.com:sub", values: [PR, MAIN_PLAN] },
    ]);
  });

  test("the plan role's only wildcard is the pull-request number: no other branch, tag, event or workflow", () => {
    for (const value of subjectCondition(statements(dev, "github-oidc/plan-trust")).values) {
      expect(value.replace("refs/pull/*/merge", "")).not.toContain("*");
      expect(value).toContain(":job_workflow_ref:owner/repo/.github/workflows/");
    }
  });

  test("the dev apply role trusts exactly main.yml on pushes to main", () => {
    expect(dev).toHaveResourceWithProperties(IamRole, { name: "shop-dev-ci-apply", max_session_duration: 7200 });
    expect(subjectCondition(statements(dev, "github-oidc/apply-trust"))).toEqual({ test: "StringEquals", variable: "token.actions.githubusercontent.com:sub", values: [MAIN_PLAN] });
  });

  test("with an apply environment, the apply role trusts only main.yml from main in that environment", () => {
    expect(subjectCondition(statements(prod, "github-oidc/apply-trust")).values).toEqual([
      "repo:owner/repo:environment:production:job_workflow_ref:owner/repo/.github/workflows/main.yml@refs/heads/main",
    ]);
  });

  test.each([
    ["dev", () => synth(settingsFor("dev", config({ dev: { applyBranch: "release" } })))],
    ["prod", () => prod],
  ])("the %s apply and deploy roles are never assumable from pull requests or by wildcard", (_env, json) => {
    for (const role of ["apply", "deploy"]) {
      const sub = subjectCondition(statements(json(), `github-oidc/${role}-trust`));
      expect(sub.test).toBe("StringEquals");
      for (const value of sub.values) {
        expect(value).not.toMatch(/pull_request/);
        expect(value).not.toContain("*");
      }
    }
  });

  test("application repositories from ci.deployRepositories may assume the deploy role, through deploy-image.yml at main only, and never the apply role", () => {
    const json = synth(settingsFor("prod", config({ prod: { deployRepositories: ["owner/api"] } })));
    const workflow = "job_workflow_ref:owner/repo/.github/workflows/deploy-image.yml@refs/heads/main";
    expect(subjectCondition(statements(json, "github-oidc/deploy-trust")).values).toEqual([
      `repo:owner/repo:environment:production:${workflow}`,
      `repo:owner/api:environment:production:${workflow}`,
    ]);
    expect(subjectCondition(statements(json, "github-oidc/apply-trust")).values.join()).not.toContain("owner/api");
  });
});

describe("GitHub OIDC: plan role", () => {
  const dev = synth(settingsFor("dev"));
  const policy = statements(dev, "github-oidc/plan-policy-document");

  test("reads state, and writes neither state nor the lock file (plans run with -lock=false)", () => {
    expect(sid(policy, "ReadState")).toMatchObject({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"] });
    expect(policy.filter((st) => st.effect !== "Deny" && st.actions!.some((a) => /Put|Delete/.test(a)))).toEqual([]);
    expect(sid(policy, "DenyStateAndLockWrites")).toEqual({ sid: "DenyStateAndLockWrites", effect: "Deny", actions: ["s3:PutObject", "s3:DeleteObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/*"] });
  });

  test("ReadOnlyAccess minus data: objects outside the state, secret values, log events, image layers", () => {
    expect(dev).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(sid(policy, "DenyObjectReadsOutsideState")).toMatchObject({ effect: "Deny", actions: ["s3:GetObject", "s3:GetObjectVersion"], not_resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"] });
    expect(sid(policy, "DenyDataReads").actions).toEqual(
      expect.arrayContaining(["secretsmanager:GetSecretValue", "logs:GetLogEvents", "logs:FilterLogEvents", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]),
    );
  });

  test("SSM values only of the stack's own parameters (AWS's public ones for AMIs), KMS decryption only through SSM", () => {
    expect(sid(policy, "DenyForeignParameterValues")).toMatchObject({
      effect: "Deny",
      actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"],
      not_resources: ["arn:aws:ssm:*::parameter/aws/service/*"],
    });
    expect(sid(policy, "DenyDecryptExceptOwnParameters")).toMatchObject({
      effect: "Deny",
      actions: ["kms:Decrypt"],
      condition: [{ test: "StringNotLike", variable: "kms:ViaService", values: ["ssm.*.amazonaws.com"] }],
    });
  });

  test("the shipped app's plan role may read api-url (Terraform's own value) but not the out-of-band payment-api-key", () => {
    const shipped = Testing.synth(addBootstrapStacks(Testing.app(), loadApp(appConfig))[0]);
    const not_resources = sid(statements(shipped, "github-oidc/plan-policy-document"), "DenyForeignParameterValues").not_resources!;
    expect(not_resources).toContain(`arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/shop/dev/api-url`);
    expect(not_resources.join()).not.toContain("payment-api-key");
  });

  test("state access follows the key prefix", () => {
    const prod = statements(synth(settingsFor("prod")), "github-oidc/plan-policy-document");
    expect(sid(prod, "ReadState").resources).toEqual(["arn:aws:s3:::shop-tf-state-prod/teams/shop/shop/prod/*"]);
  });
});

describe("GitHub OIDC: apply role", () => {
  const dev = synth(settingsFor("dev"));
  const policy = statements(dev, "github-oidc/apply-policy-document");
  const boundary = `arn:aws:iam::${ACCOUNT}:policy/shop-dev-permissions-boundary`;

  test("has no AWS-managed policy (no PowerUserAccess): the platform's services only", () => {
    const attachments = Object.values((JSON.parse(dev) as Synthesized).resource.aws_iam_role_policy_attachment) as { role: string; policy_arn: string }[];
    expect(attachments.map((a) => a.policy_arn)).not.toContain("arn:aws:iam::aws:policy/PowerUserAccess");
    expect(attachments.filter((a) => a.role.includes("apply"))).toEqual([]);
    expect(sid(policy, "PlatformServices").actions).toEqual(expect.arrayContaining(["ecs:*", "ec2:*", "rds:*", "elasticloadbalancing:*"]));
    expect(policy.some((st) => st.effect !== "Deny" && st.actions!.some((a) => a === "*" || a === "iam:*" || a === "s3:*" && st.resources!.includes("*")))).toBe(false);
  });

  test("creates and changes the permissions of platform roles only with the permissions boundary", () => {
    expect(sid(policy, "ManagePlatformRolesWithBoundary")).toEqual({
      sid: "ManagePlatformRolesWithBoundary",
      actions: ["iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      resources: [`arn:aws:iam::${ACCOUNT}:role/shop-dev-*`],
      condition: [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: [boundary] }],
    });
    const unconditioned = policy.filter((st) => st.effect !== "Deny" && !st.condition && st.actions!.some((a) => ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"].includes(a)));
    expect(unconditioned).toEqual([]);
    expect(sid(policy, "DenyBoundaryRemoval")).toMatchObject({ effect: "Deny", actions: ["iam:DeleteRolePermissionsBoundary"] });
    expect(sid(policy, "DenyBoundaryChanges")).toMatchObject({ effect: "Deny", resources: [boundary] });
  });

  test("passes roles only to ECS tasks, VPC flow logs and EC2", () => {
    expect(sid(policy, "PassPlatformRoles")).toMatchObject({
      actions: ["iam:PassRole"],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "ec2.amazonaws.com"] }],
    });
  });

  test("reads IAM only of the platform's names and AWS-managed policies", () => {
    expect(sid(policy, "ReadPlatformIam").resources).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/shop-dev-*`,
      `arn:aws:iam::${ACCOUNT}:instance-profile/shop-dev-*`,
      `arn:aws:iam::${ACCOUNT}:policy/shop-dev-*`,
      "arn:aws:iam::aws:policy/*",
    ]);
  });

  test("explicit denies: audit services, foreign key policies, CI roles, state bucket settings and replication, history, secret values, role chaining", () => {
    expect(sid(policy, "DenySecurityServiceChanges").actions).toEqual(expect.arrayContaining(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "guardduty:DeleteDetector", "config:StopConfigurationRecorder"]));
    expect(sid(policy, "DenyForeignKeyPolicies")).toMatchObject({
      effect: "Deny",
      actions: expect.arrayContaining(["kms:PutKeyPolicy"]),
      condition: [{ test: "ForAllValues:StringNotLike", variable: "kms:ResourceAliases", values: ["alias/shop-dev-*"] }],
    });
    expect(sid(policy, "DenyCiRoleChanges")).toMatchObject({
      effect: "Deny",
      actions: ["iam:*"],
      resources: ["shop-dev-ci-plan", "shop-dev-ci-apply", "shop-dev-ci-deploy"].map((name) => `arn:aws:iam::${ACCOUNT}:role/${name}`),
    });
    expect(sid(policy, "DenyStateBucketChanges")).toMatchObject({ effect: "Deny", resources: ["arn:aws:s3:::shop-tf-state-dev"] });
    expect(sid(policy, "DenyStateBucketChanges").actions).toContain("s3:PutReplicationConfiguration");
    expect(sid(policy, "DenyStateHistoryDeletion")).toMatchObject({ effect: "Deny", actions: ["s3:DeleteObjectVersion"] });
    expect(sid(policy, "DenySecretValues")).toMatchObject({ effect: "Deny", actions: ["secretsmanager:GetSecretValue"], resources: ["*"] });
    expect(sid(policy, "DenyRoleChaining")).toMatchObject({ effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] });
  });

  test("writes state and releases the lock", () => {
    expect(sid(policy, "WriteState")).toMatchObject({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"] });
    expect(sid(policy, "ReleaseLock")).toMatchObject({ actions: ["s3:DeleteObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/terraform.tfstate.tflock"] });
  });

  test("reads no secret value but the OIDC client secrets it sets on the load balancer after apply", () => {
    const oidc = {
      issuer: "https://login.example.com",
      authorizationEndpoint: "https://login.example.com/authorize",
      tokenEndpoint: "https://login.example.com/token",
      userInfoEndpoint: "https://login.example.com/userinfo",
      clientId: "shop",
      clientSecret: { secretsManager: "shop/oidc" },
    };
    const input = config();
    const dev = { ...(input.environments.dev as object), domain: { zone: "example.com", name: "shop.example.com" } };
    const withDomain = { ...input, services: { web: { containerPort: 3000, routing: { default: true, authenticate: { oidc } } } }, environments: { dev } } as unknown as AppConfigInput;
    const deny = sid(statements(synth(settingsFor("dev", withDomain)), "github-oidc/apply-policy-document"), "DenySecretValues") as Statement & { not_resources?: string[] };
    expect(deny).toMatchObject({ effect: "Deny", actions: ["secretsmanager:GetSecretValue"], not_resources: [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:shop/oidc-??????`] });
    expect(deny.resources).toBeUndefined();
  });
});

describe("GitHub OIDC: deploy role", () => {
  const dev = synth(settingsFor("dev"));
  const policy = statements(dev, "github-oidc/deploy-policy-document");

  test("pushes only to the environment's repositories, updates only its cluster's services, passes only its task roles to ECS", () => {
    expect(dev).toHaveResourceWithProperties(IamRole, { name: "shop-dev-ci-deploy" });
    expect(sid(policy, "PushImages").resources).toEqual([`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/shop/web`]);
    expect(sid(policy, "UpdateServices").resources).toEqual([`arn:aws:ecs:eu-west-1:${ACCOUNT}:service/shop-dev/*`]);
    expect(sid(policy, "PassTaskRoles")).toMatchObject({
      resources: [`arn:aws:iam::${ACCOUNT}:role/shop-dev-web-execution`, `arn:aws:iam::${ACCOUNT}:role/shop-dev-web-task`],
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
    });
  });

  test("reads like the plan role (metadata only), writes state, and has no IAM, network or database writes", () => {
    expect(sid(policy, "DenyDataReads").effect).toBe("Deny");
    expect(sid(policy, "WriteState").resources).toEqual(["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"]);
    const allowed = policy.filter((st) => st.effect !== "Deny").flatMap((st) => st.actions!);
    expect(allowed.filter((a) => /^(iam|ec2|rds|elasticloadbalancing):/.test(a))).toEqual(["iam:PassRole"]);
  });

  test("without pre-deploy tasks it may run no task at all", () => {
    expect(policy.filter((st) => st.actions!.some((a) => a === "ecs:RunTask" || a === "ecs:DescribeTasks"))).toEqual([]);
  });

  test("runs a service's pre-deploy task (bin/predeploy.py) only from its family and only in the environment's cluster", () => {
    const input = config();
    (input.services as Record<string, object>).web = { containerPort: 3000, preDeploy: { command: ["npx", "prisma", "migrate", "deploy"] } };
    const withMigration = statements(synth(settingsFor("dev", input)), "github-oidc/deploy-policy-document");
    expect(sid(withMigration, "RunPreDeployTasks")).toEqual({
      sid: "RunPreDeployTasks",
      actions: ["ecs:RunTask"],
      resources: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/shop-dev-web-predeploy:*`],
      condition: [{ test: "ArnEquals", variable: "ecs:cluster", values: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/shop-dev`] }],
    });
    expect(sid(withMigration, "WatchPreDeployTasks").resources).toEqual([`arn:aws:ecs:eu-west-1:${ACCOUNT}:task/shop-dev/*`]);
    expect(sid(withMigration, "TagTaskDefinitions").resources).toContain(`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/shop-dev-web-predeploy:*`);
  });
});

describe("permissions boundary", () => {
  const dev = synth(settingsFor("dev"));
  const boundary = statements(dev, "permissions-boundary/document");

  test("is a managed policy named <app>-<env>-permissions-boundary, also without CI", () => {
    expect(dev).toHaveResourceWithProperties(IamPolicy, { name: "shop-dev-permissions-boundary" });
    const input = config();
    delete (input.environments.dev as { ci?: unknown }).ci;
    expect(synth(settingsFor("dev", input))).toHaveResourceWithProperties(IamPolicy, { name: "shop-dev-permissions-boundary" });
  });

  test("caps every platform role: no IAM or account changes, no role chaining, no audit or key-policy changes, no state access", () => {
    expect(sid(boundary, "DenyIdentityAndAccountChanges")).toMatchObject({ effect: "Deny", actions: expect.arrayContaining(["iam:*", "organizations:*", "sts:AssumeRole"]) });
    expect(sid(boundary, "DenySecurityServiceChanges").effect).toBe("Deny");
    expect(sid(boundary, "DenyKeyPolicyChanges").actions).toContain("kms:PutKeyPolicy");
    expect(sid(boundary, "DenyStateAccess")).toMatchObject({ effect: "Deny", actions: ["s3:*"], resources: ["arn:aws:s3:::shop-tf-state-dev", "arn:aws:s3:::shop-tf-state-dev/*"] });
  });

  test("secret and parameter values only of this environment", () => {
    const shipped = Testing.synth(addBootstrapStacks(Testing.app(), loadApp(appConfig))[0]);
    const doc = statements(shipped, "permissions-boundary/document");
    expect(sid(doc, "DenyForeignSecrets").not_resources).toEqual([
      `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:/shop/dev/api/database-??????`,
      `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:/shop/dev/payment-api-key-??????`,
    ]);
    expect(JSON.stringify(doc)).not.toContain("rds!db");
    expect(sid(doc, "DenyForeignParameters").not_resources).toEqual([`arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/shop/dev/api-url`, "arn:aws:ssm:*::parameter/aws/service/*"]);
  });

  test("nothing to read: every secret value is denied", () => {
    expect(sid(boundary, "DenyForeignSecrets")).toMatchObject({ effect: "Deny", actions: ["secretsmanager:GetSecretValue"], resources: ["*"] });
  });

  test("no CI configured: the state bucket and the boundary, no role", () => {
    const input = config();
    delete (input.environments.dev as { ci?: unknown }).ci;
    const json = synth(settingsFor("dev", input));
    expect(json).not.toHaveResource(IamRole);
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(json).toHaveResource(S3Bucket);
  });
});

describe("ciSubjects", () => {
  test("every subject names the repository, the context and the exact workflow file", () => {
    const subjects = ciSubjects({ repository: "o/r", workflows: CI_WORKFLOWS, applyBranch: "release", deployRepositories: ["o/app"] });
    expect(subjects).toEqual({
      plan: [
        "repo:o/r:pull_request:job_workflow_ref:o/r/.github/workflows/pull-request.yml@refs/pull/*/merge",
        "repo:o/r:ref:refs/heads/release:job_workflow_ref:o/r/.github/workflows/main.yml@refs/heads/release",
      ],
      apply: ["repo:o/r:ref:refs/heads/release:job_workflow_ref:o/r/.github/workflows/main.yml@refs/heads/release"],
      deploy: [
        "repo:o/r:ref:refs/heads/release:job_workflow_ref:o/r/.github/workflows/deploy-image.yml@refs/heads/release",
        "repo:o/app:ref:refs/heads/release:job_workflow_ref:o/r/.github/workflows/deploy-image.yml@refs/heads/release",
      ],
    });
  });
});

describe("addBootstrapStacks", () => {
  test("adds <app>-<env>-bootstrap for every environment of the default app", () => {
    const app = Testing.app();
    const stacks = addBootstrapStacks(app, loadApp(appConfig));
    expect(stacks.map((s) => s.node.id)).toEqual(["shop-dev-bootstrap", "shop-prod-bootstrap"]);
    expect(stacks.every((s) => s.stateBucket && s.ci)).toBe(true);
  });

  test("environments sharing a bucket and an account create each only once", () => {
    const input = config();
    const prod = input.environments.prod as { state: { bucket: string }; allowedAccountIds: string[] };
    prod.state.bucket = "shop-tf-state-dev";
    prod.allowedAccountIds = ["111111111111"];
    const app = Testing.app();
    const [dev, second] = addBootstrapStacks(app, loadApp(input));
    expect(dev.stateBucket).toBeDefined();
    expect(second.stateBucket).toBeUndefined();
    const json = Testing.synth(second);
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(json).toHaveDataSourceWithProperties(DataAwsIamOpenidConnectProvider, {});
    expect(json).toHaveResourceWithProperties(IamRole, { name: "shop-prod-ci-apply" });
  });

  test("the apply role may also manage renamed execution and task roles", () => {
    const input = config();
    (input as { names?: object }).names = { executionRole: "legacy-exec" };
    (input.services.web as { names?: object }).names = { taskRole: "legacy-web-task" };
    expect(platformIamNames(settingsFor("dev", input))).toEqual(["shop-dev-*", "legacy-exec-web-execution", "legacy-web-task"]);
  });
});
