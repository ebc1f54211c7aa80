/**
 * What can hurt, read from `terraform show -json tfplan`: the danger list of a plan comment.
 *
 *  - destroy or replace of a stateful resource (STATEFUL_TYPES), with the attributes that force a
 *    replacement (the plan's `replace_paths`) or Terraform's `action_reason`;
 *  - an ingress rule that opens a port to 0.0.0.0/0 or ::/0 that the resource did not open before
 *    (aws_security_group inline ingress, aws_vpc_security_group_ingress_rule, aws_security_group_rule);
 *  - an IAM policy whose Allow statements gain an Action or Resource (updates), or that allows a
 *    wildcard Action or Resource `*` (creates), in aws_iam_policy, aws_iam_role_policy,
 *    aws_iam_user_policy, aws_iam_group_policy and aws_iam_role inline policies.
 */

/** The parts of Terraform's JSON plan representation (format 1.x) this module reads. */
export interface PlanJson {
  readonly format_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly name?: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Record<string, unknown> | null;
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown> | boolean;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    readonly importing?: unknown;
  };
}

export type DangerKind = "replace" | "destroy" | "open-ingress" | "iam-widening";

export interface Danger {
  readonly kind: DangerKind;
  readonly address: string;
  readonly type: string;
  /** One line, markdown. */
  readonly detail: string;
}

/** Resource types that hold data or identity a replacement or destroy loses. */
export const STATEFUL_TYPES: readonly string[] = [
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_efs_file_system",
  "aws_s3_bucket",
  "aws_ecr_repository",
  "aws_cloudwatch_log_group",
  "aws_secretsmanager_secret",
  "aws_kms_key",
  "aws_dynamodb_table",
  "aws_elasticache_replication_group",
  "aws_elasticache_cluster",
  "aws_sqs_queue",
  "aws_ssm_parameter",
  "aws_ebs_volume",
  "aws_backup_vault",
];

const OPEN_CIDRS = new Set(["0.0.0.0/0", "::/0"]);
const IAM_POLICY_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_iam_policy: ["policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_user_policy: ["policy"],
  aws_iam_group_policy: ["policy"],
  aws_iam_role: ["inline_policy"],
};

export interface Counts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly replace: number;
  readonly import: number;
}

/** Counts as Terraform's "Plan:" line does them: a replacement is one add and one destroy. */
export function countChanges(plan: PlanJson): Counts {
  let add = 0, change = 0, destroy = 0, replace = 0, imported = 0;
  for (const rc of managed(plan)) {
    const a = rc.change.actions;
    if (rc.change.importing) imported++;
    if (isReplace(a)) { replace++; add++; destroy++; }
    else if (a.includes("create")) add++;
    else if (a.includes("delete")) destroy++;
    else if (a.includes("update")) change++;
  }
  return { add, change, destroy, replace, import: imported };
}

