/** Props shared by the construct tests: a load balancer and the route of one service. */
import type { Construct } from "constructs";
import { LoadBalancer, type LoadBalancerProps, type RouteProps } from "../../constructs/load-balancer";

export const LOAD_BALANCER: LoadBalancerProps = {
  name: "demo-dev",
  vpcId: "vpc-0123",
  publicSubnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-alb",
  idleTimeout: 60,
  deletionProtection: false,
  ipv6: false,
};

export function loadBalancer(scope: Construct, props: Partial<LoadBalancerProps> = {}): LoadBalancer {
  return new LoadBalancer(scope, "load-balancer", { ...LOAD_BALANCER, ...props });
}

/** The default route of an awsvpc service on port 3000, without a listener rule. */
export const DEFAULT_ROUTE: RouteProps = {
  targetGroupName: "demo-dev-web",
  targetType: "ip",
  port: 3000,
  deregistrationDelay: 30,
  healthCheck: { path: "/health", matcher: "200-299", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
  isDefault: true,
};

/** A non-default route under /api/* at priority 100. */
export const API_ROUTE: RouteProps = {
  ...DEFAULT_ROUTE,
  targetGroupName: "demo-dev-api",
  port: 8080,
  isDefault: false,
  rule: { priority: 100, pathPatterns: ["/api/*"], hostHeaders: [] },
};
