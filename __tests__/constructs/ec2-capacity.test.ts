/** constructs/ec2-capacity.ts: instances that join the cluster, scaled and drained by ECS. */
import { Ec2Capacity, type Ec2CapacityProps } from "../../constructs/ec2-capacity";
import { dataAt, refOf, resourceAt, resourceList, synthScope } from "../helpers";

const BASE: Ec2CapacityProps = {
  permissionsBoundaryArn: "arn:aws:iam::111111111111:policy/demo-dev-permissions-boundary", 
  instanceType: "t3.small",
  minSize: 1,
  maxSize: 3,
  rootVolumeSize: 40,
  targetCapacity: 80,
  amiParameter: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  names: { instanceRole: "demo-dev-ecs-instance", launchTemplatePrefix: "demo-dev-ecs-", capacityProvider: "demo-dev-ec2", instanceTag: "demo-dev-ecs" },
  clusterName: "demo-dev",
  partition: "aws",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-instances",
};
const capacity = (props: Partial<Ec2CapacityProps> = {}) => synthScope((scope) => new Ec2Capacity(scope, "ec2-capacity", { ...BASE, ...props })).tf;
const template = (props: Partial<Ec2CapacityProps> = {}) => resourceAt(capacity(props), "aws_launch_template", "ec2-capacity/launch-template");

describe("Ec2Capacity: instances", () => {
  it("GIVEN a cluster name THEN user data joins the instances to that cluster", () => {
    expect(template().user_data).toBe('${base64encode("#!/bin/bash\\necho ECS_CLUSTER=demo-dev >> /etc/ecs/ecs.config\\n")}');
  });

  it("GIVEN the AMI parameter THEN instances boot the image it names", () => {
    const tf = capacity();
    expect(dataAt(tf, "aws_ssm_parameter", "ec2-capacity/ami").name).toBe(BASE.amiParameter);
    expect(resourceAt(tf, "aws_launch_template", "ec2-capacity/launch-template").image_id).toBe(refOf(tf, "aws_ssm_parameter", "ec2-capacity/ami", "insecure_value", true));
  });

  it("GIVEN any instances THEN they require IMDSv2 with a hop limit of 1, out of reach of bridge-mode containers", () => {
    expect(template().metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
  });

  it("GIVEN a root volume size THEN the root volume is encrypted gp3 of that size", () => {
    expect(template({ rootVolumeSize: 64 }).block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 64, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
  });

  it("GIVEN a key pair THEN instances accept it", () => {
    expect(template({ keyName: "admin" }).key_name).toBe("admin");
  });

  it("GIVEN no key pair THEN none is set (Session Manager)", () => {
    expect(template()).not.toHaveProperty("key_name");
  });

  it.each([
    ["aws", "arn:aws:iam::aws:policy/"],
    ["aws-cn", "arn:aws-cn:iam::aws:policy/"],
  ])("GIVEN partition %s THEN the instance role gets the ECS and Session Manager policies of that partition", (partition, prefix) => {
    const tf = capacity({ partition });
    expect(resourceList<{ policy_arn: string }>(tf, "aws_iam_role_policy_attachment").map((a) => a.policy_arn).sort()).toEqual([
      `${prefix}AmazonSSMManagedInstanceCore`,
      `${prefix}service-role/AmazonEC2ContainerServiceforEC2Role`,
    ]);
  });
});

describe("Ec2Capacity: scaling", () => {
  it("GIVEN bounds THEN the Auto Scaling group keeps them and leaves the count to the capacity provider", () => {
    expect(resourceAt(capacity(), "aws_autoscaling_group", "ec2-capacity/auto-scaling-group")).toMatchObject({
      name_prefix: "demo-dev-ecs-",
      min_size: 1,
      max_size: 3,
      vpc_zone_identifier: ["subnet-a", "subnet-b"],
      protect_from_scale_in: true,
      force_delete: true,
      tag: [{ key: "AmazonECSManaged", value: "true", propagate_at_launch: true }],
      lifecycle: { ignore_changes: ["desired_capacity"] },
    });
  });

  it("GIVEN a target capacity THEN the capacity provider scales, protects and drains the group's instances", () => {
    const tf = capacity();
    expect(resourceAt(tf, "aws_ecs_capacity_provider", "ec2-capacity/capacity-provider")).toEqual({
      name: "demo-dev-ec2",
      auto_scaling_group_provider: {
        auto_scaling_group_arn: refOf(tf, "aws_autoscaling_group", "ec2-capacity/auto-scaling-group", "arn"),
        managed_termination_protection: "ENABLED",
        managed_draining: "ENABLED",
        managed_scaling: { status: "ENABLED", target_capacity: 80, minimum_scaling_step_size: 1, maximum_scaling_step_size: 10 },
      },
    });
  });
});
