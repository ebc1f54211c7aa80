/**
 * Renders `terraform show -no-color tfplan` output (or the error output of a failed init/plan) as
 * a pull-request comment, or as a row of the job summary table.
 *
 *   node --require ./tools/register-ts.js bin/plan-comment.ts --stack shop-dev --plan plan.txt \
 *     [--plan-json plan.json] [--synth-dir cdktf.out] [--base-dir base.out] \
 *     [--status success|failure] [--run-url URL] [--artifact NAME] [--summary [--header]]
 *
 * With --plan-json (`terraform show -json tfplan`) the comment leads with the counts and the danger
 * list (bin/review/danger.ts); with --synth-dir (this branch's synth output,
 * `<dir>/stacks/<stack>/cdk.tf.json`) it adds the cost estimate and, when the plan changes
 * something, the architecture diagram; with --base-dir (the base branch's synth output) the cost
 * difference. The full plan text follows. README "Plan comments" shows the command lines.
 *
 * The first line of a comment is the marker `<!-- ecs-platform-plan:<stack> -->`; the workflow
 * finds the previous comment by it and edits it in place, so a pull request carries one comment
 * per stack however often it is pushed. GitHub rejects comments over 65,536 characters: the plan
 * is cut to keep the whole comment within COMMENT_BUDGET UTF-8 bytes (never fewer than its
 * characters, so the limit holds however GitHub counts), and the comment points to the workflow
 * artifact holding the full plan.
 */
import * as fs from "node:fs";
import { findDangers, type PlanJson } from "./review/danger";
import { countsLine, leadVariants, readReviewFiles, reviewSections } from "./review/sections";
import type { StackJson } from "./review/stack-json";

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Bytes the whole comment may use: the limit minus room for GitHub's own accounting. */
export const COMMENT_BUDGET = 60_000;

export type PlanStatus = "success" | "failure";

export interface PlanSummary {
  /** changes: a "Plan:" line; no-changes: "No changes." or only outputs change; failed: errors or --status failure; unknown: none of these. */
  readonly result: "changes" | "no-changes" | "failed" | "unknown";
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly import: number;
  /** The plan changes output values only. */
  readonly outputsOnly: boolean;
}

export interface CommentOptions {
  readonly stack: string;
  /** Text of `terraform show -no-color tfplan`, or the error output when the plan failed. */
  readonly plan: string;
  /** Outcome of the plan step; "failure" wins over whatever the text says. @default "success" */
  readonly status?: PlanStatus;
  /** Link to the workflow run. @default no link */
  readonly runUrl?: string;
  /** Name of the artifact holding the full plan. @default `plan-<stack>` */
  readonly artifactName?: string;
  /** Maximum size of the comment in UTF-8 bytes. @default COMMENT_BUDGET */
  readonly budget?: number;
  /** `terraform show -json tfplan`: counts and the danger list. @default none */
  readonly planJson?: PlanJson;
  /** This stack's synthesized cdk.tf.json: cost estimate and diagram. @default none */
  readonly head?: StackJson;
  /** The stack on the base branch (null: new there): cost difference. @default no difference shown */
  readonly base?: StackJson | null;
}

const PLAN_LINE = /^Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy\b/m;
const NO_CHANGES = /^No changes\./m;
const OUTPUTS_ONLY = /without changing any real infrastructure/;
// -no-color prints "Error: ..." at column 0; with colour, diagnostics are boxed as "│ Error: ...".
const ERROR_LINE = /^(?:│ )?Error: /m;
const ANSI = /\x1b\[[0-9;]*m/g;
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function marker(stack: string): string {
  checkStack(stack);
  return `<!-- ecs-platform-plan:${stack} -->`;
}

/** Reads the outcome of a plan from Terraform's human-readable output. */
export function parsePlan(text: string, status: PlanStatus = "success"): PlanSummary {
  const clean = stripAnsi(text);
  const none = { add: 0, change: 0, destroy: 0, import: 0, outputsOnly: false };
  if (status === "failure") return { result: "failed", ...none };
  const plan = PLAN_LINE.exec(clean);
  if (plan) {
    const [, imported, add, change, destroy] = plan;
    return { result: "changes", add: Number(add), change: Number(change), destroy: Number(destroy), import: Number(imported ?? 0), outputsOnly: false };
  }
  if (NO_CHANGES.test(clean)) return { result: "no-changes", ...none };
  if (OUTPUTS_ONLY.test(clean)) return { result: "no-changes", ...none, outputsOnly: true };
  if (ERROR_LINE.test(clean)) return { result: "failed", ...none };
  return { result: "unknown", ...none };
}

/** One sentence describing the plan, in markdown. */
export function summaryLine(summary: PlanSummary): string {
  switch (summary.result) {
    case "changes": {
      const parts = [
        ...(summary.import > 0 ? [`${summary.import} to import`] : []),
        `${summary.add} to add`,
        `${summary.change} to change`,
        summary.destroy > 0 ? `**${summary.destroy} to destroy**` : "0 to destroy",
      ];
      return `${summary.destroy > 0 ? "⚠️" : "✅"} **Plan:** ${parts.join(", ")}.`;
    }
    case "no-changes":
      return summary.outputsOnly ? "✅ **No infrastructure changes.** Only output values change." : "✅ **No changes.** The infrastructure matches the configuration.";
    case "failed":
      return "❌ **Plan failed.** The error output is below.";
    case "unknown":
      return "⚠️ **No plan summary found** in the Terraform output.";
  }
}

/**
 * Moves Terraform's change markers to column 0 so GitHub's diff highlighting colours them:
 * `  + x` → `+   x`, `  - x` → `-   x`, `  ~ x` → `!   x` (`-/+` replacements already start at column 0).
 */
export function toDiff(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^(\s+)([-+~])(?=\s|$)/, (_, indent: string, sign: string) => `${sign === "~" ? "!" : sign}${indent}`))
    .join("\n");
}

