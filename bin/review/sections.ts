/**
 * The review sections of a plan comment, above the plan text: counts from the JSON plan, the
 * danger list, the cost estimate with its difference against the base branch, and the
 * architecture diagram of the stack (only when it changes).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildGraph } from "./architecture";
import { estimateStack, renderCost } from "./cost";
import { countChanges, findDangers, renderDangers, type Counts, type Danger, type PlanJson } from "./danger";
import { mermaidBlock } from "./diagram";
import type { StackJson } from "./stack-json";

export interface ReviewInput {
  readonly stack: string;
  /** `terraform show -json tfplan`. */
  readonly planJson?: PlanJson;
  /** The stack's synthesized cdk.tf.json on this branch. */
  readonly head?: StackJson;
  /** The same stack on the base branch; null: the stack is new; undefined: no base given. */
  readonly base?: StackJson | null;
  /** Whether the plan changes anything (the diagram is shown only then). */
  readonly changed: boolean;
}

export interface ReviewSections {
  readonly counts?: Counts;
  readonly dangers: readonly Danger[];
  /** Markdown pieces, each "" when not available. */
  readonly dangerList: string;
  readonly cost: string;
  readonly diagram: string;
}

export function reviewSections(input: ReviewInput): ReviewSections {
  const counts = input.planJson ? countChanges(input.planJson) : undefined;
  const dangers = input.planJson ? findDangers(input.planJson) : [];
  const dangerList = input.planJson ? renderDangers(dangers) || "✅ **No dangerous changes**: no stateful resource is replaced or destroyed, no ingress opens to the internet, no IAM policy widens." : "";
  const cost = input.head
    ? renderCost(estimateStack(input.stack, input.head), input.base === undefined ? undefined : input.base === null ? null : estimateStack(input.stack, input.base), { heading: "#### 💰 Estimated fixed monthly cost" })
    : "";
  const diagram = input.head && input.changed
    ? ["<details open><summary>🗺️ Architecture of this stack (from its synthesized JSON)</summary>", "", mermaidBlock(buildGraph(input.stack, input.head)), "", "</details>"].join("\n")
    : "";
  return { counts, dangers, dangerList, cost, diagram };
}

/**
 * What may lead the comment, fullest first (each part followed by a blank line): the diagram, then
 * the cost table, give way when the budget is short; the danger list always stays.
 */
export function leadVariants(review: ReviewSections): string[][] {
  return [
    [review.dangerList, review.cost, review.diagram],
    [review.dangerList, review.cost, review.diagram && "_The architecture diagram did not fit in this comment; `npm run diagram` draws it._"],
    [review.dangerList, review.cost.split("\n\n").slice(0, 2).join("\n\n")],
  ].map((parts) => parts.filter(Boolean).map((part) => `${part}\n`));
}

/** The header line with the JSON plan's counts (replacements shown on their own). */
export function countsLine(counts: Counts): string {
  const parts = [
    ...(counts.import > 0 ? [`${counts.import} to import`] : []),
    `${counts.add} to add`,
    `${counts.change} to change`,
    counts.destroy > 0 ? `**${counts.destroy} to destroy**` : "0 to destroy",
  ];
  const replaced = counts.replace > 0 ? ` (**${counts.replace} replaced**: destroyed and created again)` : "";
  return `${counts.destroy > 0 ? "⚠️" : "✅"} **Plan:** ${parts.join(", ")}${replaced}.`;
}

/**
 * The files of plan-comment's --plan-json, --synth-dir and --base-dir (`<dir>/stacks/<stack>/cdk.tf.json`).
 * A missing or unreadable file leaves its section out (base: the stack is new); the plan text still renders.
 */
export function readReviewFiles(stack: string, files: { planJson?: string; synthDir?: string; baseDir?: string }): { planJson?: PlanJson; head?: StackJson; base?: StackJson | null } {
  const readJson = <T>(file: string | undefined): T | undefined => {
    if (!file) return undefined;
    try {
      return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
      return undefined;
    }
  };
  const stackFile = (dir: string) => path.join(dir, "stacks", stack, "cdk.tf.json");
  return {
    planJson: readJson<PlanJson>(files.planJson),
    head: files.synthDir ? readJson<StackJson>(stackFile(files.synthDir)) : undefined,
    base: files.baseDir ? (readJson<StackJson>(stackFile(files.baseDir)) ?? null) : undefined,
  };
}
