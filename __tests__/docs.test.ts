import * as fs from "node:fs";
import { generatedFiles } from "../tools/docs/generate";
import { allFields, editorSchema } from "../tools/docs/reference";
import { loadApp } from "../config";
import shippedConfig from "../config/app";

describe("generated documentation", () => {
  test.each(generatedFiles().map(({ file, content }) => [file.replace(/.*\//, ""), file, content]))(
    "%s is up to date with the configuration schema (npm run docs)",
    (_name, file, content) => {
      expect(fs.readFileSync(file, "utf8")).toBe(content);
    },
  );

  test("every configuration field has a description", () => {
    const undocumented = allFields().filter(({ doc }) => !doc.description);
    expect(undocumented.map((f) => f.field)).toEqual([]);
  });

  test("a profile default is shown with both values", () => {
    const nat = allFields().find((f) => f.field === "environments.<env>.network.natGateways");
    expect(nat?.doc.profile).toBe("natGateways");
    expect(fs.readFileSync("README.md", "utf8")).toMatch(/\| `network\.natGateways` \| `single`; `perAz` in production \|/);
  });

  test("the editor schema carries no project-only keywords and describes derived defaults in words", () => {
    const text = JSON.stringify(editorSchema());
    expect(text).not.toMatch(/"(defaultText|profile|allowed)":/);
    expect(text).toMatch(/ALB name \(default: <app>-<env> \(≤ 32 chars\)\)/);
  });

  test("a JSON configuration may name the editor schema", () => {
    const json = JSON.parse(JSON.stringify(shippedConfig));
    expect(loadApp({ $schema: "../config/app.schema.json", ...json }).length).toBe(2);
  });
});
