/** The application definition: services, database, parameters and environments. */
import * as z from "zod/mini";
import {
  DATABASE_VALUES, type DatabaseValue, field, iamRoleName, instanceClass, int, matching, matchingPattern,
  optional, port, resourceName, securityGroupName, tagValue, withDefault, bool,
} from "./primitives";
import { environmentSchema } from "./environment";
import { serviceSchema } from "./service";

/** DATABASE_VALUES a parameter may hold: the password stays in the RDS-managed secret. */
const PARAMETER_DATABASE_VALUES = DATABASE_VALUES.filter((v): v is Exclude<DatabaseValue, "password"> => v !== "password");

const parameterSchema = z.strictObject({
  name: field(optional(matching(/^\/[A-Za-z0-9_.\-/]{1,1010}$/, "must be a path starting with '/' of letters, digits, _ . - / (at most 1011 characters)")), {
    description: "SSM parameter name (the secret's name for an out-of-band `SecureString`)",
    defaultText: "`/<app>/<env>/<key>`",
    allowed: "`/` then letters, digits, `_ . - /`; ≤ 1011 characters, ≤ 15 levels; not `/aws…` or `/ssm…`",
  }),
  type: field(withDefault(z.enum(["String", "SecureString"]), "SecureString"), "SSM parameter type; an out-of-band `SecureString` is a Secrets Manager secret"),
  description: field(optional(z.string().check(z.maxLength(1024))), { description: "SSM parameter description", defaultText: "generated" }),
  valueFrom: field(
    optional(
      z.union(
        [
          z.strictObject({ database: z.enum(PARAMETER_DATABASE_VALUES) }),
          z.strictObject({ loadBalancer: z.literal("url"), suffix: withDefault(z.string(), "") }),
          z.strictObject({ literal: z.string() }),
        ],
        { error: "allowed: { database: host|port|name|username|url|jdbcUrl } | { loadBalancer: \"url\", suffix?: <text> } | { literal: <text> }" },
      ),
    ),
    {
      description:
        "`{ database: host|port|name|username|url|jdbcUrl }`, `{ loadBalancer: \"url\", suffix? }` or `{ literal }`; without it the value is set out of band and never reaches Terraform state or plans: a `SecureString` becomes a Secrets Manager secret of that name with no Terraform-managed value (`aws secretsmanager put-secret-value`), a `String` an SSM parameter with a placeholder Terraform never resets (`aws ssm put-parameter --overwrite`)",
      defaultText: "none",
      allowed: "`literal`: 1 byte to 4 KB (SSM Standard tier)",
    },
  ),
});

