import { Construct } from "constructs";
import { Fn } from "cdktf";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { policyDocument } from "./policy";

/** Amazon Linux 2023 for Graviton, from AWS's public SSM parameter. */
export const NAT_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
export const NAT_INSTANCE_TYPE = "t4g.nano";

export interface NatInstanceProps {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Public subnet the instance (and its fixed network interface) lives in. */
  readonly publicSubnetId: string;
  /** Name of the security group, role and instance profile, and the Name tags. */
  readonly name: string;
  readonly partition: string;
}

/**
 * One small Graviton NAT instance instead of a NAT gateway (non-production egress). The private
 * route tables point at a fixed network interface with source/destination checking off; the
 * Auto Scaling group of one re-creates a failed instance, which takes the same interface (and so
 * the same routes and Elastic IP) over. No SSH: Session Manager only. Not highly available: a
 * replacement takes a few minutes, during which tasks have no internet egress.
 */
export class NatInstance extends Construct {
  /** The interface the private subnets' default routes point at. */
  public readonly networkInterface: NetworkInterface;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: NatInstanceProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.name,
      description: "NAT instance: forwards traffic from the VPC to the internet",
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    new VpcSecurityGroupIngressRule(this, "from-vpc", {
      securityGroupId: this.securityGroup.id,
      description: "Traffic to forward, from inside the VPC",
      ipProtocol: "-1",
      cidrIpv4: props.vpcCidr,
    });
    new VpcSecurityGroupEgressRule(this, "to-internet", {
      securityGroupId: this.securityGroup.id,
      description: "Forwarded traffic to the internet (the NAT's purpose)",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });

    this.networkInterface = new NetworkInterface(this, "network-interface", {
      subnetId: props.publicSubnetId,
      securityGroups: [this.securityGroup.id],
      // A NAT forwards packets that are neither from nor to itself.
      sourceDestCheck: false,
      description: `${props.name}: default route of the private subnets`,
      tags: { Name: props.name },
    });
    new Eip(this, "eip", { domain: "vpc", networkInterface: this.networkInterface.id, tags: { Name: props.name } });

    const role = new IamRole(this, "role", {
      name: props.name,
      description: "NAT instance: Session Manager only",
      assumeRolePolicy: policyDocument(this, "trust", [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }]).json,
    });
    new IamRolePolicyAttachment(this, "ssm", { role: role.name, policyArn: `arn:${props.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` });
    const profile = new IamInstanceProfile(this, "instance-profile", { name: props.name, role: role.name });

    const ami = new DataAwsSsmParameter(this, "ami", { name: NAT_AMI_PARAMETER });
    const template = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${props.name}-`,
      imageId: ami.insecureValue,
      instanceType: NAT_INSTANCE_TYPE,
      iamInstanceProfile: { arn: profile.arn },
      // The fixed interface carries the security group, the Elastic IP and source_dest_check off.
      networkInterfaces: [{ networkInterfaceId: this.networkInterface.id, deviceIndex: 0 }],
      userData: Fn.base64encode(natUserData(props.vpcCidr)),
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: props.name } }],
    });
    this.autoScalingGroup = new AutoscalingGroup(this, "auto-scaling-group", {
      namePrefix: `${props.name}-`,
      // One at a time: the interface can be attached to one instance only.
      minSize: 1,
      maxSize: 1,
      desiredCapacity: 1,
      vpcZoneIdentifier: [props.publicSubnetId],
      launchTemplate: { id: template.id, version: "$Latest" },
      healthCheckType: "EC2",
      tag: [{ key: "Name", value: props.name, propagateAtLaunch: true }],
    });
  }
}

/** Forwarding on, and masquerade of the VPC's traffic behind the instance's address. */
export function natUserData(vpcCidr: string): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-nat.conf",
    "sysctl --system",
    "dnf install -y iptables-services",
    "IFACE=$(ip route show default | awk '{print $5; exit}')",
    `iptables -t nat -A POSTROUTING -o $IFACE -s ${vpcCidr} -j MASQUERADE`,
    "iptables -P FORWARD ACCEPT",
    "iptables -F FORWARD",
    "service iptables save",
    "systemctl enable --now iptables",
    "",
  ].join("\n");
}
