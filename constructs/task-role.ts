import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "./policy";

export interface TaskRoleProps {
  readonly roleName: string;
  /** Permissions boundary (bootstrap stack) the role carries: the apply role may create roles only with it. */
  readonly permissionsBoundaryArn: string;
  readonly serviceName: string;
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** The application's own permissions; none: the role grants nothing. */
  readonly statements: readonly { readonly sid: string; readonly actions: readonly string[]; readonly resources: readonly string[] }[];
  /** Managed policies to attach. */
  readonly managedPolicyArns: readonly string[];
  /** The service's own database user (`arn:…:rds-db:<region>:<account>:dbuser:<resource id>/<user>`), for IAM database authentication. @default - no database access */
  readonly databaseUserArn?: string;
  /** ECS Exec audit log group; when set, the role gets the SSM channel and logging permissions exec needs. @default ECS Exec off */
  readonly execLogGroupArn?: string;
  /** The service's log group, when the FireLens router (Fluent Bit) writes the app's logs to it. @default - no FireLens */
  readonly firelensLogGroupArn?: string;
  /** EFS file systems the task mounts: mount (and write, unless every mount is read-only) through its access points. @default - none */
  readonly fileSystems?: readonly { readonly fileSystemArn: string; readonly accessPointArns: readonly string[]; readonly write: boolean }[];
}

/** The identity the application code runs as. Empty unless configuration grants something. */
export class TaskRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      permissionsBoundary: props.permissionsBoundaryArn,
      description: `Task role of ${props.serviceName}`,
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "ecs-tasks.amazonaws.com", props.accountId).json,
    });

    const statements: PolicyStatement[] = props.statements.map((s) => ({
      sid: s.sid,
      actions: [...s.actions],
      resources: [...s.resources],
    }));
    if (props.databaseUserArn) {
      statements.push({ sid: "ConnectAsOwnDatabaseUser", actions: ["rds-db:connect"], resources: [props.databaseUserArn] });
    }
    if (props.execLogGroupArn) {
      statements.push(
        {
          sid: "EcsExecChannels",
          // The SSM message channels of ECS Exec support no resource-level permissions.
          actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
          resources: ["*"],
        },
        { sid: "EcsExecAuditLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [props.execLogGroupArn, `${props.execLogGroupArn}:*`] },
        // The agent checks the group's encryption; DescribeLogGroups takes the account's log-group ARN, not "*".
        {
          sid: "EcsExecDescribeLogGroups",
          actions: ["logs:DescribeLogGroups"],
          resources: [`arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:*`],
        },
      );
    }
    (props.fileSystems ?? []).forEach((fs, i) => {
      statements.push({
        sid: `FileSystem${i}`,
        actions: fs.write ? ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] : ["elasticfilesystem:ClientMount"],
        resources: [fs.fileSystemArn],
        condition: fs.accessPointArns.length > 0 ? [{ test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: [...fs.accessPointArns] }] : undefined,
      });
    });
    if (props.firelensLogGroupArn) {
      statements.push({ sid: "FirelensLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [props.firelensLogGroupArn, `${props.firelensLogGroupArn}:*`] });
    }
    if (statements.length > 0) {
      new IamRolePolicy(this, "policy", {
        name: "task-permissions",
        role: this.role.id,
        policy: policyDocument(this, "policy-document", statements).json,
      });
    }
    for (const arn of props.managedPolicyArns) {
      const key = arn.split("/").pop()!;
      new IamRolePolicyAttachment(this, `managed-${key}`, { role: this.role.name, policyArn: arn });
    }
  }
}
