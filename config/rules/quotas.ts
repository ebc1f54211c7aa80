/**
 * AWS quotas a stack's shape can exceed, at their default values: AWS would refuse the resource
 * half-way through an apply. Counts mirror what the constructs create (stacks/network-wiring.ts,
 * constructs/security-groups.ts, constructs/load-balancer.ts).
 */
import type { ServiceSettings } from "../settings";
import { stackRule, type Report } from "./rule";

export const QUOTAS = {
  /** Elastic Load Balancing: rules per listener (the default action not counted). */
  rulesPerListener: 100,
  /** Elastic Load Balancing: target groups per load balancer. */
  targetGroupsPerLoadBalancer: 100,
  /** Elastic Load Balancing: condition values per rule, and wildcards per rule. */
  conditionValuesPerRule: 5,
  wildcardsPerRule: 5,
  /** VPC: inbound, and separately outbound, rules per security group (IPv4 and IPv6 counted apart). */
  rulesPerSecurityGroup: 60,
  /** ACM: domain names per certificate. */
  namesPerCertificate: 10,
} as const;

export const listenerQuotas = stackRule("listener-quotas", "At most 100 listener rules and 100 target groups per load balancer.", ({ services }, report) => {
  const routed = services.filter((s) => s.routing);
  const withRule = routed.filter((s) => s.routing!.priority !== undefined && s.routing!.pathPatterns.length + s.routing!.hostHeaders.length > 0);
  if (withRule.length > QUOTAS.rulesPerListener) {
    const over = withRule.slice(QUOTAS.rulesPerListener).map((s) => s.key);
    report(`services.${over[0]}.routing`, `${withRule.length} listener rules`, `a listener holds at most ${QUOTAS.rulesPerListener} rules; these services are over: ${over.join(", ")}`);
  }
  if (routed.length > QUOTAS.targetGroupsPerLoadBalancer) {
    const over = routed.slice(QUOTAS.targetGroupsPerLoadBalancer).map((s) => s.key);
    report(`services.${over[0]}.routing`, `${routed.length} target groups`, `a load balancer forwards to at most ${QUOTAS.targetGroupsPerLoadBalancer} target groups; these services are over: ${over.join(", ")}`);
  }
});

export const ruleConditionQuotas = stackRule("rule-condition-quotas", "A listener rule has at most 5 condition values and 5 wildcards.", ({ services }, report) => {
  for (const service of services) {
    const routing = service.routing;
    if (!routing) continue;
    const values = [...routing.pathPatterns, ...routing.hostHeaders];
    const path = `services.${service.key}.routing`;
    if (values.length > QUOTAS.conditionValuesPerRule) {
      report(path, values, `a listener rule takes at most ${QUOTAS.conditionValuesPerRule} condition values in all (pathPatterns and hostHeaders together; here ${values.length})`);
    }
    const wildcards = values.join("").replace(/[^*?]/g, "").length;
    if (wildcards > QUOTAS.wildcardsPerRule) report(path, values, `a listener rule takes at most ${QUOTAS.wildcardsPerRule} wildcards (* and ?) in its conditions (here ${wildcards})`);
  }
});

export const certificateNameQuota = stackRule("certificate-name-quota", "A certificate holds at most 10 names.", ({ stack, envPath }, report) => {
  const names = stack.domain ? 1 + stack.domain.alternativeNames.length : 0;
  if (names > QUOTAS.namesPerCertificate) {
    report(`${envPath}.domain.alternativeNames`, stack.domain!.alternativeNames, `an ACM certificate holds at most ${QUOTAS.namesPerCertificate} names (domain.name plus ${QUOTAS.namesPerCertificate - 1} alternative names; here ${names})`);
  }
});

/** Ports with their services, ordered by port as the security groups' rules are. */
function ports(services: readonly ServiceSettings[], portOf: (s: ServiceSettings) => number): [number, string[]][] {
  const byPort = new Map<number, string[]>();
  for (const s of services) byPort.set(portOf(s), [...(byPort.get(portOf(s)) ?? []), s.key]);
  return [...byPort.entries()].sort(([a], [b]) => a - b);
}

/** Reports a group whose per-port rules go over the quota, naming the services whose ports push it over. */
function checkPortRules(report: Report, group: string, direction: string, fixed: number, perPort: number, byPort: [number, string[]][], field = "containerPort"): void {
  const total = fixed + perPort * byPort.length;
  if (total <= QUOTAS.rulesPerSecurityGroup) return;
  const fitting = Math.max(0, Math.floor((QUOTAS.rulesPerSecurityGroup - fixed) / perPort));
  const over = byPort.slice(fitting);
  const services = [...new Set(over.flatMap(([, keys]) => keys))];
  report(
    `services.${services[0]}.${field}`,
    over[0][0],
    `the ${group} security group would have ${total} ${direction} rules (${perPort} per distinct port, ${byPort.length} ports), over AWS's default quota of ${QUOTAS.rulesPerSecurityGroup}; the ports of ${services.join(", ")} push it over: let services share ports, or ask AWS for a higher "rules per security group" quota first`,
  );
}

export const securityGroupRuleQuota = stackRule("security-group-rule-quota", "No security group needs more than 60 inbound or 60 outbound rules.", ({ stack, services, envPath }, report) => {
  const https = stack.domain !== undefined;
  const listenerPorts = https ? 2 : 1;
  const cidrs = stack.loadBalancer.ingressCidrs.length;
  if (cidrs * listenerPorts > QUOTAS.rulesPerSecurityGroup) {
    report(`${envPath}.loadBalancer.ingressCidrs`, `${cidrs} CIDRs`, `the ALB security group would have ${cidrs * listenerPorts} inbound rules (${listenerPorts} per CIDR), over AWS's default quota of ${QUOTAS.rulesPerSecurityGroup}: at most ${QUOTAS.rulesPerSecurityGroup / listenerPorts} CIDRs${https ? " with a domain (HTTP and HTTPS)" : ""}`);
  }
  const taskPorts = ports(services.filter((s) => s.networkMode === "awsvpc" && s.containerPort !== undefined), (s) => s.containerPort!);
  const instancePorts = ports(services.filter((s) => s.routing && s.networkMode === "bridge" && s.hostPort !== undefined), (s) => s.hostPort!);
  // tasks: from the ALB and from other tasks per port; to other tasks per port, plus HTTPS out and the database.
  checkPortRules(report, "task", "inbound", 0, 2, taskPorts);
  checkPortRules(report, "task", "outbound", 1 + (stack.database ? 1 : 0), 1, taskPorts);
  // the ALB: to every task port and every instance host port.
  checkPortRules(report, "ALB", "outbound", instancePorts.length, 1, taskPorts);
  checkPortRules(report, "EC2 instance", "inbound", stack.ec2Capacity?.sshCidr ? 1 : 0, 1, instancePorts, "hostPort");
});
