import { TerraformElement, Testing } from "cdktf";
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

export interface Synthesized {
  /** Synthesized Terraform JSON as cdktf's Testing matchers expect it. */
  readonly json: string;
  readonly tf: TerraformJson;
  readonly stack: PlatformStack;
  readonly settings: StackSettings;
}

export interface TerraformJson {
  terraform: Record<string, any>;
  provider: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  variable?: Record<string, any>;
  /** Construct path of every element by logical ID (not part of the synthesized JSON). */
  paths: Record<string, string>;
}

/** Synthesizes the stack of `environment` (default: the first) of a config. */
export function synth(config: AppConfigInput, environment?: string): Synthesized {
  const all = loadApp(config);
  const settings = environment ? all.find((s) => s.environment === environment)! : all[0];
  const stack = new PlatformStack(Testing.app(), settings.stackName, { settings });
  const json = Testing.synth(stack);
  const tf = JSON.parse(json) as TerraformJson;
  tf.paths = {};
  for (const node of stack.node.findAll()) {
    if (node instanceof TerraformElement) tf.paths[node.friendlyUniqueId] = node.node.path;
  }
  return { json, tf, stack, settings };
}

/** All resources of one type, keyed by logical ID. */
export function resources(tf: TerraformJson, type: string): Record<string, any> {
  return tf.resource[type] ?? {};
}

export function resourceList(tf: TerraformJson, type: string): any[] {
  return Object.values(resources(tf, type));
}

/** Logical IDs in `table` whose construct path ends with `pathSuffix` (e.g. "network/vpc"). */
function findIds(tf: TerraformJson, table: Record<string, any>, pathSuffix: string): string[] {
  return Object.keys(table).filter((id) => {
    const path = tf.paths[id] ?? "";
    return path === pathSuffix || path.endsWith(`/${pathSuffix}`);
  });
}

/** The single resource of `type` whose construct path ends with `pathSuffix`. */
export function resourceAt(tf: TerraformJson, type: string, pathSuffix: string): any {
  const table = resources(tf, type);
  const ids = findIds(tf, table, pathSuffix);
  if (ids.length !== 1) throw new Error(`expected one ${type} at *${pathSuffix}, found ${ids.length}`);
  return table[ids[0]];
}

export function dataAt(tf: TerraformJson, type: string, pathSuffix: string): any {
  const table = tf.data?.[type] ?? {};
  const ids = findIds(tf, table, pathSuffix);
  if (ids.length !== 1) throw new Error(`expected one data ${type} at *${pathSuffix}, found ${ids.length}`);
  return table[ids[0]];
}

/** Terraform reference `${type.logicalId.attribute}` of a resource found by construct path. */
export function refOf(tf: TerraformJson, type: string, pathSuffix: string, attribute: string, data = false): string {
  const table = data ? tf.data?.[type] ?? {} : tf.resource[type] ?? {};
  const ids = findIds(tf, table, pathSuffix);
  if (ids.length !== 1) throw new Error(`expected one ${type} at *${pathSuffix}, found ${ids.length}`);
  return `\${${data ? "data." : ""}${type}.${ids[0]}.${attribute}}`;
}

/** Parsed container definitions of the task definition of `service`. */
export function containers(tf: TerraformJson, service: string): any[] {
  return JSON.parse(resourceAt(tf, "aws_ecs_task_definition", `service-${service}/task-definition`).container_definitions);
}

/** Statements of an aws_iam_policy_document data source found by construct path. */
export function policyStatements(tf: TerraformJson, pathSuffix: string): any[] {
  return dataAt(tf, "aws_iam_policy_document", pathSuffix).statement;
}
