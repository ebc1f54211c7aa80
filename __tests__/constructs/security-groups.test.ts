/** constructs/security-groups.ts on its own: which rules exist for which props. */
import { SecurityGroups, type SecurityGroupsProps } from "../../constructs/security-groups";
import { refOf, resourceList, synthScope, type SecurityGroupRuleJson, type TerraformJson } from "../helpers";

const BASE: SecurityGroupsProps = {
  vpcId: "vpc-0123",
  alb: { name: "demo-dev-alb", ingressCidrs: ["0.0.0.0/0"], https: false, ipv6FromAnywhere: false, ingressSecurityGroupIds: [] },
  tasks: { name: "demo-dev-tasks", ports: [{ port: 3000, services: ["web"] }] },
};
const INSTANCES = { name: "demo-dev-instances", ports: [{ port: 8081, services: ["legacy"] }] };

function groups(change: Partial<SecurityGroupsProps> = {}) {
  return synthScope((scope) => new SecurityGroups(scope, "security-groups", { ...BASE, ...change }));
}
const withAlb = (alb: Partial<NonNullable<SecurityGroupsProps["alb"]>>) => groups({ alb: { ...BASE.alb!, ...alb } });

const group = (tf: TerraformJson, name: string) => refOf(tf, "aws_security_group", `security-groups/${name}`, "id");
const rules = (tf: TerraformJson, kind: "ingress" | "egress", name: string) =>
  resourceList<SecurityGroupRuleJson>(tf, `aws_vpc_security_group_${kind}_rule`).filter((r) => r.security_group_id === group(tf, name));
/** [port, source or target] of each rule of a group, by port then peer (synthesized JSON is keyed by logical ID, not creation order). */
const summary = (list: SecurityGroupRuleJson[]) =>
  list
    .map((r): [number, string] => [r.from_port, r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id ?? ""])
    .sort(([a, x], [b, y]) => a - b || x.localeCompare(y));

describe("SecurityGroups: the ALB group", () => {
  it("GIVEN no HTTPS listener THEN it opens only port 80, to each allowed CIDR", () => {
    const { tf } = withAlb({ ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"] });
    expect(summary(rules(tf, "ingress", "alb"))).toEqual([
      [80, "198.51.100.0/24"],
      [80, "203.0.113.0/24"],
    ]);
  });

  it("GIVEN an HTTPS listener THEN it opens 80 and 443 to each allowed CIDR", () => {
    const { tf } = withAlb({ https: true, ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"] });
    expect(summary(rules(tf, "ingress", "alb"))).toEqual([
      [80, "198.51.100.0/24"],
      [80, "203.0.113.0/24"],
      [443, "198.51.100.0/24"],
      [443, "203.0.113.0/24"],
    ]);
  });

  it("GIVEN IPv6 from anywhere THEN the listener ports are also open to ::/0", () => {
    const { tf } = withAlb({ https: true, ipv6FromAnywhere: true });
    expect(summary(rules(tf, "ingress", "alb").filter((r) => r.cidr_ipv6))).toEqual([
      [80, "::/0"],
      [443, "::/0"],
    ]);
  });

  it("GIVEN no IPv6 THEN no rule admits IPv6", () => {
    const { tf } = withAlb({ https: true });
    expect(resourceList<SecurityGroupRuleJson>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv6)).toHaveLength(0);
  });
});

describe("SecurityGroups: service ports", () => {
  const shared = { name: "demo-dev-tasks", ports: [{ port: 3000, services: ["web", "admin"] }, { port: 8080, services: ["api"] }] };

  it("GIVEN two ports THEN the ALB may send to the task group on exactly those ports", () => {
    const { tf } = groups({ tasks: shared });
    expect(summary(rules(tf, "egress", "alb"))).toEqual([
      [3000, group(tf, "tasks")],
      [8080, group(tf, "tasks")],
    ]);
  });

  it("GIVEN a port two services listen on THEN one set of rules serves it, naming both services", () => {
    const { tf } = groups({ tasks: shared });
    const onPort = (kind: "ingress" | "egress") => rules(tf, kind, "tasks").filter((r) => r.from_port === 3000);
    expect(onPort("ingress").map((r) => [r.description, r.referenced_security_group_id])).toEqual([
      ["web, admin from the ALB", group(tf, "alb")],
      ["web, admin from other tasks (Service Connect)", group(tf, "tasks")],
    ]);
    expect(onPort("egress").map((r) => r.description)).toEqual(["To web, admin (Service Connect)"]);
    expect(rules(tf, "egress", "alb").find((r) => r.from_port === 3000)?.description).toBe("To web, admin tasks");
  });

  it("GIVEN any ports THEN tasks may call HTTPS anywhere and nothing else leaves the task group to the internet", () => {
    const { tf } = groups();
    expect(rules(tf, "egress", "tasks").filter((r) => r.cidr_ipv4)).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, ip_protocol: "tcp", cidr_ipv4: "0.0.0.0/0" }),
    ]);
  });
});

