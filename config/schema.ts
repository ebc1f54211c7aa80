/**
 * The application definition: one typed object describing an application (services, database,
 * parameters) and its environments. Validated once, here, with zod; constructs only ever see the
 * resolved, fully-defaulted types from ./resolve.ts.
 *
 * Maps keyed by name (services, environments, parameters) instead of arrays keep Terraform
 * addresses stable when entries are added or removed.
 *
 * Written with zod/mini, not zod's classic API: a schema is one object per call instead of one per
 * chained method, which more than halves the cost of building this module (paid at every synth).
 * zod/mini loads no locale, so a check without a message would report just "Invalid input": every
 * check whose message can reach ./errors.ts carries one (`matchingPattern`, the tag key bounds, the
 * alarm e-mail), worded exactly as zod's English locale words it.
 */
import * as z from "zod/mini";
import { parseCidr } from "./cidr";

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy). 0 = never expire. */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

// Building blocks. zod schemas are immutable, so one instance can serve many fields.
const withDefault = z._default;
const bool = z.boolean();
/** `z.int()` is zod classic's `z.number().int()` as one schema (same checks, same issues). */
const anyInt = z.int();
/** An integer from `min` to `max`, inclusive. */
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const nonEmpty = z.string().check(z.minLength(1));
/** A string matching `pattern`; `message` says what is allowed. */
const matching = (pattern: RegExp, message: string) => z.string().check(z.regex(pattern, message));
/** A string matching `pattern`, reported with zod's own English wording. */
const matchingPattern = (pattern: RegExp) => matching(pattern, `Invalid string: must match pattern ${pattern}`);

