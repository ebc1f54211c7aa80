/**
 * Plain objects → workflow YAML text, with comments where a reader needs the reason for a setting.
 * Built on the `yaml` package's document model (comments and block scalars are first-class there);
 * the output is deterministic, so a committed workflow can be compared with a fresh generation.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from "yaml";

/** A value with a comment printed above it (above its key in a map, above its `-` in a list). */
export class Commented {
  constructor(
    readonly comment: string,
    readonly value: unknown,
  ) {}
}

/** A map whose entries are separated by blank lines (top level, jobs). */
export class Spaced {
  constructor(readonly value: Readonly<Record<string, unknown>>) {}
}

export const commented = (comment: string, value: unknown) => new Commented(comment, value);
export const spaced = (value: Readonly<Record<string, unknown>>) => new Spaced(value);

/** yaml prints `#` + each line: give every non-empty line its space. */
const commentText = (text: string) =>
  text
    .split("\n")
    .map((line) => (line ? ` ${line}` : ""))
    .join("\n");

function toNode(doc: Document, value: unknown): Node {
  if (value instanceof Commented) {
    const node = toNode(doc, value.value);
    node.commentBefore = commentText(value.comment);
    return node;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(toNode(doc, item));
    return seq;
  }
  if (value instanceof Spaced || (value !== null && typeof value === "object")) {
    const entries = Object.entries(value instanceof Spaced ? value.value : (value as Record<string, unknown>));
    const map = new YAMLMap();
    entries
      .filter(([, v]) => v !== undefined)
      .forEach(([k, v], i) => {
        const key = new Scalar(k);
        if (value instanceof Spaced && i > 0) key.spaceBefore = true;
        if (v instanceof Commented) key.commentBefore = commentText(v.comment);
        map.items.push(new Pair(key, toNode(doc, v instanceof Commented ? v.value : v)));
      });
    return map;
  }
  const scalar = doc.createNode(value) as Scalar;
  if (typeof value === "string" && value.includes("\n")) scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

/** The YAML text of `value`, with `header` as the file's leading comment. */
export function yamlText(header: string, value: Spaced): string {
  const doc = new Document();
  doc.contents = toNode(doc, value) as YAMLMap;
  // Written by hand: yaml prints an empty comment line as a blank line, which splits the block.
  const comment = header
    .split("\n")
    .map((line) => (line ? `# ${line}` : "#"))
    .join("\n");
  return `${comment}\n\n${doc.toString({ lineWidth: 0, indentSeq: true })}`;
}
