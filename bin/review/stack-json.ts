/**
 * Reading a synthesized stack (cdk.tf.json) for the review tools (cost, diagram): resources by
 * type, references between them (`${aws_x.name.attr}`), and the blocks cdktf writes either as an
 * object or as a list.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type Json = Record<string, unknown>;

export interface StackJson {
  readonly resource?: Record<string, Record<string, Json>>;
  readonly data?: Record<string, Record<string, Json>>;
  readonly provider?: Record<string, Json | Json[]>;
  readonly [key: string]: unknown;
}

export interface Resource {
  readonly type: string;
  readonly name: string;
  /** `type.name`, as references and plans name it. */
  readonly address: string;
  readonly value: Json;
}

export function resources(tf: StackJson, type: string): Resource[] {
  return Object.entries(tf.resource?.[type] ?? {}).map(([name, value]) => ({ type, name, address: `${type}.${name}`, value }));
}

export function allResources(tf: StackJson): Resource[] {
  return Object.keys(tf.resource ?? {}).sort().flatMap((type) => resources(tf, type));
}

/** A block cdktf wrote as an object or a list, as a list. */
export function list(value: unknown): Json[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Json[];
}

const REFERENCE = /(?<![\w.-])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z]/g;

/** Addresses (`type.name`, `data.type.name`) referenced anywhere inside `value` (in `${...}` expressions). */
export function references(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  const out = new Set<string>();
  for (const expression of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const m of expression[1].matchAll(REFERENCE)) out.add(`${m[1] ?? ""}${m[2]}.${m[3]}`);
  }
  return [...out];
}

/** The one address of `type` that `value` references, if any. */
export function referenceTo(value: unknown, type: string): string | undefined {
  return references(value).find((address) => address.startsWith(`${type}.`));
}

export function byAddress(tf: StackJson, address: string): Resource | undefined {
  const data = address.startsWith("data.");
  const rest = data ? address.slice(5) : address;
  const dot = rest.indexOf(".");
  const [type, name] = [rest.slice(0, dot), rest.slice(dot + 1)];
  const value = (data ? tf.data : tf.resource)?.[type]?.[name];
  return value ? { type, name, address, value } : undefined;
}

/** The AWS provider's region (the first provider block). */
export function regionOf(tf: StackJson): string | undefined {
  const region = list(tf.provider?.aws)[0]?.region;
  return typeof region === "string" ? region : undefined;
}

/** The construct path cdktf records (`stack/service-api/service`), else the resource name. */
export function constructPath(resource: Resource): string {
  const meta = (resource.value["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
  return meta?.path ?? resource.name;
}

/** Stacks of a synth output directory: `<dir>/stacks/<stack>/cdk.tf.json`, sorted by name. */
export function readStacks(dir: string): Map<string, StackJson> {
  const stacksDir = path.join(dir, "stacks");
  const out = new Map<string, StackJson>();
  if (!fs.existsSync(stacksDir)) return out;
  for (const name of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, name, "cdk.tf.json");
    if (fs.existsSync(file)) out.set(name, JSON.parse(fs.readFileSync(file, "utf8")) as StackJson);
  }
  return out;
}

/** A string attribute, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A number attribute (numbers written as strings too), or undefined. */
export function num(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
