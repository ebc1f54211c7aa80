/** What a newcomer reads first: `help`, README's npm scripts table and output tree, the examples' sources. */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);

test("help lists every npm script and nothing of the cdktf project template", () => {
  const help = read("help");
  const missing = scripts.filter((s) => !(s === "test" ? /npm test\b/.test(help) : help.includes(`npm run ${s}`)));
  expect(missing).toEqual([]);
  expect(help).not.toMatch(/Your cdktf TypeScript project is ready|cdktf provider add|Compile:/);
});

test("README's npm scripts table lists every npm script", () => {
  const table = read("README.md").split("## npm scripts")[1].split("\n## ")[0];
  expect(scripts.filter((s) => !table.includes(s === "test" ? "`npm test`" : `\`npm run ${s}\``))).toEqual([]);
});

test("README shows where synth writes each stack", () => {
  const readme = read("README.md");
  for (const stack of ["shop-dev", "shop-dev-bootstrap", "shop-prod", "shop-prod-bootstrap"]) expect(readme).toContain(`${stack}/cdk.tf.json`);
  expect(readme).toContain("manifest.json");
});

test("the examples cite their tutorials by title, not by a path outside the repository", () => {
  const examples = read("examples/README.md");
  expect(examples).not.toMatch(/\/work\/|shared\/seeds/);
  for (const title of ["5.4 Backend on ECS, ECR & RDS", "AWS ECS Infrastructure", "ECS & Container Setup", "Deep Dive into ECS: Part 1", "Deploying a backend service on AWS"]) {
    expect(examples).toContain(title);
  }
});
