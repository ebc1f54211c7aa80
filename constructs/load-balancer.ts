import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener, type LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbListenerRule, type LbListenerRuleAction, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import type { AccessLogBucket } from "./access-log-bucket";
import { authenticateAction, type RouteAuthentication } from "./route-authentication";
import { SignInClientSecret } from "./sign-in-client-secret";

/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy for internet-facing listeners. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
export const ACCESS_LOG_PREFIX = "alb";

export interface LoadBalancerProps {
  readonly name: string;
  readonly vpcId: string;
  /** Public subnets, or private ones for an internal ALB. */
  readonly subnetIds: string[];
  /** Scheme internal: reachable only inside the VPC (and networks routed to it). */
  readonly internal: boolean;
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
  /** The ALB's region: the OIDC client secret is set through its API after apply. */
  readonly region: string;
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
  /** ECS moves this route's traffic between two target groups (blue/green, canary, linear). @default - one target group */
  readonly trafficShift?: TrafficShiftProps;
  /** Sign-in at the load balancer before the forward (HTTPS listener). @default - no sign-in */
  readonly authenticate?: RouteAuthentication;
}

/** A route whose traffic ECS shifts: an alternate target group, a production and a test rule. */
export interface TrafficShiftProps {
  readonly alternateTargetGroupName: string;
  /** Priority of the catch-all production rule of a default route (ECS shifts rules, not default actions). */
  readonly productionPriority: number;
  /** The test rule: the production conditions plus this header. */
  readonly test: { readonly header: string; readonly value: string; readonly priority: number };
}

/** A route's resources: its target group and, when it has conditions, its listener rule. */
export interface Route {
  readonly targetGroup: LbTargetGroup;
  readonly rule?: LbListenerRule;
  /** With a traffic shift: the second target group and the rule ECS points at the new tasks first. */
  readonly alternateTargetGroup?: LbTargetGroup;
  readonly testRule?: LbListenerRule;
}

/**
 * What ECS owns on a shifted route's rules: which target groups the forward action names and with
 * what weights. Terraform keeps the conditions, priority and the action's type.
 */
export const SHIFTED_RULE_IGNORES = ["action[0].forward[0].target_group", "action[0].target_group_arn"];