/** Every danger in the plan, most harmful first: replacements, destroys, open ingress, IAM widening. */
export function findDangers(plan: PlanJson): Danger[] {
  const out: Danger[] = [];
  for (const rc of managed(plan)) {
    const actions = rc.change.actions;
    if (STATEFUL_TYPES.includes(rc.type) && actions.includes("delete")) {
      const order = actions[0] === "create" ? "new one created first" : "destroyed first";
      if (isReplace(actions)) out.push({ kind: "replace", address: rc.address, type: rc.type, detail: `replaced (${order}), ${replaceReason(rc)}` });
      else out.push({ kind: "destroy", address: rc.address, type: rc.type, detail: `destroyed${rc.action_reason ? ` (${REASONS[rc.action_reason] ?? rc.action_reason})` : ""}; what it holds goes with it` });
    }
    if (actions.includes("create") || actions.includes("update")) {
      for (const opened of openIngress(rc)) out.push({ kind: "open-ingress", address: rc.address, type: rc.type, detail: opened });
      for (const widened of iamWidening(rc)) out.push({ kind: "iam-widening", address: rc.address, type: rc.type, detail: widened });
    }
  }
  const order: DangerKind[] = ["replace", "destroy", "open-ingress", "iam-widening"];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

export const DANGER_LABELS: Record<DangerKind, string> = {
  replace: "🔁 replace",
  destroy: "🗑️ destroy",
  "open-ingress": "🌐 open to the internet",
  "iam-widening": "🔑 IAM widened",
};

/** The danger list as markdown (empty string when there is none). */
export function renderDangers(dangers: readonly Danger[]): string {
  if (dangers.length === 0) return "";
  return [
    `> [!CAUTION]`,
    `> **${dangers.length} ${dangers.length === 1 ? "change needs" : "changes need"} a careful look** before this is applied:`,
    ...dangers.map((d) => `> - ${DANGER_LABELS[d.kind]} \`${d.address}\` — ${d.detail}`),
  ].join("\n");
}

function managed(plan: PlanJson): ResourceChange[] {
  return (plan.resource_changes ?? []).filter((rc) => (rc.mode ?? "managed") === "managed");
}

function isReplace(actions: readonly string[]): boolean {
  return actions.includes("delete") && actions.includes("create");
}

const REASONS: Record<string, string> = {
  delete_because_no_resource_config: "removed from the configuration",
  delete_because_no_module: "its module was removed",
  delete_because_count_index: "its count index is gone",
  delete_because_each_key: "its for_each key is gone",
  delete_because_wrong_repetition: "count/for_each changed",
};

function replaceReason(rc: ResourceChange): string {
  const paths = rc.change.replace_paths ?? [];
  if (paths.length > 0) {
    const forced = paths.map((p) => {
      const name = p.map((part) => (typeof part === "number" ? `[${part}]` : part)).join(".").replace(/\.\[/g, "[");
      const [before, after] = [valueAt(rc.change.before, p), valueAt(rc.change.after, p)];
      return `\`${name}\`${before !== undefined || after !== undefined ? ` (${show(before)} → ${show(after)})` : ""}`;
    });
    return `forced by ${forced.join(", ")}`;
  }
  if (rc.action_reason === "replace_by_request") return "requested with -replace";
  if (rc.action_reason === "replace_because_tainted") return "the resource is tainted";
  return rc.action_reason ? rc.action_reason : "Terraform gives no attribute";
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined) return "(known after apply)";
  const text = JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

interface Ingress { readonly cidrs: readonly string[]; readonly from?: unknown; readonly to?: unknown; readonly protocol?: unknown }

/** Ingress rules of a resource's before/after value that reach 0.0.0.0/0 or ::/0. */
function ingressOf(type: string, value: Record<string, unknown> | null | undefined): Ingress[] {
  if (!value) return [];
  const cidrs = (...keys: string[]) => keys.flatMap((k) => asList(value[k]).map(String)).filter((c) => OPEN_CIDRS.has(c));
  switch (type) {
    case "aws_security_group":
      return asList(value.ingress).flatMap((rule) => {
        const r = rule as Record<string, unknown>;
        const open = [...asList(r.cidr_blocks), ...asList(r.ipv6_cidr_blocks)].map(String).filter((c) => OPEN_CIDRS.has(c));
        return open.length > 0 ? [{ cidrs: open, from: r.from_port, to: r.to_port, protocol: r.protocol }] : [];
      });
    case "aws_vpc_security_group_ingress_rule": {
      const open = cidrs("cidr_ipv4", "cidr_ipv6");
      return open.length > 0 ? [{ cidrs: open, from: value.from_port, to: value.to_port, protocol: value.ip_protocol }] : [];
    }
    case "aws_security_group_rule": {
      if (value.type !== "ingress") return [];
      const open = cidrs("cidr_blocks", "ipv6_cidr_blocks");
      return open.length > 0 ? [{ cidrs: open, from: value.from_port, to: value.to_port, protocol: value.protocol }] : [];
    }
    default:
      return [];
  }
}

function openIngress(rc: ResourceChange): string[] {
  const key = (i: Ingress, cidr: string) => `${String(i.protocol)}:${String(i.from)}-${String(i.to)}:${cidr}`;
  const before = new Set(ingressOf(rc.type, rc.change.before).flatMap((i) => i.cidrs.map((c) => key(i, c))));
  const out: string[] = [];
  for (const rule of ingressOf(rc.type, rc.change.after)) {
    const added = rule.cidrs.filter((c) => !before.has(key(rule, c)));
    if (added.length > 0) out.push(`opens ${portText(rule)} to ${added.map((c) => `\`${c}\``).join(" and ")}`);
  }
  return out;
}

function portText(rule: Ingress): string {
  const protocol = String(rule.protocol ?? "?");
  if (protocol === "-1" || protocol === "all") return "**all ports and protocols**";
  const ports = rule.from === rule.to ? `port ${String(rule.from)}` : `ports ${String(rule.from)}–${String(rule.to)}`;
  return `${protocol.toUpperCase()} ${ports}`;
}

interface Grants { readonly actions: Set<string>; readonly resources: Set<string> }

/** Actions and resources of the Allow statements of every policy document of a value. */
function grantsOf(type: string, value: Record<string, unknown> | null | undefined): Grants | undefined {
  if (!value) return undefined;
  const documents: unknown[] = [];
  for (const attribute of IAM_POLICY_ATTRIBUTES[type] ?? []) {
    const raw = value[attribute];
    if (attribute === "inline_policy") for (const p of asList(raw)) documents.push((p as Record<string, unknown>)?.policy);
    else documents.push(raw);
  }
  const grants: Grants = { actions: new Set(), resources: new Set() };
  let any = false;
  for (const doc of documents) {
    if (typeof doc !== "string" || doc === "") continue;
    let parsed: unknown;
    try { parsed = JSON.parse(doc); } catch { continue; }
    any = true;
    for (const st of asList((parsed as Record<string, unknown>).Statement)) {
      const s = st as Record<string, unknown>;
      if (s.Effect !== "Allow") continue;
      for (const a of asList(s.Action)) grants.actions.add(String(a));
      for (const r of asList(s.Resource)) grants.resources.add(String(r));
      if (s.NotAction !== undefined) grants.actions.add(`NotAction ${JSON.stringify(s.NotAction)}`);
      if (s.NotResource !== undefined) grants.resources.add(`NotResource ${JSON.stringify(s.NotResource)}`);
    }
  }
  return any ? grants : undefined;
}

function iamWidening(rc: ResourceChange): string[] {
  if (!(rc.type in IAM_POLICY_ATTRIBUTES)) return [];
  const after = grantsOf(rc.type, rc.change.after);
  if (!after) {
    const unknown = rc.change.after_unknown;
    const pending = typeof unknown === "object" && (IAM_POLICY_ATTRIBUTES[rc.type] ?? []).some((a) => unknown[a] === true);
    return pending ? ["policy known only after apply: review the policy documents it is built from"] : [];
  }
  const before = grantsOf(rc.type, rc.change.before);
  const list = (items: string[]) => items.slice(0, 6).map((i) => `\`${i}\``).join(", ") + (items.length > 6 ? ` and ${items.length - 6} more` : "");
  if (!before) {
    const wildActions = [...after.actions].filter((a) => a === "*" || a.endsWith(":*") || a.startsWith("NotAction"));
    const wildResources = [...after.resources].filter((r) => r === "*" || r.startsWith("NotResource"));
    const parts = [
      ...(wildActions.length > 0 ? [`allows Action ${list(wildActions)}`] : []),
      ...(wildResources.length > 0 ? [`on Resource ${list(wildResources)}`] : []),
    ];
    return parts.length > 0 ? [`new policy ${parts.join(" ")}`] : [];
  }
  const newActions = [...after.actions].filter((a) => !before.actions.has(a));
  const newResources = [...after.resources].filter((r) => !before.resources.has(r));
  const parts = [
    ...(newActions.length > 0 ? [`Action gains ${list(newActions)}`] : []),
    ...(newResources.length > 0 ? [`Resource gains ${list(newResources)}`] : []),
  ];
  return parts.length > 0 ? [parts.join("; ")] : [];
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
