import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { renderComment } from "../../bin/plan-comment";
import type { PlanJson } from "../../bin/review/danger";
import type { StackJson } from "../../bin/review/stack-json";

// A REAL plan, recorded by tools/review/record-plan.sh with Terraform 1.11.4 and the pinned AWS
// provider (the tiers' toolchain): it replaces a database (kms_key_id), deletes a bucket and opens
// SSH to the internet. Unlike danger.json it is not hand-written, so the format is Terraform's own.
const FIXTURES = path.join(__dirname, "..", "fixtures", "plans");
const planJson = JSON.parse(fs.readFileSync(path.join(FIXTURES, "recorded.json"), "utf8")) as PlanJson;
const planText = fs.readFileSync(path.join(FIXTURES, "recorded.txt"), "utf8");
const settings = loadApp(shippedConfig).find((s) => s.stackName === "shop-dev")!;
const base = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), "shop-dev", { settings }))) as StackJson;
const head: StackJson = { ...base, resource: { ...base.resource, aws_kms_key: { ...base.resource?.aws_kms_key, database_key: { enable_key_rotation: true } } } };

describe("plan comment of a recorded Terraform plan", () => {
  const comment = renderComment({ stack: "shop-dev", plan: planText, planJson, head, base });
  const lines = comment.split("\n");

  it("was recorded by Terraform with the pinned provider", () => {
    expect((planJson as PlanJson & { terraform_version?: string }).terraform_version).toBe("1.11.4");
    expect(planText).toContain("Plan: 2 to add, 0 to change, 2 to destroy.");
  });

  it("leads with the replaced database, the deleted bucket and the opened port", () => {
    expect(lines[3]).toBe("⚠️ **Plan:** 2 to add, 0 to change, **2 to destroy** (**1 replaced**: destroyed and created again).");
    const caution = lines.indexOf("> [!CAUTION]");
    expect(caution).toBe(5);
    expect(lines.slice(caution + 1, caution + 5)).toEqual([
      "> **3 changes need a careful look** before this is applied:",
      expect.stringMatching(/^> - 🔁 replace `aws_db_instance\.database` — .*forced by `kms_key_id`/),
      expect.stringMatching(/^> - 🗑️ destroy `aws_s3_bucket\.logs`/),
      expect.stringMatching(/^> - 🌐 open to the internet `aws_vpc_security_group_ingress_rule\.ssh` — opens TCP port 22 to `0\.0\.0\.0\/0`/),
    ]);
  });

  it("then shows the cost delta and the diagram, before the plan text", () => {
    const cost = comment.indexOf("#### 💰 Estimated fixed monthly cost");
    const diagram = comment.indexOf("```mermaid");
    expect(cost).toBeGreaterThan(comment.indexOf("> [!CAUTION]"));
    expect(comment).toContain("· base $63.11 · **+$1.10 per month**");
    expect(diagram).toBeGreaterThan(cost);
    expect(comment.indexOf("<summary>Show plan")).toBeGreaterThan(diagram);
  });
});
