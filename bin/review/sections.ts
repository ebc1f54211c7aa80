/**
 * The review sections of a plan comment, above the plan text: counts from the JSON plan, the
 * danger list, the cost estimate with its difference against the base branch, and the
 * architecture diagram of the stack (only when it changes).
 */
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
