import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { policyDocument } from "./policy";

export interface Ec2CapacityProps {
  /** Permissions boundary (bootstrap stack) the role carries: the apply role may create roles only with it. */
  readonly permissionsBoundaryArn: string;
  readonly instanceType: string;
  /** Auto Scaling group bounds; the capacity provider manages the count in between. */
  readonly minSize: number;
  readonly maxSize: number;
  /** Root volume in GiB (encrypted gp3). */
  readonly rootVolumeSize: number;
  /** Managed scaling target utilisation (percent). */
  readonly targetCapacity: number;
  /** Existing key pair for SSH. @default - no key pair (Session Manager) */
  readonly keyName?: string;
  /** Public SSM parameter holding the ECS-optimized AMI ID. */
  readonly amiParameter: string;
  readonly names: {
    /** The instance role and its instance profile. */
    readonly instanceRole: string;
    /** name_prefix of the launch template and the Auto Scaling group. */
    readonly launchTemplatePrefix: string;
    readonly capacityProvider: string;
    /** Name tag of the instances. */
    readonly instanceTag: string;
  };
  readonly clusterName: string;
  readonly partition: string;
  readonly subnetIds: string[];
  readonly securityGroupId: string;
}

/**
 * EC2 container instances for services with `capacity: "ec2"`: an Auto Scaling group of
 * ECS-optimized Amazon Linux instances in private subnets, joined to the cluster by user data and
 * scaled by an ECS capacity provider. Administration is through Session Manager, not SSH.
 */
export class Ec2Capacity extends Construct {
  public readonly capacityProvider: EcsCapacityProvider;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly instanceRole: IamRole;

  constructor(scope: Construct, id: string, props: Ec2CapacityProps) {
    super(scope, id);
    const s = props;
    const ami = new DataAwsSsmParameter(this, "ami", { name: s.amiParameter });

    this.instanceRole = new IamRole(this, "instance-role", {
      name: props.names.instanceRole,
      permissionsBoundary: props.permissionsBoundaryArn,
      description: "ECS container instances: register with the cluster, Session Manager",
      assumeRolePolicy: policyDocument(this, "instance-trust", [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
      ]).json,
    });
    for (const [key, policy] of [
      ["ecs", "service-role/AmazonEC2ContainerServiceforEC2Role"],
      ["ssm", "AmazonSSMManagedInstanceCore"],
    ]) {
      new IamRolePolicyAttachment(this, `instance-policy-${key}`, {
        role: this.instanceRole.name,
        policyArn: `arn:${props.partition}:iam::aws:policy/${policy}`,
      });
    }
    const profile = new IamInstanceProfile(this, "instance-profile", { name: props.names.instanceRole, role: this.instanceRole.name });

    const userData = ["#!/bin/bash", `echo ECS_CLUSTER=${props.clusterName} >> /etc/ecs/ecs.config`, ""].join("\n");
    const template = new LaunchTemplate(this, "launch-template", {
      namePrefix: props.names.launchTemplatePrefix,
      imageId: ami.insecureValue,
      instanceType: s.instanceType,
      keyName: s.keyName,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [props.securityGroupId],
      userData: Fn.base64encode(userData),
      updateDefaultVersion: true,
      // IMDSv2 only; hop limit 1 keeps bridge-mode containers away from the instance's credentials.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      monitoring: { enabled: true },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeSize: s.rootVolumeSize, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: props.names.instanceTag } }],
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "auto-scaling-group", {
      namePrefix: props.names.launchTemplatePrefix,
      minSize: s.minSize,
      maxSize: s.maxSize,
      vpcZoneIdentifier: props.subnetIds,
      launchTemplate: { id: template.id, version: "$Latest" },
      // Managed termination protection: ECS decides which instances may be scaled in.
      protectFromScaleIn: true,
      // Those instances stay protected from scale-in once the capacity provider is gone, so a
      // destroy that only sets the group to 0 waits for a drain that never comes (10 min, then
      // fails). The ECS services are destroyed before the group, so nothing is left to drain.
      forceDelete: true,
      healthCheckType: "EC2",
      tag: [{ key: "AmazonECSManaged", value: "true", propagateAtLaunch: true }],
      // The capacity provider owns the instance count.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });

    this.capacityProvider = new EcsCapacityProvider(this, "capacity-provider", {
      name: props.names.capacityProvider,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: "ENABLED",
        managedDraining: "ENABLED",
        managedScaling: { status: "ENABLED", targetCapacity: s.targetCapacity, minimumScalingStepSize: 1, maximumScalingStepSize: 10 },
      },
    });
  }
}
