/** `services.<name>`: one containerized service of the application. */
import * as z from "zod/mini";
import {
  absolutePath, albMatcher, bool, capacityStrategy, DATABASE_VALUES, envVarName, field, iamRoleName, int, matching,
  matchingPattern, nonEmpty, optional, port, positiveInt, repositoryName, utilisation, withDefault,
} from "./primitives";
import { secretRefSchema } from "./secret-ref";
import { firelensSchema, sidecarSchema, containerName, dependsOnSchema } from "./sidecar";
import { volumeFields } from "./volume";
import { queueScalingSchema, scheduledScalingSchema } from "./scaling";
import { kindField, preDeploySchema, runtimeFields, scheduleSchema } from "./workload";
// --- issue 14: release strategies (config/schema/release.ts) ---
import { releaseSchema } from "./release";
import { authenticateSchema } from "./edge";
// --- end issue 14 ---


const targetHealthCheckSchema = z.strictObject({
  path: field(withDefault(absolutePath.check(z.maxLength(1024)), "/"), "target group health check path"),
  matcher: field(withDefault(albMatcher, "200"), { description: "HTTP codes counted as healthy", allowed: "codes 200–499: `200`, `200-299`, `200,302`" }),
  interval: field(withDefault(int(5, 300), 30), "seconds between checks"),
  timeout: field(withDefault(int(2, 120), 5), { description: "seconds before a check fails", allowed: "less than `interval`" }),
  healthyThreshold: field(withDefault(int(2, 10), 2), "passes before a target is healthy"),
  unhealthyThreshold: field(withDefault(int(2, 10), 3), "failures before a target is unhealthy"),
});

const containerHealthCheckSchema = z.strictObject({
  command: field(nonEmpty, "`CMD-SHELL` command, e.g. `curl -f http://localhost:8080/health || exit 1`"),
  interval: field(withDefault(int(5, 300), 30), "seconds between checks"),
  timeout: field(withDefault(int(2, 60), 5), "seconds before a check fails"),
  retries: field(withDefault(int(1, 10), 3), "failures before the container is unhealthy"),
  startPeriod: field(withDefault(int(0, 300), 60), "seconds of grace after the container starts"),
});

const lettersDigitsDashes = matching(/^[A-Za-z0-9_-]{1,255}$/, "must be letters, digits, '_' or '-'");

const repositorySchema = z.strictObject({
  name: field(optional(repositoryName), { description: "ECR repository name", defaultText: "`<app>/<service>`" }),
  tagMutability: field(optional(z.enum(["MUTABLE", "IMMUTABLE"])), { description: "whether a pushed tag can be overwritten", profile: "tagMutability" }),
  keepTaggedImages: field(withDefault(int(1, 1000), 20), "lifecycle: tagged images kept"),
  untaggedExpiryDays: field(withDefault(int(1, 365), 7), "lifecycle: untagged images expire after (days)"),
});

