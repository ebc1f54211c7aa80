/** Props shared by the construct tests: a load balancer, the route and the container of one service, ARNs. */
import type { Construct } from "constructs";
import type { ContainerProps } from "../../constructs/container-definition";
import { LoadBalancer, type LoadBalancerProps, type RouteProps } from "../../constructs/load-balancer";

export const LOAD_BALANCER: LoadBalancerProps = {
  name: "demo-dev",
  vpcId: "vpc-0123",
  subnetIds: ["subnet-a", "subnet-b"],
  internal: false,
  securityGroupId: "sg-alb",
  idleTimeout: 60,
  deletionProtection: false,
  ipv6: false,
  region: "eu-west-1",
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

/** The container of an awsvpc service `web` on port 3000, with no variables. */
export const CONTAINER: Omit<ContainerProps, "portName"> = {
  name: "web",
  image: "repo:tag",
  containerPort: 3000,
  hostPort: 3000,
  environment: [],
  secrets: [],
  logGroupName: "/ecs/demo-dev/web",
  region: "eu-west-1",
  readonlyRootFilesystem: false,
};

/** An SSM parameter and a Secrets Manager secret of account 111111111111 in eu-west-1. */
export const PARAMETER_ARN = "arn:aws:ssm:eu-west-1:111111111111:parameter/demo/dev/token";
export const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:stripe-AbCdEf";
