import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  COMMENT_BUDGET,
  GITHUB_COMMENT_LIMIT,
  fenceFor,
  main,
  marker,
  parseArgs,
  parsePlan,
  renderComment,
  renderSummaryRow,
  toDiff,
  truncateText,
} from "../bin/plan-comment";

const CHANGES = [
  "Terraform will perform the following actions:",
  "",
  "  # aws_ecs_service.service-api_service_454F4786 will be updated in-place",
  '  ~ resource "aws_ecs_service" "service-api_service_454F4786" {',
  '      ~ task_definition = "arn:aws:ecs:eu-west-1:111111111111:task-definition/shop-dev-api:3" -> (known after apply)',
  "    }",
  "",
  "  # aws_sqs_queue.jobs will be destroyed",
  '  - resource "aws_sqs_queue" "jobs" {',
  '      - name = "jobs" -> null',
  "    }",
  "",
  "Plan: 2 to add, 1 to change, 1 to destroy.",
].join("\n");

const NO_CHANGES = "No changes. Your infrastructure matches the configuration.\n\nTerraform has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n";

const FAILURE = [
  "Initializing the backend...",
  "",
  "Error: error configuring S3 Backend: no valid credential sources for S3 Backend found.",
  "",
  "  on cdk.tf.json line 12, in terraform.backend.s3:",
].join("\n");

/** A syntactically plausible plan of `resources` created buckets. */
function hugePlan(resources: number): string {
  const blocks = Array.from({ length: resources }, (_, i) =>
    [`  # aws_s3_bucket.b${i} will be created`, `  + resource "aws_s3_bucket" "b${i}" {`, `      + bucket = "bucket-${i}"`, "    }", ""].join("\n"),
  );
  return ["Terraform will perform the following actions:", "", ...blocks, `Plan: ${resources} to add, 0 to change, 0 to destroy.`].join("\n");
}

describe("parsePlan", () => {
  test("reads adds, changes and destroys from the Plan line", () => {
    // GIVEN a plan with changes WHEN parsed THEN the counts are those of the Plan line
    expect(parsePlan(CHANGES)).toEqual({ result: "changes", add: 2, change: 1, destroy: 1, import: 0, outputsOnly: false });
  });

  test("reads imports when Terraform reports them", () => {
    expect(parsePlan("Plan: 3 to import, 0 to add, 1 to change, 0 to destroy.")).toMatchObject({ result: "changes", import: 3, add: 0, change: 1, destroy: 0 });
  });

  test('"No changes." is 0/0/0', () => {
    expect(parsePlan(NO_CHANGES)).toEqual({ result: "no-changes", add: 0, change: 0, destroy: 0, import: 0, outputsOnly: false });
  });

  test("a plan that only changes outputs counts as no changes", () => {
    const text = "Changes to Outputs:\n  + url = \"http://x\"\n\nYou can apply this plan to save these new output values to the Terraform\nstate, without changing any real infrastructure.\n";
    expect(parsePlan(text)).toMatchObject({ result: "no-changes", outputsOnly: true });
  });

  test("error output is a failed plan", () => {
    expect(parsePlan(FAILURE).result).toBe("failed");
    expect(parsePlan("╷\n│ Error: Invalid reference\n╵\n").result).toBe("failed");
  });

  test("--status failure wins over the text", () => {
    expect(parsePlan(CHANGES, "failure").result).toBe("failed");
  });

  test("colour codes do not hide the Plan line", () => {
    expect(parsePlan("\x1b[1mPlan:\x1b[0m 1 to add, 0 to change, 0 to destroy.")).toMatchObject({ result: "changes", add: 1 });
    expect(parsePlan("\x1b[0m\x1b[1mPlan: 1 to add, 0 to change, 0 to destroy.\x1b[0m")).toMatchObject({ result: "changes", add: 1 });
  });

  test("text without any known line is unknown", () => {
    expect(parsePlan("something else").result).toBe("unknown");
  });
});

