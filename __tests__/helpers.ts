import { TerraformElement, Testing } from "cdktf";
import type { Construct } from "constructs";
import { loadApp, type AppConfigInput, type StackSettings } from "../config";
import { PlatformStack } from "../stacks/platform-stack";

/** A small valid application: one routed web service, one API with a database, dev + prod. */
export function sampleConfig(): AppConfigInput {
  return {
    app: "demo",
    services: {
      web: { containerPort: 3000, routing: { default: true }, healthCheck: { path: "/health" } },
      api: {
        containerPort: 8080,
        cpu: 512,
        memory: 1024,
        routing: { pathPatterns: ["/api/*"], priority: 100 },
        databaseEnv: { DB_HOST: "host", DB_PORT: "port", DB_NAME: "name", DB_USER: "username", DB_PASSWORD: "password" },
      },
    },
    database: {},
    environments: {
      dev: { region: "eu-west-1", allowedAccountIds: ["111111111111"], state: { bucket: "demo-state-dev" } },
      prod: { region: "eu-west-1", allowedAccountIds: ["222222222222"], state: { bucket: "demo-state-prod" } },
    },
  };
}

// ---- The synthesized JSON, typed loosely: attribute values are `unknown` until a test narrows them.

/** The attributes of one block (a resource, data source, variable, ...) as synthesized. */
export type Attributes = Record<string, unknown>;

export interface TerraformJson {
  readonly terraform: {
    readonly required_providers?: Record<string, { readonly source: string; readonly version: string }>;
    readonly backend?: Record<string, Attributes>;
  };
  readonly provider?: Record<string, Attributes[]>;
  /** Blocks by type, then by logical ID (always present, empty when nothing was created). */
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly data?: Record<string, Record<string, Attributes>>;
  readonly output?: Record<string, { readonly value: unknown; readonly description?: string; readonly sensitive?: boolean }>;
  readonly variable?: Record<string, Attributes>;
  /** Construct path of every element by logical ID (not part of the synthesized JSON). */
  readonly paths: Record<string, string>;
}

/** Parses synthesized JSON and records the construct path of every element under `root`. */
function parseTerraform(json: string, root: Construct): TerraformJson {
  const paths: Record<string, string> = {};
  for (const node of root.node.findAll()) {
    if (node instanceof TerraformElement) paths[node.friendlyUniqueId] = node.node.path;
  }
  const parsed = JSON.parse(json) as Omit<TerraformJson, "paths" | "resource"> & { resource?: TerraformJson["resource"] };
  return { ...parsed, resource: parsed.resource ?? {}, paths };
}

export interface Synthesized {
  /** Synthesized Terraform JSON as cdktf's Testing matchers expect it. */
  readonly json: string;
  readonly tf: TerraformJson;
  readonly stack: PlatformStack;
  readonly settings: StackSettings;
}

/** Synthesizes the stack of `environment` (default: the first) of a config. */
export function synth(config: AppConfigInput, environment?: string): Synthesized {
  const all = loadApp(config);
  const settings = environment ? all.find((s) => s.environment === environment) : all[0];
  if (!settings) throw new Error(`no environment ${environment}`);
  const stack = new PlatformStack(Testing.app(), settings.stackName, { settings });
  const json = Testing.synth(stack);
  return { json, tf: parseTerraform(json, stack), stack, settings };
}

export interface SynthesizedScope<T> {
  readonly json: string;
  readonly tf: TerraformJson;
  /** What `build` returned (usually the construct under test). */
  readonly built: T;
}

/** Synthesizes what `build` creates in an empty stack (cdktf's Testing.synthScope). */
export function synthScope<T>(build: (scope: Construct) => T): SynthesizedScope<T> {
  let root: Construct | undefined;
  let built: T | undefined;
  const json = Testing.synthScope((scope) => {
    root = scope;
    built = build(scope);
  });
  return { json, tf: parseTerraform(json, root!), built: built as T };
}

/** All resources of one type, keyed by logical ID; `T` names the attributes a test reads. */
export function resources<T extends object = Attributes>(tf: TerraformJson, type: string): Record<string, T> {
  return (tf.resource[type] ?? {}) as Record<string, T>;
}

export function resourceList<T extends object = Attributes>(tf: TerraformJson, type: string): T[] {
  return Object.values(resources<T>(tf, type));
}

