/**
 * npm run docs [-- --check]: writes README's configuration reference (between the markers) and
 * config/app.schema.json from the configuration schema. --check writes nothing and exits 1 when
 * either file is out of date (npm test runs the same check in __tests__/docs.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { configurationReference, editorSchema } from "./reference";

const ROOT = path.resolve(__dirname, "..", "..");
export const README = path.join(ROOT, "README.md");
export const SCHEMA_FILE = path.join(ROOT, "config", "app.schema.json");
const BEGIN = "<!-- BEGIN GENERATED: configuration reference (npm run docs) -->";
const END = "<!-- END GENERATED: configuration reference -->";

/** `readme` with its generated section replaced by the current reference. */
export function withReference(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no generated section: add the lines\n${BEGIN}\n${END}`);
  return `${readme.slice(0, start + BEGIN.length)}\n${configurationReference()}\n${readme.slice(end)}`;
}

export function schemaText(): string {
  return `${JSON.stringify(editorSchema(), null, 2)}\n`;
}

/** The files `npm run docs` writes, with their current generated content. */
export function generatedFiles(): { file: string; content: string }[] {
  return [
    { file: README, content: withReference(fs.readFileSync(README, "utf8")) },
    { file: SCHEMA_FILE, content: schemaText() },
  ];
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  const stale = generatedFiles().filter(({ file, content }) => !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== content);
  if (check) {
    for (const { file } of stale) console.error(`${path.relative(ROOT, file)} is out of date: run npm run docs`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const { file, content } of stale) fs.writeFileSync(file, content);
  console.log(stale.length ? `wrote ${stale.map((s) => path.relative(ROOT, s.file)).join(", ")}` : "docs are up to date");
}