describe("SecurityGroups: the database group", () => {
  it("GIVEN no database THEN there is neither a database group nor a rule for it", () => {
    const { tf } = groups();
    expect(resourceList<{ name: string }>(tf, "aws_security_group").map((g) => g.name)).toEqual(["demo-dev-alb", "demo-dev-tasks"]);
    expect(rules(tf, "egress", "tasks").filter((r) => r.description === "To the database")).toHaveLength(0);
  });

  it("GIVEN a database THEN it admits its port from the task group, which may send to it", () => {
    const { tf } = groups({ database: { name: "demo-dev-db", port: 5433 } });
    expect(summary(rules(tf, "ingress", "database"))).toEqual([[5433, group(tf, "tasks")]]);
    expect(summary(rules(tf, "egress", "tasks").filter((r) => r.from_port === 5433))).toEqual([[5433, group(tf, "database")]]);
    expect(rules(tf, "egress", "database")).toHaveLength(0);
  });

  it("GIVEN a database and EC2 instances THEN bridge-mode tasks on the instances reach it too", () => {
    const { tf } = groups({ database: { name: "demo-dev-db", port: 5432 }, instances: INSTANCES });
    expect(summary(rules(tf, "ingress", "database"))).toEqual([
      [5432, group(tf, "instances")],
      [5432, group(tf, "tasks")],
    ]);
    expect(summary(rules(tf, "egress", "instances").filter((r) => r.from_port === 5432))).toEqual([[5432, group(tf, "database")]]);
  });
});

describe("SecurityGroups: the EC2 instance group", () => {
  it("GIVEN no instances THEN there is no instance group", () => {
    const { tf } = groups({ database: { name: "demo-dev-db", port: 5432 } });
    expect(() => group(tf, "instances")).toThrow(/found 0/);
  });

  it("GIVEN instances THEN the ALB reaches their host ports and they call HTTPS out", () => {
    const { tf } = groups({ instances: INSTANCES });
    expect(rules(tf, "ingress", "instances").map((r) => [r.from_port, r.referenced_security_group_id, r.description])).toEqual([
      [8081, group(tf, "alb"), "legacy host port from the ALB"],
    ]);
    expect(summary(rules(tf, "egress", "alb").filter((r) => r.from_port === 8081))).toEqual([[8081, group(tf, "instances")]]);
    expect(summary(rules(tf, "egress", "instances"))).toEqual([[443, "0.0.0.0/0"]]);
  });

  it("GIVEN an SSH CIDR THEN port 22 is open to that CIDR only", () => {
    const { tf } = groups({ instances: { ...INSTANCES, sshCidr: "203.0.113.10/32" } });
    expect(rules(tf, "ingress", "instances").filter((r) => r.from_port === 22)).toEqual([
      expect.objectContaining({ to_port: 22, cidr_ipv4: "203.0.113.10/32", description: "SSH from the admin CIDR 203.0.113.10/32" }),
    ]);
  });

  it("GIVEN no SSH CIDR THEN no rule opens port 22", () => {
    const { tf } = groups({ instances: INSTANCES });
    expect(resourceList<SecurityGroupRuleJson>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 22)).toHaveLength(0);
  });
});
