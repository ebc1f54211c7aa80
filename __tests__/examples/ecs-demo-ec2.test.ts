/**
 * examples/ecs-demo-ec2 (seed 003): EC2 launch type with bridge networking (host 8081 → container
 * 8080), an ASG of ECS-optimized Amazon Linux from a launch template with a 30 GB root volume,
 * the ECS instance role + instance profile, a managed-scaling capacity provider, a replica service
 * without autoscaling, ECR ecs-demo — and no SSH or public IPs.
 */
import config from "../../examples/ecs-demo-ec2/config";
import { dataAt, refOf, resourceAt, resourceList, synth } from "../helpers";
import { container, ecsService, ingressOf, securityGroupId, targetGroup, taskDefinition } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);
const capacityProvider = refOf(tf, "aws_ecs_capacity_provider", "ec2-capacity/capacity-provider", "name");

describe("examples/ecs-demo-ec2", () => {
  it("is one non-production dev stack", () => {
    expect(settings.stackName).toBe("demo-app-dev");
    expect(settings.production).toBe(false);
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, { region: "us-east-1", allowed_account_ids: ["123456789012"] });
  });

  it("stores the image in ECR ecs-demo", () => {
    expect(resourceAt(tf, "aws_ecr_repository", "repository-web/repository")).toMatchObject({ name: "ecs-demo", image_scanning_configuration: { scan_on_push: true } });
  });

  it("registers an EC2 task definition in bridge mode, host port 8081 → container port 8080", () => {
    expect(taskDefinition(tf, "web")).toMatchObject({ requires_compatibilities: ["EC2"], network_mode: "bridge", cpu: "512", memory: "1024" });
    expect(container(tf, "web").portMappings).toEqual([expect.objectContaining({ containerPort: 8080, hostPort: 8081, protocol: "tcp" })]);
  });

  it("launches ECS-optimized Amazon Linux from the public SSM parameter, root volume 30 GB, no public IP", () => {
    expect(dataAt(tf, "aws_ssm_parameter", "ec2-capacity/ami").name).toBe("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    const template = resourceAt(tf, "aws_launch_template", "ec2-capacity/launch-template");
    expect(template).toMatchObject({
      image_id: refOf(tf, "aws_ssm_parameter", "ec2-capacity/ami", "insecure_value", true),
      instance_type: "t3.small",
      iam_instance_profile: { arn: refOf(tf, "aws_iam_instance_profile", "ec2-capacity/instance-profile", "arn") },
      vpc_security_group_ids: [securityGroupId(tf, "instances")],
      block_device_mappings: [{ device_name: "/dev/xvda", ebs: expect.objectContaining({ volume_size: 30, encrypted: "true" }) }],
      metadata_options: expect.objectContaining({ http_tokens: "required" }),
    });
    expect(template.key_name).toBeUndefined();
    expect(template.network_interfaces).toBeUndefined(); // no associate_public_ip_address
    expect(template.user_data).toContain("ECS_CLUSTER=demo-app-dev");
  });

  it("runs the instances in an ASG over the private subnets", () => {
    expect(resourceAt(tf, "aws_autoscaling_group", "ec2-capacity/auto-scaling-group")).toMatchObject({
      min_size: 1,
      max_size: 2,
      launch_template: { id: refOf(tf, "aws_launch_template", "ec2-capacity/launch-template", "id") },
      vpc_zone_identifier: [refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(tf, "aws_subnet", "network/private-subnet-1", "id")],
      protect_from_scale_in: true,
    });
  });

  it("gives the instances AmazonEC2ContainerServiceforEC2Role (and Session Manager) through an instance profile", () => {
    const role = refOf(tf, "aws_iam_role", "ec2-capacity/instance-role", "name");
    expect(resourceList(tf, "aws_iam_role_policy_attachment").filter((a) => a.role === role).map((a) => a.policy_arn).sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ]);
    expect(resourceAt(tf, "aws_iam_instance_profile", "ec2-capacity/instance-profile").role).toBe(role);
  });

  it("scales the instances with a capacity provider (managed scaling) registered on the cluster", () => {
    const provider = resourceAt(tf, "aws_ecs_capacity_provider", "ec2-capacity/capacity-provider");
    expect(provider).toMatchObject({
      name: "demo-app-dev-ec2",
      auto_scaling_group_provider: {
        auto_scaling_group_arn: refOf(tf, "aws_autoscaling_group", "ec2-capacity/auto-scaling-group", "arn"),
        managed_termination_protection: "ENABLED",
        managed_scaling: expect.objectContaining({ status: "ENABLED", target_capacity: 100 }),
      },
    });
    // ECS rejects capacity provider names starting with "aws", "ecs" or "fargate".
    expect(provider.name).not.toMatch(/^(aws|ecs|fargate)/i);
    expect(resourceAt(tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers").capacity_providers).toContain(capacityProvider);
  });

  it("runs one replica task on the EC2 capacity provider, without autoscaling", () => {
    expect(ecsService(tf, "web")).toMatchObject({
      desired_count: 1,
      capacity_provider_strategy: [{ capacity_provider: capacityProvider, weight: 1, base: 0 }],
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
    });
    expect(ecsService(tf, "web").network_configuration).toBeUndefined(); // bridge mode
    expect(ecsService(tf, "web").scheduling_strategy ?? "REPLICA").toBe("REPLICA");
    expect(resourceList(tf, "aws_appautoscaling_target")).toHaveLength(0);
  });

  it("fronts the single service with the ALB: instance targets on host port 8081, the listener's default", () => {
    expect(targetGroup(tf, "web")).toMatchObject({ target_type: "instance", port: 8081, health_check: { path: "/", port: "traffic-port" } });
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "forward", target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn") },
    ]);
    expect(ecsService(tf, "web").load_balancer).toEqual([
      { container_name: "web", container_port: 8080, target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn") },
    ]);
  });

  it("opens 8081 on the instances to the ALB only, and no SSH", () => {
    expect(ingressOf(tf, "instances")).toEqual([{ port: 8081, from: securityGroupId(tf, "alb") }]);
    expect(resourceList(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 22)).toHaveLength(0);
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
