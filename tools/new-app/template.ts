/**
 * The config module `npm run new-app` writes: a commented `defineApp({...})` for one of the
 * starting shapes, with the environments the user gave. The text is built here, not copied from
 * config/app.ts, so every template validates on the first run (__tests__/new-app.test.ts).
 */
import { serviceSchema } from "../../config/schema/service";

export const SHAPES = ["web", "web-api-postgres", "api-worker"] as const;
export type Shape = (typeof SHAPES)[number];

export const SHAPE_DESCRIPTIONS: Readonly<Record<Shape, string>> = {
  web: "one web service behind the load balancer",
  "web-api-postgres": "a web front end and an API (under /api/*) with a PostgreSQL database",
  "api-worker": "an API behind the load balancer and a queue worker without a port",
};

/** The worker shape needs service kinds (`kind: "worker"`) in the schema. */
export const workersSupported = (): boolean => "kind" in (serviceSchema as unknown as { shape: Record<string, unknown> }).shape;

export interface NewEnvironment {
  /** Config key and stack suffix: 1–10 lowercase letters and digits. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly stateBucket: string;
}

export interface NewApp {
  /** `app`: 1–20 lowercase letters, digits and '-' (checked by the schema on the first synth). */
  readonly name: string;
  readonly shape: Shape;
  readonly environments: readonly NewEnvironment[];
  /** `owner/name` of the infrastructure repository; enables the bootstrap stack's CI roles. */
  readonly githubRepository?: string;
  /** Import path of config/index.ts as seen from the written module. */
  readonly configImport: string;
}

/** `<app>-terraform-state-<account>`, the shipped config's convention (S3 names are global). */
export const defaultStateBucket = (app: string, accountId: string) => `${app}-terraform-state-${accountId}`;

const q = (value: string) => JSON.stringify(value);
const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");

const WEB = `web: {
  // The port the container listens on; the load balancer's target group sends traffic here.
  containerPort: 3000,
  cpu: 256,
  memory: 512,
  healthCheck: { path: "/health" },
  // The default route: every request no other rule matches.
  routing: { default: true },
},`;

const API = (withDatabase: boolean) => `api: {
  containerPort: 8080,
  cpu: 512,
  memory: 1024,
  healthCheck: { path: "/health" },
  // Requests under /api/ go to this service; lower priorities are evaluated first.
  routing: ${withDatabase ? '{ pathPatterns: ["/api/*"], priority: 100 }' : "{ default: true }"},${
    withDatabase
      ? `
  // Database connection settings as environment variables; the password comes from the
  // RDS-managed secret and never appears in the configuration or the task definition.
  databaseEnv: { DB_HOST: "host", DB_PORT: "port", DB_NAME: "name", DB_USER: "username", DB_PASSWORD: "password" },`
      : ""
  }
},`;

const WORKER = `worker: {
  // No port, no target group, no load balancer rule: it consumes work from a queue.
  kind: "worker",
  cpu: 256,
  memory: 512,
},`;

function services(shape: Shape): string {
  if (shape === "web") return WEB;
  if (shape === "web-api-postgres") return `${WEB}\n${API(true)}`;
  return `${API(false)}\n${WORKER}`;
}

function environment(app: NewApp, env: NewEnvironment, index: number): string {
  const production = env.name === "prod";
  const ci = app.githubRepository
    ? `\n  // The bootstrap stack's CI roles trust this repository${production ? "; applies run in the `production` GitHub environment" : ""}.\n  ci: { githubRepository: ${q(app.githubRepository)}${production ? ', applyEnvironment: "production"' : ""} },`
    : "";
  return `${env.name}: {
  region: ${q(env.region)},
  // Terraform refuses to run against any other account.
  allowedAccountIds: [${q(env.accountId)}],
  // One VPC per environment; distinct ranges keep peering or a VPN possible later.
  network: { cidr: "10.${(index + 1) * 10}.0.0/16", azCount: ${production ? 3 : 2}, natGateways: ${production ? '"perAz"' : '"single"'} },
  // Where Terraform keeps this environment's state (created by the bootstrap stack, docs/deploy.md).
  state: { bucket: ${q(env.stateBucket)} },${ci}
},`;
}

/** The config module's text. */
export function configModule(app: NewApp): string {
  const database =
    app.shape === "web-api-postgres"
      ? `
  // PostgreSQL on RDS in the private subnets; production environments get Multi-AZ and deletion
  // protection from the production profile (README, "Configuration reference").
  database: { engineVersion: "16", allocatedStorage: 20, maxAllocatedStorage: 100 },`
      : "";
  return `/**
 * ${app.name}: ${SHAPE_DESCRIPTIONS[app.shape]}.
 * Written by \`npm run new-app\`; edit freely. Every field is described in README's
 * "Configuration reference" (generated from config/schema/).
 *
 *   npm run synth        # validates, then writes cdktf.out/stacks/<app>-<env>/
 *   npm run workflows    # regenerates .github/workflows/ after you add or rename an environment
 */
import { defineApp } from ${q(app.configImport)};

export default defineApp({
  app: ${q(app.name)},
  services: {
${indent(services(app.shape), "    ")}
  },${database}
  // One stack per environment: <app>-<env>. An environment named \`prod\` uses the production profile.
  environments: {
${app.environments.map((env, i) => indent(environment(app, env, i), "    ")).join("\n")}
  },
});
`;
}
