/**
 * The GitHub Actions workflows as a function of the validated configuration (`npm run workflows`
 * writes them; __tests__/workflows-generated.test.ts fails when the committed files differ).
 */
import type { StackSettings } from "../../config/settings";
import { deployImageWorkflow } from "./deploy-image";
import { mainWorkflow } from "./main-workflow";
import { pullRequestWorkflow } from "./pull-request";
import { pinComments } from "./steps";
import { targetsOf } from "./targets";

export { targetsOf, type Target } from "./targets";

/** File name under .github/workflows → its text. */
export function generateWorkflows(stacks: readonly StackSettings[]): Record<string, string> {
  const targets = targetsOf(stacks);
  const files: Record<string, string> = {
    "deploy-image.yml": deployImageWorkflow(),
    "main.yml": mainWorkflow(targets),
    "pull-request.yml": pullRequestWorkflow(targets),
  };
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, pinComments(text)]));
}
