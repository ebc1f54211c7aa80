/**
 * README's configuration reference and the editor JSON Schema, both generated from the
 * configuration schema (config/schema), whose fields carry their description and default
 * (`field()` metadata), and from the production profile table (config/defaults.ts).
 */
import * as z from "zod/mini";
import { appSchema, fieldDocs, type FieldDoc } from "../../config/schema";
import { PROFILES, type ProfileKey } from "../../config/defaults";

/** A JSON Schema node as zod emits it, with this project's field metadata. */
interface Node extends Partial<FieldDoc> {
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  required?: string[];
  items?: Node;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  anyOf?: Node[];
}

/** The configuration schema as JSON Schema (input side: defaults make fields optional). */
export function jsonSchema(): Node & Record<string, unknown> {
  return z.toJSONSchema(appSchema, { metadata: fieldDocs, io: "input", unrepresentable: "any", reused: "inline" }) as Node & Record<string, unknown>;
}

interface Section {
  readonly title: string;
  /** Path from the root; `*` steps into a map's values. */
  readonly path: readonly string[];
  /** Fields documented in a section of their own (one row here, no recursion). */
  readonly own?: readonly string[];
  /** What the section's resources always do, whatever the configuration. */
  readonly note?: string;
}

const SECTIONS: readonly Section[] = [
  { title: "Application", path: [], own: ["services", "database", "parameters", "environments"] },
  { title: "Environment (`environments.<env>`)", path: ["environments", "*"], own: ["ec2Capacity"] },
  { title: "Service (`services.<name>`)", path: ["services", "*"] },
  {
    title: "Database (`database`)",
    path: ["database"],
    note:
      "Always on: private subnets only, `publicly_accessible = false`, `storage_encrypted`, parameter group with `rds.force_ssl = 1`, `auto_minor_version_upgrade`, `copy_tags_to_snapshot`, log exports `postgresql` and `upgrade` (with their log groups' retention), IAM database authentication.",
  },
  { title: "Parameters (`parameters.<key>`)", path: ["parameters", "*"] },
  { title: "EC2 capacity (`environments.<env>.ec2Capacity`)", path: ["environments", "*", "ec2Capacity"] },
];

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function at(root: Node, path: readonly string[]): Node {
  let node = root;
  for (const step of path) {
    const next = step === "*" ? node.additionalProperties : node.properties?.[step];
    if (!next || typeof next !== "object") throw new Error(`configuration reference: no schema at ${path.join(".")}`);
    node = next;
  }
  return node;
}

/** How a map's keys are written in field paths. */
const KEY_PLACEHOLDERS: Record<string, string> = { environments: "<env>", services: "<name>", parameters: "<key>" };
const placeholder = (mapField: string) => KEY_PLACEHOLDERS[mapField] ?? "<name>";

/** A strict object whose fields get rows of their own (rather than one row for the whole object). */
function isObject(node: Node): boolean {
  return node.type === "object" && node.properties !== undefined;
}

/** The map's value schema when `node` is a map of objects (e.g. per-service overrides). */
function mapOfObjects(node: Node): Node | undefined {
  const values = node.additionalProperties;
  return node.type === "object" && !node.properties && typeof values === "object" && isObject(values) ? values : undefined;
}

function formatValue(value: unknown): string {
  if (value === "") return '`""`';
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === "object" && "provider" in v)) {
    return value.map((share) => `${code(share.provider)} weight ${share.weight}${share.base ? ` base ${share.base}` : ""}`).join(" + ");
  }
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

function profileDefault(key: ProfileKey): string {
  const other = formatValue(PROFILES.nonProduction[key]);
  const production = formatValue(PROFILES.production[key]);
  return other === production ? other : `${other}; ${production} in production`;
}

function defaultOf(node: Node, required: boolean): string {
  if (node.profile) return profileDefault(node.profile);
  if (node.defaultText) return node.defaultText;
  if (node.default !== undefined) return formatValue(node.default);
  return required ? "required" : "none";
}

