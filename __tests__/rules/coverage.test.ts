/**
 * Every rule in RULES has tests: a describeRule("<id>", { valid, invalid }) call in this folder
 * (describeRule's type requires at least one valid and one invalid case).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../../config/rules";

/** Rule IDs described in each rule test file of this folder. */
function describedIds(): { id: string; file: string }[] {
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith(".test.ts") && file !== path.basename(__filename))
    .flatMap((file) => [...fs.readFileSync(path.join(__dirname, file), "utf8").matchAll(/describeRule\(\s*"([^"]+)"/g)].map((m) => ({ id: m[1], file })));
}

describe("rule registry", () => {
  it("GIVEN RULES THEN every rule has a unique id and a description", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(RULES.filter((rule) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.id) || rule.description.length === 0)).toEqual([]);
  });

  it("GIVEN the rule test files THEN every rule in RULES is described exactly once, and nothing else", () => {
    const described = describedIds().map((d) => d.id).sort();
    expect(described).toEqual(RULES.map((rule) => rule.id).sort());
  });
});