/** A backtick fence longer than any backtick run in `text`, so the text can never close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longest + 1));
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Keeps whole lines from the start ("head") or the end ("tail") of `text` within `maxBytes`.
 * A single line longer than the budget is cut inside the line.
 */
export function truncateText(text: string, maxBytes: number, keep: "head" | "tail"): { text: string; totalLines: number; keptLines: number } {
  const lines = text.split("\n");
  if (byteLength(text) <= maxBytes) return { text, totalLines: lines.length, keptLines: lines.length };
  const ordered = keep === "head" ? lines : [...lines].reverse();
  const kept: string[] = [];
  let used = 0;
  for (const line of ordered) {
    const cost = byteLength(line) + 1;
    if (used + cost > maxBytes) {
      if (kept.length === 0) kept.push(cutLine(line, Math.max(0, maxBytes - 1), keep));
      break;
    }
    kept.push(line);
    used += cost;
  }
  if (keep === "tail") kept.reverse();
  return { text: kept.join("\n"), totalLines: lines.length, keptLines: kept.length };
}

function cutLine(line: string, maxBytes: number, keep: "head" | "tail"): string {
  const chars = Array.from(line);
  if (keep === "tail") chars.reverse();
  let used = 0;
  const out: string[] = [];
  for (const ch of chars) {
    used += byteLength(ch);
    if (used > maxBytes) break;
    out.push(ch);
  }
  if (keep === "tail") out.reverse();
  return out.join("");
}

/** The pull-request comment: marker, summary line, and the plan in a collapsible diff block. */
export function renderComment(options: CommentOptions): string {
  const { stack } = options;
  const status = options.status ?? "success";
  const budget = options.budget ?? COMMENT_BUDGET;
  const artifact = options.artifactName ?? `plan-${stack}`;
  const summary = parsePlan(options.plan, status);
  const failed = summary.result === "failed";
  const body = stripAnsi(options.plan).replace(/\s+$/, "");
  const content = failed ? body : toDiff(body);
  const fence = fenceFor(content);
  const totalLines = content.split("\n").length;
  const review = reviewSections({ stack, planJson: failed ? undefined : options.planJson, head: options.head, base: options.base, changed: summary.result === "changes" });
  const headline = review.counts && summary.result === "changes" ? countsLine(review.counts) : summaryLine(summary);
  const leads = leadVariants(review);
  let lead = leads[0];

  const frame = (shown: string, note: string) =>
    [
      marker(stack),
      `### Terraform plan: \`${stack}\``,
      "",
      headline,
      "",
      ...lead,
      // A failure is what the reader came for: show it expanded.
      `<details${failed ? " open" : ""}><summary>${failed ? "Error output" : "Show plan"} (${totalLines.toLocaleString("en-US")} lines)</summary>`,
      "",
      `${fence}${failed ? "text" : "diff"}`,
      shown,
      fence,
      "",
      "</details>",
      ...(note ? ["", note] : []),
      ...(options.runUrl ? ["", `[Workflow run](${options.runUrl}) · full plan: artifact \`${artifact}\``] : []),
      "",
    ].join("\n");

  const whole = frame(content, "");
  if (byteLength(whole) <= budget) return whole;
  // Keep room for the start of the plan: the first lead that leaves a quarter of the budget.
  lead = leads.find((candidate) => {
    lead = candidate;
    return byteLength(frame("", "")) <= budget * 0.75;
  }) ?? leads[leads.length - 1];

  // Plans are read from the top; errors are at the end of a failed run.
  const keep = failed ? "tail" : "head";
  const worstNote = truncationNote(totalLines, totalLines, artifact, keep);
  const cutMarker = `... ${totalLines.toLocaleString("en-US")} lines truncated ...`;
  const available = budget - byteLength(frame("", worstNote)) - byteLength(cutMarker) - 1;
  if (available < 0) throw new Error(`plan-comment: budget ${budget} is too small for the comment frame`);
  const cut = truncateText(content, available, keep);
  const omitted = totalLines - cut.keptLines;
  const omittedMarker = `... ${omitted.toLocaleString("en-US")} lines truncated ...`;
  const shown = keep === "head" ? `${cut.text}\n${omittedMarker}` : `${omittedMarker}\n${cut.text}`;
  return frame(shown, truncationNote(cut.keptLines, totalLines, artifact, keep));
}

