/**
 * Fixed monthly cost of a synthesized stack, ESTIMATED from the dated price table in prices.ts:
 * NAT gateways, public IPv4 addresses, load balancers, Fargate / Fargate Spot tasks at their
 * desired counts, RDS instances and storage, interface VPC endpoints, EC2 capacity, WAF, KMS keys,
 * alarms and Secrets Manager secrets. Usage-based charges are not included.
 */
import { EC2_INSTANCE_HOUR, HOURS_PER_MONTH, PRICES, PRICES_DATE, PRICES_REGION, RDS_INSTANCE_HOUR, REGION_FACTORS } from "./prices";
import { byAddress, list, num, referenceTo, regionOf, resources, text, type Resource, type StackJson } from "./stack-json";

export interface CostLine {
  /** Stable key for comparing with a base: `<kind>:<resource name>`. */
  readonly key: string;
  readonly item: string;
  readonly quantity: string;
  /** USD per month, region factor applied; undefined when the table has no price for it. */
  readonly monthly: number | undefined;
}

export interface StackCost {
  readonly stack: string;
  readonly region: string;
  readonly factor: number;
  readonly factorKnown: boolean;
  readonly lines: readonly CostLine[];
  /** Sum of the priced lines, USD per month. */
  readonly total: number;
}

const H = HOURS_PER_MONTH;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function estimateStack(stack: string, tf: StackJson): StackCost {
  const region = regionOf(tf) ?? PRICES_REGION;
  const factorKnown = region in REGION_FACTORS;
  const factor = REGION_FACTORS[region] ?? 1;
  const raw: CostLine[] = [];
  const add = (key: string, item: string, quantity: string, usd: number | undefined) => raw.push({ key, item, quantity, monthly: usd });

  for (const r of resources(tf, "aws_nat_gateway")) add(`nat:${r.name}`, `NAT gateway ${label(r)}`, "730 h", PRICES.natGatewayHour * H);
  const eips = resources(tf, "aws_eip");
  if (eips.length > 0) add("ipv4:eip", "public IPv4 (Elastic IPs)", `${eips.length} × 730 h`, eips.length * PRICES.publicIpv4Hour * H);

  for (const lb of resources(tf, "aws_lb")) {
    const type = text(lb.value.load_balancer_type) ?? "application";
    add(`lb:${lb.name}`, `${type === "network" ? "NLB" : "ALB"} ${text(lb.value.name) ?? lb.name} (hourly, no LCUs)`, "730 h", (type === "network" ? PRICES.nlbHour : PRICES.albHour) * H);
    if (lb.value.internal !== true) {
      const azs = list(lb.value.subnets).length || list(lb.value.subnet_mapping).length || (Array.isArray(lb.value.subnets) ? 0 : 2);
      add(`ipv4:${lb.name}`, `public IPv4 of ${text(lb.value.name) ?? lb.name} (one per AZ)`, `${azs} × 730 h`, azs * PRICES.publicIpv4Hour * H);
    }
  }

  const clusterDefault = resources(tf, "aws_ecs_cluster_capacity_providers").flatMap((r) => list(r.value.default_capacity_provider_strategy));
  for (const svc of resources(tf, "aws_ecs_service")) {
    const count = num(svc.value.desired_count) ?? 0;
    const taskAddress = referenceTo(svc.value.task_definition, "aws_ecs_task_definition");
    const task = taskAddress ? byAddress(tf, taskAddress) : undefined;
    const name = text(svc.value.name) ?? svc.name;
    for (const share of capacityShares(svc, count, clusterDefault)) {
      if (share.provider === "EC2") continue; // priced as the EC2 capacity below
      const vcpu = (num(task?.value.cpu) ?? 0) / 1024;
      const gb = (num(task?.value.memory) ?? 0) / 1024;
      const arm = list(task?.value.runtime_platform).some((p) => p.cpu_architecture === "ARM64");
      const hourly = vcpu * (arm ? PRICES.fargateArmVcpuHour : PRICES.fargateVcpuHour) + gb * (arm ? PRICES.fargateArmGbHour : PRICES.fargateGbHour);
      const spot = share.provider === "FARGATE_SPOT";
      const monthly = share.tasks * hourly * H * (spot ? PRICES.fargateSpotFactor : 1);
      add(`task:${spot ? "spot" : "od"}:${svc.name}`, `${spot ? "Fargate Spot" : "Fargate"} ${name} (${vcpu} vCPU, ${gb} GB${arm ? ", ARM64" : ""})`, `${fmtCount(share.tasks)} task(s) × 730 h`, task ? monthly : undefined);
    }
  }

  for (const db of resources(tf, "aws_db_instance")) {
    const cls = text(db.value.instance_class) ?? "?";
    const azs = db.value.multi_az === true ? 2 : 1;
    const hour = RDS_INSTANCE_HOUR[cls];
    add(`rds:${db.name}`, `RDS ${cls}${azs === 2 ? " Multi-AZ" : ""} ${text(db.value.identifier) ?? db.name}`, `${azs} × 730 h`, hour === undefined ? undefined : hour * azs * H);
    const gb = num(db.value.allocated_storage) ?? 0;
    const storage = text(db.value.storage_type) ?? "gp2";
    const perGb = storage === "gp3" ? PRICES.rdsGp3GbMonth : storage === "io1" || storage === "io2" ? PRICES.rdsIo1GbMonth : PRICES.rdsGp2GbMonth;
    add(`rds-storage:${db.name}`, `RDS storage ${storage} (allocated; growth not counted)`, `${gb} GB${azs === 2 ? " × 2" : ""}`, gb * perGb * azs);
    if (db.value.manage_master_user_password === true) add(`secret:${db.name}`, "Secrets Manager secret (RDS-managed password)", "1", PRICES.secretMonth);
  }
  for (const db of resources(tf, "aws_rds_cluster_instance")) {
    const cls = text(db.value.instance_class) ?? "?";
    const hour = RDS_INSTANCE_HOUR[cls];
    add(`rds:${db.name}`, `Aurora ${cls} ${db.name}`, "730 h", hour === undefined ? undefined : hour * H);
  }

  for (const ep of resources(tf, "aws_vpc_endpoint")) {
    if ((text(ep.value.vpc_endpoint_type) ?? "Gateway") !== "Interface") continue;
    const azs = list(ep.value.subnet_ids).length || 1;
    const service = (text(ep.value.service_name) ?? ep.name).replace(/^com\.amazonaws\.[^.]+\./, "");
    add(`endpoint:${ep.name}`, `interface endpoint ${service}`, `${azs} AZ × 730 h`, azs * PRICES.interfaceEndpointAzHour * H);
  }

  for (const asg of resources(tf, "aws_autoscaling_group")) {
    const count = num(asg.value.desired_capacity) ?? num(asg.value.min_size) ?? 0;
    const ltAddress = referenceTo(asg.value.launch_template, "aws_launch_template");
    const lt = ltAddress ? byAddress(tf, ltAddress) : undefined;
    const type = text(lt?.value.instance_type) ?? text(asg.value.instance_type) ?? "?";
    const hour = EC2_INSTANCE_HOUR[type];
    add(`ec2:${asg.name}`, `EC2 ${type} (${num(asg.value.desired_capacity) !== undefined ? "desired" : "min_size"})`, `${count} × 730 h`, hour === undefined ? undefined : count * hour * H);
    const gb = list(lt?.value.block_device_mappings).reduce((sum, b) => sum + (num(list(b.ebs)[0]?.volume_size) ?? 0), 0);
    if (gb > 0) add(`ebs:${asg.name}`, "EBS gp3 root volumes", `${count} × ${gb} GB`, count * gb * PRICES.ebsGp3GbMonth);
  }

  for (const acl of resources(tf, "aws_wafv2_web_acl")) {
    const rules = list(acl.value.rule).length;
    add(`waf:${acl.name}`, `WAF web ACL ${text(acl.value.name) ?? acl.name} (no requests)`, `1 + ${rules} rule(s)`, PRICES.wafWebAclMonth + rules * PRICES.wafRuleMonth);
  }
  const counted = (type: string, key: string, item: string, price: number) => {
    const n = resources(tf, type).length;
    if (n > 0) add(key, item, String(n), n * price);
  };
  counted("aws_kms_key", "kms", "KMS customer managed keys", PRICES.kmsKeyMonth);
  counted("aws_cloudwatch_metric_alarm", "alarms", "CloudWatch alarms (standard resolution)", PRICES.alarmMonth);
  counted("aws_secretsmanager_secret", "secrets", "Secrets Manager secrets", PRICES.secretMonth);

  const lines = raw.map((l) => ({ ...l, monthly: l.monthly === undefined ? undefined : round2(l.monthly * factor) }));
  const total = round2(lines.reduce((sum, l) => sum + (l.monthly ?? 0), 0));
  return { stack, region, factor, factorKnown, lines, total };
}

