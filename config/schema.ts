/**
 * The application definition: one typed object describing an application (services, database,
 * parameters) and its environments. Validated once, here, with zod; constructs only ever see the
 * resolved, fully-defaulted types from ./resolve.ts.
 *
 * Maps keyed by name (services, environments, parameters) instead of arrays keep Terraform
 * addresses stable when entries are added or removed.
 */
import { z } from "zod";
import { parseCidr } from "./cidr";

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy). 0 = never expire. */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const NAME_RULE = "lowercase letters, digits and '-', starting with a letter, 2–24 characters";
const resourceName = z.string().regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, `must be ${NAME_RULE}`);
const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
const cidr = z.string().refine((v) => parseCidr(v) !== undefined, {
  message: "must be an IPv4 CIDR block with no host bits set, e.g. 10.0.0.0/16",
});
const port = z.number().int().min(1).max(65535);
const retentionDays = z
  .number()
  .refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")}`,
  });
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account ID");
const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region code such as eu-west-1");
const awsName = z.string().min(1).max(255);
const tags = z.record(z.string().min(1).max(128), z.string().max(256));
const arnOrName = z.string().min(1);

export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;

const capacityStrategy = z
  .array(
    z
      .object({
        provider: z.enum(CAPACITY_PROVIDERS),
        weight: z.number().int().min(0).max(1000).default(1),
        base: z.number().int().min(0).max(100000).default(0),
      })
      .strict(),
  )
  .min(1);

const networkSchema = z
  .object({
    /** VPC CIDR block. */
    cidr: cidr.default("10.0.0.0/16"),
    /** Number of availability zones to spread subnets over. @default 2 */
    azCount: z.number().int().min(1).max(6).default(2),
    /** Explicit AZ names; when absent the first `azCount` zones of the aws_availability_zones data source are used. */
    availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "must be an AZ name such as eu-west-1a")).optional(),
    /** NAT gateways: none (use VPC endpoints), one shared, or one per AZ. @default single in non-production, perAz in production */
    natGateways: z.enum(NAT_STRATEGIES).optional(),
    /** Explicit subnet CIDRs, one per AZ; @default carved from the VPC CIDR with `subnetNewBits`. */
    publicSubnets: z.array(cidr).optional(),
    privateSubnets: z.array(cidr).optional(),
    /** Bits added to the VPC prefix for each carved subnet. @default 4 (a /16 gives /20 subnets) */
    subnetNewBits: z.number().int().min(1).max(12).default(4),
    /** VPC flow logs to CloudWatch. @default true */
    flowLogs: z.boolean().default(true),
    flowLogRetentionDays: retentionDays.optional(),
    /** Interface/gateway endpoints (S3, ECR api/dkr, logs, SSM, Secrets Manager) so tasks work without NAT. @default false */
    vpcEndpoints: z.boolean().default(false),
  })
  .strict();

const stateSchema = z
  .object({
    /** S3 bucket holding Terraform state (created by the bootstrap stack). */
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name (3–63 lowercase letters, digits, '.', '-')"),
    /** Prefix put before `<app>/<env>/terraform.tfstate`. @default none */
    keyPrefix: z.string().regex(/^([A-Za-z0-9_.-]+\/)*$/, "must be empty or end with '/' (e.g. 'teams/payments/')").default(""),
    /** Region of the state bucket. @default the environment's region */
    region: region.optional(),
    /** S3-native state locking (use_lockfile). @default true */
    locking: z.boolean().default(true),
  })
  .strict();

const scalingOverrideSchema = z
  .object({
    desiredCount: z.number().int().min(0).max(1000).optional(),
    minCount: z.number().int().min(0).max(1000).optional(),
    maxCount: z.number().int().min(1).max(1000).optional(),
    cpu: z.number().int().optional(),
    memory: z.number().int().optional(),
  })
  .strict();

const databaseOverrideSchema = z
  .object({
    instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.micro").optional(),
    allocatedStorage: z.number().int().min(20).max(65536).optional(),
    maxAllocatedStorage: z.number().int().min(0).max(65536).optional(),
    multiAz: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    finalSnapshot: z.boolean().optional(),
    backupRetentionDays: z.number().int().min(0).max(35).optional(),
    performanceInsights: z.boolean().optional(),
  })
  .strict();

