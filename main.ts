/**
 * Entry point for `cdktf synth` and `npm run synth` (both run
 * `node --require ./tools/register-ts.js main.ts`): validates the application definition, then
 * synthesizes one stack per environment (plus its bootstrap stack). Validation happens before the
 * App exists, so a bad configuration prints its problems and writes nothing to cdktf.out.
 *
 * Environment:
 *   ECS_PLATFORM_CONFIG   config module or JSON file to load (default: config/app.ts)
 *   ECS_PLATFORM_BACKEND  "s3" (default) or "local" to keep state on disk for experiments
 *   CDKTF_OUTDIR          output directory (set by cdktf; default cdktf.out)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { ConfigError, loadApp } from "./config";
import { PlatformStack } from "./stacks/platform-stack";
import { addBootstrapStacks } from "./stacks/bootstrap-stack";

export interface SynthOptions {
  readonly outdir?: string;
  readonly backend?: "s3" | "local";
}

/** Validates `input` and synthesizes every environment's stack; throws ConfigError before writing anything. */
export function synthesizeApp(input: unknown, options: SynthOptions = {}): App {
  const stacks = loadApp(input);
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

/**
 * Loads a config module (TypeScript or JavaScript) or JSON file. A missing file, or one that does
 * not compile or parse, is a ConfigError naming it (`label`: where the path came from).
 */
export function loadConfigModule(modulePath: string, label = "ECS_PLATFORM_CONFIG"): unknown {
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
    // tools/register-ts.js reports TypeScript that does not compile as a SyntaxError with file:line:column; so does require() for JSON.
    if (error instanceof SyntaxError) throw new ConfigError([{ path: label, message: `${JSON.stringify(resolved)} does not compile: ${error.message}` }]);
    throw error;
  }
}

function backendFromEnv(value: string | undefined): "s3" | "local" {
  if (value === undefined || value === "" || value === "s3") return "s3";
  if (value === "local") return "local";
  throw new ConfigError([{ path: "ECS_PLATFORM_BACKEND", message: `${JSON.stringify(value)} is not allowed; allowed: "s3" | "local"` }]);
}

/**
 * The command line: synthesizes the definition `loadConfig` returns; a ConfigError prints its
 * problems and exits 1 with nothing written.
 */
export function runCli(loadConfig: () => unknown): void {
  try {
    const backend = backendFromEnv(process.env.ECS_PLATFORM_BACKEND);
    synthesizeApp(loadConfig(), { backend });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(() => loadConfigModule(process.env.ECS_PLATFORM_CONFIG ?? path.join(__dirname, "config", "app.ts")));
}
