/**
 * The configuration layer: schema (./schema) → resolved settings (./resolve, with ./defaults and
 * ./names) → rules (./rules). Constructs only ever see the resolved settings.
 */
import { appSchema, type AppConfigInput } from "./schema";
import { ConfigError, problemFromZodIssue } from "./errors";
import { resolveApp } from "./resolve";
import { checkRules } from "./rules";
import type { StackSettings } from "./settings";

export * from "./schema";
export * from "./settings";
export { ConfigError, type ConfigProblem } from "./errors";
export { shortName } from "./names";

/**
 * Validates an application definition and resolves every default, per environment.
 * Throws ConfigError listing every problem (field, value received, what is allowed).
 */
export function loadApp(input: unknown): StackSettings[] {
  const parsed = appSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => problemFromZodIssue(issue, input)));
  }
  const stacks = resolveApp(parsed.data);
  const problems = checkRules({ config: parsed.data, stacks });
  if (problems.length > 0) throw new ConfigError(problems);
  return stacks;
}

/** Identity helper that gives a config file type-checking and editor completion. */
export function defineApp(config: AppConfigInput): AppConfigInput {
  return config;
}
