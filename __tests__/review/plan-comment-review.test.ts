import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { main, renderComment } from "../../bin/plan-comment";
import type { PlanJson } from "../../bin/review/danger";
import type { StackJson } from "../../bin/review/stack-json";

const FIXTURES = path.join(__dirname, "..", "fixtures", "plans");
const planText = fs.readFileSync(path.join(FIXTURES, "danger.txt"), "utf8");
const planJson = JSON.parse(fs.readFileSync(path.join(FIXTURES, "danger.json"), "utf8")) as PlanJson;
const settings = loadApp(shippedConfig).find((s) => s.stackName === "shop-dev")!;
const base = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), "shop-dev", { settings }))) as StackJson;
// The branch the fixture plan was made from: a KMS key for the database (and the bucket gone).
const head: StackJson = { ...base, resource: { ...base.resource, aws_kms_key: { ...base.resource?.aws_kms_key, "database_key_0A1B2C3D": { enable_key_rotation: true } } } };

describe("plan comment with the JSON plan, the synth output and the base", () => {
  const comment = renderComment({ stack: "shop-dev", plan: planText, planJson, head, base });
  const at = (text: string) => {
    const i = comment.indexOf(text);
    expect(i).toBeGreaterThan(-1);
    return i;
  };

  it("puts the replaced database, the deleted bucket and the opened port at the top, before cost, diagram and plan", () => {
    const lines = comment.split("\n");
    expect(lines.slice(0, 3)).toEqual(["<!-- ecs-platform-plan:shop-dev -->", "### Terraform plan: `shop-dev`", ""]);
    expect(lines[3]).toBe("⚠️ **Plan:** 2 to add, 1 to change, **2 to destroy** (**1 replaced**: destroyed and created again).");
    expect(lines.slice(5, 10)).toEqual([
      "> [!CAUTION]",
      "> **3 changes need a careful look** before this is applied:",
      expect.stringMatching(/^> - 🔁 replace `aws_db_instance\.database_instance_5B6E1A2C` — .*forced by `kms_key_id`/),
      expect.stringMatching(/^> - 🗑️ destroy `aws_s3_bucket\.access-logs_bucket_2E4D5A1B`/),
      "> - 🌐 open to the internet `aws_vpc_security_group_ingress_rule.security-groups_alb-ssh_7F3A9C2D` — opens TCP port 22 to `0.0.0.0/0`",
    ]);
    expect(at("> [!CAUTION]")).toBeLessThan(at("#### 💰 Estimated fixed monthly cost"));
    expect(at("#### 💰")).toBeLessThan(at("```mermaid"));
    expect(at("```mermaid")).toBeLessThan(at("<summary>Show plan"));
  });

  it("shows the cost estimate with its difference against the base (one KMS key: +$1.10 in eu-west-1)", () => {
    expect(comment).toContain("**≈ $64.21 per month** (eu-west-1) · base $63.11 · **+$1.10 per month**");
    // The base already has two keys (the alarm topic's and ECS Exec's session logs'); the head adds the database's.
    expect(comment).toMatch(/\| KMS customer managed keys \| 3 \| \$3\.30 \| \$2\.20 \| \+\$1\.10 \|/);
  });

  it("draws the stack: services and the database", () => {
    const diagram = comment.slice(at("```mermaid"), comment.indexOf("```", at("```mermaid") + 3));
    for (const name of ["ALB shop-dev", "service api", "service web", "RDS shop-dev"]) expect(diagram).toContain(name);
  });

  it("leaves the diagram out of a plan without changes and says when nothing is dangerous", () => {
    const quiet = renderComment({ stack: "shop-dev", plan: "No changes. Your infrastructure matches the configuration.", planJson: { resource_changes: [] }, head, base });
    expect(quiet).not.toContain("```mermaid");
    expect(quiet).toContain("✅ **No dangerous changes**");
  });

  it("keeps within the budget: the diagram gives way first", () => {
    const huge = `${planText}\n${"  + x = 1\n".repeat(20_000)}`;
    const small = renderComment({ stack: "shop-dev", plan: huge, planJson, head, base, budget: 3_600 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(3_600);
    expect(small).toContain("> [!CAUTION]");
    expect(small).not.toContain("```mermaid");
    expect(small).toContain("The architecture diagram did not fit");
  });

  it("job summary row: counts the dangers when the JSON plan is given", () => {
    let out = "";
    main(["--stack", "shop-dev", "--plan", path.join(FIXTURES, "danger.txt"), "--plan-json", path.join(FIXTURES, "danger.json"), "--summary"], (t) => (out += t));
    expect(out).toBe("| `shop-dev` | ⚠️ changes, **3 dangerous** | 2 | 1 | 2 |\n");
  });

  it("CLI: --plan-json, --synth-dir and --base-dir (a stack missing from the base is new)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-comment-"));
    try {
      fs.mkdirSync(path.join(dir, "head", "stacks", "shop-dev"), { recursive: true });
      fs.writeFileSync(path.join(dir, "head", "stacks", "shop-dev", "cdk.tf.json"), JSON.stringify(head));
      let out = "";
      main(["--stack", "shop-dev", "--plan", path.join(FIXTURES, "danger.txt"), "--plan-json", path.join(FIXTURES, "danger.json"), "--synth-dir", path.join(dir, "head"), "--base-dir", path.join(dir, "base")], (t) => (out += t));
      expect(out).toContain("> [!CAUTION]");
      expect(out).toContain("base — (new stack) · **+$64.21 per month**");
      expect(out).toContain("```mermaid");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
