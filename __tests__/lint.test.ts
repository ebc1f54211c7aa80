import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lint } = require("../tools/lint.js") as { lint: (root?: string) => string[] };

describe("project lint rules", () => {
  it("finds no problem in the project", () => {
    expect(lint()).toEqual([]);
  });

  it("rejects a root import of the AWS provider and hand-written policy JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-lint-"));
    const rootImport = ["import { Vpc } from ", '"@cdktf/provider-aws"', ";"].join("");
    const policy = ["const p = { ", "Version", ': "2012-10-17" };'].join("");
    fs.writeFileSync(path.join(dir, "bad.ts"), `${rootImport}\n${policy}\n`);
    expect(lint(dir)).toEqual([
      "bad.ts:1: import provider classes from '@cdktf/provider-aws/lib/<resource>', not the package root",
      "bad.ts:2: build IAM policies with aws_iam_policy_document (constructs/policy.ts), not JSON",
    ]);
  });
});
