import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";

/** A port and the services listening on it (named in rule descriptions). */
export interface PortUsers {
  readonly port: number;
  readonly services: readonly string[];
}

export interface SecurityGroupsProps {
  readonly vpcId: string;
  /** The load balancer's group. @default - no load balancer, no ALB group */
  readonly alb?: {
    readonly name: string;
    /** CIDRs allowed to reach 80 (and 443). */
    readonly ingressCidrs: readonly string[];
    /** Open 443 too: an HTTPS listener exists. */
    readonly https: boolean;
    /** Also allow 80/443 from any IPv6 address (dual-stack ALB open to the internet). */
    readonly ipv6FromAnywhere: boolean;
    /** Security groups whose members may reach 80 (and 443), keyed by ID in the addresses. */
    readonly ingressSecurityGroupIds: readonly string[];
  };
  readonly tasks: {
    readonly name: string;
    /** Ports the ALB may forward to on awsvpc tasks (web services' container ports). */
    readonly ports: readonly PortUsers[];
    /** Ports only other tasks reach (internal services and workers with a port). @default - none */
    readonly internalPorts?: readonly PortUsers[];
  };
  /** The database group, reachable from tasks (and instances) on its port. @default - no database group */
  readonly database?: { readonly name: string; readonly port: number };
  /** The EC2 container-instance group for bridge-mode services. @default - no instance group */
  readonly instances?: {
    readonly name: string;
    /** Host ports the ALB forwards to. */
    readonly ports: readonly PortUsers[];
    /** CIDR allowed to SSH. @default - no SSH (Session Manager) */
    readonly sshCidr?: string;
  };
}

/**
 * The security-group chain internet → ALB → tasks → database. Every rule is a standalone
 * aws_vpc_security_group_*_rule with a description; groups carry no inline rules, and AWS's
 * default allow-all egress is removed by the provider when a group is created.
 */
export class SecurityGroups extends Construct {
  public readonly alb?: SecurityGroup;
  public readonly tasks: SecurityGroup;
  public readonly database?: SecurityGroup;
  public readonly instances?: SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const group = (groupId: string, name: string, description: string) =>
      new SecurityGroup(this, groupId, { name, description, vpcId: props.vpcId, tags: { Name: name } });

    if (props.alb) this.alb = group("alb", props.alb.name, "Application Load Balancer: HTTP/HTTPS from allowed CIDRs");
    this.tasks = group("tasks", props.tasks.name, "ECS tasks: service ports from the ALB and from each other");
    if (props.database) this.database = group("database", props.database.name, "Database: its port from ECS tasks only");
    if (props.instances) this.instances = group("instances", props.instances.name, "ECS container instances: host ports from the ALB");

    if (this.alb && props.alb) this.albIngress(this.alb, props.alb);

    for (const { port, services } of props.tasks.ports) {
      const list = services.join(", ");
      if (this.alb) {
        this.egress(`alb-to-tasks-${port}`, this.alb, port, `To ${list} tasks`, this.tasks);
        this.ingress(`tasks-from-alb-${port}`, this.tasks, port, `${list} from the ALB`, { referencedSecurityGroupId: this.alb.id });
      }
      this.betweenTasks(port, list);
    }
    for (const { port, services } of props.tasks.internalPorts ?? []) this.betweenTasks(port, services.join(", "));
    // Image pulls, AWS APIs (via NAT or endpoints) and HTTPS APIs the app calls.
    this.egress("tasks-https-out", this.tasks, 443, "HTTPS to AWS APIs and the internet", undefined, "0.0.0.0/0");

    if (this.database && props.database) {
      const port = props.database.port;
      this.ingress("database-from-tasks", this.database, port, "Database port from ECS tasks", { referencedSecurityGroupId: this.tasks.id });
      this.egress("tasks-to-database", this.tasks, port, "To the database", this.database);
      if (this.instances) {
        this.ingress("database-from-instances", this.database, port, "Database port from bridge-mode tasks on EC2 instances", { referencedSecurityGroupId: this.instances.id });
        this.egress("instances-to-database", this.instances, port, "To the database", this.database);
      }
    }

    if (this.instances && props.instances && this.alb) {
      for (const { port, services } of props.instances.ports) {
        const list = services.join(", ");
        this.egress(`alb-to-instances-${port}`, this.alb, port, `To ${list} on EC2 instances`, this.instances);
        this.ingress(`instances-from-alb-${port}`, this.instances, port, `${list} host port from the ALB`, { referencedSecurityGroupId: this.alb.id });
      }
    }
    if (this.instances && props.instances) {
      // The ECS agent, image pulls and SSM (Session Manager) all go out over HTTPS.
      this.egress("instances-https-out", this.instances, 443, "HTTPS to ECS, ECR, SSM and the internet", undefined, "0.0.0.0/0");
      if (props.instances.sshCidr) {
        this.ingress("instances-ssh-in", this.instances, 22, `SSH from the admin CIDR ${props.instances.sshCidr}`, { cidrIpv4: props.instances.sshCidr });
      }
    }
  }

  private albIngress(alb: SecurityGroup, props: NonNullable<SecurityGroupsProps["alb"]>): void {
    // 443 only when there is an HTTPS listener behind it: no open port without a listener.
    const listenerPorts = props.https ? ([["http", 80], ["https", 443]] as const) : ([["http", 80]] as const);
    props.ingressCidrs.forEach((cidr, i) => {
      for (const [protocol, port] of listenerPorts) {
        this.ingress(`alb-${protocol}-in-${i}`, alb, port, `${protocol.toUpperCase()} from ${cidr}`, { cidrIpv4: cidr });
      }
    });
    for (const groupId of props.ingressSecurityGroupIds) {
      for (const [protocol, port] of listenerPorts) {
        this.ingress(`alb-${protocol}-in-${groupId}`, alb, port, `${protocol.toUpperCase()} from members of ${groupId}`, { referencedSecurityGroupId: groupId });
      }
    }
    if (props.ipv6FromAnywhere) {
      for (const [protocol, port] of listenerPorts) {
        this.ingress(`alb-${protocol}-in-ipv6`, alb, port, `${protocol.toUpperCase()} from any IPv6 address`, { cidrIpv6: "::/0" });
      }
    }
  }

  /** Service Connect and direct calls between services stay inside the task group. */
  private betweenTasks(port: number, list: string): void {
    this.ingress(`tasks-from-tasks-${port}`, this.tasks, port, `${list} from other tasks (Service Connect)`, { referencedSecurityGroupId: this.tasks.id });
    this.egress(`tasks-to-tasks-${port}`, this.tasks, port, `To ${list} (Service Connect)`, this.tasks);
  }

  private ingress(id: string, group: SecurityGroup, port: number, description: string, source: { cidrIpv4?: string; cidrIpv6?: string; referencedSecurityGroupId?: string }): void {
    new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: group.id,
      description,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      ...source,
    });
  }

  private egress(id: string, group: SecurityGroup, port: number, description: string, target?: SecurityGroup, cidrIpv4?: string): void {
    new VpcSecurityGroupEgressRule(this, id, {
      securityGroupId: group.id,
      description,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      ...(target ? { referencedSecurityGroupId: target.id } : { cidrIpv4 }),
    });
  }
}
