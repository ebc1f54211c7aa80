/**
 * Entry point for `cdktf synth` and `npm run synth` (both start it through scripts/synth.js, which
 * bundles it): validates the application definition, then synthesizes one stack per environment
 * (plus its bootstrap stack). Validation happens before the App exists, so a bad configuration
 * prints its problems and writes nothing to cdktf.out.
 *
 * Environment:
 *   ECS_PLATFORM_CONFIG        config module to load (default: config/app.ts)
 *   ECS_PLATFORM_BACKEND       "s3" (default) or "local" to keep state on disk for experiments
 *   ECS_PLATFORM_STACK_TRACES  "1" keeps cdktf's token creation stack traces (slower; for debugging)
 *   CDKTF_OUTDIR               output directory (set by cdktf; default cdktf.out)
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

export function loadConfigModule(modulePath: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return configFromModule(require(path.resolve(modulePath)));
}

function backendFromEnv(value: string | undefined): "s3" | "local" {
  if (value === undefined || value === "" || value === "s3") return "s3";
  if (value === "local") return "local";
  throw new ConfigError([{ path: "ECS_PLATFORM_BACKEND", message: `${JSON.stringify(value)} is not allowed; allowed: "s3" | "local"` }]);
}

/**
 * cdktf records the creation stack of every token (about 1,200 per synth of the shipped app, ~50 ms
 * plus garbage) only to print it if that token later fails to resolve. The CLI skips that unless
 * ECS_PLATFORM_STACK_TRACES=1; tests keep cdktf's default.
 */
function skipTokenStackTraces(): void {
  if (process.env.ECS_PLATFORM_STACK_TRACES === "1") return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
}

/**
 * The command line (scripts/synth.js, or `node --require ./scripts/register-ts.js main.ts`):
 * synthesizes the definition `loadConfig` returns; a ConfigError prints its problems and exits 1
 * with nothing written.
 */
export function runCli(loadConfig: () => unknown): void {
  try {
    const backend = backendFromEnv(process.env.ECS_PLATFORM_BACKEND);
    skipTokenStackTraces();
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
