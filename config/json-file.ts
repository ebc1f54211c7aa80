/**
 * JSON configuration files, read by this project rather than by `require()`: require() (like
 * JSON.parse) keeps the last of two equal keys without a word, so a duplicated `"cpu"` would
 * silently win over the first. Duplicates are reported with their path and line.
 */
import { ConfigError, formatPath, type ConfigProblem } from "./errors";

/** The parsed JSON text; throws ConfigError for a syntax error or a duplicate key. */
export function parseJsonConfig(text: string, file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ path: file, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0) throw new ConfigError(duplicates);
  return parsed;
}

/** Keys that occur twice in one object of valid JSON `text`, with their path and line. */
export function duplicateKeys(text: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // One frame per open object or array: the keys seen so far, and the key or index it sits under.
  const frames: { keys?: Set<string>; index: number; key?: PropertyKey }[] = [];
  const pathHere = () => frames.slice(1).map((f) => f.key!);
  let pendingKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      const frame = frames[frames.length - 1];
      if (frame?.keys && /^\s*:/.test(text.slice(end + 1, end + 20))) {
        if (frame.keys.has(value)) {
          const line = text.slice(0, i).split("\n").length;
          problems.push({
            path: formatPath([...pathHere(), value]),
            message: `duplicate key ${JSON.stringify(value)} (line ${line}); JSON keeps only the last value, so remove one of them`,
          });
        }
        frame.keys.add(value);
        pendingKey = value;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      const parent = frames[frames.length - 1];
      frames.push({ keys: c === "{" ? new Set() : undefined, index: 0, key: parent?.keys ? pendingKey : parent?.index });
    } else if (c === "}" || c === "]") {
      frames.pop();
    } else if (c === ",") {
      const frame = frames[frames.length - 1];
      if (frame && !frame.keys) frame.index++;
    }
  }
  return problems;
}

/** Index of the closing quote of the JSON string that starts at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
