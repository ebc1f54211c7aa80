/**
 * A rule is one cross-field check, run on the resolved settings (names after overrides, counts
 * after per-environment overrides, ...), cdk-nag style: a small pure function with an ID, reporting
 * problems with the field path, the value received and what is allowed. Rules never throw.
 *
 * Severity: an error is anything AWS or Terraform would refuse, or that would deploy something
 * other than the configuration says. A warning is a setting that has no effect where it stands
 * (nothing is created from it, nothing else changes) — reported on stderr, never failing the synth.
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

/** Reports a problem: the field path, the value received, and what is allowed (a warning: why it has no effect). */
export type Report = (path: string, value: unknown, allowed: string) => void;

export type Severity = "error" | "warning";

export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  check(ctx: AppContext): ConfigProblem[];
}

function collect(severity: Severity, run: (report: Report) => void): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const verdict = severity === "error" ? "is not allowed" : "has no effect";
  run((path, value, allowed) => problems.push({ path, message: `${describeValue(value)} ${verdict}; ${allowed}` }));
  return problems;
}

/** A rule over the whole application. */
export function appRule(id: string, description: string, check: (ctx: AppContext, report: Report) => void, severity: Severity = "error"): Rule {
  return { id, description, severity, check: (ctx) => collect(severity, (report) => check(ctx, report)) };
}

/** The context of one environment's stack. */
export function stackContext(ctx: AppContext, stack: StackSettings): StackContext {
  const env = ctx.config.environments[stack.environment];
  const services = Object.keys(ctx.config.services).map((key) => stack.services.find((s) => s.key === key)!);
  return { config: ctx.config, stack, services, env, envPath: `environments.${stack.environment}` };
}

/** A rule run once per environment's stack. */
export function stackRule(id: string, description: string, check: (ctx: StackContext, report: Report) => void, severity: Severity = "error"): Rule {
  return {
    id,
    description,
    severity,
    check: (ctx) =>
      collect(severity, (report) => {
        for (const stack of ctx.stacks) check(stackContext(ctx, stack), report);
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
