/**
 * examples/minimal-backend (seed 004): the smallest Fargate task (256/512) on port 3000, one task,
 * an internet-facing ALB with an IP target group checking /health, HTTPS with an ACM certificate,
 * HTTP → HTTPS redirect and a Route 53 alias record, in ap-southeast-2.
 */
import config from "../../examples/minimal-backend/config";
import { dataAt, refOf, resourceAt, resourceList, synth } from "../helpers";
import { container, ecsService, ingressOf, securityGroupId, targetGroup, taskDefinition } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);
const targetGroupArn = () => refOf(tf, "aws_lb_target_group", "load-balancer/target-group-backend", "arn");

describe("examples/minimal-backend", () => {
  it("is one prod stack in ap-southeast-2", () => {
    expect(settings.stackName).toBe("my-backend-prod");
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, { region: "ap-southeast-2", allowed_account_ids: ["123456789012"] });
  });

  it("pushes to the private ECR repository my-backend", () => {
    expect(resourceAt(tf, "aws_ecr_repository", "repository-backend/repository").name).toBe("my-backend");
  });

  it("runs the smallest Fargate task: 0.25 vCPU, 0.5 GB, container port 3000", () => {
    expect(taskDefinition(tf, "backend")).toMatchObject({ cpu: "256", memory: "512", requires_compatibilities: ["FARGATE"], network_mode: "awsvpc" });
    expect(container(tf, "backend").portMappings).toEqual([expect.objectContaining({ containerPort: 3000 })]);
  });

  it("runs one task in the private subnets, without a public IP", () => {
    expect(ecsService(tf, "backend")).toMatchObject({
      desired_count: 1,
      network_configuration: {
        assign_public_ip: false,
        subnets: [refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(tf, "aws_subnet", "network/private-subnet-1", "id")],
      },
      load_balancer: [{ container_name: "backend", container_port: 3000, target_group_arn: targetGroupArn() }],
    });
    expect(resourceAt(tf, "aws_appautoscaling_target", "service-backend/scaling-target")).toMatchObject({ min_capacity: 1, max_capacity: 4 });
  });

  it("puts an internet-facing ALB in two public subnets with an IP target group checking /health", () => {
    expect(resourceAt(tf, "aws_lb", "load-balancer/alb")).toMatchObject({
      internal: false,
      load_balancer_type: "application",
      subnets: [refOf(tf, "aws_subnet", "network/public-subnet-0", "id"), refOf(tf, "aws_subnet", "network/public-subnet-1", "id")],
    });
    expect(targetGroup(tf, "backend")).toMatchObject({ target_type: "ip", protocol: "HTTP", port: 3000, health_check: { path: "/health", matcher: "200" } });
  });

  it("lets only the ALB's security group reach the tasks on 3000", () => {
    expect(ingressOf(tf, "tasks").filter((r) => r.from !== securityGroupId(tf, "tasks"))).toEqual([{ port: 3000, from: securityGroupId(tf, "alb") }]);
  });

  it("terminates HTTPS with a DNS-validated ACM certificate for api.example.com", () => {
    expect(resourceAt(tf, "aws_acm_certificate", "certificate/certificate")).toMatchObject({ domain_name: "api.example.com", validation_method: "DNS" });
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/https-listener")).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      certificate_arn: refOf(tf, "aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
      default_action: [{ type: "forward", target_group_arn: targetGroupArn() }],
    });
  });

  it("redirects HTTP:80 to HTTPS:443", () => {
    expect(resourceList(tf, "aws_lb_listener")).toHaveLength(2);
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/http-listener")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
  });

  it("creates an A alias record in the example.com zone pointing at the ALB", () => {
    expect(dataAt(tf, "aws_route53_zone", "certificate/zone").name).toBe("example.com");
    expect(resourceAt(tf, "aws_route53_record", "dns/api-example-com-a")).toMatchObject({
      zone_id: refOf(tf, "aws_route53_zone", "certificate/zone", "zone_id", true),
      name: "api.example.com",
      type: "A",
      alias: { name: refOf(tf, "aws_lb", "load-balancer/alb", "dns_name"), zone_id: refOf(tf, "aws_lb", "load-balancer/alb", "zone_id"), evaluate_target_health: true },
    });
  });

  it("uses one shared NAT gateway", () => {
    expect(resourceList(tf, "aws_nat_gateway")).toHaveLength(1);
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