function allowedOf(node: Node): string {
  const parts: string[] = [];
  const values = node.enum ?? node.items?.enum;
  if (values) parts.push(values.map((v) => code(String(v))).join(" | "));
  // zod's plain integers carry the safe-integer range: not a limit worth printing.
  const bounded = (n: number | undefined): n is number => n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  if (bounded(node.minimum) && bounded(node.maximum)) parts.push(`${node.minimum}–${node.maximum}`);
  else if (bounded(node.minimum)) parts.push(`≥ ${node.minimum}`);
  if (node.maxLength !== undefined) parts.push(`≤ ${node.maxLength} characters`);
  if (node.minItems !== undefined) parts.push(`≥ ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
  if (node.maxItems !== undefined) parts.push(`≤ ${node.maxItems} items`);
  // What the schema's bounds cannot say (patterns, AWS rules, cross-field limits) follows them.
  if (node.allowed) parts.push(node.allowed);
  return parts.join("; ");
}

interface Row {
  readonly field: string;
  readonly node: Node;
  readonly required: boolean;
}

function rows(node: Node, prefix: string, own: readonly string[]): Row[] {
  const out: Row[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const field = `${prefix}${key}`;
    const required = node.required?.includes(key) ?? false;
    const values = mapOfObjects(child);
    if (own.includes(key)) out.push({ field: values ? `${field}.${placeholder(key)}` : field, node: child, required });
    else if (isObject(child)) out.push(...rows(child, `${field}.`, []));
    else if (values) out.push(...rows(values, `${field}.${placeholder(key)}.`, []));
    else out.push({ field, node: child, required });
  }
  return out;
}

/** Every field of the schema with its path, for checks (every field documented) and the profile table. */
export function allFields(): { field: string; doc: Partial<FieldDoc> }[] {
  const root = jsonSchema();
  return SECTIONS.flatMap((section) =>
    rows(at(root, section.path), section.path.map((step, i) => (step === "*" ? placeholder(section.path[i - 1]) : step)).map((step) => `${step}.`).join(""), section.own ?? []),
  ).map((row) => ({ field: row.field, doc: row.node }));
}

function table(list: readonly Row[]): string {
  const lines = ["| field | default | allowed | meaning |", "| --- | --- | --- | --- |"];
  for (const row of list) {
    lines.push(`| ${code(row.field)} | ${cell(defaultOf(row.node, row.required))} | ${cell(allowedOf(row.node))} | ${cell(row.node.description ?? "")} |`);
  }
  return lines.join("\n");
}

function profileTable(): string {
  const byProfile = new Map<ProfileKey, string>();
  for (const { field, doc } of allFields()) if (doc.profile && !byProfile.has(doc.profile)) byProfile.set(doc.profile, field);
  const lines = ["| setting | non-production | production |", "| --- | --- | --- |"];
  for (const key of Object.keys(PROFILES.production) as ProfileKey[]) {
    const field = byProfile.get(key);
    const label = field ? code(field) : PROFILE_EFFECTS[key] ?? key;
    lines.push(`| ${cell(label)} | ${cell(formatValue(PROFILES.nonProduction[key]))} | ${cell(formatValue(PROFILES.production[key]))} |`);
  }
  return lines.join("\n");
}

/** Profile entries that are not a configuration field of their own. */
const PROFILE_EFFECTS: Partial<Record<ProfileKey, string>> = {
  deleteDataOnDestroy: "destroy deletes ECR images and ALB access logs (`force_delete` / `force_destroy`)",
};

/** README's configuration reference tables (between the generated-section markers). */
export function configurationReference(): string {
  const root = jsonSchema();
  const parts = [
    "### Production profile",
    "",
    "Every default that differs between production and non-production environments (`config/defaults.ts`); each can be set explicitly.",
    "",
    profileTable(),
  ];
  for (const section of SECTIONS) {
    const node = at(root, section.path);
    parts.push("", `### ${section.title}`, "");
    const intro = section.path.length > 0 ? node.description : undefined;
    if (intro) parts.push(`${intro[0].toUpperCase()}${intro.slice(1)}.`, "");
    parts.push(table(rows(node, "", section.own ?? [])));
    if (section.note) parts.push("", section.note);
  }
  return parts.join("\n");
}

/** JSON Schema for editors: descriptions carry the default in words; project-only keys are dropped. */
export function editorSchema(): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== "object") return node;
    const { defaultText, profile, allowed, ...rest } = node as Node & Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strip(v)])) : strip(value);
    const described = defaultText ?? (profile ? profileDefault(profile) : undefined);
    if (described && typeof out.description === "string") out.description = `${out.description} (default: ${described.replace(/`/g, "")})`;
    if (allowed && typeof out.description === "string") out.description = `${out.description}; allowed: ${allowed.replace(/`/g, "")}`;
    return out;
  };
  return { ...(strip(jsonSchema()) as Record<string, unknown>), title: "ecs-platform application configuration" };
}
