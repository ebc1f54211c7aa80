import { Construct } from "constructs";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { policyDocument } from "./policy";

export interface FileSystemProps {
  /** Name tag of the file system. */
  readonly name: string;
  readonly securityGroupName: string;
  readonly vpcId: string;
  /** One mount target per private subnet. */
  readonly subnetIds: string[];
  /** The task security group: the only source of NFS traffic. */
  readonly taskSecurityGroupId: string;
}

export interface AccessPointProps {
  readonly path: string;
  readonly uid: number;
  readonly gid: number;
  readonly permissions: string;
}

/**
 * The application's EFS file system: encrypted at rest, backed up by AWS Backup, mount targets in
 * the private subnets behind a group that accepts NFS (2049) from the task group only, and a
 * file system policy that refuses anything but TLS through an access point. Services reach it
 * through their own access points (`addAccessPoint`).
 */
export class FileSystem extends Construct {
  public readonly fileSystem: EfsFileSystem;
  public readonly securityGroup: SecurityGroup;
  public readonly accessPoints: Record<string, EfsAccessPoint> = {};

  constructor(scope: Construct, id: string, props: FileSystemProps) {
    super(scope, id);
    this.fileSystem = new EfsFileSystem(this, "file-system", {
      encrypted: true,
      performanceMode: "generalPurpose",
      throughputMode: "elastic",
      tags: { Name: props.name },
    });
    new EfsBackupPolicy(this, "backup", { fileSystemId: this.fileSystem.id, backupPolicy: { status: "ENABLED" } });

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.securityGroupName,
      description: "EFS mount targets: NFS from ECS tasks only",
      vpcId: props.vpcId,
      tags: { Name: props.securityGroupName },
    });
    new VpcSecurityGroupIngressRule(this, "nfs-from-tasks", {
      securityGroupId: this.securityGroup.id,
      description: "NFS from ECS tasks",
      ipProtocol: "tcp",
      fromPort: 2049,
      toPort: 2049,
      referencedSecurityGroupId: props.taskSecurityGroupId,
    });
    new VpcSecurityGroupEgressRule(this, "tasks-to-nfs", {
      securityGroupId: props.taskSecurityGroupId,
      description: "NFS to the file system",
      ipProtocol: "tcp",
      fromPort: 2049,
      toPort: 2049,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    props.subnetIds.forEach((subnetId, i) => {
      new EfsMountTarget(this, `mount-target-${i}`, { fileSystemId: this.fileSystem.id, subnetId, securityGroups: [this.securityGroup.id] });
    });

    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: this.fileSystem.id,
      policy: policyDocument(this, "policy-document", [
        {
          sid: "DenyWithoutTls",
          effect: "Deny",
          actions: ["*"],
          resources: [this.fileSystem.arn],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
          sid: "DenyWithoutAccessPoint",
          effect: "Deny",
          actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
          resources: [this.fileSystem.arn],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          condition: [{ test: "Null", variable: "elasticfilesystem:AccessPointArn", values: ["true"] }],
        },
      ]).json,
    });
  }

  /** An access point keyed `<service>-<volume>`: a POSIX identity and a root directory of its own. */
  addAccessPoint(key: string, props: AccessPointProps): EfsAccessPoint {
    this.accessPoints[key] = new EfsAccessPoint(this, `access-point-${key}`, {
      fileSystemId: this.fileSystem.id,
      posixUser: { uid: props.uid, gid: props.gid },
      rootDirectory: { path: props.path, creationInfo: { ownerUid: props.uid, ownerGid: props.gid, permissions: props.permissions } },
      tags: { Name: key },
    });
    return this.accessPoints[key];
  }
}
