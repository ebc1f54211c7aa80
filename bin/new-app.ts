/**
 * Starts a new application: writes a commented config module, selects it in cdktf.json (so
 * `npm run synth`, `npx cdktf synth` and `npm run workflows` use it) and generates the workflows.
 *
 *   npm run new-app -- --name billing --shape web-api-postgres \
 *     --env dev:eu-west-1:111111111111 --env prod:eu-west-1:222222222222:billing-state-prod \
 *     [--github-repository acme/billing-infra] [--out apps/billing/config.ts] [--force]
 *
 * --env is name:region:accountId[:stateBucket] (bucket default `<app>-terraform-state-<account>`).
 * In a terminal, whatever is missing is asked for; otherwise missing flags are an error. The module
 * is validated before anything is written; an existing module is kept unless --force.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline/promises";
import { ConfigError, validateApp } from "../config";
import { CONFIG_CONTEXT_KEY, loadConfigModule } from "../main";
import { generateWorkflows } from "../tools/workflows";
import { SHAPES, SHAPE_DESCRIPTIONS, configModule, defaultStateBucket, workersSupported, type NewApp, type NewEnvironment, type Shape } from "../tools/new-app/template";

const PROJECT = path.join(__dirname, "..");

export interface NewAppOptions {
  readonly name: string;
  readonly shape: Shape;
  readonly environments: readonly NewEnvironment[];
  readonly githubRepository?: string;
  /** Project root that receives the module, cdktf.json's context and .github/workflows. @default this project */
  readonly root?: string;
  /** Module path relative to root. @default apps/<name>/config.ts */
  readonly out?: string;
  readonly force?: boolean;
}

export class UsageError extends Error {}

/** Parses `name:region:account[:bucket]`. */
export function parseEnvironment(spec: string, app: string): NewEnvironment {
  const [name, region, accountId, stateBucket, ...rest] = spec.split(":");
  if (!name || !region || !accountId || rest.length > 0) throw new UsageError(`--env ${JSON.stringify(spec)}: expected name:region:accountId[:stateBucket], e.g. dev:eu-west-1:111111111111`);
  return { name, region, accountId, stateBucket: stateBucket || defaultStateBucket(app, accountId) };
}

/** Writes the module, selects it and writes the workflows; returns the files written (relative to root). */
export function createApp(options: NewAppOptions): string[] {
  const root = path.resolve(options.root ?? PROJECT);
  if (!SHAPES.includes(options.shape)) throw new UsageError(`--shape ${JSON.stringify(options.shape)} is not allowed; allowed: ${SHAPES.join(" | ")}`);
  if (options.shape === "api-worker" && !workersSupported()) throw new UsageError('--shape api-worker needs service kinds (`kind: "worker"`), which this version of the schema does not have');
  if (options.environments.length === 0) throw new UsageError("at least one --env is required");
  const rel = options.out ?? path.join("apps", options.name, "config.ts");
  const file = path.resolve(root, rel);
  if (fs.existsSync(file) && !options.force) throw new UsageError(`${rel} exists; pass --force to overwrite it`);

  const configImport = path.relative(path.dirname(file), path.join(PROJECT, "config")).split(path.sep).join("/");
  const app: NewApp = { ...options, configImport: configImport.startsWith(".") ? configImport : `./${configImport}` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Validated from a sibling file (same relative import) before the real one is written.
  const draft = path.join(path.dirname(file), `.new-app-${process.pid}.ts`);
  fs.writeFileSync(draft, configModule(app));
  let stacks;
  try {
    stacks = validateApp(loadConfigModule(draft, "new-app")).stacks;
  } finally {
    fs.rmSync(draft, { force: true });
    delete require.cache[draft];
  }
  fs.writeFileSync(file, configModule(app));

  const cdktfJson = path.join(root, "cdktf.json");
  const cdktf = fs.existsSync(cdktfJson) ? JSON.parse(fs.readFileSync(cdktfJson, "utf8")) : JSON.parse(fs.readFileSync(path.join(PROJECT, "cdktf.json"), "utf8"));
  cdktf.context = { ...cdktf.context, [CONFIG_CONTEXT_KEY]: path.relative(root, file).split(path.sep).join("/") };
  fs.writeFileSync(cdktfJson, `${JSON.stringify(cdktf, null, 2)}\n`);

  const workflowDir = path.join(root, ".github", "workflows");
  fs.mkdirSync(workflowDir, { recursive: true });
  const workflows = generateWorkflows(stacks);
  for (const [name, text] of Object.entries(workflows)) fs.writeFileSync(path.join(workflowDir, name), text);
  return [path.relative(root, file), "cdktf.json", ...Object.keys(workflows).map((n) => path.join(".github", "workflows", n))];
}

interface Flags {
  name?: string;
  shape?: string;
  envs: string[];
  githubRepository?: string;
  out?: string;
  root?: string;
  force: boolean;
}

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = { envs: [], force: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--name") flags.name = value();
    else if (arg === "--shape") flags.shape = value();
    else if (arg === "--env") flags.envs.push(value());
    else if (arg === "--github-repository") flags.githubRepository = value();
    else if (arg === "--out") flags.out = value();
    else if (arg === "--root") flags.root = value();
    else if (arg === "--force") flags.force = true;
    else throw new UsageError(`unknown option ${arg}; see bin/new-app.ts`);
  }
  return flags;
}

/** Asks for what the flags left out (only in a terminal). */
async function prompt(flags: Flags): Promise<Flags> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (question: string, fallback?: string) => (await rl.question(fallback ? `${question} [${fallback}]: ` : `${question}: `)).trim() || fallback || "";
  try {
    const name = flags.name ?? (await ask("Application name (lowercase letters, digits, '-')"));
    const shapes = SHAPES.filter((s) => s !== "api-worker" || workersSupported());
    const shape = flags.shape ?? (await ask(`Shape (${shapes.map((s) => `${s}: ${SHAPE_DESCRIPTIONS[s]}`).join("; ")})`, "web"));
    let envs = flags.envs;
    if (envs.length === 0) {
      const names = (await ask("Environments, in deploy order", "dev,prod")).split(",").map((n) => n.trim()).filter(Boolean);
      envs = [];
      for (const env of names) {
        const region = await ask(`${env}: AWS region`, "eu-west-1");
        const account = await ask(`${env}: AWS account ID (12 digits)`);
        const bucket = await ask(`${env}: Terraform state bucket`, defaultStateBucket(name, account));
        envs.push(`${env}:${region}:${account}:${bucket}`);
      }
    }
    const githubRepository = flags.githubRepository ?? ((await ask("GitHub repository of this infrastructure (owner/name, empty for none)", "")) || undefined);
    return { ...flags, name, shape, envs, githubRepository };
  } finally {
    rl.close();
  }
}

async function main(args: readonly string[]): Promise<number> {
  try {
    let flags = parseFlags(args);
    const missing = !flags.name || !flags.shape || flags.envs.length === 0;
    if (missing && process.stdin.isTTY) flags = await prompt(flags);
    else if (missing) throw new UsageError("--name, --shape and at least one --env are required when not run in a terminal");
    const name = flags.name!;
    const written = createApp({
      name,
      shape: flags.shape as Shape,
      environments: flags.envs.map((e) => parseEnvironment(e, name)),
      githubRepository: flags.githubRepository,
      root: flags.root,
      out: flags.out,
      force: flags.force,
    });
    process.stdout.write(`${written.map((f) => `wrote ${f}`).join("\n")}\nNext: npm run synth (cdktf.out/stacks/${name}-<env>/), then docs/deploy.md.\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`new-app: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
