/**
 * Every AWS name the platform derives, in one place: from the application, the environment and
 * the service keys, unless configuration overrides it (`names.*`, `services.<name>.names.*`,
 * `repository.name`, `loadBalancer.name`, `database.identifier`, `parameters.<key>.name`).
 * Rules check the results (uniqueness, AWS limits), not what was typed.
 */
import { createHash } from "node:crypto";
import type { AppConfig, ServiceConfig } from "./schema";
import type { ServiceNames, StackNames } from "./settings";
import { own } from "./maps";

/** AWS name limits (ALB, target group: 32) are met by truncating and adding a stable hash. */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, max - 7).replace(/-+$/, "")}-${hash}`;
}

/** `<app>-<env>`: stack name and prefix of generated names. */
export function stackPrefix(app: string, environment: string): string {
  return `${app}-${environment}`;
}

export function stackNames(config: AppConfig, environment: string, loadBalancerName: string | undefined): StackNames {
  const prefix = stackPrefix(config.app, environment);
  const overrides = config.names;
  const cluster = overrides.cluster ?? prefix;
  return {
    prefix,
    vpc: overrides.vpc ?? prefix,
    cluster,
    execLogGroup: `/ecs/${cluster}/exec`,
    albSecurityGroup: overrides.albSecurityGroup ?? `${prefix}-alb`,
    taskSecurityGroup: overrides.taskSecurityGroup ?? `${prefix}-tasks`,
    databaseSecurityGroup: overrides.databaseSecurityGroup ?? `${prefix}-db`,
    instanceSecurityGroup: `${prefix}-instances`,
    endpointSecurityGroup: `${prefix}-endpoints`,
    executionSecretsPolicy: overrides.executionSecretsPolicy ?? "read-task-secrets",
    flowLogGroup: `/aws/vpc-flow-logs/${prefix}`,
    flowLogRole: `${prefix}-vpc-flow-logs`,
    loadBalancer: loadBalancerName ?? shortName(prefix, 32),
    // S3 bucket_prefix allows 37 characters (Terraform appends 26).
    accessLogBucketPrefix: `${prefix}-alb-logs-`.slice(0, 37),
    alarmTopic: `${prefix}-alarms`,
    ec2InstanceRole: `${prefix}-ecs-instance`,
    ec2LaunchTemplatePrefix: `${prefix}-ecs-`,
    ec2CapacityProvider: `${prefix}-ec2`,
    ciPlanRole: `${prefix}-ci-plan`,
    ciApplyRole: `${prefix}-ci-apply`,
    ciDeployRole: `${prefix}-ci-deploy`,
    permissionsBoundary: `${prefix}-permissions-boundary`,
    bootstrapStack: `${prefix}-bootstrap`,
  };
}

/** `repositoryOverride`: the environment's `services.<key>.repositoryName`. */
export function serviceNames(config: AppConfig, environment: string, key: string, service: ServiceConfig, repositoryOverride?: string): ServiceNames {
  const prefix = stackPrefix(config.app, environment);
  const overrides = service.names;
  return {
    service: overrides.service ?? key,
    taskFamily: overrides.taskFamily ?? `${prefix}-${key}`,
    container: overrides.container ?? key,
    logGroup: overrides.logGroup ?? `/ecs/${prefix}/${key}`,
    targetGroup: overrides.targetGroup ?? shortName(`${prefix}-${key}`, 32),
    taskRole: overrides.taskRole ?? shortName(`${prefix}-${key}-task`, 64),
    // One execution role per service (it reads only that service's secrets); names.executionRole is their prefix.
    executionRole: shortName(`${config.names.executionRole ?? prefix}-${key}-execution`, 64),
    repository: repositoryOverride ?? service.repository.name ?? `${config.app}/${key}`,
    databaseSecret: `/${config.app}/${environment}/${key}/database`,
    databaseUser: key.toLowerCase().replace(/[^a-z0-9_]/g, "_"),
  };
}

/** A job's schedule, its scheduler role and its dead-letter queue. */
export function scheduleNames(config: AppConfig, environment: string, key: string): { name: string; roleName: string; deadLetterQueueName: string } {
  const prefix = stackPrefix(config.app, environment);
  return {
    name: shortName(`${prefix}-${key}`, 64),
    roleName: shortName(`${prefix}-${key}-scheduler`, 64),
    deadLetterQueueName: shortName(`${prefix}-${key}-dlq`, 80),
  };
}

export interface DatabaseNames {
  readonly identifier: string;
  readonly subnetGroupName: string;
  /** name_prefix of the parameter group (a new group per engine family, created before the old one goes). */
  readonly parameterGroupPrefix: string;
  readonly finalSnapshotIdentifier: string;
  readonly databaseName: string;
}

export function databaseNames(config: AppConfig, environment: string, parameterGroupFamily: string): DatabaseNames {
  const prefix = stackPrefix(config.app, environment);
  const identifier = config.database?.identifier ?? prefix;
  return {
    identifier,
    subnetGroupName: config.database?.subnetGroupName ?? `${prefix}-db`,
    parameterGroupPrefix: `${identifier}-${parameterGroupFamily}-`,
    finalSnapshotIdentifier: `${identifier}-final`,
    databaseName: config.database?.databaseName ?? config.app.replace(/-/g, "_"),
  };
}

export function parameterName(config: AppConfig, environment: string, key: string): string {
  return own(config.parameters, key)?.name ?? `/${config.app}/${environment}/${key}`;
}

/** The key of an environment's state object. */
export function stateKey(keyPrefix: string, app: string, environment: string): string {
  return `${keyPrefix}${app}/${environment}/terraform.tfstate`;
}

// --- issue 14: release strategies ---
/** The alternate ("green") target group of an ECS-native release, next to the service's own. */
export function alternateTargetGroupName(targetGroup: string): string {
  return shortName(`${targetGroup}-alt`, 32);
}

/** The role ECS assumes to move listener rules and invoke lifecycle hooks. */
export function releaseRoleName(prefix: string): string {
  return shortName(`${prefix}-ecs-release`, 64);
}
/** Security group, role, instance profile and Name tag of the NAT instance. */
export function natInstanceName(prefix: string): string {
  return `${prefix}-nat`;
}

/** WAF log groups must be named `aws-waf-logs-*`. */
export function wafLogGroupName(prefix: string): string {
  return `aws-waf-logs-${prefix}`;
}
// --- end issue 14 ---
