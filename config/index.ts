import { appSchema, type AppConfigInput } from "./schema";
import { ConfigError, problemFromZodIssue } from "./errors";
import { resolveApp, type StackSettings } from "./resolve";

export * from "./schema";
export * from "./resolve";
export { ConfigError } from "./errors";

/**
 * Validates an application definition and resolves every default, per environment.
 * Throws ConfigError listing every problem (field, value received, what is allowed).
 */
export function loadApp(input: unknown): StackSettings[] {
  const parsed = appSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => problemFromZodIssue(issue, input)));
  }
  const { stacks, problems } = resolveApp(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return stacks;
}

/** Identity helper that gives a config file type-checking and editor completion. */
export function defineApp(config: AppConfigInput): AppConfigInput {
  return config;
}
