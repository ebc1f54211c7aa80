import { Construct } from "constructs";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener, type LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbListenerRule, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import type { AccessLogBucket } from "./access-log-bucket";

/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy for internet-facing listeners. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
export const ACCESS_LOG_PREFIX = "alb";

export interface LoadBalancerProps {
  readonly name: string;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly securityGroupId: string;
  /** Seconds an idle connection is kept. */
  readonly idleTimeout: number;
  readonly deletionProtection: boolean;
  /** Validated certificate; switches to HTTPS:443 with an HTTP→HTTPS redirect. @default - HTTP:80 only */
  readonly certificateArn?: string;
  /** Where access logs go. @default - access logs off */
  readonly accessLogs?: AccessLogBucket;
  /** Dual-stack (IPv4 + IPv6) listeners. */
  readonly ipv6: boolean;
}

export interface TargetHealthCheck {
  readonly path: string;
  readonly matcher: string;
  readonly interval: number;
  readonly timeout: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** What the load balancer forwards to one service, and when. */
export interface RouteProps {
  readonly targetGroupName: string;
  /** ip for awsvpc tasks; instance (with the host port) for bridge-mode tasks on EC2. */
  readonly targetType: "ip" | "instance";
  /** Port targets listen on. */
  readonly port: number;
  readonly deregistrationDelay: number;
  readonly healthCheck: TargetHealthCheck;
  /** This route answers what no rule matches. */
  readonly isDefault: boolean;
  /** A listener rule; a default route may have none. @default - no rule */
  readonly rule?: {
    readonly priority: number;
    readonly pathPatterns: readonly string[];
    readonly hostHeaders: readonly string[];
  };
}

/** A route's resources: its target group and, when it has conditions, its listener rule. */
export interface Route {
  readonly targetGroup: LbTargetGroup;
  readonly rule?: LbListenerRule;
}

const NOT_FOUND: LbListenerDefaultAction = {
  type: "fixed-response",
  fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" },
};

/**
 * Internet-facing ALB in the public subnets. Services add their routes (`addRoute`): one target
 * group each and listener rules by path and/or host with explicit priorities; the default route
 * answers what no rule matches (404 until one is added).
 */
export class LoadBalancer extends Construct {
  public readonly alb: Lb;
  /** Listener that carries the routing rules (HTTPS with a domain, else HTTP). */
  public readonly listener: LbListener;
  public readonly httpListener: LbListener;
  public readonly routes: Record<string, Route> = {};
  private readonly vpcId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.vpcId = props.vpcId;
    this.alb = new Lb(this, "alb", {
      name: props.name,
      internal: false,
      loadBalancerType: "application",
      securityGroups: [props.securityGroupId],
      subnets: props.publicSubnetIds,
      ipAddressType: props.ipv6 ? "dualstack" : "ipv4",
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection,
      idleTimeout: props.idleTimeout,
      accessLogs: props.accessLogs
        ? { bucket: props.accessLogs.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true }
        : undefined,
      dependsOn: props.accessLogs?.ready,
    });

    if (props.certificateArn) {
      this.listener = new LbListener(this, "https-listener", {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: [NOT_FOUND],
      });
      this.httpListener = new LbListener(this, "http-listener", {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      });
    } else {
      this.listener = new LbListener(this, "http-listener", {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [NOT_FOUND],
      });
      this.httpListener = this.listener;
    }
  }

  /** Routes traffic to one service, keyed by its name (the key is part of the Terraform addresses). */
  addRoute(key: string, route: RouteProps): Route {
    const hc = route.healthCheck;
    const targetGroup = new LbTargetGroup(this, `target-group-${key}`, {
      name: route.targetGroupName,
      targetType: route.targetType,
      port: route.port,
      protocol: "HTTP",
      vpcId: this.vpcId,
      deregistrationDelay: String(route.deregistrationDelay),
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: hc.path,
        matcher: hc.matcher,
        interval: hc.interval,
        timeout: hc.timeout,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
      },
    });
    if (route.isDefault) this.listener.putDefaultAction([{ type: "forward", targetGroupArn: targetGroup.arn }]);

    let rule: LbListenerRule | undefined;
    if (route.rule) {
      const conditions: LbListenerRuleCondition[] = [];
      if (route.rule.pathPatterns.length > 0) conditions.push({ pathPattern: { values: [...route.rule.pathPatterns] } });
      if (route.rule.hostHeaders.length > 0) conditions.push({ hostHeader: { values: [...route.rule.hostHeaders] } });
      rule = new LbListenerRule(this, `rule-${key}`, {
        listenerArn: this.listener.arn,
        priority: route.rule.priority,
        condition: conditions,
        action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      });
    }
    this.routes[key] = { targetGroup, rule };
    return this.routes[key];
  }
}