const PG_ALLOWED = "1–63 letters, digits, `_`, starting with a letter";
const pgIdentifier = matching(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter and contain letters, digits, '_'");

const databaseSchema = z.strictObject({
  identifier: field(optional(matching(/^[a-z][a-z0-9-]{0,62}$/, "must be lowercase letters, digits, '-', starting with a letter")), {
    description: "RDS instance identifier",
    defaultText: "`<app>-<env>`",
    allowed: "1–63 lowercase letters, digits, `-`; starts with a letter; no `--`, no trailing `-`",
  }),
  subnetGroupName: field(optional(matching(/^[a-z0-9 ._-]{1,255}$/, "must be lowercase letters, digits, spaces, '.', '_', '-'")), {
    description: "DB subnet group name",
    defaultText: "`<app>-<env>-db`",
    allowed: "1–255 lowercase letters, digits, spaces, `. _ -`; not `default`",
  }),
  engineVersion: field(
    withDefault(matching(/^(1[2-9])(\.\d+)?$/, "must be a PostgreSQL version such as 16 or 16.4 (12–19)"), "16"),
    {
      description: "PostgreSQL version; a major-only value lets automatic minor upgrades happen without a plan diff",
      allowed: "a version RDS offers (config/data/rds-postgres-versions.ts, dated)",
    },
  ),
  instanceClass: field(optional(instanceClass), { description: "RDS instance class", profile: "databaseInstanceClass", allowed: "`db.<class>.<size>`" }),
  allocatedStorage: field(withDefault(int(20, 65536), 20), "GiB of gp3 storage"),
  maxAllocatedStorage: field(withDefault(int(0, 65536), 100), "storage autoscaling ceiling in GiB (0 = off)"),
  databaseName: field(optional(pgIdentifier), { description: "initial database", defaultText: "app name with `_`", allowed: PG_ALLOWED }),
  masterUsername: field(withDefault(pgIdentifier, "dbadmin"), {
    description: "not the well-known `postgres`; the password is generated and stored by RDS in Secrets Manager, never in config or state, and never handed to services (changing it replaces the instance: an existing database keeps its name by setting it)",
    allowed: PG_ALLOWED,
  }),
  port: field(withDefault(port, 5432), "database port"),
  backupRetentionDays: field(withDefault(int(0, 35), 7), "automated backup retention (days)"),
  performanceInsights: field(withDefault(bool, true), "Performance Insights (7-day retention)"),
});

const SG_ALLOWED = "letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`; not `sg-…` or `default`";

const sharedNamesSchema = z.strictObject({
  vpc: field(optional(tagValue), { description: "VPC Name tag", defaultText: "`<app>-<env>`", allowed: "a tag value: letters, digits, spaces, `_ . : / = + - @`" }),
  cluster: field(optional(matchingPattern(/^[A-Za-z0-9_-]{1,255}$/)), {
    description: "ECS cluster (and Service Connect namespace) name",
    defaultText: "`<app>-<env>`",
    allowed: "1–255 letters, digits, `_`, `-`",
  }),
  albSecurityGroup: field(optional(securityGroupName), { description: "ALB security group name", defaultText: "`<app>-<env>-alb`", allowed: SG_ALLOWED }),
  taskSecurityGroup: field(optional(securityGroupName), { description: "task security group name", defaultText: "`<app>-<env>-tasks`", allowed: SG_ALLOWED }),
  databaseSecurityGroup: field(optional(securityGroupName), { description: "database security group name", defaultText: "`<app>-<env>-db`", allowed: SG_ALLOWED }),
  executionRole: field(optional(iamRoleName), {
    description: "prefix of the task execution role names: each service has its own, `<prefix>-<service>-execution` (cut to 64 with a hash)",
    defaultText: "`<app>-<env>`",
    allowed: "1–64 of `A-Za-z0-9+=,.@_-`",
  }),
  executionSecretsPolicy: field(optional(matchingPattern(/^[\w+=,.@-]{1,128}$/)), {
    description: "name of the execution role's inline policy that reads parameters and secrets",
    defaultText: "`read-task-secrets`",
    allowed: "1–128 of `A-Za-z0-9+=,.@_-`",
  }),
});

export const appSchema = z.strictObject({
  $schema: field(optional(z.string()), { description: "JSON configurations only: the editor schema, e.g. `../config/app.schema.json` (ignored)", defaultText: "none" }),
  app: field(resourceName, { description: "application name, used in generated resource names", allowed: "2–24 of `a-z 0-9 -`, starting with a letter" }),
  services: field(z.record(resourceName, serviceSchema), { description: "the services, keyed by name", defaultText: "required (≥ 1)", allowed: "keys: 2–24 of `a-z 0-9 -`, starting with a letter" }),
  database: field(optional(databaseSchema), { description: "managed PostgreSQL", defaultText: "none" }),
  parameters: field(
    withDefault(z.record(matching(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '_' or '-'"), parameterSchema), {}),
    { description: "SSM parameters the stack creates, referenced from `secrets`", allowed: "keys: letters, digits, `_`, `-`" },
  ),
  names: field(withDefault(sharedNamesSchema, {}), "override generated names of shared resources (to adopt existing naming)"),
  environments: field(
    z.record(matching(/^[a-z][a-z0-9]{0,9}$/, "must be 1–10 lowercase letters/digits, starting with a letter"), environmentSchema),
    { description: "per-environment settings", defaultText: "required (≥ 1)", allowed: "names: 1–10 lowercase letters and digits, starting with a letter" },
  ),
});

export type AppConfigInput = z.input<typeof appSchema>;
export type AppConfig = z.output<typeof appSchema>;
export type ServiceConfig = AppConfig["services"][string];
export type EnvironmentConfig = AppConfig["environments"][string];
export type DatabaseConfig = NonNullable<AppConfig["database"]>;
export type ParameterConfig = AppConfig["parameters"][string];
export type SecretRef = ServiceConfig["secrets"][string];
