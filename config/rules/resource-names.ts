/**
 * Every AWS name one environment's stacks (platform + bootstrap) create, after defaults and
 * overrides, with where AWS requires it to be unique and the configuration field behind it. The
 * name rules (./names.ts) compare these, within a stack and between environments that share an
 * account (and region), so a collision is a config error instead of a failed apply.
 */
import { own } from "../maps";
import type { StackContext } from "./rule";

/**
 * Where a name must be unique: `account` (IAM, global to the account), `region` (account and
 * region: ECR, ECS, CloudWatch, ELB, RDS, SSM, SNS), `stack` (within the stack's own VPC or
 * cluster: security groups, ECS services).
 */
export type NameScope = "account" | "region" | "stack";

export interface NamedResource {
  /** What AWS calls it, e.g. "IAM role"; names are compared per kind. */
  readonly kind: string;
  readonly scope: NameScope;
  readonly name: string;
  /** The configuration field to change to rename it (an override, or the field that creates it). */
  readonly path: string;
  /** Who uses the name, for messages: "service web", "the ECS Exec session log group". */
  readonly owner: string;
  /** IAM compares names without regard to case. */
  readonly caseInsensitive?: boolean;
}

/** The CloudWatch alarm IDs the Alarms construct creates for the stack (constructs/alarms.ts). */
export const STACK_ALARM_IDS = { loadBalancer: ["alb-5xx", "target-5xx"], database: ["database-cpu-high", "database-storage-low"] } as const;
/** The alarm IDs of one service: `<key>-<suffix>`. */
export const SERVICE_ALARM_SUFFIXES = { routed: ["unhealthy-targets"], always: ["cpu-high", "memory-high"] } as const;

/** The names of one environment's stacks, stack-wide resources first, then each service in configuration order. */
export function stackResourceNames({ config, stack, services, env, envPath }: StackContext): NamedResource[] {
  const n = stack.names;
  const list: NamedResource[] = [];
  const add = (kind: string, scope: NameScope, name: string, path: string, owner: string, caseInsensitive = false) =>
    list.push({ kind, scope, name, path, owner, caseInsensitive });
  const iam = (name: string, path: string, owner: string) => add("IAM role", "account", name, path, owner, true);

  if (stack.network.flowLogs) {
    iam(n.flowLogRole, `${envPath}.network.flowLogs`, "the VPC flow log role");
    add("log group", "region", n.flowLogGroup, `${envPath}.network.flowLogs`, "the VPC flow log group");
  }
  const ec2 = stack.ec2Capacity !== undefined && services.some((s) => s.capacity === "ec2");
  if (ec2) {
    iam(n.ec2InstanceRole, `${envPath}.ec2Capacity`, "the EC2 instance role");
    add("ECS capacity provider", "region", n.ec2CapacityProvider, `${envPath}.ec2Capacity`, "the EC2 capacity provider");
  }
  if (stack.ci) {
    iam(n.ciPlanRole, `${envPath}.ci`, "the CI plan role (bootstrap stack)");
    iam(n.ciApplyRole, `${envPath}.ci`, "the CI apply role (bootstrap stack)");
    iam(n.ciDeployRole, `${envPath}.ci`, "the CI deploy role (bootstrap stack)");
  }

  add("ECS cluster and Service Connect namespace", "region", n.cluster, "names.cluster", "the cluster");
  if (stack.cluster.ecsExec) add("log group", "region", n.execLogGroup, "names.cluster", "the ECS Exec session log group (/ecs/<cluster>/exec)");
  add("load balancer", "region", n.loadBalancer, `${envPath}.loadBalancer.name`, "the load balancer");
  add("security group", "stack", n.albSecurityGroup, "names.albSecurityGroup", "the ALB security group");
  add("security group", "stack", n.taskSecurityGroup, "names.taskSecurityGroup", "the task security group");
  if (stack.database) add("security group", "stack", n.databaseSecurityGroup, "names.databaseSecurityGroup", "the database security group");
  if (ec2) add("security group", "stack", n.instanceSecurityGroup, `${envPath}.ec2Capacity`, "the EC2 instance security group");
  if (stack.network.vpcEndpoints) add("security group", "stack", n.endpointSecurityGroup, `${envPath}.network.vpcEndpoints`, "the VPC endpoint security group");

  const db = stack.database;
  if (db) {
    add("RDS DB instance", "region", db.identifier, "database.identifier", "the database");
    add("DB subnet group", "region", db.subnetGroupName, "database.subnetGroupName", "the database's subnet group");
    for (const type of ["postgresql", "upgrade"]) add("log group", "region", `/aws/rds/instance/${db.identifier}/${type}`, "database.identifier", `the database's ${type} log group`);
  }
  for (const p of stack.parameters) {
    // An out-of-band SecureString is a Secrets Manager secret of that name (constructs/parameters.ts).
    const kind = p.type === "SecureString" && p.valueFrom === undefined ? "Secrets Manager secret" : "SSM parameter";
    add(kind, "region", p.name, `parameters.${p.key}.name`, `parameter ${p.key}`);
  }

  const routed = services.filter((s) => s.routing);
  if (stack.alarms.enabled) {
    add("SNS topic", "region", n.alarmTopic, `${envPath}.alarms.enabled`, "the alarm topic");
    const alarm = (id: string, path: string, owner: string) => add("CloudWatch alarm", "region", `${n.alarmTopic}-${id}`, path, owner);
    if (routed.length > 0) STACK_ALARM_IDS.loadBalancer.forEach((id) => alarm(id, `${envPath}.alarms.enabled`, "a load balancer alarm"));
    if (db) STACK_ALARM_IDS.database.forEach((id) => alarm(id, "database", "a database alarm"));
    for (const s of services) {
      const suffixes = [...(s.routing ? SERVICE_ALARM_SUFFIXES.routed : []), ...SERVICE_ALARM_SUFFIXES.always];
      suffixes.forEach((suffix) => alarm(`${s.key}-${suffix}`, `services.${s.key}`, `service ${s.key}'s alarms`));
    }
  }

  for (const s of services) {
    const names = config.services[s.key].names;
    const owner = `service ${s.key}`;
    const path = (field: keyof typeof names) => `services.${s.key}.names.${field}`;
    iam(s.names.executionRole, "names.executionRole", `the task execution role of ${s.key}`);
    iam(s.names.taskRole, path("taskRole"), owner);
    add("log group", "region", s.names.logGroup, path("logGroup"), owner);
    add("ECS task definition family", "region", s.names.taskFamily, path("taskFamily"), owner);
    add("ECS service", "stack", s.names.service, path("service"), owner);
    if (s.routing) add("target group", "region", s.names.targetGroup, path("targetGroup"), owner);
    // issue 14: the alternate target group of an ECS-native release (`<target group>-alt`).
    if (s.release.trafficShift) add("target group", "region", s.release.trafficShift.alternateTargetGroup, `services.${s.key}.release.strategy`, `the release of service ${s.key}`);
    const repositoryOverride = own(env.services, s.key)?.repositoryName !== undefined;
    add("ECR repository", "region", s.names.repository, repositoryOverride ? `${envPath}.services.${s.key}.repositoryName` : `services.${s.key}.repository.name`, owner);
  }
  return list;
}
