import { Construct } from "constructs";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener, type LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbListenerRule, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import type { LoadBalancerSettings, ServiceSettings } from "../config";
import type { AccessLogBucket } from "./access-log-bucket";

/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy for internet-facing listeners. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
export const ACCESS_LOG_PREFIX = "alb";

export interface LoadBalancerProps {
  readonly settings: LoadBalancerSettings;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly securityGroupId: string;
  /** Services that receive traffic (those with routing). */
  readonly services: readonly ServiceSettings[];
  /** Validated certificate; switches to HTTPS:443 with an HTTP→HTTPS redirect. @default HTTP:80 only */
  readonly certificateArn?: string;
  /** Where access logs go. @default access logs off */
  readonly accessLogs?: AccessLogBucket;
  /** Dual-stack (IPv4 + IPv6) listeners. @default false */
  readonly ipv6?: boolean;
}

/**
 * Internet-facing ALB in the public subnets, one target group per routed service, and listener
 * rules by path and/or host with explicit priorities. One service is the default action.
 */
export class LoadBalancer extends Construct {
  public readonly alb: Lb;
  /** Listener that carries the routing rules (HTTPS with a domain, else HTTP). */
  public readonly listener: LbListener;
  public readonly httpListener: LbListener;
  public readonly targetGroups: Record<string, LbTargetGroup> = {};
  public readonly rules: Record<string, LbListenerRule> = {};

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const s = props.settings;
    this.alb = new Lb(this, "alb", {
      name: s.name,
      internal: false,
      loadBalancerType: "application",
      securityGroups: [props.securityGroupId],
      subnets: props.publicSubnetIds,
      ipAddressType: props.ipv6 ? "dualstack" : "ipv4",
      dropInvalidHeaderFields: true,
      enableDeletionProtection: s.deletionProtection,
      idleTimeout: s.idleTimeout,
      accessLogs: props.accessLogs
        ? { bucket: props.accessLogs.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true }
        : undefined,
      dependsOn: props.accessLogs?.ready,
    });

    for (const service of props.services) {
      const instanceTargets = service.networkMode === "bridge";
      const hc = service.healthCheck;
      this.targetGroups[service.key] = new LbTargetGroup(this, `target-group-${service.key}`, {
        name: service.targetGroupName,
        // awsvpc tasks register by IP; bridge-mode tasks on EC2 register by instance + host port.
        targetType: instanceTargets ? "instance" : "ip",
        port: instanceTargets ? service.hostPort : service.containerPort,
        protocol: "HTTP",
        vpcId: props.vpcId,
        deregistrationDelay: String(service.deregistrationDelay),
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
    }

    const defaultService = props.services.find((svc) => svc.routing?.isDefault);
    const defaultAction: LbListenerDefaultAction = defaultService
      ? { type: "forward", targetGroupArn: this.targetGroups[defaultService.key].arn }
      : { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } };

    if (props.certificateArn) {
      this.listener = new LbListener(this, "https-listener", {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: [defaultAction],
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
        defaultAction: [defaultAction],
      });
      this.httpListener = this.listener;
    }

    for (const service of props.services) {
      const routing = service.routing;
      if (!routing || routing.priority === undefined) continue;
      const conditions: LbListenerRuleCondition[] = [];
      if (routing.pathPatterns.length > 0) conditions.push({ pathPattern: { values: [...routing.pathPatterns] } });
      if (routing.hostHeaders.length > 0) conditions.push({ hostHeader: { values: [...routing.hostHeaders] } });
      this.rules[service.key] = new LbListenerRule(this, `rule-${service.key}`, {
        listenerArn: this.listener.arn,
        priority: routing.priority,
        condition: conditions,
        action: [{ type: "forward", targetGroupArn: this.targetGroups[service.key].arn }],
      });
    }
  }
}
