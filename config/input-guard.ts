/**
 * Checks on the raw definition before the schema reads it, for inputs that would otherwise be
 * misread rather than rejected:
 *  - a Promise (an async config module): the CLI awaits it; anything else must too;
 *  - a `__proto__` key: JSON.parse makes it an own key, but the schema's maps skip it, so the
 *    service, environment or tag behind it would silently disappear; in an object literal it
 *    sets the prototype instead, and the fields behind it are never seen at all;
 *  - a `constructor` key: the schema takes an object with an own `constructor` for a class
 *    instance and reports "expected record", which names the wrong problem.
 * Other built-in names (`toString`, `valueOf`, ...) are ordinary keys: every lookup of a
 * configured key checks own properties only (./maps.ts).
 */
import { formatPath, type ConfigProblem } from "./errors";

const RESERVED_KEYS = ["__proto__", "constructor"];

function isThenable(value: unknown): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** Problems of the raw input that the schema would not report, or report wrongly. */
export function inputProblems(input: unknown): ConfigProblem[] {
  if (isThenable(input)) {
    return [{ path: "(root)", message: "a Promise is not allowed here; await the config module's export first (the CLI does), or export the definition itself" }];
  }
  if (typeof input === "function") {
    return [{ path: "(root)", message: "a function is not allowed; export the application definition (defineApp({ ... })), or a Promise of it" }];
  }
  const problems: ConfigProblem[] = [];
  walk(input, [], problems);
  return problems;
}

function walk(node: unknown, path: PropertyKey[], problems: ConfigProblem[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, [...path, i], problems));
    return;
  }
  if (node === null || typeof node !== "object") return;
  const prototype = Object.getPrototypeOf(node);
  if (prototype !== Object.prototype && prototype !== null) {
    const hint = prototype && Object.getPrototypeOf(prototype) === Object.prototype ? " (a `__proto__:` key in an object literal sets one)" : "";
    problems.push({ path: formatPath(path), message: `an object with a custom prototype is not allowed${hint}; write plain objects` });
    return;
  }
  for (const key of Object.keys(node)) {
    if (RESERVED_KEYS.includes(key)) {
      problems.push({
        path: formatPath([...path, key]),
        message: `key ${JSON.stringify(key)} is not allowed: JavaScript reserves it for objects, so it would be dropped or misread; choose another name`,
      });
    } else {
      walk((node as Record<string, unknown>)[key], [...path, key], problems);
    }
  }
}
