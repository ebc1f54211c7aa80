/**
 * Entry point for `cdktf synth` and `npm run synth`: validates the application definition, then
 * synthesizes one stack per environment (plus its bootstrap stack). Validation happens before the App exists, so a bad
 * configuration prints its problems and writes nothing to cdktf.out.
 *
 * Environment:
 *   ECS_PLATFORM_CONFIG   config module to load (default: config/app.ts)
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

export function loadConfigModule(modulePath: string): unknown {
  const resolved = path.resolve(modulePath);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(resolved) as { default?: unknown };
  return loaded.default ?? loaded;
}

function backendFromEnv(value: string | undefined): "s3" | "local" {
  if (value === undefined || value === "" || value === "s3") return "s3";
  if (value === "local") return "local";
  throw new ConfigError([{ path: "ECS_PLATFORM_BACKEND", message: `${JSON.stringify(value)} is not allowed; allowed: "s3" | "local"` }]);
}

if (require.main === module) {
  try {
    const configPath = process.env.ECS_PLATFORM_CONFIG ?? path.join(__dirname, "config", "app.ts");
    synthesizeApp(loadConfigModule(configPath), { backend: backendFromEnv(process.env.ECS_PLATFORM_BACKEND) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