const NAME_RULE = "lowercase letters, digits and '-', starting with a letter, 2–24 characters";
const resourceName = matching(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, `must be ${NAME_RULE}`);
const envVarName = matching(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
const cidr = z.string().check(
  z.refine<string>((v) => parseCidr(v) !== undefined, {
    message: "must be an IPv4 CIDR block with no host bits set, e.g. 10.0.0.0/16",
  }),
);
const port = int(1, 65535);
const retentionDays = z.number().check(
  z.refine<number>((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")}`,
  }),
);
const accountId = matching(/^\d{12}$/, "must be a 12-digit AWS account ID");
const region = matching(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region code such as eu-west-1");
const awsName = z.string().check(z.minLength(1), z.maxLength(255));
const tags = z.record(
  z.string().check(
    z.minLength(1, "Too small: expected string to have >=1 characters"),
    z.maxLength(128, "Too big: expected string to have <=128 characters"),
  ),
  z.string().check(z.maxLength(256)),
);
const arnOrName = nonEmpty;
const instanceClass = matching(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.micro");
const iamRoleName = matching(/^[\w+=,.@-]{1,64}$/, "must be a valid IAM role name");
const absolutePath = matching(/^\//, "must start with '/'");
const utilisation = z.number().check(z.minimum(10), z.maximum(95));

export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;

const capacityStrategy = z
  .array(
    z.strictObject({
      provider: z.enum(CAPACITY_PROVIDERS),
      weight: withDefault(int(0, 1000), 1),
      base: withDefault(int(0, 100000), 0),
    }),
  )
  .check(z.minLength(1));

const networkSchema = z.strictObject({
  /** VPC CIDR block. */
  cidr: withDefault(cidr, "10.0.0.0/16"),
  /** Number of availability zones to spread subnets over. @default 2 */
  azCount: withDefault(int(1, 6), 2),
  /** Explicit AZ names; when absent the first `azCount` zones of the aws_availability_zones data source are used. */
  availabilityZones: z.optional(z.array(matching(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "must be an AZ name such as eu-west-1a"))),
  /** NAT gateways: none (use VPC endpoints), one shared, or one per AZ. @default single in non-production, perAz in production */
  natGateways: z.optional(z.enum(NAT_STRATEGIES)),
  /** Explicit subnet CIDRs, one per AZ; @default carved from the VPC CIDR with `subnetNewBits`. */
  publicSubnets: z.optional(z.array(cidr)),
  privateSubnets: z.optional(z.array(cidr)),
  /** Bits added to the VPC prefix for each carved subnet. @default 4 (a /16 gives /20 subnets) */
  subnetNewBits: withDefault(int(1, 12), 4),
  /** VPC flow logs to CloudWatch. @default true */
  flowLogs: withDefault(bool, true),
  flowLogRetentionDays: z.optional(retentionDays),
  /** Interface/gateway endpoints (S3, ECR api/dkr, logs, SSM, Secrets Manager) so tasks work without NAT. @default false */
  vpcEndpoints: withDefault(bool, false),
});

const stateSchema = z.strictObject({
  /** S3 bucket holding Terraform state (created by the bootstrap stack). */
  bucket: matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name (3–63 lowercase letters, digits, '.', '-')"),
  /** Prefix put before `<app>/<env>/terraform.tfstate`. @default none */
  keyPrefix: withDefault(matching(/^([A-Za-z0-9_.-]+\/)*$/, "must be empty or end with '/' (e.g. 'teams/payments/')"), ""),
  /** Region of the state bucket. @default the environment's region */
  region: z.optional(region),
  /** S3-native state locking (use_lockfile). @default true */
  locking: withDefault(bool, true),
});

const scalingOverrideSchema = z.strictObject({
  desiredCount: z.optional(int(0, 1000)),
  minCount: z.optional(int(0, 1000)),
  maxCount: z.optional(int(1, 1000)),
  cpu: z.optional(anyInt),
  memory: z.optional(anyInt),
});

const databaseOverrideSchema = z.strictObject({
  instanceClass: z.optional(instanceClass),
  allocatedStorage: z.optional(int(20, 65536)),
  maxAllocatedStorage: z.optional(int(0, 65536)),
  multiAz: z.optional(bool),
  deletionProtection: z.optional(bool),
  finalSnapshot: z.optional(bool),
  backupRetentionDays: z.optional(int(0, 35)),
  performanceInsights: z.optional(bool),
});

const loadBalancerSchema = z.strictObject({
  /** ALB name. @default `<app>-<env>` */
  name: z.optional(matching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-', not starting or ending with '-'")),
  /** CIDRs allowed to reach the listeners. @default ["0.0.0.0/0"] */
  ingressCidrs: withDefault(z.array(cidr).check(z.minLength(1)), ["0.0.0.0/0"]),
  /** Seconds an idle connection is kept. @default 60 */
  idleTimeout: withDefault(int(1, 4000), 60),
  /** @default true in production */
  deletionProtection: z.optional(bool),
  /** Access logs to an SSE-S3 bucket created by the stack. @default true in production */
  accessLogs: z.optional(bool),
  accessLogRetentionDays: withDefault(int(1, 3650), 90),
});

const domainSchema = z.strictObject({
  /** Existing public Route 53 hosted zone, looked up by name. */
  zone: z.optional(matching(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a DNS zone name such as example.com")),
  /** Fully qualified host name served by the ALB (must be in `zone`). */
  name: matching(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a fully qualified DNS name such as app.example.com"),
  /** Extra names on the certificate and as alias records (same zone). @default [] */
  alternativeNames: withDefault(z.array(matching(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a fully qualified DNS name")), []),
  /** Also create AAAA alias records (the ALB is dualstack). @default false */
  ipv6: withDefault(bool, false),
});

const ec2CapacitySchema = z.strictObject({
  instanceType: withDefault(matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.small"), "t3.small"),
  minSize: withDefault(int(0, 100), 1),
  maxSize: withDefault(int(1, 100), 2),
  /** Root EBS volume in GiB (the ECS-optimized AMI needs ≥ 30). @default 30 */
  rootVolumeSize: withDefault(int(30, 16384), 30),
  /** ECS managed scaling target utilisation (percent). @default 100 */
  targetCapacity: withDefault(int(1, 100), 100),
  /** CIDR allowed to SSH (port 22) to the instances; @default none (use Session Manager). */
  sshCidr: z.optional(cidr),
  /** Existing EC2 key pair for SSH; only useful with sshCidr. */
  keyName: z.optional(nonEmpty),
  /** Public SSM parameter with the ECS-optimized AMI ID. */
  amiParameter: withDefault(z.string(), "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
});

const ciSchema = z.strictObject({
  /** GitHub repository ("owner/name") whose workflows may assume the CI roles via OIDC. */
  githubRepository: matching(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name, e.g. acme/shop-infra"),
  /** Branch whose pushes may assume the apply role. @default "main" */
  applyBranch: withDefault(nonEmpty, "main"),
  /** GitHub environment (with required reviewers) that apply jobs run in; when set, only jobs in it may assume the apply role. @default none */
  applyEnvironment: z.optional(nonEmpty),
  /** Create the account's GitHub OIDC identity provider (one per account; set false if it already exists). @default true */
  createOidcProvider: withDefault(bool, true),
  /** Application repositories ("owner/name") whose image pipelines (deploy-image.yml) may assume the apply role, under the same branch/environment rule. @default [] */
  deployRepositories: withDefault(z.array(matching(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name, e.g. acme/shop-api")), []),
});

const environmentSchema = z.strictObject({
  /** AWS region of the stack. */
  region,
  /** Terraform refuses to touch any other account (provider allowed_account_ids). */
  allowedAccountIds: z.array(accountId).check(z.minLength(1)),
  /** Production switches on the safe-but-costly defaults (multi-AZ DB, deletion protection, NAT per AZ, ...). @default true when the environment is named "prod" */
  production: z.optional(bool),
  /** Extra tags on every resource (default_tags). */
  tags: withDefault(tags, {}),
  network: withDefault(networkSchema, networkSchema.parse({})),
  state: stateSchema,
  /** Retention of service log groups. @default 30 */
  logRetentionDays: withDefault(retentionDays, 30),
  /** Default capacity provider strategy for Fargate services. @default FARGATE base 1 + FARGATE_SPOT weight 3 outside production; FARGATE only in production */
  capacityProviderStrategy: z.optional(capacityStrategy),
  /** CloudWatch Container Insights. @default true in production */
  containerInsights: z.optional(bool),
  /** ECS Exec (aws ecs execute-command) for all services, audited to CloudWatch. @default true outside production */
  ecsExec: z.optional(bool),
  loadBalancer: withDefault(loadBalancerSchema, loadBalancerSchema.parse({})),
  domain: z.optional(domainSchema),
  /** Per-service overrides of count, scaling bounds and size in this environment. */
  services: withDefault(z.record(z.string(), scalingOverrideSchema), {}),
  database: withDefault(databaseOverrideSchema, {}),
  /** EC2 container instances, required when a service uses `capacity: "ec2"`. */
  ec2Capacity: z.optional(ec2CapacitySchema),
  /** CI access for this environment's account, created by the bootstrap stack. @default no CI roles */
  ci: z.optional(ciSchema),
  alarms: withDefault(
    z.strictObject({
      enabled: withDefault(bool, true),
      /** E-mail subscribed to the alarm topic (confirmation needed). @default none */
      email: z.optional(z.email("Invalid email address")),
    }),
    { enabled: true },
  ),
});

const secretRefSchema = z.union(
  [
    z.strictObject({ parameter: nonEmpty }),
    z.strictObject({ ssmParameter: arnOrName }),
    z.strictObject({ secretsManager: arnOrName, jsonKey: z.optional(nonEmpty) }),
  ],
  { error: "allowed: { parameter: <declared parameter key> } | { ssmParameter: <name or ARN> } | { secretsManager: <name or ARN>, jsonKey?: <key> }" },
);

export const DATABASE_VALUES = ["host", "port", "name", "username", "password", "url", "jdbcUrl"] as const;

const targetHealthCheckSchema = z.strictObject({
  path: withDefault(absolutePath, "/"),
  /** HTTP codes counted as healthy. @default "200" */
  matcher: withDefault(matching(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, "must be HTTP codes like 200, 200-299 or 200,302"), "200"),
  interval: withDefault(int(5, 300), 30),
  timeout: withDefault(int(2, 120), 5),
  healthyThreshold: withDefault(int(2, 10), 2),
  unhealthyThreshold: withDefault(int(2, 10), 3),
});

const containerHealthCheckSchema = z.strictObject({
  /** CMD-SHELL command, e.g. "curl -f http://localhost:8080/health || exit 1". */
  command: nonEmpty,
  interval: withDefault(int(5, 300), 30),
  timeout: withDefault(int(2, 60), 5),
  retries: withDefault(int(1, 10), 3),
  startPeriod: withDefault(int(0, 300), 60),
});

const lettersDigitsDashes = matching(/^[A-Za-z0-9_-]{1,255}$/, "must be letters, digits, '_' or '-'");

const serviceSchema = z.strictObject({
  /** Port the container listens on. */
  containerPort: port,
  /** Task CPU units. @default 256 */
  cpu: withDefault(anyInt, 256),
  /** Task memory (MiB), validated against Fargate's combinations. @default 512 */
  memory: withDefault(anyInt, 512),
  architecture: withDefault(z.enum(["X86_64", "ARM64"]), "X86_64"),
  /** Where tasks run. "ec2" needs the environment's ec2Capacity. @default "fargate" */
  capacity: withDefault(z.enum(["fargate", "ec2"]), "fargate"),
  /** Task network mode; "bridge" only with capacity "ec2". @default "awsvpc" */
  networkMode: withDefault(z.enum(["awsvpc", "bridge"]), "awsvpc"),
  /** Host port for bridge mode. @default the container port */
  hostPort: z.optional(port),
  /** Per-service capacity provider strategy. @default the environment's */
  capacityProviderStrategy: z.optional(capacityStrategy),
  repository: withDefault(
    z.strictObject({
      /** ECR repository name. @default `<app>-<service>` */
      name: z.optional(
        matching(
          /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
          "must be a valid ECR repository name (lowercase, digits, '.', '_', '-', '/')",
        ),
      ),
      /** @default IMMUTABLE in production, MUTABLE elsewhere */
      tagMutability: z.optional(z.enum(["MUTABLE", "IMMUTABLE"])),
      /** Tagged images kept by the lifecycle policy. @default 20 */
      keepTaggedImages: withDefault(int(1, 1000), 20),
      /** Days before untagged images expire. @default 7 */
      untaggedExpiryDays: withDefault(int(1, 365), 7),
    }),
    { keepTaggedImages: 20, untaggedExpiryDays: 7 },
  ),
  /** Image tag deployed when no `-var image_tag_<service>=...` is given. @default "latest" */
  imageTag: withDefault(matching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag"), "latest"),
  /** Names overriding the generated ones (for adopting tutorial names). */
  names: withDefault(
    z.strictObject({
      service: z.optional(awsName),
      taskFamily: z.optional(lettersDigitsDashes),
      container: z.optional(lettersDigitsDashes),
      logGroup: z.optional(matching(/^[A-Za-z0-9_./#-]{1,512}$/, "must be a valid log group name")),
      targetGroup: z.optional(matching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-'")),
      taskRole: z.optional(iamRoleName),
    }),
    {},
  ),
  /** Plain environment variables. */
  environment: withDefault(z.record(envVarName, z.string()), {}),
  /** Container secrets: a declared parameter, an existing SSM parameter, or a Secrets Manager secret (optionally one JSON key). */
  secrets: withDefault(z.record(envVarName, secretRefSchema), {}),
  /** Database connection values exposed as VAR_NAME → value; username/password become secrets from the RDS-managed secret. */
  databaseEnv: withDefault(z.record(envVarName, z.enum(DATABASE_VALUES)), {}),
  /** ALB routing. A service without routing and not `default` is reachable only through Service Connect. */
  routing: z.optional(
    z.strictObject({
      pathPatterns: z.optional(z.array(absolutePath).check(z.maxLength(5))),
      hostHeaders: z.optional(z.array(nonEmpty).check(z.maxLength(5))),
      /** Listener rule priority (1–50000, unique per listener). */
      priority: z.optional(int(1, 50000)),
      /** This service answers requests no rule matches. */
      default: withDefault(bool, false),
    }),
  ),
  healthCheck: withDefault(targetHealthCheckSchema, targetHealthCheckSchema.parse({})),
  containerHealthCheck: z.optional(containerHealthCheckSchema),
  /** Seconds ECS ignores failing ALB health checks after a task starts. @default 60 */
  healthCheckGracePeriod: withDefault(int(0, 2147483647), 60),
  /** Seconds the target group drains a deregistering target. @default 30 */
  deregistrationDelay: withDefault(int(0, 3600), 30),
  /** Tasks to run. @default 1 outside production, 2 in production (per-environment overrides win) */
  desiredCount: z.optional(int(0, 1000)),
  autoscaling: withDefault(
    z.strictObject({
      enabled: withDefault(bool, true),
      cpuTarget: withDefault(utilisation, 60),
      memoryTarget: withDefault(utilisation, 75),
      /** ALB requests per target per minute; omit to not scale on requests. @default 1000 */
      requestsPerTarget: withDefault(z.optional(int(1, 1000000)), 1000),
    }),
    { enabled: true, cpuTarget: 60, memoryTarget: 75, requestsPerTarget: 1000 },
  ),
  readonlyRootFilesystem: withDefault(bool, false),
  /** Container user, e.g. "1000:1000". @default the image's */
  user: z.optional(matching(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user or user:group")),
  /** Extra permissions of the task role (the app's own AWS access). @default none */
  taskRole: withDefault(
    z.strictObject({
      managedPolicyArns: withDefault(z.array(matching(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, "must be an IAM policy ARN")), []),
      statements: withDefault(
        z.array(
          z.strictObject({
            sid: z.optional(matchingPattern(/^[A-Za-z0-9]+$/)),
            actions: z.array(matching(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "must be an IAM action like s3:GetObject")).check(z.minLength(1)),
            resources: z.array(nonEmpty).check(z.minLength(1)),
          }),
        ),
        [],
      ),
    }),
    { managedPolicyArns: [], statements: [] },
  ),
  /** Service Connect: publish this service as `<discoveryName>:<port>` to the others. @default true */
  serviceConnect: withDefault(bool, true),
});

/** DATABASE_VALUES a parameter may hold: the password stays in the RDS-managed secret. */
const PARAMETER_DATABASE_VALUES = DATABASE_VALUES.filter((v): v is Exclude<DatabaseValue, "password"> => v !== "password");

const parameterSchema = z.strictObject({
  /** Full SSM name. @default `/<app>/<env>/<key>` */
  name: z.optional(matching(/^\/[A-Za-z0-9_.\-/]+$/, "must be a path starting with '/'")),
  type: withDefault(z.enum(["String", "SecureString"]), "SecureString"),
  description: z.optional(z.string().check(z.maxLength(1024))),
  /**
   * Value wired from the stack itself; without it the parameter is created with a placeholder
   * and its real value is set out of band (`aws ssm put-parameter --overwrite`), never in config.
   */
  valueFrom: z.optional(
    z.union(
      [
        z.strictObject({ database: z.enum(PARAMETER_DATABASE_VALUES) }),
        z.strictObject({ loadBalancer: z.literal("url"), suffix: withDefault(z.string(), "") }),
        z.strictObject({ literal: z.string() }),
      ],
      { error: "allowed: { database: host|port|name|username|url|jdbcUrl } | { loadBalancer: \"url\", suffix?: <text> } | { literal: <text> }" },
    ),
  ),
});

const pgIdentifier = matching(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter and contain letters, digits, '_'");

const databaseSchema = z.strictObject({
  /** RDS identifier. @default `<app>-<env>` */
  identifier: z.optional(matching(/^[a-z][a-z0-9-]{0,62}$/, "must be lowercase letters, digits, '-', starting with a letter")),
  /** DB subnet group name. @default `<app>-<env>-db` */
  subnetGroupName: z.optional(matching(/^[a-z0-9 ._-]{1,255}$/, "must be lowercase letters, digits, spaces, '.', '_', '-'")),
  /** PostgreSQL major (or major.minor) version; a major-only prefix lets auto minor upgrades happen without a plan diff. @default "16" */
  engineVersion: withDefault(matching(/^(1[2-9])(\.\d+)?$/, "must be a PostgreSQL version such as 16 or 16.4 (12–19)"), "16"),
  instanceClass: z.optional(instanceClass),
  /** GiB of gp3 storage. @default 20 */
  allocatedStorage: withDefault(int(20, 65536), 20),
  /** Storage autoscaling ceiling in GiB. @default 100 */
  maxAllocatedStorage: withDefault(int(0, 65536), 100),
  databaseName: z.optional(pgIdentifier),
  masterUsername: withDefault(pgIdentifier, "postgres"),
  port: withDefault(port, 5432),
  backupRetentionDays: withDefault(int(0, 35), 7),
  performanceInsights: withDefault(bool, true),
});

export const appSchema = z.strictObject({
  /** Application name, used in every generated resource name. */
  app: resourceName,
  /** Services keyed by name. */
  services: z.record(resourceName, serviceSchema),
  /** Managed PostgreSQL; omit for none. */
  database: z.optional(databaseSchema),
  /** SSM parameters the stack creates, keyed by a logical name used in `secrets`. */
  parameters: withDefault(z.record(matching(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '_' or '-'"), parameterSchema), {}),
  /** Names overriding generated ones for shared resources (adopting existing naming). */
  names: withDefault(
    z.strictObject({
      vpc: z.optional(awsName),
      cluster: z.optional(matchingPattern(/^[A-Za-z0-9_-]{1,255}$/)),
      albSecurityGroup: z.optional(awsName),
      taskSecurityGroup: z.optional(awsName),
      databaseSecurityGroup: z.optional(awsName),
      executionRole: z.optional(iamRoleName),
      /** Name of the inline policy granting the execution role its parameter/secret reads. */
      executionSecretsPolicy: z.optional(matchingPattern(/^[\w+=,.@-]{1,128}$/)),
    }),
    {},
  ),
  environments: z.record(matching(/^[a-z][a-z0-9]{0,9}$/, "must be 1–10 lowercase letters/digits, starting with a letter"), environmentSchema),
});

export type AppConfigInput = z.input<typeof appSchema>;
export type AppConfig = z.output<typeof appSchema>;
export type ServiceConfig = AppConfig["services"][string];
export type EnvironmentConfig = AppConfig["environments"][string];
export type DatabaseConfig = NonNullable<AppConfig["database"]>;
export type ParameterConfig = AppConfig["parameters"][string];
export type SecretRef = ServiceConfig["secrets"][string];
export type DatabaseValue = (typeof DATABASE_VALUES)[number];
