/**
 * What the workflows deploy, read from the validated configuration: one target per environment,
 * non-production environments first (in the order the config lists them), production last.
 */
import type { StackSettings } from "../../config/settings";

export interface Target {
  /** Environment key in the config (`dev`). */
  readonly environment: string;
  /** `<app>-<env>`: the stack, its cdktf.out folder and its concurrency group. */
  readonly stack: string;
  readonly region: string;
  /** GitHub environment the apply job runs in (`ci.applyEnvironment`); then the plan is its own job. */
  readonly applyEnvironment?: string;
  /** Repository variables holding the bootstrap stack's role ARNs. */
  readonly planRoleVar: string;
  readonly applyRoleVar: string;
}

const varSuffix = (environment: string) => environment.toUpperCase();

export function targetsOf(stacks: readonly StackSettings[]): Target[] {
  const ordered = [...stacks.filter((s) => !s.production), ...stacks.filter((s) => s.production)];
  return ordered.map((s) => ({
    environment: s.environment,
    stack: s.stackName,
    region: s.region,
    applyEnvironment: s.ci?.applyEnvironment,
    planRoleVar: `PLAN_ROLE_ARN_${varSuffix(s.environment)}`,
    applyRoleVar: `APPLY_ROLE_ARN_${varSuffix(s.environment)}`,
  }));
}
