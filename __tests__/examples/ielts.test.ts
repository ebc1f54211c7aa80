/**
 * examples/ielts (seed 002): Next.js frontend (3000, 512/1024, /api/health) behind the ALB and a
 * Spring Boot backend (8080, 1024/2048, /actuator/health) reached over Service Connect; ECR
 * ielts-frontend/ielts-backend with scanning; Fargate + Fargate Spot; Container Insights;
 * autoscaling; 3 tasks per service over 2 AZs in place of "2 active + 1 standby".
 */
import config from "../../examples/ielts/config";
import { refOf, resourceAt, resourceList, synth } from "../helpers";
import { container, ecsService, environmentOf, ingressOf, securityGroupId, targetGroup, taskDefinition } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);
const privateSubnets = [refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(tf, "aws_subnet", "network/private-subnet-1", "id")];

describe("examples/ielts", () => {
  it("is one prod stack in ap-southeast-1 over two AZs", () => {
    expect(settings.stackName).toBe("ielts-prod");
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, { region: "ap-southeast-1", allowed_account_ids: ["123456789012"] });
    expect(resourceList(tf, "aws_subnet")).toHaveLength(4);
  });

  it.each([["frontend", "ielts-frontend"], ["backend", "ielts-backend"]])("stores %s images in ECR %s with scan on push", (service, name) => {
    expect(resourceAt(tf, "aws_ecr_repository", `repository-${service}/repository`)).toMatchObject({ name, image_scanning_configuration: { scan_on_push: true } });
    expect(container(tf, service).image).toBe(`${refOf(tf, "aws_ecr_repository", `repository-${service}/repository`, "repository_url")}:\${var.image_tag_${service}}`);
    expect(tf.variable?.[`image_tag_${service}`]).toMatchObject({ default: "latest" });
  });

  it("sizes the frontend 512 CPU / 1024 MB on port 3000 and the backend 1024 / 2048 on 8080", () => {
    expect(taskDefinition(tf, "frontend")).toMatchObject({ cpu: "512", memory: "1024", requires_compatibilities: ["FARGATE"] });
    expect(taskDefinition(tf, "backend")).toMatchObject({ cpu: "1024", memory: "2048", requires_compatibilities: ["FARGATE"] });
    expect(container(tf, "frontend").portMappings).toEqual([expect.objectContaining({ name: "frontend-http", containerPort: 3000 })]);
    expect(container(tf, "backend").portMappings).toEqual([expect.objectContaining({ name: "backend-http", containerPort: 8080 })]);
  });

  it("serves the frontend through the ALB with the /api/health check", () => {
    expect(targetGroup(tf, "frontend")).toMatchObject({ port: 3000, target_type: "ip", health_check: { path: "/api/health" } });
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "forward", target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-frontend", "arn") },
    ]);
    expect(ecsService(tf, "frontend").load_balancer).toEqual([
      { container_name: "frontend", container_port: 3000, target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-frontend", "arn") },
    ]);
  });

  it("keeps the backend internal and checks /actuator/health inside the container", () => {
    expect(resourceList(tf, "aws_lb_target_group")).toHaveLength(1);
    expect(resourceList(tf, "aws_lb_listener_rule")).toHaveLength(0);
    expect(ecsService(tf, "backend").load_balancer).toBeUndefined();
    expect(container(tf, "backend").healthCheck).toEqual({
      command: ["CMD-SHELL", "curl -fsS http://localhost:8080/actuator/health || exit 1"],
      interval: 30,
      timeout: 5,
      retries: 3,
      startPeriod: 90,
    });
  });

  it("publishes the backend as backend:8080 over Service Connect and points the frontend at it", () => {
    const namespace = refOf(tf, "aws_service_discovery_http_namespace", "cluster/namespace", "arn");
    expect(ecsService(tf, "backend").service_connect_configuration).toEqual({
      enabled: true,
      namespace,
      service: [{ port_name: "backend-http", discovery_name: "backend", client_alias: { port: 8080, dns_name: "backend" } }],
    });
    expect(ecsService(tf, "frontend").service_connect_configuration).toMatchObject({ enabled: true, namespace });
    expect(environmentOf(container(tf, "frontend"))).toEqual({ BACKEND_URL: "http://backend:8080" });
    // Frontend tasks may call backend tasks on 8080 inside ECS-SG.
    expect(ingressOf(tf, "tasks")).toContainEqual({ port: 8080, from: securityGroupId(tf, "tasks") });
  });

  it("gives the cluster Fargate and Fargate Spot, 2 tasks per service on on-demand first", () => {
    const strategy = [
      { capacity_provider: "FARGATE", base: 2, weight: 1 },
      { capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 },
    ];
    expect(resourceAt(tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers")).toMatchObject({
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
      default_capacity_provider_strategy: strategy,
    });
    expect(ecsService(tf, "frontend").capacity_provider_strategy).toEqual(strategy);
    expect(ecsService(tf, "backend").capacity_provider_strategy).toEqual(strategy);
  });

  it("turns Container Insights on", () => {
    expect(resourceAt(tf, "aws_ecs_cluster", "cluster/cluster").setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  it.each(["frontend", "backend"])("runs %s as 3 tasks over both AZs (for 2 active + 1 standby), rebalanced, autoscaled 3–6", (service) => {
    expect(ecsService(tf, service)).toMatchObject({
      desired_count: 3,
      availability_zone_rebalancing: "ENABLED",
      network_configuration: { subnets: privateSubnets, assign_public_ip: false },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
    expect(resourceAt(tf, "aws_appautoscaling_target", `service-${service}/scaling-target`)).toMatchObject({ min_capacity: 3, max_capacity: 6 });
    expect(resourceAt(tf, "aws_appautoscaling_policy", `service-${service}/scale-on-cpu`).target_tracking_scaling_policy_configuration).toMatchObject({
      predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
    });
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
