/**
 * The configuration layer: schema (./schema) → resolved settings (./resolve, with ./defaults and
 * ./names) → rules (./rules). Constructs only ever see the resolved settings.
 */
import { appSchema, type AppConfigInput } from "./schema";
import { ConfigError, problemFromZodIssue, type ConfigProblem } from "./errors";
import { inputProblems } from "./input-guard";
import { resolveApp } from "./resolve";
import { checkRules } from "./rules";
import type { StackSettings } from "./settings";

export * from "./schema";
export * from "./settings";
export { ConfigError, type ConfigProblem } from "./errors";
export { shortName } from "./names";
export { partitionOf } from "./regions";

export { formatWarnings } from "./errors";
export { parseJsonConfig } from "./json-file";

/** A valid application: its stacks, and the settings that have no effect where they stand. */
export interface ValidatedApp {
  readonly stacks: StackSettings[];
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Validates an application definition and resolves every default, per environment.
 * Throws ConfigError listing every problem (field, value received, what is allowed); settings
 * that are valid but have no effect come back as warnings.
 */
export function validateApp(input: unknown): ValidatedApp {
  const early = inputProblems(input);
  if (early.length > 0) throw new ConfigError(early);
  const parsed = appSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => problemFromZodIssue(issue, input)));
  }
  const stacks = resolveApp(parsed.data);
  const { errors, warnings } = checkRules({ config: parsed.data, stacks });
  if (errors.length > 0) throw new ConfigError(errors);
  return { stacks, warnings };
}

/** validateApp's stacks; its warnings go to `onWarnings` (the CLI prints them on stderr). */
export function loadApp(input: unknown, onWarnings: (warnings: readonly ConfigProblem[]) => void = () => undefined): StackSettings[] {
  const { stacks, warnings } = validateApp(input);
  if (warnings.length > 0) onWarnings(warnings);
  return stacks;
}

/** Identity helper that gives a config file type-checking and editor completion. */
export function defineApp(config: AppConfigInput): AppConfigInput {
  return config;
}