/** The same, when a sign-in action comes first and the forward is the second action. */
export const SIGNED_IN_SHIFTED_RULE_IGNORES = ["action[1].forward[0].target_group", "action[1].target_group_arn"];

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
  private readonly region: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.vpcId = props.vpcId;
    this.region = props.region;
    this.alb = new Lb(this, "alb", {
      name: props.name,
      internal: props.internal,
      loadBalancerType: "application",
      securityGroups: [props.securityGroupId],
      subnets: props.subnetIds,
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
    const targetGroup = this.targetGroup(`target-group-${key}`, route.targetGroupName, route);
    const signIn = route.authenticate ? [authenticateAction(route.authenticate)] : [];
    if (route.trafficShift) return this.addShiftedRoute(key, route, route.trafficShift, targetGroup, signIn);
    // With a sign-in first, actions carry their order (ALB requires it once there are two).
    const forward = signIn.length > 0 ? { type: "forward", targetGroupArn: targetGroup.arn, order: 2 } : { type: "forward", targetGroupArn: targetGroup.arn };
    const actions = [...signIn, forward];
    if (route.isDefault) {
      this.listener.putDefaultAction(actions);
      this.setClientSecret(`sign-in-secret-${key}-listener`, route, { kind: "listener", arn: this.listener.arn }, attributeAddress(this.listener, "default_action"));
    }

    let rule: LbListenerRule | undefined;
    if (route.rule) {
      rule = new LbListenerRule(this, `rule-${key}`, {
        listenerArn: this.listener.arn,
        priority: route.rule.priority,
        condition: conditionsOf(route.rule),
        action: actions,
      });
      this.setClientSecret(`sign-in-secret-${key}-rule`, route, { kind: "rule", arn: rule.arn }, attributeAddress(rule, "action"));
    }
    this.routes[key] = { targetGroup, rule };
    return this.routes[key];
  }

  /** An OIDC sign-in's client secret is set after apply, on each listener or rule that carries it. */
  private setClientSecret(id: string, route: RouteProps, target: { kind: "rule" | "listener"; arn: string }, actionsAttribute: string): void {
    if (route.authenticate?.kind !== "oidc") return;
    new SignInClientSecret(this, id, { target, actionsAttribute, secret: route.authenticate.clientSecret, region: this.region });
  }

  /**
   * A route ECS shifts: the production rule (the service's own, or a catch-all for the default
   * route: the listener keeps its 404) forwards 100/0 to the two target groups; the test rule, one
   * priority earlier with the test header, forwards to the alternate group only. ECS rewrites both
   * forward actions during each release, so Terraform ignores exactly those (SHIFTED_RULE_IGNORES).
   */
  private addShiftedRoute(key: string, route: RouteProps, shift: TrafficShiftProps, targetGroup: LbTargetGroup, signIn: LbListenerRuleAction[]): Route {
    const alternateTargetGroup = this.targetGroup(`target-group-${key}-alternate`, shift.alternateTargetGroupName, route);
    const production = route.rule ?? { priority: shift.productionPriority, pathPatterns: ["/*"], hostHeaders: [] };
    const conditions = conditionsOf(production);
    const order = signIn.length > 0 ? { order: 2 } : {};
    const ignoreChanges = signIn.length > 0 ? SIGNED_IN_SHIFTED_RULE_IGNORES : SHIFTED_RULE_IGNORES;
    const rule = new LbListenerRule(this, `rule-${key}`, {
      listenerArn: this.listener.arn,
      priority: production.priority,
      condition: conditions,
      action: [...signIn, { type: "forward", ...order, forward: { targetGroup: [{ arn: targetGroup.arn, weight: 100 }, { arn: alternateTargetGroup.arn, weight: 0 }] } }],
      lifecycle: { ignoreChanges },
    });
    const testRule = new LbListenerRule(this, `test-rule-${key}`, {
      listenerArn: this.listener.arn,
      priority: shift.test.priority,
      condition: [...conditions, { httpHeader: { httpHeaderName: shift.test.header, values: [shift.test.value] } }],
      action: [...signIn, { type: "forward", ...order, forward: { targetGroup: [{ arn: alternateTargetGroup.arn, weight: 100 }] } }],
      lifecycle: { ignoreChanges },
    });
    this.setClientSecret(`sign-in-secret-${key}-rule`, route, { kind: "rule", arn: rule.arn }, attributeAddress(rule, "action"));
    this.setClientSecret(`sign-in-secret-${key}-test-rule`, route, { kind: "rule", arn: testRule.arn }, attributeAddress(testRule, "action"));
    this.routes[key] = { targetGroup, rule, alternateTargetGroup, testRule };
    return this.routes[key];
  }

  private targetGroup(id: string, name: string, route: RouteProps): LbTargetGroup {
    const hc = route.healthCheck;
    return new LbTargetGroup(this, id, {
      name,
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
  }
}

/** `type.name.attribute`, as `replace_triggered_by` wants it (a bare address, no interpolation). */
function attributeAddress(resource: TerraformResource, attribute: string): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}`;
}

function conditionsOf(rule: { readonly pathPatterns: readonly string[]; readonly hostHeaders: readonly string[] }): LbListenerRuleCondition[] {
  const conditions: LbListenerRuleCondition[] = [];
  if (rule.pathPatterns.length > 0) conditions.push({ pathPattern: { values: [...rule.pathPatterns] } });
  if (rule.hostHeaders.length > 0) conditions.push({ hostHeader: { values: [...rule.hostHeaders] } });
  return conditions;
}