/** How a service's desired tasks split across capacity providers: base first, the rest by weight. */
export function capacityShares(svc: Resource, count: number, clusterDefault: readonly Record<string, unknown>[]): { provider: "FARGATE" | "FARGATE_SPOT" | "EC2"; tasks: number }[] {
  if (svc.value.launch_type === "EC2") return [{ provider: "EC2", tasks: count }];
  let strategy = list(svc.value.capacity_provider_strategy);
  if (strategy.length === 0 && svc.value.launch_type === undefined) strategy = [...clusterDefault];
  if (strategy.length === 0) return [{ provider: "FARGATE", tasks: count }];
  const providerOf = (s: Record<string, unknown>) => {
    const p = text(s.capacity_provider);
    return p === "FARGATE" || p === "FARGATE_SPOT" ? p : "EC2";
  };
  const tasks = new Map<"FARGATE" | "FARGATE_SPOT" | "EC2", number>();
  let left = count;
  for (const s of strategy) {
    const base = Math.min(left, num(s.base) ?? 0);
    if (base > 0) tasks.set(providerOf(s), (tasks.get(providerOf(s)) ?? 0) + base);
    left -= base;
  }
  const weights = strategy.reduce((sum, s) => sum + (num(s.weight) ?? 0), 0);
  for (const s of strategy) {
    const share = weights > 0 ? (left * (num(s.weight) ?? 0)) / weights : left / strategy.length;
    if (share > 0) tasks.set(providerOf(s), (tasks.get(providerOf(s)) ?? 0) + share);
  }
  return [...tasks.entries()].map(([provider, n]) => ({ provider, tasks: n }));
}