const loadBalancerSchema = z
  .object({
    /** ALB name. @default `<app>-<env>` */
    name: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-', not starting or ending with '-'").optional(),
    /** CIDRs allowed to reach the listeners. @default ["0.0.0.0/0"] */
    ingressCidrs: z.array(cidr).min(1).default(["0.0.0.0/0"]),
    /** Seconds an idle connection is kept. @default 60 */
    idleTimeout: z.number().int().min(1).max(4000).default(60),
    /** @default true in production */
    deletionProtection: z.boolean().optional(),
    /** Access logs to an SSE-S3 bucket created by the stack. @default true in production */
    accessLogs: z.boolean().optional(),
    accessLogRetentionDays: z.number().int().min(1).max(3650).default(90),
  })
  .strict();

const domainSchema = z
  .object({
    /** Existing public Route 53 hosted zone, looked up by name. */
    zone: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a DNS zone name such as example.com").optional(),
    /** Fully qualified host name served by the ALB (must be in `zone`). */
    name: z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a fully qualified DNS name such as app.example.com"),
    /** Extra names on the certificate and as alias records (same zone). @default [] */
    alternativeNames: z.array(z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a fully qualified DNS name")).default([]),
    /** Also create AAAA alias records (the ALB is dualstack). @default false */
    ipv6: z.boolean().default(false),
  })
  .strict();

const ec2CapacitySchema = z
  .object({
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.small").default("t3.small"),
    minSize: z.number().int().min(0).max(100).default(1),
    maxSize: z.number().int().min(1).max(100).default(2),
    /** Root EBS volume in GiB (the ECS-optimized AMI needs ≥ 30). @default 30 */
    rootVolumeSize: z.number().int().min(30).max(16384).default(30),
    /** ECS managed scaling target utilisation (percent). @default 100 */
    targetCapacity: z.number().int().min(1).max(100).default(100),
    /** CIDR allowed to SSH (port 22) to the instances; @default none (use Session Manager). */
    sshCidr: cidr.optional(),
    /** Existing EC2 key pair for SSH; only useful with sshCidr. */
    keyName: z.string().min(1).optional(),
    /** Public SSM parameter with the ECS-optimized AMI ID. */
    amiParameter: z.string().default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
  })
  .strict();

const ciSchema = z
  .object({
    /** GitHub repository ("owner/name") whose workflows may assume the CI roles via OIDC. */
    githubRepository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name, e.g. acme/shop-infra"),
    /** Branch whose pushes may assume the apply role. @default "main" */
    applyBranch: z.string().min(1).default("main"),
    /** GitHub environment (with required reviewers) that apply jobs run in; when set, only jobs in it may assume the apply role. @default none */
    applyEnvironment: z.string().min(1).optional(),
    /** Create the account's GitHub OIDC identity provider (one per account; set false if it already exists). @default true */
    createOidcProvider: z.boolean().default(true),
    /** Application repositories ("owner/name") whose image pipelines (deploy-image.yml) may assume the apply role, under the same branch/environment rule. @default [] */
    deployRepositories: z.array(z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name, e.g. acme/shop-api")).default([]),
  })
  .strict();

const environmentSchema = z
  .object({
    /** AWS region of the stack. */
    region,
    /** Terraform refuses to touch any other account (provider allowed_account_ids). */
    allowedAccountIds: z.array(accountId).min(1),
    /** Production switches on the safe-but-costly defaults (multi-AZ DB, deletion protection, NAT per AZ, ...). @default true when the environment is named "prod" */
    production: z.boolean().optional(),
    /** Extra tags on every resource (default_tags). */
    tags: tags.default({}),
    network: networkSchema.default(networkSchema.parse({})),
    state: stateSchema,
    /** Retention of service log groups. @default 30 */
    logRetentionDays: retentionDays.default(30),
    /** Default capacity provider strategy for Fargate services. @default FARGATE base 1 + FARGATE_SPOT weight 3 outside production; FARGATE only in production */
    capacityProviderStrategy: capacityStrategy.optional(),
    /** CloudWatch Container Insights. @default true in production */
    containerInsights: z.boolean().optional(),
    /** ECS Exec (aws ecs execute-command) for all services, audited to CloudWatch. @default true outside production */
    ecsExec: z.boolean().optional(),
    loadBalancer: loadBalancerSchema.default(loadBalancerSchema.parse({})),
    domain: domainSchema.optional(),
    /** Per-service overrides of count, scaling bounds and size in this environment. */
    services: z.record(z.string(), scalingOverrideSchema).default({}),
    database: databaseOverrideSchema.default({}),
    /** EC2 container instances, required when a service uses `capacity: "ec2"`. */
    ec2Capacity: ec2CapacitySchema.optional(),
    /** CI access for this environment's account, created by the bootstrap stack. @default no CI roles */
    ci: ciSchema.optional(),
    alarms: z
      .object({
        enabled: z.boolean().default(true),
        /** E-mail subscribed to the alarm topic (confirmation needed). @default none */
        email: z.string().email().optional(),
      })
      .strict()
      .default({ enabled: true }),
  })
  .strict();

const secretRefSchema = z.union([
  z.object({ parameter: z.string().min(1) }).strict(),
  z.object({ ssmParameter: arnOrName }).strict(),
  z.object({ secretsManager: arnOrName, jsonKey: z.string().min(1).optional() }).strict(),
], { error: "allowed: { parameter: <declared parameter key> } | { ssmParameter: <name or ARN> } | { secretsManager: <name or ARN>, jsonKey?: <key> }" });

export const DATABASE_VALUES = ["host", "port", "name", "username", "password", "url", "jdbcUrl"] as const;

const targetHealthCheckSchema = z
  .object({
    path: z.string().regex(/^\//, "must start with '/'").default("/"),
    /** HTTP codes counted as healthy. @default "200" */
    matcher: z.string().regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, "must be HTTP codes like 200, 200-299 or 200,302").default("200"),
    interval: z.number().int().min(5).max(300).default(30),
    timeout: z.number().int().min(2).max(120).default(5),
    healthyThreshold: z.number().int().min(2).max(10).default(2),
    unhealthyThreshold: z.number().int().min(2).max(10).default(3),
  })
  .strict();

const containerHealthCheckSchema = z
  .object({
    /** CMD-SHELL command, e.g. "curl -f http://localhost:8080/health || exit 1". */
    command: z.string().min(1),
    interval: z.number().int().min(5).max(300).default(30),
    timeout: z.number().int().min(2).max(60).default(5),
    retries: z.number().int().min(1).max(10).default(3),
    startPeriod: z.number().int().min(0).max(300).default(60),
  })
  .strict();

const serviceSchema = z
  .object({
    /** Port the container listens on. */
    containerPort: port,
    /** Task CPU units. @default 256 */
    cpu: z.number().int().default(256),
    /** Task memory (MiB), validated against Fargate's combinations. @default 512 */
    memory: z.number().int().default(512),
    architecture: z.enum(["X86_64", "ARM64"]).default("X86_64"),
    /** Where tasks run. "ec2" needs the environment's ec2Capacity. @default "fargate" */
    capacity: z.enum(["fargate", "ec2"]).default("fargate"),
    /** Task network mode; "bridge" only with capacity "ec2". @default "awsvpc" */
    networkMode: z.enum(["awsvpc", "bridge"]).default("awsvpc"),
    /** Host port for bridge mode. @default the container port */
    hostPort: port.optional(),
    /** Per-service capacity provider strategy. @default the environment's */
    capacityProviderStrategy: capacityStrategy.optional(),
    repository: z
      .object({
        /** ECR repository name. @default `<app>-<service>` */
        name: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "must be a valid ECR repository name (lowercase, digits, '.', '_', '-', '/')").optional(),
        /** @default IMMUTABLE in production, MUTABLE elsewhere */
        tagMutability: z.enum(["MUTABLE", "IMMUTABLE"]).optional(),
        /** Tagged images kept by the lifecycle policy. @default 20 */
        keepTaggedImages: z.number().int().min(1).max(1000).default(20),
        /** Days before untagged images expire. @default 7 */
        untaggedExpiryDays: z.number().int().min(1).max(365).default(7),
      })
      .strict()
      .default({ keepTaggedImages: 20, untaggedExpiryDays: 7 }),
    /** Image tag deployed when no `-var image_tag_<service>=...` is given. @default "latest" */
    imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag").default("latest"),
    /** Names overriding the generated ones (for adopting tutorial names). */
    names: z
      .object({
        service: z.string().min(1).max(255).optional(),
        taskFamily: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, "must be letters, digits, '_' or '-'").optional(),
        container: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, "must be letters, digits, '_' or '-'").optional(),
        logGroup: z.string().regex(/^[A-Za-z0-9_./#-]{1,512}$/, "must be a valid log group name").optional(),
        targetGroup: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-'").optional(),
        taskRole: z.string().regex(/^[\w+=,.@-]{1,64}$/, "must be a valid IAM role name").optional(),
      })
      .strict()
      .default({}),
    /** Plain environment variables. */
    environment: z.record(envVarName, z.string()).default({}),
    /** Container secrets: a declared parameter, an existing SSM parameter, or a Secrets Manager secret (optionally one JSON key). */
    secrets: z.record(envVarName, secretRefSchema).default({}),
    /** Database connection values exposed as VAR_NAME → value; username/password become secrets from the RDS-managed secret. */
    databaseEnv: z.record(envVarName, z.enum(DATABASE_VALUES)).default({}),
    /** ALB routing. A service without routing and not `default` is reachable only through Service Connect. */
    routing: z
      .object({
        pathPatterns: z.array(z.string().regex(/^\//, "must start with '/'")).max(5).optional(),
        hostHeaders: z.array(z.string().min(1)).max(5).optional(),
        /** Listener rule priority (1–50000, unique per listener). */
        priority: z.number().int().min(1).max(50000).optional(),
        /** This service answers requests no rule matches. */
        default: z.boolean().default(false),
      })
      .strict()
      .optional(),
    healthCheck: targetHealthCheckSchema.default(targetHealthCheckSchema.parse({})),
    containerHealthCheck: containerHealthCheckSchema.optional(),
    /** Seconds ECS ignores failing ALB health checks after a task starts. @default 60 */
    healthCheckGracePeriod: z.number().int().min(0).max(2147483647).default(60),
    /** Seconds the target group drains a deregistering target. @default 30 */
    deregistrationDelay: z.number().int().min(0).max(3600).default(30),
    /** Tasks to run. @default 1 outside production, 2 in production (per-environment overrides win) */
    desiredCount: z.number().int().min(0).max(1000).optional(),
    autoscaling: z
      .object({
        enabled: z.boolean().default(true),
        cpuTarget: z.number().min(10).max(95).default(60),
        memoryTarget: z.number().min(10).max(95).default(75),
        /** ALB requests per target per minute; omit to not scale on requests. @default 1000 */
        requestsPerTarget: z.number().int().min(1).max(1000000).optional().default(1000),
      })
      .strict()
      .default({ enabled: true, cpuTarget: 60, memoryTarget: 75, requestsPerTarget: 1000 }),
    readonlyRootFilesystem: z.boolean().default(false),
    /** Container user, e.g. "1000:1000". @default the image's */
    user: z.string().regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user or user:group").optional(),
    /** Extra permissions of the task role (the app's own AWS access). @default none */
    taskRole: z
      .object({
        managedPolicyArns: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, "must be an IAM policy ARN")).default([]),
        statements: z
          .array(
            z
              .object({
                sid: z.string().regex(/^[A-Za-z0-9]+$/).optional(),
                actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "must be an IAM action like s3:GetObject")).min(1),
                resources: z.array(z.string().min(1)).min(1),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({ managedPolicyArns: [], statements: [] }),
    /** Service Connect: publish this service as `<discoveryName>:<port>` to the others. @default true */
    serviceConnect: z.boolean().default(true),
  })
  .strict();

const parameterSchema = z
  .object({
    /** Full SSM name. @default `/<app>/<env>/<key>` */
    name: z.string().regex(/^\/[A-Za-z0-9_.\-/]+$/, "must be a path starting with '/'").optional(),
    type: z.enum(["String", "SecureString"]).default("SecureString"),
    description: z.string().max(1024).optional(),
    /**
     * Value wired from the stack itself; without it the parameter is created with a placeholder
     * and its real value is set out of band (`aws ssm put-parameter --overwrite`), never in config.
     */
    valueFrom: z
      .union([
        z.object({ database: z.enum(DATABASE_VALUES).exclude(["password"]) }).strict(),
        z.object({ loadBalancer: z.literal("url"), suffix: z.string().default("") }).strict(),
        z.object({ literal: z.string() }).strict(),
      ], { error: "allowed: { database: host|port|name|username|url|jdbcUrl } | { loadBalancer: \"url\", suffix?: <text> } | { literal: <text> }" })
      .optional(),
  })
  .strict();

const databaseSchema = z
  .object({
    /** RDS identifier. @default `<app>-<env>` */
    identifier: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be lowercase letters, digits, '-', starting with a letter").optional(),
    /** DB subnet group name. @default `<app>-<env>-db` */
    subnetGroupName: z.string().regex(/^[a-z0-9 ._-]{1,255}$/, "must be lowercase letters, digits, spaces, '.', '_', '-'").optional(),
    /** PostgreSQL major (or major.minor) version; a major-only prefix lets auto minor upgrades happen without a plan diff. @default "16" */
    engineVersion: z.string().regex(/^(1[2-9])(\.\d+)?$/, "must be a PostgreSQL version such as 16 or 16.4 (12–19)").default("16"),
    instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.micro").optional(),
    /** GiB of gp3 storage. @default 20 */
    allocatedStorage: z.number().int().min(20).max(65536).default(20),
    /** Storage autoscaling ceiling in GiB. @default 100 */
    maxAllocatedStorage: z.number().int().min(0).max(65536).default(100),
    databaseName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter and contain letters, digits, '_'").optional(),
    masterUsername: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter and contain letters, digits, '_'").default("postgres"),
    port: port.default(5432),
    backupRetentionDays: z.number().int().min(0).max(35).default(7),
    performanceInsights: z.boolean().default(true),
  })
  .strict();

export const appSchema = z
  .object({
    /** Application name, used in every generated resource name. */
    app: resourceName,
    /** Services keyed by name. */
    services: z.record(resourceName, serviceSchema),
    /** Managed PostgreSQL; omit for none. */
    database: databaseSchema.optional(),
    /** SSM parameters the stack creates, keyed by a logical name used in `secrets`. */
    parameters: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '_' or '-'"), parameterSchema).default({}),
    /** Names overriding generated ones for shared resources (adopting existing naming). */
    names: z
      .object({
        vpc: awsName.optional(),
        cluster: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).optional(),
        albSecurityGroup: awsName.optional(),
        taskSecurityGroup: awsName.optional(),
        databaseSecurityGroup: awsName.optional(),
        executionRole: z.string().regex(/^[\w+=,.@-]{1,64}$/, "must be a valid IAM role name").optional(),
        /** Name of the inline policy granting the execution role its parameter/secret reads. */
        executionSecretsPolicy: z.string().regex(/^[\w+=,.@-]{1,128}$/).optional(),
      })
      .strict()
      .default({}),
    environments: z.record(z.string().regex(/^[a-z][a-z0-9]{0,9}$/, "must be 1–10 lowercase letters/digits, starting with a letter"), environmentSchema),
  })
  .strict();

export type AppConfigInput = z.input<typeof appSchema>;
export type AppConfig = z.output<typeof appSchema>;
export type ServiceConfig = AppConfig["services"][string];
export type EnvironmentConfig = AppConfig["environments"][string];
export type DatabaseConfig = NonNullable<AppConfig["database"]>;
export type ParameterConfig = AppConfig["parameters"][string];
export type SecretRef = ServiceConfig["secrets"][string];
export type DatabaseValue = (typeof DATABASE_VALUES)[number];

