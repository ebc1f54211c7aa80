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
import { GithubOidcRoles } from "../constructs/github-oidc-roles";
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

  test("outputs the bucket and both role ARNs", () => {
    expect(Object.keys(parsed.output).sort()).toEqual(["apply_role_arn", "plan_role_arn", "state_bucket"]);
  });
});

describe("GitHub OIDC", () => {
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

  test("the plan role trusts any ref and pull request of the repository, audience sts.amazonaws.com", () => {
    expect(dev).toHaveResourceWithProperties(IamRole, { name: "shop-dev-ci-plan" });
    const trust = statements(dev, "github-oidc/plan-trust");
    expect(trust).toHaveLength(1);
    expect(trust[0].actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    const [provider] = Object.keys((JSON.parse(dev) as Synthesized).resource.aws_iam_openid_connect_provider);
    expect(trust[0].principals).toEqual([{ type: "Federated", identifiers: [`\${aws_iam_openid_connect_provider.${provider}.arn}`] }]);
    expect(trust[0].condition).toEqual([
      { test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] },
      { test: "StringLike", variable: "token.actions.githubusercontent.com:sub", values: ["repo:owner/repo:*"] },
    ]);
  });

  test("the plan role reads, and writes only the lock file", () => {
    expect(dev).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    const policy = statements(dev, "github-oidc/plan-policy-document");
    expect(policy.find((s) => s.sid === "ReadState")).toMatchObject({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"] });
    const writes = policy.filter((s) => s.actions!.some((a) => /Put|Delete/.test(a)));
    expect(writes).toEqual([
      { sid: "WriteLockFile", actions: ["s3:PutObject", "s3:DeleteObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/terraform.tfstate.tflock"] },
    ]);
  });

  test("state access follows the key prefix", () => {
    const policy = statements(prod, "github-oidc/plan-policy-document");
    expect(policy.find((s) => s.sid === "ReadState")!.resources).toEqual(["arn:aws:s3:::shop-tf-state-prod/teams/shop/shop/prod/*"]);
  });

  test("the dev apply role trusts exactly pushes to main", () => {
    expect(dev).toHaveResourceWithProperties(IamRole, { name: "shop-dev-ci-apply", max_session_duration: 7200 });
    const sub = subjectCondition(statements(dev, "github-oidc/apply-trust"));
    expect(sub).toEqual({ test: "StringEquals", variable: "token.actions.githubusercontent.com:sub", values: ["repo:owner/repo:ref:refs/heads/main"] });
  });

  test("application repositories from ci.deployRepositories get the same apply rule", () => {
    const json = synth(settingsFor("prod", config({ prod: { deployRepositories: ["owner/api"] } })));
    expect(subjectCondition(statements(json, "github-oidc/apply-trust")).values).toEqual([
      "repo:owner/repo:environment:production",
      "repo:owner/api:environment:production",
    ]);
  });

  test("with an apply environment, the apply role trusts only that environment", () => {
    const sub = subjectCondition(statements(prod, "github-oidc/apply-trust"));
    expect(sub).toEqual({ test: "StringEquals", variable: "token.actions.githubusercontent.com:sub", values: ["repo:owner/repo:environment:production"] });
  });

  test.each([
    ["dev", () => synth(settingsFor("dev", config({ dev: { applyBranch: "release" } })))],
    ["prod", () => prod],
  ])("the %s apply role is never assumable from pull requests or by wildcard", (_env, json) => {
    const trust = statements(json(), "github-oidc/apply-trust");
    for (const statement of trust) {
      const sub = subjectCondition([statement]);
      expect(sub.test).toBe("StringEquals");
      for (const value of sub.values) {
        expect(value).not.toMatch(/pull_request/);
        expect(value).not.toContain("*");
      }
    }
  });

  test("the apply role manages only the platform's IAM names and cannot change the CI roles or the bucket", () => {
    expect(dev).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/PowerUserAccess" });
    const policy = statements(dev, "github-oidc/apply-policy-document");
    const account = "${data.aws_caller_identity.caller.account_id}";
    expect(policy.find((s) => s.sid === "ManagePlatformRoles")!.resources).toEqual([`arn:aws:iam::${account}:role/shop-dev-*`]);
    expect(policy.find((s) => s.sid === "DenyCiRoleChanges")).toMatchObject({
      effect: "Deny",
      resources: [`arn:aws:iam::${account}:role/shop-dev-ci-plan`, `arn:aws:iam::${account}:role/shop-dev-ci-apply`],
    });
    expect(policy.find((s) => s.sid === "DenyStateBucketChanges")).toMatchObject({ effect: "Deny", resources: ["arn:aws:s3:::shop-tf-state-dev"] });
    expect(policy.find((s) => s.sid === "ReadWriteState")).toMatchObject({ actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::shop-tf-state-dev/shop/dev/*"] });
    expect(policy.find((s) => s.sid === "DenyRoleChaining")).toMatchObject({ effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] });
    expect(policy.some((s) => s.effect !== "Deny" && s.actions!.some((a) => a === "iam:*" || a.includes("OpenIDConnectProvider")))).toBe(false);
  });

  test("no CI configured: only the state bucket", () => {
    const input = config();
    delete (input.environments.dev as { ci?: unknown }).ci;
    const json = synth(settingsFor("dev", input));
    expect(json).not.toHaveResource(IamRole);
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(json).toHaveResource(S3Bucket);
  });
});

describe("GithubOidcRoles", () => {
  const base = {
    repository: "owner/repo",
    planRoleName: "shop-dev-ci-plan",
    applyRoleName: "shop-dev-ci-apply",
    applyBranch: "main",
    additionalApplyRepositories: [] as string[],
    createOidcProvider: true,
    partition: "aws",
    accountId: "111111111111",
    stateBucket: "b",
    stateKey: "shop/dev/terraform.tfstate",
    managedIamNames: ["shop-dev-*"],
  };
  const build = (props: Partial<typeof base> & Record<string, unknown>) =>
    Testing.synthScope((scope) => {
      new GithubOidcRoles(scope, "ci", { ...base, ...props });
    });

  test("additional apply repositories get the same exact subject", () => {
    const json = build({ applyEnvironment: "production", additionalApplyRepositories: ["owner/app"] });
    const trust = statements(json, "ci/apply-trust");
    expect(subjectCondition(trust).values).toEqual(["repo:owner/repo:environment:production", "repo:owner/app:environment:production"]);
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
    expect(platformIamNames(settingsFor("dev", input))).toEqual(["shop-dev-*", "legacy-exec", "legacy-web-task"]);
  });
});