const namesSchema = z.strictObject({
  service: field(optional(matching(/^[A-Za-z0-9_-]{1,255}$/, "must be 1–255 letters, digits, '_' or '-' (ECS service names)")), {
    description: "ECS service name",
    defaultText: "`<service>`",
    allowed: "1–255 letters, digits, `_`, `-`",
  }),
  taskFamily: field(optional(lettersDigitsDashes), { description: "task definition family", defaultText: "`<app>-<env>-<service>`", allowed: "1–255 letters, digits, `_`, `-`" }),
  container: field(optional(lettersDigitsDashes), { description: "container name", defaultText: "`<service>`", allowed: "1–255 letters, digits, `_`, `-`" }),
  logGroup: field(optional(matching(/^[A-Za-z0-9_./#-]{1,512}$/, "must be a valid log group name (1–512 letters, digits, _ . / # -)")), {
    description: "log group name",
    defaultText: "`/ecs/<app>-<env>/<service>`",
    allowed: "1–512 letters, digits, `_ . / # -`",
  }),
  targetGroup: field(optional(matching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-', not starting or ending with '-'")), {
    description: "target group name",
    defaultText: "`<app>-<env>-<service>`",
    allowed: "1–32 letters, digits, `-`",
  }),
  taskRole: field(optional(iamRoleName), { description: "task role name", defaultText: "`<app>-<env>-<service>-task`", allowed: "1–64 of `A-Za-z0-9+=,.@_-`" }),
});

const routingSchema = z.strictObject({
  pathPatterns: field(
    optional(z.array(matching(/^\/[A-Za-z0-9_\-.$/~"'@:+&*?]{0,127}$/, "must be a path pattern: '/' then up to 127 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?")).check(z.maxLength(5))),
    { description: "listener rule path conditions", defaultText: "none", allowed: "together with `hostHeaders` at most 5 values and 5 wildcards; ≤ 128 characters each" },
  ),
  hostHeaders: field(
    optional(z.array(matching(/^[A-Za-z0-9.*?-]{1,128}$/, "must be a host name pattern: 1–128 of A-Z a-z 0-9 - . * ?")).check(z.maxLength(5))),
    { description: "listener rule host conditions", defaultText: "none", allowed: "together with `pathPatterns` at most 5 values and 5 wildcards; ≤ 128 characters each" },
  ),
  priority: field(optional(int(1, 50000)), { description: "listener rule priority, unique per listener", defaultText: "required for a rule" }),
  default: field(
    withDefault(bool, false),
    "this service answers what no rule matches (exactly one when routing is used; a lone web service is the default)",
  ),
  // --- issue 14 ---
  authenticate: field(optional(authenticateSchema), {
    description: "sign-in at the load balancer before requests reach the service: `{ oidc: {...} }` or `{ cognito: {...} }` (HTTPS listener only)",
    defaultText: "none",
  }),
  // --- end issue 14 ---
});

const autoscalingSchema = z.strictObject({
  enabled: field(withDefault(bool, true), "target tracking; then `desired_count` is ignored after creation"),
  cpuTarget: field(withDefault(utilisation, 60), "average CPU (%) to track"),
  memoryTarget: field(withDefault(utilisation, 75), "average memory (%) to track"),
  requestsPerTarget: field(withDefault(optional(int(1, 1000000)), 1000), "ALB requests per target per minute to track (routed services only)"),
  queue: field(optional(queueScalingSchema), { description: "track the SQS backlog per task (metric math: visible messages / running tasks; needs Container Insights)", defaultText: "none" }),
  schedules: field(withDefault(z.record(matching(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, '_' or '-'"), scheduledScalingSchema), {}), {
    description: "scheduled changes of the bounds, e.g. `{ night: { expression: \"cron(0 20 ? * MON-FRI *)\", timezone: \"Europe/Berlin\", minCount: 0, maxCount: 0 } }`",
    allowed: "`minCount` ≤ `maxCount`",
  }),
});

const statementSchema = z.strictObject({
  sid: field(optional(matchingPattern(/^[A-Za-z0-9]+$/)), { description: "statement ID", defaultText: "`App<index>`" }),
  actions: field(z.array(matching(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "must be an IAM action like s3:GetObject")).check(z.minLength(1)), "IAM actions"),
  resources: field(z.array(nonEmpty).check(z.minLength(1)), "resource ARNs"),
});

const taskRoleSchema = z.strictObject({
  managedPolicyArns: field(
    withDefault(z.array(matching(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, "must be an IAM policy ARN")), []),
    { description: "managed policies attached to the task role", allowed: "IAM policy ARNs; each policy name once" },
  ),
  statements: field(withDefault(z.array(statementSchema), []), {
    description: "the application's own AWS permissions (`[{ sid?, actions, resources }]`); IAM policy variables such as `${aws:username}` reach IAM as written",
    allowed: "unique `sid`s",
  }),
});

export const serviceSchema = z.strictObject({
  kind: kindField,
  containerPort: field(optional(port), { description: "port the container listens on", defaultText: "required for `web` and `internal`; none for `worker` and `job`" }),
  cpu: field(withDefault(positiveInt, 256), { description: "task CPU units", allowed: "Fargate: 256, 512, 1024, 2048, 4096, 8192, 16384; EC2: 128–196608 and at most the instance type's vCPUs × 1024" }),
  memory: field(withDefault(positiveInt, 512), { description: "task memory (MiB)", allowed: "Fargate: the combinations it offers for the CPU; EC2: ≥ 6 and at most about 95 % of the instance type's memory" }),
  architecture: field(withDefault(z.enum(["X86_64", "ARM64"]), "X86_64"), "CPU architecture"),
  capacity: field(withDefault(z.enum(["fargate", "ec2"]), "fargate"), "where tasks run (`ec2` needs the environment's `ec2Capacity`)"),
  networkMode: field(withDefault(z.enum(["awsvpc", "bridge"]), "awsvpc"), "`bridge` only with `capacity: \"ec2\"`"),
  hostPort: field(optional(port), { description: "host port in bridge mode (must not clash between services)", defaultText: "the container port" }),
  capacityProviderStrategy: field(optional(capacityStrategy), { description: "Fargate services only", defaultText: "the environment's" }),
  repository: field(withDefault(repositorySchema, { keepTaggedImages: 20, untaggedExpiryDays: 7 }), "the service's ECR repository"),
  imageTag: field(
    withDefault(matching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag"), "latest"),
    { description: "default of the stack's `image_tag_<service>` variable (deploys pass the git SHA)", allowed: "1–128 of `A-Za-z0-9_.-`, not starting with `.` or `-`" },
  ),
  names: field(withDefault(namesSchema, {}), "name overrides (to adopt existing names)"),
  environment: field(withDefault(z.record(envVarName, z.string()), {}), {
    description: "plain environment variables",
    allowed: "names `[A-Za-z_][A-Za-z0-9_]*`; with secrets and the health check within the task definition's 64 KiB",
  }),
  secrets: field(
    withDefault(z.record(envVarName, secretRefSchema), {}),
    {
      description: "container secrets: `{ parameter: <key of parameters> }`, `{ ssmParameter: <name or ARN> }` or `{ secretsManager: <name or ARN>, jsonKey? }`",
      allowed: "SSM names: letters, digits, `_ . - /`; Secrets Manager names: ≤ 512 of letters, digits, `/ _ + = . @ -`; or ARNs",
    },
  ),
  databaseEnv: field(
    withDefault(z.record(envVarName, z.enum(DATABASE_VALUES)), {}),
    "`VAR: host|port|name|url|jdbcUrl` (environment) or `username|password` (secrets from the service's own database secret `/<app>/<env>/<service>/database`, never the master user's; created without a value, set out of band after creating the user, docs/deploy.md)",
  ),
  routing: field(optional(routingSchema), { description: "load balancer routing", defaultText: "none (Service Connect only), unless it is the only `web` service" }),
  healthCheck: field(withDefault(targetHealthCheckSchema, targetHealthCheckSchema.parse({})), "target group health check"),
  containerHealthCheck: field(optional(containerHealthCheckSchema), { description: "container health check", defaultText: "none" }),
  healthCheckGracePeriod: field(withDefault(int(0, 2147483647), 60), "seconds ECS ignores failing load balancer health checks after a task starts"),
  deregistrationDelay: field(withDefault(int(0, 3600), 30), "seconds the target group drains a deregistering target"),
  desiredCount: field(optional(int(0, 1000)), { description: "initial task count", profile: "desiredCount" }),
  autoscaling: field(
    withDefault(autoscalingSchema, { enabled: true, cpuTarget: 60, memoryTarget: 75, requestsPerTarget: 1000, schedules: {} }),
    "target tracking on CPU, memory and requests",
  ),
  readonlyRootFilesystem: field(withDefault(bool, false), "read-only root file system"),
  user: field(optional(matching(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user or user:group")), {
    description: "container user, e.g. `1000:1000`",
    defaultText: "the image's",
  }),
  taskRole: field(withDefault(taskRoleSchema, { managedPolicyArns: [], statements: [] }), "the application's own AWS permissions"),
  serviceConnect: field(withDefault(bool, true), "publish as `<service>:<containerPort>` in the Service Connect namespace (services with a port)"),
  ...runtimeFields,
  dependsOn: field(withDefault(dependsOnSchema, []), { description: "sidecars the main container waits for (`[{ container, condition }]`)", allowed: "no unknown containers, no cycles" }),
  sidecars: field(withDefault(z.record(containerName, sidecarSchema), {}), {
    description: "extra containers of the task, keyed by container name",
    allowed: "names other than the main container's and `log-router`; CPU and memory reservations fit the task",
  }),
  ...volumeFields,
  firelens: field(optional(firelensSchema), { description: "FireLens log routing (AWS for Fluent Bit sidecar `log-router`, its own log group `<log group>/firelens`)", defaultText: "off (awslogs)" }),
  schedule: field(optional(scheduleSchema), { description: "when a `job` runs (EventBridge Scheduler)", defaultText: "required for `kind: \"job\"`" }),
  preDeploy: field(optional(preDeploySchema), {
    description: "a one-off task (e.g. a migration) `bin/predeploy.sh` runs with the new image, the service's secrets and network before the service rolls out",
    defaultText: "none",
  }),
  // --- issue 14: release strategy ---
  release: field(withDefault(releaseSchema, releaseSchema.parse({})), "how a new version reaches traffic, and when it is rolled back"),
  // --- end issue 14 ---
});
