/**
 * A rule is one cross-field check, run on the resolved settings (names after overrides, counts
 * after per-environment overrides, ...), cdk-nag style: a small pure function with an ID, reporting
 * problems with the field path, the value received and what is allowed. Rules never throw.
 */
import { describeValue, type ConfigProblem } from "../errors";
import type { AppConfig, EnvironmentConfig } from "../schema";
import type { ServiceSettings, StackSettings } from "../settings";

/** What every rule sees: the parsed configuration and the resolved stacks, one per environment. */
export interface AppContext {
  readonly config: AppConfig;
  readonly stacks: readonly StackSettings[];
}

/** What a per-environment rule sees, once per environment. */
export interface StackContext {
  readonly config: AppConfig;
  readonly stack: StackSettings;
  /** The stack's services in configuration order, so "already used by" names the one written first. */
  readonly services: readonly ServiceSettings[];
  /** The environment as configured (to tell an override from an inherited value). */
  readonly env: EnvironmentConfig;
  /** `environments.<env>`, the path of the environment's fields. */
  readonly envPath: string;
}

export type Report = (path: string, value: unknown, allowed: string) => void;

export interface Rule {
  readonly id: string;
  readonly description: string;
  check(ctx: AppContext): ConfigProblem[];
}

function collect(run: (report: Report) => void): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  run((path, value, allowed) => problems.push({ path, message: `${describeValue(value)} is not allowed; ${allowed}` }));
  return problems;
}

/** A rule over the whole application. */
export function appRule(id: string, description: string, check: (ctx: AppContext, report: Report) => void): Rule {
  return { id, description, check: (ctx) => collect((report) => check(ctx, report)) };
}

/** A rule run once per environment's stack. */
export function stackRule(id: string, description: string, check: (ctx: StackContext, report: Report) => void): Rule {
  return {
    id,
    description,
    check: (ctx) =>
      collect((report) => {
        for (const stack of ctx.stacks) {
          const env = ctx.config.environments[stack.environment];
          const services = Object.keys(ctx.config.services).map((key) => stack.services.find((s) => s.key === key)!);
          check({ config: ctx.config, stack, services, env, envPath: `environments.${stack.environment}` }, report);
        }
      }),
  };
}

/** Reports every entry whose name another entry already has. */
export function reportDuplicates(report: Report, entries: readonly { path: string; name: string; owner: string }[], what: (owner: string) => string): void {
  const seen = new Map<string, string>();
  for (const { path, name, owner } of entries) {
    const first = seen.get(name);
    if (first !== undefined && first !== owner) report(path, name, `must be unique; ${what(first)} already uses it`);
    else if (first === undefined) seen.set(name, owner);
  }
}
