/**
 * The architecture of a synthesized stack as a graph, read generically from cdk.tf.json (no
 * config types): internet → load balancers (listeners, rules) → ECS services and workers
 * (capacity, counts) → data stores; subnets per AZ with NAT gateways; VPC endpoints; Service
 * Connect edges; scheduled jobs (aws_scheduler_schedule, EventBridge rules with ECS targets).
 * diagram.ts draws it as Mermaid and as Graphviz DOT/SVG.
 */
import { capacityShares } from "./cost";
import { allResources, byAddress, constructPath, list, num, references, resources, text, type Json, type Resource, type StackJson } from "./stack-json";

export type NodeKind = "internet" | "lb" | "service" | "worker" | "job" | "store" | "subnet" | "nat" | "endpoints";

export interface Node {
  readonly id: string;
  readonly kind: NodeKind;
  /** Lines of the label; the first is the name. */
  readonly lines: readonly string[];
  /** Id of the group (see Graph.groups) it is drawn in. */
  readonly group?: string;
}

export interface Edge { readonly from: string; readonly to: string; readonly label?: string; readonly dashed?: boolean }
export interface Group { readonly id: string; readonly label: string; readonly parent?: string }
export interface Graph { readonly stack: string; readonly nodes: readonly Node[]; readonly edges: readonly Edge[]; readonly groups: readonly Group[] }

/** Resource types drawn as data stores, with the attribute that names them. */
export const STORE_TYPES: Readonly<Record<string, { label: string; name: readonly string[] }>> = {
  aws_db_instance: { label: "RDS", name: ["identifier", "identifier_prefix"] },
  aws_rds_cluster: { label: "Aurora", name: ["cluster_identifier", "cluster_identifier_prefix"] },
  aws_efs_file_system: { label: "EFS", name: ["creation_token"] },
  aws_s3_bucket: { label: "S3", name: ["bucket", "bucket_prefix"] },
  aws_dynamodb_table: { label: "DynamoDB", name: ["name"] },
  aws_elasticache_replication_group: { label: "ElastiCache", name: ["replication_group_id"] },
  aws_elasticache_cluster: { label: "ElastiCache", name: ["cluster_id"] },
  aws_sqs_queue: { label: "SQS", name: ["name", "name_prefix"] },
};

/** The name a data store is known by (its AWS name, else its Name tag, else its construct path). */
export function storeName(r: Resource): string {
  for (const attribute of STORE_TYPES[r.type]?.name ?? []) {
    const v = text(r.value[attribute]);
    if (v) return v;
  }
  return text((r.value.tags as Json | undefined)?.Name) ?? constructPath(r);
}

