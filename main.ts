/**
 * Entry point for `cdktf synth` and `npm run synth` (both run
 * `node --require ./tools/register-ts.js main.ts`): validates the application definition, then
 * synthesizes one stack per environment (plus its bootstrap stack). Validation happens before the
 * App exists, so a bad configuration prints its problems and writes nothing to cdktf.out.
 *
 * Environment:
 *   ECS_PLATFORM_CONFIG   config module or JSON file to load (default: cdktf.json's
 *                         context.ecsPlatformConfig, which `npm run new-app` sets, else config/app.ts)
 *   ECS_PLATFORM_BACKEND  "s3" (default) or "local" to keep state on disk for experiments
 *   CDKTF_OUTDIR          output directory (set by cdktf; default cdktf.out)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { ConfigError, formatWarnings, parseJsonConfig, validateApp, type ConfigProblem } from "./config";
import { PlatformStack } from "./stacks/platform-stack";
import { addBootstrapStacks } from "./stacks/bootstrap-stack";

export interface SynthOptions {
  readonly outdir?: string;
  readonly backend?: "s3" | "local";
  /** Settings that have no effect. @default - printed on stderr */
  readonly onWarnings?: (warnings: readonly ConfigProblem[]) => void;
}

const printWarnings = (warnings: readonly ConfigProblem[]) => process.stderr.write(`${formatWarnings(warnings)}\n`);

/** Validates `input` and synthesizes every environment's stack; throws ConfigError before writing anything. */
export function synthesizeApp(input: unknown, options: SynthOptions = {}): App {
  const { stacks, warnings } = validateApp(input);
  if (warnings.length > 0) (options.onWarnings ?? printWarnings)(warnings);
  // cdktf creates only the last level of outdir; examples synthesize into nested folders.
  if (options.outdir) fs.mkdirSync(options.outdir, { recursive: true });
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const settings of stacks) new PlatformStack(app, settings.stackName, { settings, backend: options.backend });
  // One-time stacks (state bucket, CI roles) with local state: see docs/deploy.md.
  addBootstrapStacks(app, stacks);
  app.synth();
  return app;
}

/** The application definition exported by a config module (its default export, or the module itself). */
export function configFromModule(loaded: unknown): unknown {
  const { default: definition } = (loaded ?? {}) as { default?: unknown };
  return definition ?? loaded;
}

/** Whether a config path names a JSON file (as is, or with `.json` added, as require() resolves it). */
function jsonConfigFile(modulePath: string): string | undefined {
  const file = path.resolve(modulePath);
  if (file.toLowerCase().endsWith(".json")) return file;
  return !fs.existsSync(file) && fs.existsSync(`${file}.json`) ? `${file}.json` : undefined;
}

/**
 * Loads a config module (TypeScript or JavaScript) or JSON file. JSON is parsed here, not by
 * require(), which silently keeps the last of duplicate keys (config/json-file.ts). A missing file,
 * or one that does not compile or parse, is a ConfigError naming it (`label`: where the path came
 * from). A module may export a Promise of the definition; the CLI awaits it.
 */
export function loadConfigModule(modulePath: string, label = "ECS_PLATFORM_CONFIG"): unknown {
  const json = jsonConfigFile(modulePath);
  if (json && fs.existsSync(json)) return parseJsonConfig(fs.readFileSync(json, "utf8"), json);
  const file = path.resolve(modulePath);
  let resolved: string;
  try {
    resolved = require.resolve(file);
  } catch {
    throw new ConfigError([
      { path: label, message: `${JSON.stringify(file)} is not allowed; no such file (allowed: a config module such as config/app.ts or examples/<name>/config.ts, or a JSON file)` },
    ]);
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return configFromModule(require(resolved));
  } catch (error) {
    // tools/register-ts.js reports TypeScript that does not compile as a SyntaxError with file:line:column.
    if (error instanceof SyntaxError) throw new ConfigError([{ path: label, message: `${JSON.stringify(resolved)} does not compile: ${error.message}` }]);
    throw error;
  }
}

/** A config module's export, awaited when it is a Promise; a rejection is a ConfigError with its reason. */
async function settled(loaded: unknown): Promise<unknown> {
  if (!(loaded instanceof Promise)) return loaded;
  try {
    return configFromModule(await loaded);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ path: "ECS_PLATFORM_CONFIG", message: `the config module's Promise was rejected (${reason}); allowed: a Promise that resolves to the definition` }]);
  }
}

function backendFromEnv(value: string | undefined): "s3" | "local" {
  if (value === undefined || value === "" || value === "s3") return "s3";
  if (value === "local") return "local";
  throw new ConfigError([{ path: "ECS_PLATFORM_BACKEND", message: `${JSON.stringify(value)} is not allowed; allowed: "s3" | "local"` }]);
}

/**
 * The command line (`node --require ./tools/register-ts.js main.ts`): synthesizes the definition
 * `loadConfig` returns, awaited if it is a Promise; warnings go to stderr; a ConfigError prints its
 * problems and exits 1 with nothing written.
 */
export async function runCli(loadConfig: () => unknown): Promise<void> {
  try {
    const backend = backendFromEnv(process.env.ECS_PLATFORM_BACKEND);
    synthesizeApp(await settled(loadConfig()), { backend });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** cdktf.json's context key naming the application's config module (relative to the project). */
export const CONFIG_CONTEXT_KEY = "ecsPlatformConfig";

/**
 * The config module to synthesize: ECS_PLATFORM_CONFIG, else cdktf.json's
 * `context.ecsPlatformConfig` (set by `npm run new-app`), else the shipped config/app.ts.
 */
export function defaultConfigPath(root: string = __dirname, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ECS_PLATFORM_CONFIG) return env.ECS_PLATFORM_CONFIG;
  const cdktfJson = path.join(root, "cdktf.json");
  const context = fs.existsSync(cdktfJson) ? (JSON.parse(fs.readFileSync(cdktfJson, "utf8")) as { context?: Record<string, unknown> }).context : undefined;
  const selected = context?.[CONFIG_CONTEXT_KEY];
  return typeof selected === "string" && selected !== "" ? path.resolve(root, selected) : path.join(root, "config", "app.ts");
}

if (require.main === module) {
  void runCli(() => loadConfigModule(defaultConfigPath()));
}
