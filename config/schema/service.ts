/** `services.<name>`: one containerized service of the application. */
import * as z from "zod/mini";
import {
  absolutePath, anyInt, arnOrName, awsName, bool, capacityStrategy, DATABASE_VALUES, envVarName, field, iamRoleName, int,
  matching, matchingPattern, nonEmpty, optional, port, repositoryName, utilisation, withDefault,
} from "./primitives";

const secretRefSchema = z.union(
  [
    z.strictObject({ parameter: nonEmpty }),
    z.strictObject({ ssmParameter: arnOrName }),
    z.strictObject({ secretsManager: arnOrName, jsonKey: optional(nonEmpty) }),
  ],
  { error: "allowed: { parameter: <declared parameter key> } | { ssmParameter: <name or ARN> } | { secretsManager: <name or ARN>, jsonKey?: <key> }" },
);

const targetHealthCheckSchema = z.strictObject({
  path: field(withDefault(absolutePath, "/"), "target group health check path"),
  matcher: field(
    withDefault(matching(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, "must be HTTP codes like 200, 200-299 or 200,302"), "200"),
    "HTTP codes counted as healthy",
  ),
  interval: field(withDefault(int(5, 300), 30), "seconds between checks"),
  timeout: field(withDefault(int(2, 120), 5), "seconds before a check fails"),
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
  service: field(optional(awsName), { description: "ECS service name", defaultText: "`<service>`" }),
  taskFamily: field(optional(lettersDigitsDashes), { description: "task definition family", defaultText: "`<app>-<env>-<service>`" }),
  container: field(optional(lettersDigitsDashes), { description: "container name", defaultText: "`<service>`" }),
  logGroup: field(optional(matching(/^[A-Za-z0-9_./#-]{1,512}$/, "must be a valid log group name")), {
    description: "log group name",
    defaultText: "`/ecs/<app>-<env>/<service>`",
  }),
  targetGroup: field(optional(matching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-'")), {
    description: "target group name",
    defaultText: "`<app>-<env>-<service>`",
  }),
  taskRole: field(optional(iamRoleName), { description: "task role name", defaultText: "`<app>-<env>-<service>-task`" }),
});

const routingSchema = z.strictObject({
  pathPatterns: field(optional(z.array(absolutePath).check(z.maxLength(5))), { description: "listener rule path conditions", defaultText: "none" }),
  hostHeaders: field(optional(z.array(nonEmpty).check(z.maxLength(5))), { description: "listener rule host conditions", defaultText: "none" }),
  priority: field(optional(int(1, 50000)), { description: "listener rule priority, unique per listener", defaultText: "required for a rule" }),
  default: field(
    withDefault(bool, false),
    "this service answers what no rule matches (exactly one when routing is used; a lone service is the default)",
  ),
});

const autoscalingSchema = z.strictObject({
  enabled: field(withDefault(bool, true), "target tracking; then `desired_count` is ignored after creation"),
  cpuTarget: field(withDefault(utilisation, 60), "average CPU (%) to track"),
  memoryTarget: field(withDefault(utilisation, 75), "average memory (%) to track"),
  requestsPerTarget: field(withDefault(optional(int(1, 1000000)), 1000), "ALB requests per target per minute to track (routed services only)"),
});

const statementSchema = z.strictObject({
  sid: field(optional(matchingPattern(/^[A-Za-z0-9]+$/)), { description: "statement ID", defaultText: "`App<index>`" }),
  actions: field(z.array(matching(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "must be an IAM action like s3:GetObject")).check(z.minLength(1)), "IAM actions"),
  resources: field(z.array(nonEmpty).check(z.minLength(1)), "resource ARNs"),
});

const taskRoleSchema = z.strictObject({
  managedPolicyArns: field(
    withDefault(z.array(matching(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, "must be an IAM policy ARN")), []),
    "managed policies attached to the task role",
  ),
  statements: field(withDefault(z.array(statementSchema), []), "the application's own AWS permissions (`[{ sid?, actions, resources }]`)"),
});

export const serviceSchema = z.strictObject({
  containerPort: field(port, "port the container listens on"),
  cpu: field(withDefault(anyInt, 256), "task CPU units (Fargate combinations are validated)"),
  memory: field(withDefault(anyInt, 512), "task memory (MiB)"),
  architecture: field(withDefault(z.enum(["X86_64", "ARM64"]), "X86_64"), "CPU architecture"),
  capacity: field(withDefault(z.enum(["fargate", "ec2"]), "fargate"), "where tasks run (`ec2` needs the environment's `ec2Capacity`)"),
  networkMode: field(withDefault(z.enum(["awsvpc", "bridge"]), "awsvpc"), "`bridge` only with `capacity: \"ec2\"`"),
  hostPort: field(optional(port), { description: "host port in bridge mode (must not clash between services)", defaultText: "the container port" }),
  capacityProviderStrategy: field(optional(capacityStrategy), { description: "Fargate services only", defaultText: "the environment's" }),
  repository: field(withDefault(repositorySchema, { keepTaggedImages: 20, untaggedExpiryDays: 7 }), "the service's ECR repository"),
  imageTag: field(
    withDefault(matching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag"), "latest"),
    "default of the stack's `image_tag_<service>` variable (deploys pass the git SHA)",
  ),
  names: field(withDefault(namesSchema, {}), "name overrides (to adopt existing names)"),
  environment: field(withDefault(z.record(envVarName, z.string()), {}), "plain environment variables"),
  secrets: field(
    withDefault(z.record(envVarName, secretRefSchema), {}),
    "container secrets: `{ parameter: <key of parameters> }`, `{ ssmParameter: <name or ARN> }` or `{ secretsManager: <name or ARN>, jsonKey? }`",
  ),
  databaseEnv: field(
    withDefault(z.record(envVarName, z.enum(DATABASE_VALUES)), {}),
    "`VAR: host|port|name|url|jdbcUrl` (environment) or `username|password` (secrets from the RDS-managed secret)",
  ),
  routing: field(optional(routingSchema), { description: "load balancer routing", defaultText: "none (Service Connect only), unless it is the only service" }),
  healthCheck: field(withDefault(targetHealthCheckSchema, targetHealthCheckSchema.parse({})), "target group health check"),
  containerHealthCheck: field(optional(containerHealthCheckSchema), { description: "container health check", defaultText: "none" }),
  healthCheckGracePeriod: field(withDefault(int(0, 2147483647), 60), "seconds ECS ignores failing load balancer health checks after a task starts"),
  deregistrationDelay: field(withDefault(int(0, 3600), 30), "seconds the target group drains a deregistering target"),
  desiredCount: field(optional(int(0, 1000)), { description: "initial task count", profile: "desiredCount" }),
  autoscaling: field(
    withDefault(autoscalingSchema, { enabled: true, cpuTarget: 60, memoryTarget: 75, requestsPerTarget: 1000 }),
    "target tracking on CPU, memory and requests",
  ),
  readonlyRootFilesystem: field(withDefault(bool, false), "read-only root file system"),
  user: field(optional(matching(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user or user:group")), {
    description: "container user, e.g. `1000:1000`",
    defaultText: "the image's",
  }),
  taskRole: field(withDefault(taskRoleSchema, { managedPolicyArns: [], statements: [] }), "the application's own AWS permissions"),
  serviceConnect: field(withDefault(bool, true), "publish as `<service>:<containerPort>` in the Service Connect namespace"),
});
