import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

/** A non-secret connection value the database can hand to a container or parameter. */
export type ConnectionValue = "host" | "port" | "name" | "username" | "url" | "jdbcUrl";

export interface DatabaseProps {
  readonly identifier: string;
  readonly subnetGroupName: string;
  /** name_prefix of the parameter group. */
  readonly parameterGroupPrefix: string;
  /** Parameter group family, e.g. postgres16. */
  readonly parameterGroupFamily: string;
  /** PostgreSQL version; a major-only value lets automatic minor upgrades land without a plan diff. */
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorage: number;
  /** Storage autoscaling ceiling (GiB); 0 turns it off. */
  readonly maxAllocatedStorage: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly port: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  /** Snapshot taken when the instance is destroyed. @default - no final snapshot */
  readonly finalSnapshotIdentifier?: string;
  readonly performanceInsights: boolean;
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  /** Retention of the exported PostgreSQL logs. */
  readonly logRetentionDays: number;
}

/** RDS log types exported to CloudWatch. */
export const DATABASE_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * RDS PostgreSQL in private subnets. The master password is generated and rotated by RDS in
 * Secrets Manager (manage_master_user_password), so no password exists in config or state.
 */
export class Database extends Construct {
  public readonly instance: DbInstance;
  public readonly subnetGroup: DbSubnetGroup;
  public readonly parameterGroup: DbParameterGroup;
  private readonly props: DatabaseProps;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const s = props;
    this.props = props;

    this.subnetGroup = new DbSubnetGroup(this, "subnet-group", {
      name: s.subnetGroupName,
      description: `Private subnets of ${s.identifier}`,
      subnetIds: props.subnetIds,
    });

    // name_prefix + create_before_destroy: a major-version change swaps in a new group first.
    this.parameterGroup = new DbParameterGroup(this, "parameter-group", {
      namePrefix: s.parameterGroupPrefix,
      family: s.parameterGroupFamily,
      description: `TLS-only connections for ${s.identifier}`,
      parameter: [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }],
      lifecycle: { createBeforeDestroy: true },
    });

    // Created ahead of the instance so retention is ours, not RDS's never-expire default.
    const logGroups = DATABASE_LOG_EXPORTS.map(
      (type) =>
        new CloudwatchLogGroup(this, `log-group-${type}`, {
          name: `/aws/rds/instance/${s.identifier}/${type}`,
          retentionInDays: props.logRetentionDays,
        }),
    );

    this.instance = new DbInstance(this, "instance", {
      identifier: s.identifier,
      engine: "postgres",
      // A major-only version (e.g. "16") lets auto minor upgrades land without a plan diff.
      engineVersion: s.engineVersion,
      instanceClass: s.instanceClass,
      storageType: "gp3",
      allocatedStorage: s.allocatedStorage,
      maxAllocatedStorage: s.maxAllocatedStorage,
      storageEncrypted: true,
      dbName: s.databaseName,
      username: s.masterUsername,
      manageMasterUserPassword: true,
      port: s.port,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      parameterGroupName: this.parameterGroup.name,
      multiAz: s.multiAz,
      backupRetentionPeriod: s.backupRetentionDays,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: [...DATABASE_LOG_EXPORTS],
      performanceInsightsEnabled: s.performanceInsights,
      performanceInsightsRetentionPeriod: s.performanceInsights ? 7 : undefined,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: s.deletionProtection,
      skipFinalSnapshot: s.finalSnapshotIdentifier === undefined,
      finalSnapshotIdentifier: s.finalSnapshotIdentifier,
      dependsOn: logGroups,
    });
  }

  /** ARN of the RDS-managed master secret (`username`, `password`): for operators, never for services. */
  get secretArn(): string {
    return this.instance.masterUserSecret.get(0).secretArn;
  }

  /** IAM database authentication resource of one PostgreSQL user (rds-db:connect). */
  userArn(partition: string, region: string, accountId: string, user: string): string {
    return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${this.instance.resourceId}/${user}`;
  }

  /** A non-secret connection value, as a Terraform expression. */
  connectionValue(value: ConnectionValue): string {
    const s = this.props;
    switch (value) {
      case "host":
        return this.instance.address;
      case "port":
        return String(s.port);
      case "name":
        return s.databaseName;
      case "username":
        return s.masterUsername;
      case "url":
        return `postgresql://${this.instance.address}:${s.port}/${s.databaseName}`;
      case "jdbcUrl":
        return `jdbc:postgresql://${this.instance.address}:${s.port}/${s.databaseName}`;
    }
  }
}