export function buildGraph(stack: string, tf: StackJson): Graph {
  // Short, stable node ids (n1, n2, ... in resource order): the diagram text stays small.
  const ids = new Map<string, string>();
  const id = (address: string) => {
    if (!ids.has(address)) ids.set(address, `n${ids.size + 1}`);
    return ids.get(address)!;
  };
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const groups: Group[] = [];
  const all = allResources(tf);
  const reverse = new Map<string, string[]>();
  for (const r of all) for (const ref of references(r.value)) reverse.set(ref, [...(reverse.get(ref) ?? []), r.address]);
  const referrers = (address: string, type?: string) => (reverse.get(address) ?? []).filter((a) => !type || a.startsWith(`${type}.`));

  // Network: VPC → AZ → subnets (with their NAT gateways).
  for (const vpc of resources(tf, "aws_vpc")) groups.push({ id: id(vpc.address), label: `VPC ${text(vpc.value.cidr_block) ?? ""}`.trim() });
  const azOf = (subnet: Resource) => {
    const az = text(subnet.value.availability_zone) ?? "";
    const index = /,\s*(\d+)\)\}$/.exec(az);
    return index ? `AZ ${Number(index[1]) + 1}` : az.includes("${") ? "AZ ?" : az || "AZ ?";
  };
  for (const subnet of resources(tf, "aws_subnet")) {
    const vpc = references(subnet.value.vpc_id)[0];
    const az = azOf(subnet);
    const groupId = `${vpc ? id(vpc) : "net"}_${az.replace(/\W/g, "_")}`;
    if (!groups.some((g) => g.id === groupId)) groups.push({ id: groupId, label: az, parent: vpc ? id(vpc) : undefined });
    const tier = text((subnet.value.tags as Json | undefined)?.tier) ?? (subnet.value.map_public_ip_on_launch === true ? "public" : "private");
    nodes.push({ id: id(subnet.address), kind: "subnet", lines: [`${tier} ${text(subnet.value.cidr_block) ?? ""}`.trim()], group: groupId });
  }
  const groupOfSubnet = (address: string | undefined) => nodes.find((n) => address && n.id === id(address))?.group;
  const vpcGroup = groups.find((g) => !g.parent)?.id;
  const hasInternet = resources(tf, "aws_internet_gateway").length > 0 || resources(tf, "aws_lb").some((lb) => lb.value.internal !== true);
  if (hasInternet) nodes.push({ id: "internet", kind: "internet", lines: ["Internet"] });
  for (const nat of resources(tf, "aws_nat_gateway")) {
    nodes.push({ id: id(nat.address), kind: "nat", lines: [`NAT ${text((nat.value.tags as Json | undefined)?.Name) ?? nat.name}`], group: groupOfSubnet(references(nat.value.subnet_id)[0]) });
    if (hasInternet) edges.push({ from: id(nat.address), to: "internet", label: "egress", dashed: true });
  }
  const interfaces = resources(tf, "aws_vpc_endpoint").map((ep) => (text(ep.value.service_name) ?? ep.name).replace(/^com\.amazonaws\.[^.]+\./, ""));
  if (interfaces.length > 0) nodes.push({ id: "endpoints", kind: "endpoints", lines: ["VPC endpoints", interfaces.join(", ")], group: vpcGroup });

  // Data stores.
  const stores = all.filter((r) => r.type in STORE_TYPES);
  for (const s of stores) {
    const extra = s.type === "aws_db_instance" ? [`${text(s.value.engine) ?? ""} ${text(s.value.engine_version) ?? ""} ${text(s.value.instance_class) ?? ""}${s.value.multi_az === true ? " Multi-AZ" : ""}`.trim()] : [];
    nodes.push({ id: id(s.address), kind: "store", lines: [`${STORE_TYPES[s.type].label} ${storeName(s)}`, ...extra], group: s.type === "aws_db_instance" || s.type === "aws_efs_file_system" ? vpcGroup : undefined });
  }
  const storeIds = new Set(stores.map((s) => s.address));
  /** Data stores reachable from a task definition through its roles, their policies and documents. */
  const storesOf = (start: string): string[] => {
    const seen = new Set<string>([start]);
    const queue = [start];
    const found = new Set<string>();
    while (queue.length > 0) {
      const address = queue.shift()!;
      const r = byAddress(tf, address);
      if (!r) continue;
      // The execution role is shared by every task (image pull, logs, secrets of all services): not followed.
      const { execution_role_arn: _executionRole, ...own } = r.type === "aws_ecs_task_definition" ? r.value : { execution_role_arn: undefined, ...r.value };
      const next = [...references(own), ...(r.type === "aws_iam_role" ? [...referrers(address, "aws_iam_role_policy"), ...referrers(address, "aws_iam_role_policy_attachment")] : [])];
      for (const n of next) {
        if (storeIds.has(n)) found.add(n);
        const type = n.replace(/^data\./, "").split(".")[0];
        if (!seen.has(n) && ["aws_ecs_task_definition", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy", "aws_iam_policy_document", "aws_efs_access_point"].includes(type)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return [...found];
  };

  // Services and workers.
  const clusterDefault = resources(tf, "aws_ecs_cluster_capacity_providers").flatMap((r) => list(r.value.default_capacity_provider_strategy));
  const services = resources(tf, "aws_ecs_service");
  const targetGroupOwner = new Map<string, string>();
  for (const svc of services) {
    const name = text(svc.value.name) ?? svc.name;
    const count = num(svc.value.desired_count) ?? 0;
    const taskAddress = references(svc.value.task_definition).find((a) => a.startsWith("aws_ecs_task_definition."));
    const task = taskAddress ? byAddress(tf, taskAddress) : undefined;
    const capacity = capacityShares(svc, count, clusterDefault).map((s) => `${s.provider === "EC2" ? "EC2" : s.provider === "FARGATE_SPOT" ? "Spot" : "Fargate"} ×${Number.isInteger(s.tasks) ? s.tasks : s.tasks.toFixed(1)}`).join(" + ");
    const size = task ? `${(num(task.value.cpu) ?? 0) / 1024} vCPU / ${(num(task.value.memory) ?? 0) / 1024} GB` : "";
    const lbs = list(svc.value.load_balancer);
    nodes.push({ id: id(svc.address), kind: lbs.length > 0 ? "service" : "worker", lines: [`${lbs.length > 0 ? "service" : "worker"} ${name}`, `${capacity || "0 tasks"}${size ? ` · ${size}` : ""}`], group: vpcGroup });
    for (const lb of lbs) {
      // An ECS-native release alternates between the group and its alternate.
      const alternates = list(lb.advanced_configuration).flatMap((a) => references(a.alternate_target_group_arn));
      for (const tg of [...references(lb.target_group_arn), ...alternates]) targetGroupOwner.set(tg, id(svc.address));
    }
    if (taskAddress) for (const s of storesOf(taskAddress)) edges.push({ from: id(svc.address), to: id(s) });
    if (interfaces.length > 0) edges.push({ from: id(svc.address), to: "endpoints", dashed: true });
  }

  // Load balancers, listeners and rules.
  for (const lb of resources(tf, "aws_lb")) {
    const listeners = referrers(lb.address, "aws_lb_listener").map((a) => byAddress(tf, a)!).filter(Boolean);
    const describe = (l: Resource) => {
      const redirect = list(l.value.default_action).map((a) => list(a.redirect)[0]).find(Boolean);
      return `${text(l.value.protocol) ?? "?"}:${String(l.value.port)}${redirect ? ` → ${String(redirect.protocol ?? "")}:${String(redirect.port ?? "")}` : ""}`;
    };
    nodes.push({ id: id(lb.address), kind: "lb", lines: [`${lb.value.load_balancer_type === "network" ? "NLB" : "ALB"} ${text(lb.value.name) ?? lb.name}`, listeners.map(describe).join(" · ")], group: vpcGroup });
    if (lb.value.internal !== true && hasInternet) edges.push({ from: "internet", to: id(lb.address), label: listeners.map((l) => `${text(l.value.protocol)}:${String(l.value.port)}`).join(", ") });
    for (const s of storesOf(lb.address)) edges.push({ from: id(lb.address), to: id(s), label: "access logs", dashed: true });
    for (const listener of listeners) {
      const port = `${text(listener.value.protocol)}:${String(listener.value.port)}`;
      for (const action of list(listener.value.default_action)) {
        for (const tg of forwardTargets(action)) {
          const to = targetGroupOwner.get(tg);
          if (to) edges.push({ from: id(lb.address), to, label: `${port} default` });
        }
      }
      for (const ruleAddress of referrers(listener.address, "aws_lb_listener_rule")) {
        const rule = byAddress(tf, ruleAddress)!;
        const conditions = list(rule.value.condition).flatMap((c) => [
          ...list(list(c.path_pattern)[0]?.values).map((v) => String(v)),
          ...list(list(c.host_header)[0]?.values).map((v) => `host ${String(v)}`),
        ]);
        const targets = new Set(list(rule.value.action).flatMap(forwardTargets).map((tg) => targetGroupOwner.get(tg)).filter((to) => to !== undefined));
        for (const to of targets) edges.push({ from: id(lb.address), to, label: `${port} ${conditions.join(" ") || `rule ${String(rule.value.priority ?? "")}`}`.trim() });
      }
    }
  }

  // Service Connect: every client in a namespace can reach every server of it.
  const connect = services.map((svc) => ({ svc, sc: list(svc.value.service_connect_configuration)[0] })).filter((x) => x.sc && x.sc.enabled !== false);
  for (const server of connect) {
    for (const entry of list(server.sc!.service)) {
      const alias = list(entry.client_alias)[0];
      const label = `Service Connect ${String(alias?.dns_name ?? entry.discovery_name ?? entry.port_name ?? "")}${alias?.port ? `:${String(alias.port)}` : ""}`;
      for (const client of connect) {
        if (client.svc === server.svc || JSON.stringify(client.sc!.namespace) !== JSON.stringify(server.sc!.namespace)) continue;
        edges.push({ from: id(client.svc.address), to: id(server.svc.address), label, dashed: true });
      }
    }
  }

  // Jobs: schedules and EventBridge targets that run a task definition.
  const jobs: { source: Resource; target: Json; schedule?: string; name: string }[] = [
    ...resources(tf, "aws_scheduler_schedule").map((r) => ({ source: r, target: list(r.value.target)[0] ?? {}, schedule: text(r.value.schedule_expression), name: text(r.value.name) ?? r.name })),
    ...resources(tf, "aws_cloudwatch_event_target").map((r) => {
      const rule = byAddress(tf, references(r.value.rule)[0] ?? "");
      return { source: r, target: r.value, schedule: text(rule?.value.schedule_expression) ?? text(rule?.value.event_pattern)?.slice(0, 40), name: text(rule?.value.name) ?? r.name };
    }),
  ];
  for (const job of jobs) {
    const ecs = list(job.target.ecs_parameters)[0];
    const taskAddress = references(ecs?.task_definition_arn).find((a) => a.startsWith("aws_ecs_task_definition."));
    if (!ecs && !references(job.target.arn).some((a) => a.startsWith("aws_ecs_cluster."))) continue;
    const count = num(ecs?.task_count) ?? 1;
    nodes.push({ id: id(job.source.address), kind: "job", lines: [`job ${job.name}`, `${job.schedule ?? "on event"} · ${count} task(s)`], group: vpcGroup });
    if (taskAddress) for (const s of storesOf(taskAddress)) edges.push({ from: id(job.source.address), to: id(s) });
  }

  return { stack, nodes, edges: dedupe(edges), groups };
}

function dedupe(edges: Edge[]): Edge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}>${e.to}>${e.label ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Target groups an action forwards to: `target_group_arn`, or the weighted `forward` block ECS-native releases use. */
function forwardTargets(action: Record<string, unknown>): string[] {
  const weighted = list(list(action.forward)[0]?.target_group).flatMap((t) => references(t.arn));
  return [...references(action.target_group_arn), ...weighted];
}