describe("renderComment", () => {
  test("starts with the stack's marker", () => {
    const comment = renderComment({ stack: "shop-dev", plan: CHANGES });
    expect(comment.split("\n")[0]).toBe("<!-- ecs-platform-plan:shop-dev -->");
    expect(marker("shop-prod")).toBe("<!-- ecs-platform-plan:shop-prod -->");
  });

  test("summarises the plan and puts it in a collapsible diff block", () => {
    const comment = renderComment({ stack: "shop-dev", plan: CHANGES, runUrl: "https://github.com/acme/shop-infra/actions/runs/1" });
    expect(comment).toContain("**Plan:** 2 to add, 1 to change, **1 to destroy**.");
    expect(comment).toMatch(/<details><summary>Show plan \(13 lines\)<\/summary>\n\n```diff\n/);
    expect(comment).toContain('!       task_definition = "arn:aws:ecs');
    expect(comment).toContain('-   resource "aws_sqs_queue" "jobs" {');
    expect(comment).toContain("[Workflow run](https://github.com/acme/shop-infra/actions/runs/1) · full plan: artifact `plan-shop-dev`");
    expect(comment).not.toContain("truncated");
  });

  test("a failed plan shows the error output expanded", () => {
    const comment = renderComment({ stack: "shop-dev", plan: FAILURE, status: "failure" });
    expect(comment).toContain("❌ **Plan failed.**");
    expect(comment).toContain("<details open><summary>Error output");
    expect(comment).toContain("Error: error configuring S3 Backend");
  });

  test("stays under GitHub's limit for a >100k plan and says where the full plan is", () => {
    // GIVEN a plan far larger than a comment may be
    const plan = hugePlan(3000);
    expect(plan.length).toBeGreaterThan(100_000);
    // WHEN rendered
    const comment = renderComment({ stack: "shop-prod", plan });
    // THEN the comment fits, keeps the beginning and the summary, and points to the artifact
    expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(comment).toContain("**Plan:** 3000 to add, 0 to change, 0 to destroy.");
    expect(comment).toContain('+   resource "aws_s3_bucket" "b0" {');
    expect(comment).toMatch(/Output truncated .* The full plan is in the workflow artifact `plan-shop-prod`\./);
    expect(comment).toMatch(/\.\.\. [\d,]+ lines truncated \.\.\.\n```\n/);
    expect(comment.indexOf("> [!NOTE]")).toBeGreaterThan(comment.indexOf("</details>"));
  });

  test("a truncated failure keeps the end, where the errors are", () => {
    const plan = `${"noise line\n".repeat(20_000)}Error: the real problem`;
    const comment = renderComment({ stack: "shop-dev", plan, status: "failure" });
    expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(comment).toContain("Error: the real problem");
    expect(comment).toContain("showing the last");
  });

  test("a single enormous line is cut, not dropped", () => {
    const plan = `  + policy = "${"x".repeat(200_000)}"\nPlan: 1 to add, 0 to change, 0 to destroy.`;
    const comment = renderComment({ stack: "shop-dev", plan });
    expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(comment).toContain('+   policy = "xxxx');
  });

  test("multi-byte output is budgeted in bytes", () => {
    const comment = renderComment({ stack: "shop-dev", plan: "│ ✓ ünïcödé\n".repeat(20_000), status: "failure" });
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(COMMENT_BUDGET);
  });

  test("``` in the plan cannot close the code block", () => {
    // GIVEN plan content containing fences, one on a line of its own
    const plan = ['  + user_data = <<-EOT', "      ```", "      ````bash", "      echo hi", "      ```", "    EOT", "Plan: 1 to add, 0 to change, 0 to destroy."].join("\n");
    // WHEN rendered
    const comment = renderComment({ stack: "shop-dev", plan });
    // THEN the block opens with a fence longer than any run in the plan and closes with the same fence
    const fence = "`````";
    expect(comment).toContain(`${fence}diff\n`);
    const inside = comment.slice(comment.indexOf(`${fence}diff\n`) + fence.length + 5, comment.lastIndexOf(`\n${fence}\n`));
    expect(inside).toContain("````bash");
    expect(inside.split("\n").some((line) => /^\s{0,3}`{5,}\s*$/.test(line))).toBe(false);
    expect(comment.indexOf("</details>")).toBeGreaterThan(comment.lastIndexOf(`\n${fence}\n`));
  });

  test("rejects stack names that could break the marker", () => {
    expect(() => renderComment({ stack: "shop dev -->", plan: CHANGES })).toThrow(/--stack: "shop dev -->" is not valid/);
  });
});

describe("helpers", () => {
  test("toDiff moves change markers to column 0 and turns ~ into !", () => {
    expect(toDiff("  + a\n  - b\n  ~ c\n-/+ d\n      # e")).toBe("+   a\n-   b\n!   c\n-/+ d\n      # e");
  });

  test("fenceFor is at least three backticks and longer than any run", () => {
    expect(fenceFor("no fences")).toBe("```");
    expect(fenceFor("a ```` b")).toBe("`````");
  });

  test("truncateText keeps whole lines within the budget", () => {
    const cut = truncateText("aaaa\nbbbb\ncccc", 10, "head");
    expect(cut).toEqual({ text: "aaaa\nbbbb", totalLines: 3, keptLines: 2 });
    expect(truncateText("aaaa\nbbbb\ncccc", 10, "tail").text).toBe("bbbb\ncccc");
  });
});

describe("summary row and CLI", () => {
  test("a summary row has the counts per stack", () => {
    expect(renderSummaryRow("shop-dev", parsePlan(CHANGES))).toBe("| `shop-dev` | ⚠️ changes | 2 | 1 | 1 |");
    expect(renderSummaryRow("shop-prod", parsePlan(NO_CHANGES))).toBe("| `shop-prod` | ✅ no changes | 0 | 0 | 0 |");
    expect(renderSummaryRow("shop-prod", parsePlan(FAILURE, "failure"))).toBe("| `shop-prod` | ❌ failed | – | – | – |");
  });

  test("--summary --header prints the table header and the row", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-comment-"));
    const file = path.join(dir, "plan.txt");
    fs.writeFileSync(file, CHANGES);
    let printed = "";
    expect(main(["--stack", "shop-dev", "--plan", file, "--summary", "--header"], (t) => (printed += t))).toBe(0);
    expect(printed).toBe("| Stack | Result | Add | Change | Destroy |\n| --- | --- | ---: | ---: | ---: |\n| `shop-dev` | ⚠️ changes | 2 | 1 | 1 |\n");
  });

  test("a missing plan file renders as a failed plan", () => {
    let printed = "";
    main(["--stack", "shop-dev", "--plan", "/nonexistent/plan.txt"], (t) => (printed += t));
    expect(printed).toContain("❌ **Plan failed.**");
    expect(printed).toContain("/nonexistent/plan.txt was not written");
  });

  test("arguments are validated", () => {
    expect(() => parseArgs(["--stack", "x"])).toThrow(/--stack <name> and --plan <file> are required/);
    expect(() => parseArgs(["--stack", "x", "--plan", "p", "--status", "ok"])).toThrow(/--status: "ok" is not allowed; allowed: success \| failure/);
    expect(() => parseArgs(["--bogus"])).toThrow(/unknown argument "--bogus"/);
  });
});
