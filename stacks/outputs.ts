import { TerraformOutput } from "cdktf";
import type { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import type { PlatformStack } from "./platform-stack";

export interface OutputValues {
  readonly url: string;
  readonly repositories: Readonly<Record<string, EcrRepository>>;
  /** Task execution role ARN per service. */
  readonly executionRoleArns: Readonly<Record<string, string>>;
  /** Image tag variable per service. */
  readonly imageTags: Readonly<Record<string, string>>;
}

const byService = <T>(items: Readonly<Record<string, T>>, value: (item: T) => unknown) =>
  Object.fromEntries(Object.entries(items).map(([key, item]) => [key, value(item)]));

/** The stack's outputs: what operators and CI read after an apply. */
export function addOutputs(stack: PlatformStack, values: OutputValues): void {
  const output = (id: string, value: unknown, description: string) => new TerraformOutput(stack, id, { value, description });
  const { network, securityGroups, loadBalancer, cluster, database, services } = stack;
  output("url", values.url, "Public URL of the application");
  output("alb_dns_name", loadBalancer.alb.dnsName, "DNS name of the load balancer");
  output("vpc_id", network.vpc.id, "VPC ID");
  output("public_subnet_ids", network.publicSubnets.map((sn) => sn.id), "Public subnet IDs (ALB, NAT)");
  output("private_subnet_ids", network.privateSubnets.map((sn) => sn.id), "Private subnet IDs (tasks, database)");
  output(
    "security_group_ids",
    { alb: securityGroups.alb.id, tasks: securityGroups.tasks.id, ...(securityGroups.database ? { database: securityGroups.database.id } : {}) },
    "Security group IDs",
  );
  output("ecr_repository_urls", byService(values.repositories, (r) => r.repositoryUrl), "ECR repository URL per service");
  output("execution_role_arns", values.executionRoleArns, "Task execution role ARN per service");
  output("task_role_arns", byService(services, (svc) => svc.taskDefinition.taskRoleArn), "Task role ARN per service");
  output("cluster_name", cluster.cluster.name, "ECS cluster name");
  output("service_names", byService(services, (svc) => svc.service.name), "ECS service name per service");
  output("image_tags", values.imageTags, "Image tag deployed per service (CI passes these back as -var to keep them)");
  if (database) {
    output("db_endpoint", database.instance.endpoint, "Database endpoint (host:port)");
    output("db_secret_arn", database.secretArn, "Secrets Manager ARN of the RDS-managed master credentials");
  }
}