function truncationNote(kept: number, total: number, artifact: string, keep: "head" | "tail"): string {
  const which = keep === "head" ? "first" : "last";
  return `> [!NOTE]\n> Output truncated to fit a GitHub comment: showing the ${which} ${kept.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} lines. The full plan is in the workflow artifact \`${artifact}\`.`;
}

export const SUMMARY_HEADER = "| Stack | Result | Add | Change | Destroy |\n| --- | --- | ---: | ---: | ---: |";

/** One row of the job summary table (see SUMMARY_HEADER); `dangers`: the danger list's length, from the JSON plan. */
export function renderSummaryRow(stack: string, summary: PlanSummary, runUrl?: string, dangers?: number): string {
  checkStack(stack);
  const name = runUrl ? `[\`${stack}\`](${runUrl})` : `\`${stack}\``;
  const base = { changes: summary.destroy > 0 || (dangers ?? 0) > 0 ? "⚠️ changes" : "✅ changes", "no-changes": "✅ no changes", failed: "❌ failed", unknown: "⚠️ unknown" }[summary.result];
  const label = summary.result === "changes" && dangers ? `${base}, **${dangers} dangerous**` : base;
  const counts = summary.result === "changes" || summary.result === "no-changes" ? [summary.add, summary.change, summary.destroy] : ["–", "–", "–"];
  return `| ${name} | ${label} | ${counts.join(" | ")} |`;
}

function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

function checkStack(stack: string): void {
  if (!STACK_NAME.test(stack)) throw new Error(`plan-comment --stack: ${JSON.stringify(stack)} is not valid; allowed: letters, digits, '.', '_', '-'`);
}

interface CliArgs {
  stack: string;
  plan: string;
  planJson?: string;
  synthDir?: string;
  baseDir?: string;
  status: PlanStatus;
  runUrl?: string;
  artifact?: string;
  summary: boolean;
  header: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: Partial<CliArgs> & { summary: boolean; header: boolean } = { summary: false, header: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`plan-comment ${flag}: a value is required`);
      return v;
    };
    switch (flag) {
      case "--stack": args.stack = value(); break;
      case "--plan": args.plan = value(); break;
      case "--run-url": args.runUrl = value() || undefined; break;
      case "--artifact": args.artifact = value(); break;
      case "--plan-json": args.planJson = value(); break;
      case "--synth-dir": args.synthDir = value(); break;
      case "--base-dir": args.baseDir = value(); break;
      case "--summary": args.summary = true; break;
      case "--header": args.header = true; break;
      case "--status": {
        const status = value();
        if (status !== "success" && status !== "failure") throw new Error(`plan-comment --status: ${JSON.stringify(status)} is not allowed; allowed: success | failure`);
        args.status = status;
        break;
      }
      default:
        throw new Error(`plan-comment: unknown argument ${JSON.stringify(flag)}; allowed: --stack --plan --plan-json --synth-dir --base-dir --status --run-url --artifact --summary --header`);
    }
  }
  if (!args.stack || !args.plan) throw new Error("plan-comment: --stack <name> and --plan <file> are required");
  return { ...args, stack: args.stack, plan: args.plan, status: args.status ?? "success" };
}

/** CLI entry point; returns the exit code. A missing plan file renders as a failed plan. */
export function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t)): number {
  const args = parseArgs(argv);
  let plan: string;
  let status = args.status;
  try {
    plan = fs.readFileSync(args.plan, "utf8");
  } catch {
    plan = `Error: the plan output ${args.plan} was not written; see the workflow log.`;
    status = "failure";
  }
  const { planJson, head, base } = readReviewFiles(args.stack, args);
  if (args.summary) {
    const summary = parsePlan(plan, status);
    const dangers = planJson && summary.result === "changes" ? findDangers(planJson).length : undefined;
    const row = renderSummaryRow(args.stack, summary, args.runUrl, dangers);
    out(`${args.header ? `${SUMMARY_HEADER}\n` : ""}${row}\n`);
  } else {
    out(renderComment({ stack: args.stack, plan, status, runUrl: args.runUrl, artifactName: args.artifact, planJson, head, base }));
  }
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