function label(r: Resource): string {
  const tags = r.value.tags as Record<string, unknown> | undefined;
  return text(tags?.Name) ?? r.name;
}

function fmtCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

export function usd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function signedUsd(n: number): string {
  const r = round2(n);
  return r === 0 ? "±$0.00" : `${r > 0 ? "+" : "−"}${usd(Math.abs(r))}`;
}

/** The wording every report carries: what the number is and is not. */
export function estimateNote(cost: Pick<StackCost, "region" | "factor" | "factorKnown">): string {
  const region = cost.factorKnown
    ? cost.region === PRICES_REGION ? PRICES_REGION : `${PRICES_REGION} × ${cost.factor} for ${cost.region}`
    : `${PRICES_REGION} prices: no factor for ${cost.region} in the table`;
  return `Estimate of fixed charges only: list prices of ${PRICES_DATE} (${region}), ${H} h/month; usage (data transfer, NAT/LCU processing, requests, logs, storage growth) not included; Spot at ${PRICES.fargateSpotFactor * 100}% of on-demand.`;
}

/** Per-line monthly difference of `head` against `base` (lines only in one side count fully). */
export function costDelta(head: StackCost, base: StackCost | undefined): { total: number; lines: { key: string; item: string; head?: number; base?: number; delta: number }[] } {
  const baseLines = new Map((base?.lines ?? []).map((l) => [l.key, l]));
  const headKeys = new Set(head.lines.map((l) => l.key));
  const lines = [
    ...head.lines.map((l) => ({ key: l.key, item: l.item, head: l.monthly, base: baseLines.get(l.key)?.monthly, delta: (l.monthly ?? 0) - (baseLines.get(l.key)?.monthly ?? 0) })),
    ...(base?.lines ?? []).filter((l) => !headKeys.has(l.key)).map((l) => ({ key: l.key, item: `${l.item} (removed)`, head: undefined, base: l.monthly, delta: -(l.monthly ?? 0) })),
  ].map((l) => ({ ...l, delta: round2(l.delta) }));
  return { total: round2(head.total - (base?.total ?? 0)), lines };
}

/**
 * The cost section of a report. `base`: the same stack on the base branch; `null` = the stack is
 * new there; undefined = no base given (no delta shown).
 */
export function renderCost(head: StackCost, base?: StackCost | null, options: { heading?: string } = {}): string {
  const unpriced = head.lines.filter((l) => l.monthly === undefined);
  const out = [options.heading ?? `#### 💰 Estimated fixed monthly cost: \`${head.stack}\``, ""];
  if (base === undefined) {
    out.push(`**≈ ${usd(head.total)} per month** (${head.region})`);
  } else {
    const delta = costDelta(head, base ?? undefined);
    out.push(`**≈ ${usd(head.total)} per month** (${head.region}) · base ${base ? usd(base.total) : "— (new stack)"} · **${signedUsd(delta.total)} per month**`);
  }
  out.push("", `<sub>${estimateNote(head)}</sub>`, "");
  const withBase = base !== undefined;
  const delta = costDelta(head, base ?? undefined);
  const qty = new Map(head.lines.map((l) => [l.key, l.quantity]));
  const table = (rows: typeof delta.lines) => [
    withBase ? "| item | quantity | monthly | base | Δ |\n| --- | --- | ---: | ---: | ---: |" : "| item | quantity | monthly |\n| --- | --- | ---: |",
    ...rows.map((l) => {
      const cells = [l.item, qty.get(l.key) ?? "–", l.head === undefined ? (qty.has(l.key) ? "no price" : "–") : usd(l.head)];
      if (withBase) cells.push(l.base === undefined ? "–" : usd(l.base), l.delta === 0 ? "" : signedUsd(l.delta));
      return `| ${cells.join(" | ")} |`;
    }),
  ].join("\n");
  const changed = delta.lines.filter((l) => l.delta !== 0);
  if (withBase && base !== null) {
    // Against a base: what changed in the open, every item folded.
    out.push(changed.length > 0 ? `What changes:\n\n${table(changed)}` : "No priced item changes.", "", `<details><summary>All ${head.lines.length} items</summary>`, "", table(delta.lines), "", "</details>");
  } else {
    out.push(table(delta.lines));
  }
  if (unpriced.length > 0) out.push("", `⚠️ Not in the price table (bin/review/prices.ts), left out of the total: ${unpriced.map((l) => l.item).join("; ")}.`);
  return out.join("\n");
}
