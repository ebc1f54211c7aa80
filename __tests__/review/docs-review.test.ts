import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { buildGraph } from "../../bin/review/architecture";
import { toMermaid } from "../../bin/review/diagram";
import type { StackJson } from "../../bin/review/stack-json";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("README and help stay true", () => {
  const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);

  it.each(scripts)("npm script %s is in README's npm scripts table and in help", (name) => {
    const command = name === "test" ? "npm test" : `npm run ${name}`;
    expect(read("README.md")).toContain(`| \`${command}\` |`);
    expect(read("help")).toContain(command);
  });

  it("README and docs/diagrams show the shipped stacks' current diagrams (npm run diagram -- --stack <s> --out docs/diagrams)", () => {
    for (const settings of loadApp(shippedConfig)) {
      const tf = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), settings.stackName, { settings }))) as StackJson;
      const mermaid = toMermaid(buildGraph(settings.stackName, tf));
      expect(read(`docs/diagrams/${settings.stackName}.mmd`)).toBe(`${mermaid}\n`);
      if (settings.stackName === "shop-prod") expect(read("README.md")).toContain(`\`\`\`mermaid\n${mermaid}\n\`\`\``);
    }
  });
});
