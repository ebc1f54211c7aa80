import type { z } from "zod";

/** One problem in the configuration: where, what was given, what is allowed. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown when the configuration is invalid; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Warnings as the CLI prints them on stderr: the same form as errors, never failing the synth. */
export function formatWarnings(warnings: readonly ConfigProblem[]): string {
  return (
    `Configuration warning${warnings.length === 1 ? "" : "s"} (${warnings.length}; nothing was rejected):\n` +
    warnings.map((p) => `  - ${p.path}: ${p.message}`).join("\n")
  );
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`))
    .join("");
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Turns a zod issue into "received X; allowed Y" wording. */
export function problemFromZodIssue(issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] {
  const value = valueAt(input, issue.path);
  const received = describeValue(value);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown field (value ${describeValue(valueAt(value, [key]))}); remove it or check its spelling`,
      }));
    case "invalid_value":
      return [{ path: formatPath(issue.path), message: `${received} is not allowed; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}` }];
    case "invalid_type":
      return [
        {
          path: formatPath(issue.path),
          message: value === undefined ? `is required (expected ${issue.expected})` : `${received} is not allowed; expected ${issue.expected}`,
        },
      ];
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const unit = issue.origin === "array" ? " item(s)" : issue.origin === "string" ? " character(s)" : "";
      // A check that names its reason (e.g. why two AZs) keeps it after the bound.
      const reason = /^(Too small|Too big|Invalid input)/.test(issue.message) ? "" : `: ${issue.message}`;
      return [{ path: formatPath(issue.path), message: `${received} is not allowed; must be ${bound}${unit}${reason}` }];
    }
    case "invalid_key":
      return [
        {
          path: formatPath(issue.path),
          message: `key ${describeValue(issue.path[issue.path.length - 1])} is not allowed; it ${issue.issues.map((i) => i.message).join("; ")}`,
        },
      ];
    case "invalid_union":
      return [{ path: formatPath(issue.path), message: `${received} matches none of the allowed forms; ${issue.message}` }];
    default:
      return [{ path: formatPath(issue.path), message: `${received} is not allowed; ${issue.message}` }];
  }
}
