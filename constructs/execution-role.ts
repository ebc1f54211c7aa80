import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "./policy";

export interface ExecutionRoleProps {
  readonly roleName: string;
  /** Permissions boundary (bootstrap stack) the role carries: the apply role may create roles only with it. */
  readonly permissionsBoundaryArn: string;
  readonly accountId: string;
  /** ECR repositories the tasks pull from. */
  readonly repositoryArns: readonly string[];
  /** Log groups the awslogs driver writes to. */
  readonly logGroupArns: readonly string[];
  /** SSM parameters read as container secrets (exact ARNs). */
  readonly parameterArns: readonly string[];
  /** Secrets Manager secrets read as container secrets (exact ARNs). */
  readonly secretArns: readonly string[];
  /** S3 object ARNs of environment files (exact objects). @default - none */
  readonly environmentFileArns?: readonly string[];
  /** Name of the inline policy that grants the parameter/secret reads (created only when there are any). */
  readonly secretsPolicyName: string;
}

/**
 * The role ECS itself uses to start tasks: pull images, create log streams, and resolve container
 * secrets. Scoped to the exact repositories, log groups, parameters and secrets of this stack
 * instead of the broad AmazonECSTaskExecutionRolePolicy.
 */
export class ExecutionRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ExecutionRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      permissionsBoundary: props.permissionsBoundaryArn,
      description: "ECS task execution: pull images, write logs, read the services' secrets",
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "ecs-tasks.amazonaws.com", props.accountId).json,
    });

    new IamRolePolicy(this, "pull-and-log", {
      name: "pull-images-write-logs",
      role: this.role.id,
      policy: policyDocument(this, "pull-and-log-document", [
        // GetAuthorizationToken has no resource-level permissions; "*" is the only valid resource.
        { sid: "EcrAuthToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
        {
          sid: "PullImages",
          actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          resources: [...props.repositoryArns],
        },
        {
          sid: "WriteLogs",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: props.logGroupArns.map((arn) => `${arn}:log-stream:*`),
        },
      ]).json,
    });

    const statements: PolicyStatement[] = [];
    if (props.parameterArns.length > 0) {
      statements.push({ sid: "ReadParameters", actions: ["ssm:GetParameters"], resources: [...props.parameterArns] });
    }
    if (props.secretArns.length > 0) {
      statements.push({ sid: "ReadSecrets", actions: ["secretsmanager:GetSecretValue"], resources: [...props.secretArns] });
    }
    const files = props.environmentFileArns ?? [];
    if (files.length > 0) {
      statements.push({ sid: "ReadEnvironmentFiles", actions: ["s3:GetObject"], resources: [...files] });
      // ECS looks up each file's bucket region first.
      const buckets = [...new Set(files.map((arn) => arn.slice(0, arn.indexOf("/"))))];
      statements.push({ sid: "LocateEnvironmentFileBuckets", actions: ["s3:GetBucketLocation"], resources: buckets });
    }
    if (statements.length > 0) {
      new IamRolePolicy(this, "read-secrets", {
        name: props.secretsPolicyName,
        role: this.role.id,
        policy: policyDocument(this, "read-secrets-document", statements).json,
      });
    }
  }
}