/** Logical IDs in `table` whose construct path ends with `pathSuffix` (e.g. "network/vpc"). */
function findIds(tf: TerraformJson, table: Record<string, unknown>, pathSuffix: string): string[] {
  return Object.keys(table).filter((id) => {
    const path = tf.paths[id] ?? "";
    return path === pathSuffix || path.endsWith(`/${pathSuffix}`);
  });
}

function onlyId(tf: TerraformJson, table: Record<string, unknown>, what: string, pathSuffix: string): string {
  const ids = findIds(tf, table, pathSuffix);
  if (ids.length !== 1) throw new Error(`expected one ${what} at *${pathSuffix}, found ${ids.length}`);
  return ids[0];
}

/** The single resource of `type` whose construct path ends with `pathSuffix`. */
export function resourceAt<T extends object = Attributes>(tf: TerraformJson, type: string, pathSuffix: string): T {
  const table = resources<T>(tf, type);
  return table[onlyId(tf, table, type, pathSuffix)];
}

export function dataAt<T extends object = Attributes>(tf: TerraformJson, type: string, pathSuffix: string): T {
  const table = (tf.data?.[type] ?? {}) as Record<string, T>;
  return table[onlyId(tf, table, `data ${type}`, pathSuffix)];
}

/** Terraform reference `${type.logicalId.attribute}` of a resource found by construct path. */
export function refOf(tf: TerraformJson, type: string, pathSuffix: string, attribute: string, data = false): string {
  const table = (data ? tf.data?.[type] : tf.resource[type]) ?? {};
  return `\${${data ? "data." : ""}${type}.${onlyId(tf, table, type, pathSuffix)}.${attribute}}`;
}

/** Terraform address `type.logicalId` of a resource found by construct path, as `depends_on` lists it. */
export function addressOf(tf: TerraformJson, type: string, pathSuffix: string): string {
  return `${type}.${onlyId(tf, tf.resource[type] ?? {}, type, pathSuffix)}`;
}

/** An attribute that holds JSON text (a lifecycle policy, container definitions), parsed. */
export function parsedAttribute<T>(block: Attributes, attribute: string): T {
  const text = block[attribute];
  if (typeof text !== "string") throw new Error(`${attribute} is not JSON text: ${String(text)}`);
  return JSON.parse(text) as T;
}

/** A container definition as ECS stores it (constructs/container-definition.ts). */
export interface ContainerJson {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly portMappings: readonly { name: string; containerPort: number; hostPort: number; protocol: string; appProtocol: string }[];
  readonly environment: readonly { name: string; value: string }[];
  readonly secrets: readonly { name: string; valueFrom: string }[];
  readonly logConfiguration: { readonly logDriver: string; readonly options: Record<string, string> };
  readonly healthCheck?: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
  readonly readonlyRootFilesystem: boolean;
  readonly user?: string;
  readonly mountPoints: readonly unknown[];
  readonly volumesFrom: readonly unknown[];
  readonly systemControls: readonly unknown[];
}

/** Parsed container definitions of the task definition of `service`. */
export function containers(tf: TerraformJson, service: string): ContainerJson[] {
  return parsedAttribute(resourceAt(tf, "aws_ecs_task_definition", `service-${service}/task-definition`), "container_definitions");
}

/** One statement of an aws_iam_policy_document data source. */
export interface PolicyStatementJson {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly principals?: { type: string; identifiers: string[] }[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

/** Statements of an aws_iam_policy_document data source found by construct path. */
export function policyStatements(tf: TerraformJson, pathSuffix: string): PolicyStatementJson[] {
  return dataAt<{ statement: PolicyStatementJson[] }>(tf, "aws_iam_policy_document", pathSuffix).statement;
}

/** The statement `sid` of a policy document found by construct path. */
export function policyStatement(tf: TerraformJson, pathSuffix: string, sid: string): PolicyStatementJson {
  const statement = policyStatements(tf, pathSuffix).find((s) => s.sid === sid);
  if (!statement) throw new Error(`no statement ${sid} in ${pathSuffix}`);
  return statement;
}

/** A standalone security group rule (aws_vpc_security_group_ingress_rule / _egress_rule). */
export interface SecurityGroupRuleJson {
  readonly security_group_id: string;
  readonly description: string;
  readonly ip_protocol: string;
  readonly from_port: number;
  readonly to_port: number;
  readonly cidr_ipv4?: string;
  readonly cidr_ipv6?: string;
  readonly referenced_security_group_id?: string;
}
