/**
 * Synthesizes the example configurations: every examples/<name>/config.ts, or only the names
 * given, each into cdktf.out/examples/<name>/ (stacks/<app>-<env>/cdk.tf.json inside).
 *
 *   node --require ./tools/register-ts.js bin/synth-examples.ts [name...]   (npm run synth:examples)
 *   node --import tsx bin/synth-examples.ts [name...]                         (same, slower)
 *
 * Prints one line per example with its stacks. An invalid example prints its ConfigError and the
 * run exits 1 after trying the others; its previous output is left untouched.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { ConfigError, loadApp } from "../config";
import { loadConfigModule, synthesizeApp } from "../main";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLES_DIR = path.join(ROOT, "examples");
const OUT_DIR = path.join(ROOT, "cdktf.out", "examples");

/** Example names: directories of examples/ holding a config.ts, sorted. */
export function exampleNames(dir = EXAMPLES_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "config.ts")))
    .map((entry) => entry.name)
    .sort();
}

/** Synthesizes one example; returns the written stack names. Throws ConfigError before writing anything. */
export function synthesizeExample(name: string): string[] {
  const config = loadConfigModule(path.join(EXAMPLES_DIR, name, "config.ts"));
  loadApp(config); // validate before clearing the previous output
  const outdir = path.join(OUT_DIR, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // cdktf's App creates only the last level of its outdir.
  fs.mkdirSync(outdir, { recursive: true });
  const app = synthesizeApp(config, { outdir });
  return app.node.children.filter((child) => TerraformStack.isStack(child)).map((stack) => stack.node.id);
}

function main(args: string[]): number {
  const available = exampleNames();
  const unknown = args.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown example(s): ${unknown.join(", ")}; available: ${available.join(", ")}\n`);
    return 2;
  }
  let failed = 0;
  for (const name of args.length > 0 ? args : available) {
    try {
      const stacks = synthesizeExample(name);
      const files = stacks.map((stack) => path.relative(ROOT, path.join(OUT_DIR, name, "stacks", stack, "cdk.tf.json")));
      process.stdout.write(`${name}: ${stacks.join(", ")} -> ${files.join(", ")}\n`);
    } catch (error) {
      failed++;
      const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${name}: FAILED\n${message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
