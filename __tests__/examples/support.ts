/** Small helpers shared by the example tests (the stack helpers live in ../helpers.ts). */
import {
  containers, refOf, resourceAt, resourceList, type Attributes, type ContainerJson, type SecurityGroupRuleJson, type TerraformJson,
} from "../helpers";

/** The single container of a service's task definition. */
export function container(tf: TerraformJson, service: string): ContainerJson {
  const list = containers(tf, service);
  if (list.length !== 1) throw new Error(`expected one container in ${service}, found ${list.length}`);
  return list[0];
}

/** A container's `environment` as name → value. */
export function environmentOf(c: ContainerJson): Record<string, string> {
  return Object.fromEntries(c.environment.map((e) => [e.name, e.value]));
}

/** A container's `secrets` as name → valueFrom. */
export function secretsOf(c: ContainerJson): Record<string, string> {
  return Object.fromEntries(c.secrets.map((s) => [s.name, s.valueFrom]));
}

export function taskDefinition(tf: TerraformJson, service: string): Attributes {
  return resourceAt(tf, "aws_ecs_task_definition", `service-${service}/task-definition`);
}

export function ecsService(tf: TerraformJson, service: string): Attributes {
  return resourceAt(tf, "aws_ecs_service", `service-${service}/service`);
}

export function targetGroup(tf: TerraformJson, service: string): Attributes {
  return resourceAt(tf, "aws_lb_target_group", `load-balancer/target-group-${service}`);
}

/** `${aws_ssm_parameter.<id>.arn}` of a declared parameter, by its config key. */
export function parameterArn(tf: TerraformJson, key: string): string {
  return refOf(tf, "aws_ssm_parameter", `parameters/${key}`, "arn");
}

/** `${aws_security_group.<id>.id}` of one of the platform's groups (alb, tasks, database, instances). */
export function securityGroupId(tf: TerraformJson, group: string): string {
  return refOf(tf, "aws_security_group", `security-groups/${group}`, "id");
}

/** Ingress rules of a security group, as comparable summaries. */
export function ingressOf(tf: TerraformJson, group: string): { port: number; from: string }[] {
  const id = securityGroupId(tf, group);
  return resourceList<SecurityGroupRuleJson>(tf, "aws_vpc_security_group_ingress_rule")
    .filter((r) => r.security_group_id === id)
    .map((r) => ({ port: r.from_port, from: r.cidr_ipv4 ?? r.referenced_security_group_id ?? "" }))
    .sort((a, b) => a.port - b.port || a.from.localeCompare(b.from));
}
