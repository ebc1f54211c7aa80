/** constructs/load-balancer.ts on its own: listeners, and what addRoute adds. */
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { AccessLogBucket } from "../../constructs/access-log-bucket";
import type { LoadBalancerProps, RouteProps } from "../../constructs/load-balancer";
import { addressOf, refOf, resourceAt, resourceList, synthScope, type TerraformJson } from "../helpers";
import { API_ROUTE, DEFAULT_ROUTE, loadBalancer } from "./support";

const CERTIFICATE = "arn:aws:acm:eu-west-1:111111111111:certificate/abc";

function synthWith(props: Partial<LoadBalancerProps>, routes: Record<string, RouteProps> = {}) {
  return synthScope((scope) => {
    const lb = loadBalancer(scope, props);
    for (const [key, route] of Object.entries(routes)) lb.addRoute(key, route);
    return lb;
  });
}
const listener = (tf: TerraformJson, name: "http" | "https") => resourceAt(tf, "aws_lb_listener", `load-balancer/${name}-listener`);
const targetGroupArn = (tf: TerraformJson, key: string) => refOf(tf, "aws_lb_target_group", `load-balancer/target-group-${key}`, "arn");
const NOT_FOUND = [{ type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "404", message_body: "Not found" } }];

describe("LoadBalancer: listeners", () => {
  it("GIVEN no certificate and no route THEN one HTTP:80 listener answers 404", () => {
    const { tf } = synthWith({});
    expect(resourceList(tf, "aws_lb_listener")).toHaveLength(1);
    expect(listener(tf, "http")).toMatchObject({ port: 80, protocol: "HTTP", default_action: NOT_FOUND });
  });

  it("GIVEN a certificate THEN HTTPS:443 with the TLS 1.3 policy answers 404 until a default route is added", () => {
    const { tf } = synthWith({ certificateArn: CERTIFICATE });
    expect(listener(tf, "https")).toMatchObject({
      load_balancer_arn: refOf(tf, "aws_lb", "load-balancer/alb", "arn"),
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: CERTIFICATE,
      default_action: NOT_FOUND,
    });
  });

  it("GIVEN a certificate THEN HTTP:80 only redirects to HTTPS with a 301, even with a default route", () => {
    const { tf } = synthWith({ certificateArn: CERTIFICATE }, { web: DEFAULT_ROUTE });
    expect(listener(tf, "http").default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
    expect(resourceList(tf, "aws_lb_listener")).toHaveLength(2);
  });

  it.each([
    [true, "dualstack"],
    [false, "ipv4"],
  ])("GIVEN ipv6 %s THEN the address type is %s", (ipv6, type) => {
    expect(synthWith({ ipv6 }).json).toHaveResourceWithProperties(Lb, { ip_address_type: type });
  });

  it("GIVEN an access log bucket THEN the ALB logs under alb/ and waits for the bucket policy and encryption", () => {
    const { tf } = synthScope((scope) => {
      const accessLogs = new AccessLogBucket(scope, "access-logs", { bucketPrefix: "demo-", logPrefix: "alb", accountId: "111111111111", partition: "aws", retentionDays: 90, forceDestroy: false });
      return loadBalancer(scope, { accessLogs });
    });
    expect(resourceAt(tf, "aws_lb", "load-balancer/alb")).toMatchObject({
      access_logs: { bucket: refOf(tf, "aws_s3_bucket", "access-logs/bucket", "id"), prefix: "alb", enabled: true },
      depends_on: [addressOf(tf, "aws_s3_bucket_policy", "access-logs/policy"), addressOf(tf, "aws_s3_bucket_server_side_encryption_configuration", "access-logs/encryption")],
    });
  });

  it("GIVEN no access log bucket THEN access logging is off", () => {
    expect(resourceAt(synthWith({}).tf, "aws_lb", "load-balancer/alb")).not.toHaveProperty("access_logs");
  });
});

describe("LoadBalancer.addRoute", () => {
  it("GIVEN an ip route THEN its target group checks health on the traffic port and drains for the delay", () => {
    const { tf } = synthWith({}, { web: DEFAULT_ROUTE });
    expect(resourceAt(tf, "aws_lb_target_group", "load-balancer/target-group-web")).toEqual({
      name: "demo-dev-web",
      target_type: "ip",
      port: 3000,
      protocol: "HTTP",
      vpc_id: "vpc-0123",
      deregistration_delay: "30",
      health_check: { enabled: true, protocol: "HTTP", port: "traffic-port", path: "/health", matcher: "200-299", interval: 15, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  it("GIVEN an instance route THEN the target group registers instances on the host port", () => {
    const { tf } = synthWith({}, { legacy: { ...DEFAULT_ROUTE, targetType: "instance", port: 8081 } });
    expect(resourceAt(tf, "aws_lb_target_group", "load-balancer/target-group-legacy")).toMatchObject({ target_type: "instance", port: 8081 });
  });

  it("GIVEN the default route THEN the listener forwards what no rule matches to it", () => {
    const { tf } = synthWith({}, { web: DEFAULT_ROUTE, api: API_ROUTE });
    expect(listener(tf, "http").default_action).toEqual([{ type: "forward", target_group_arn: targetGroupArn(tf, "web") }]);
  });

  it("GIVEN only a non-default route THEN the listener still answers 404 by default", () => {
    const { tf } = synthWith({}, { api: API_ROUTE });
    expect(listener(tf, "http").default_action).toEqual(NOT_FOUND);
  });

  it("GIVEN a default route without a rule THEN it adds no listener rule", () => {
    expect(resourceList(synthWith({}, { web: DEFAULT_ROUTE }).tf, "aws_lb_listener_rule")).toHaveLength(0);
  });

  it("GIVEN a rule with path and host conditions THEN the rule forwards to the target group at its priority, path first", () => {
    const { tf } = synthWith({}, { api: { ...API_ROUTE, rule: { priority: 7, pathPatterns: ["/api/*", "/v2/*"], hostHeaders: ["api.example.com"] } } });
    expect(resourceAt(tf, "aws_lb_listener_rule", "load-balancer/rule-api")).toEqual({
      listener_arn: refOf(tf, "aws_lb_listener", "load-balancer/http-listener", "arn"),
      priority: 7,
      condition: [{ path_pattern: { values: ["/api/*", "/v2/*"] } }, { host_header: { values: ["api.example.com"] } }],
      action: [{ type: "forward", target_group_arn: targetGroupArn(tf, "api") }],
    });
  });

  it("GIVEN a rule with only host headers THEN it has only a host condition", () => {
    const { tf } = synthWith({}, { api: { ...API_ROUTE, rule: { priority: 7, pathPatterns: [], hostHeaders: ["api.example.com"] } } });
    expect(resourceAt(tf, "aws_lb_listener_rule", "load-balancer/rule-api").condition).toEqual([{ host_header: { values: ["api.example.com"] } }]);
  });

  it("GIVEN a certificate THEN rules attach to the HTTPS listener", () => {
    const { tf } = synthWith({ certificateArn: CERTIFICATE }, { api: API_ROUTE });
    expect(resourceAt(tf, "aws_lb_listener_rule", "load-balancer/rule-api").listener_arn).toBe(refOf(tf, "aws_lb_listener", "load-balancer/https-listener", "arn"));
  });

  it("GIVEN routes THEN each is kept under its key with its target group and rule", () => {
    const { built } = synthWith({}, { web: DEFAULT_ROUTE, api: API_ROUTE });
    expect(Object.keys(built.routes)).toEqual(["web", "api"]);
    expect(built.routes.web.rule).toBeUndefined();
    expect([built.routes.api.targetGroup.node.path, built.routes.api.rule?.node.path]).toEqual(["stack/load-balancer/target-group-api", "stack/load-balancer/rule-api"]);
  });
});
