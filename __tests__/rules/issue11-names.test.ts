/** Rules on resolved names: environments apart, AWS naming rules of derived names, Terraform addresses derived from configured text. */
import { describeRule, dev } from "./support";

describeRule("environments-apart", {
  valid: [
    ["two environments in separate accounts", (c) => (c.environments.prod = { ...dev(c), allowedAccountIds: ["222222222222"] })],
    ["one account, two regions (ECR is regional)", (c) => (c.environments.prod = { ...dev(c), region: "eu-central-1" })],
    ["one account and region, with a repository of its own", (c) => (c.environments.prod = { ...dev(c), services: { web: { repositoryName: "demo-prod/web" } } })],
  ],
  invalid: [
    [
      "two environments in one account and region",
      (c) => (c.environments.prod = { ...dev(c) }),
      [{ path: "services.web.repository.name", message: '"demo/web" is not allowed; environments dev and prod share account 111111111111 and region eu-west-1, and both would create the ECR repository "demo/web"; give one of them its own repository (environments.prod.services.web.repositoryName), or deploy them to different accounts or regions' }],
    ],
    [
      "an app-wide execution role in one account, two regions",
      (c) => ((c.names = { executionRole: "exec" }), (c.environments.prod = { ...dev(c), region: "eu-central-1" })),
      [{ path: "names.executionRole", message: '"exec-web-execution" is not allowed; environments dev and prod share account 111111111111, and both would create the IAM role "exec-web-execution"; an app-wide name is the same in every environment: drop the override, or deploy the environments to different accounts or regions' }],
    ],
  ],
});

describeRule("resolved-name-formats", {
  valid: [
    ["the generated names", () => undefined],
    ["an out-of-band secret under /ssm (a Secrets Manager name, not SSM's)", (c) => ((c.app = "ssm-tools"), (c.parameters = { key: {} }))],
    ["an out-of-band secret name of 512 characters", (c) => (c.parameters = { key: { name: `/${"s".repeat(511)}` } })],
  ],
  invalid: [
    [
      "an app name that makes the RDS identifier hold --",
      (c) => ((c.app = "my--app"), (c.database = {})),
      [{ path: "database.identifier", message: '"my--app-dev" is not allowed; must not contain two consecutive hyphens (RDS identifiers)' }],
    ],
    [
      "an app name that puts generated SSM names under /ssm",
      (c) => ((c.app = "ssm-tools"), (c.parameters = { key: { type: "String" } })),
      [{ path: "parameters.key.name", message: '"/ssm-tools/dev/key" is not allowed; must not start with aws or ssm, in any case (reserved by SSM)' }],
    ],
    [
      "an out-of-band secret name over Secrets Manager's 512 characters",
      (c) => (c.parameters = { key: { name: `/${"s".repeat(512)}` } }),
      [{ path: "parameters.key.name", message: '"/' + "s".repeat(75) + '... is not allowed; must be at most 512 characters (an out-of-band SecureString is a Secrets Manager secret of this name)' }],
    ],
    [
      "an app name that makes security group names start with sg-",
      (c) => (c.app = "sg-shop"),
      [
        { path: "names.albSecurityGroup", message: '"sg-shop-dev-alb" is not allowed; must not start with sg- (reserved: it looks like a group ID)' },
        { path: "names.taskSecurityGroup", message: '"sg-shop-dev-tasks" is not allowed; must not start with sg- (reserved: it looks like a group ID)' },
      ],
    ],
    [
      "a load balancer named internal-...",
      (c) => (dev(c).loadBalancer = { name: "internal-edge" }),
      [{ path: "environments.dev.loadBalancer.name", message: '"internal-edge" is not allowed; must not start with internal- (reserved by Elastic Load Balancing)' }],
    ],
  ],
});

describeRule("scaling-policy-names", {
  valid: [
    ["a long name without autoscaling", (c) => Object.assign(c.services.web, { names: { service: "s".repeat(255) }, autoscaling: { enabled: false } })],
    ["247 characters with autoscaling", (c) => (c.services.web.names = { service: "s".repeat(247) })],
  ],
  invalid: [
    [
      "248 characters with autoscaling",
      (c) => (c.services.web.names = { service: "s".repeat(248) }),
      [{ path: "services.web.names.service", message: '"ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss... is not allowed; at most 247 characters with autoscaling: its scaling policies are named <service>-requests and the like, and Application Auto Scaling allows 256' }],
    ],
  ],
});

