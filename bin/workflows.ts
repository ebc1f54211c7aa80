/**
 * Writes .github/workflows/*.yml from the configuration's environments (tools/workflows/).
 *
 *   npm run workflows                 # the config main.ts synthesizes (config/app.ts by default)
 *   npm run workflows -- --check      # exit 1 when a committed workflow differs from the config's
 *   npm run workflows -- --config examples/x/config.ts --out some/dir
 *
 * A bad configuration prints its problems (as synth does) and writes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, validateApp } from "../config";
import { defaultConfigPath, loadConfigModule } from "../main";
import { generateWorkflows } from "../tools/workflows";

export const ROOT = path.join(__dirname, "..");
export const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");
export const DEFAULT_CONFIG = path.join(ROOT, "config", "app.ts");

/** The config module `main.ts` synthesizes (ECS_PLATFORM_CONFIG, cdktf.json's context, config/app.ts). */
export const configPath = () => defaultConfigPath(ROOT);

/** Workflows for the config module at `modulePath`. Throws ConfigError on a bad configuration. */
export function workflowsFor(modulePath: string): Record<string, string> {
  const { stacks } = validateApp(loadConfigModule(modulePath));
  return generateWorkflows(stacks);
}

/** Writes `files` into `dir`; returns the names written. */
export function writeWorkflows(files: Record<string, string>, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return Object.keys(files);
}

/** Names of generated files whose committed text in `dir` differs (or is missing). */
export function staleWorkflows(files: Record<string, string>, dir: string): string[] {
  return Object.entries(files)
    .filter(([name, text]) => {
      const file = path.join(dir, name);
      return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text;
    })
    .map(([name]) => name);
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(args: readonly string[]): number {
  const config = option(args, "--config") ?? configPath();
  const dir = path.resolve(option(args, "--out") ?? WORKFLOW_DIR);
  let files: Record<string, string>;
  try {
    files = workflowsFor(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (args.includes("--check")) {
    const stale = staleWorkflows(files, dir);
    if (stale.length === 0) return 0;
    process.stderr.write(`${stale.map((f) => path.relative(process.cwd(), path.join(dir, f))).join(", ")}: not what ${path.relative(process.cwd(), config)} generates; run \`npm run workflows\`\n`);
    return 1;
  }
  for (const name of writeWorkflows(files, dir)) process.stdout.write(`${path.relative(process.cwd(), path.join(dir, name))}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