describeRule("tag-limits", {
  valid: [
    ["45 tags", (c) => (dev(c).tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`t${i}`, "x"])))],
  ],
  invalid: [
    [
      "46 tags",
      (c) => (dev(c).tags = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, "x"]))),
      [{ path: "environments.dev.tags", message: '"46 tags" is not allowed; at most 45: AWS allows 50 tags per resource and the platform sets up to 5 (app, environment, managed-by, Name, tier)' }],
    ],
    [
      "a tag the platform sets",
      (c) => (dev(c).tags = { "managed-by": "me" }),
      [{ path: "environments.dev.tags.managed-by", message: '"me" is not allowed; the platform sets the managed-by tag itself (ecs-platform-cdktf); choose another key' }],
    ],
  ],
});

describeRule("secret-lookups-distinct", {
  valid: [
    ["two distinct names, and an ARN", (c) => (c.services.web.secrets = { A: { secretsManager: "app/a" }, B: { secretsManager: "app/b" }, C: { secretsManager: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:app_a-Ab12Cd" } })],
  ],
  invalid: [
    [
      "names that differ only in / and _",
      (c) => (c.services.web.secrets = { A: { secretsManager: "app/key" }, B: { secretsManager: "app_key" } }),
      [{ path: "services.web.secrets.B.secretsManager", message: "\"app_key\" is not allowed; its lookup would take the Terraform address data.aws_secretsmanager_secret.secret-app-key, which \"app/key\" (services.web.secrets.A.secretsManager) already has: names may not differ only in characters other than letters, digits and '-'; refer to one of them by ARN" }],
    ],
  ],
});

describeRule("managed-policies-once", {
  valid: [
    ["two policies of different names", (c) => (c.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111111111111:policy/team/Audit"] })],
  ],
  invalid: [
    [
      "the same policy twice",
      (c) => (c.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] }),
      [{ path: "services.web.taskRole.managedPolicyArns[1]", message: '"arn:aws:iam::aws:policy/ReadOnlyAccess" is not allowed; listed twice; attach each policy once' }],
    ],
    [
      "two policies of one name",
      (c) => (c.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/Audit", "arn:aws:iam::111111111111:policy/team/Audit"] }),
      [{ path: "services.web.taskRole.managedPolicyArns[1]", message: '"arn:aws:iam::111111111111:policy/team/Audit" is not allowed; the same policy name as arn:aws:iam::aws:policy/Audit: a role attaches policies by name, so attach only one of them' }],
    ],
  ],
});

describeRule("statement-ids-unique", {
  valid: [
    ["generated and distinct sids", (c) => (c.services.web.taskRole = { statements: [{ actions: ["s3:GetObject"], resources: ["*"] }, { sid: "Write", actions: ["s3:PutObject"], resources: ["*"] }] })],
  ],
  invalid: [
    [
      "a sid that a generated one takes",
      (c) => (c.services.web.taskRole = { statements: [{ actions: ["s3:GetObject"], resources: ["*"] }, { sid: "App0", actions: ["s3:PutObject"], resources: ["*"] }] }),
      [{ path: "services.web.taskRole.statements[1].sid", message: '"App0" is not allowed; must be unique within the policy; another statement of this role uses it' }],
    ],
    [
      "a sid of the ECS Exec statements (exec is on outside production)",
      (c) => (c.services.web.taskRole = { statements: [{ sid: "EcsExecAuditLogs", actions: ["s3:GetObject"], resources: ["*"] }] }),
      [{ path: "services.web.taskRole.statements[0].sid", message: '"EcsExecAuditLogs" is not allowed; must be unique within the policy; the ECS Exec statements use it' }],
    ],
  ],
});

describeRule("host-names-distinct", {
  valid: [
    ["a name and a wildcard", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["*.example.com"] })],
  ],
  invalid: [
    [
      "a name listed twice",
      (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["app.example.com"] }),
      [{ path: "environments.dev.domain.alternativeNames[0]", message: '"app.example.com" is not allowed; listed twice; list each host name once' }],
    ],
    [
      "names with one record address",
      (c) => (dev(c).domain = { zone: "example.com", name: "*.example.com", alternativeNames: ["wildcard.example.com"] }),
      [{ path: "environments.dev.domain.alternativeNames[0]", message: "\"wildcard.example.com\" is not allowed; its DNS records would take the Terraform address of *.example.com ('*' and '.' are not kept in addresses); the two cannot be served together" }],
    ],
  ],
});
