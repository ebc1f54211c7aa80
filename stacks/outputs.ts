import { TerraformOutput } from "cdktf";
import type { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import type { PlatformStack } from "./platform-stack";
import type { ServiceSettings } from "../config";

/** Where a one-off task (pre-deploy task or job) runs: what bin/predeploy.sh and `aws ecs run-task` need. */
export interface OneOffTask {
  readonly key: string;
  readonly cluster: string;
  readonly taskFamily: string;
  readonly container: string;
  readonly repositoryUrl: string;
  readonly logGroup: string;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly capacityProviderStrategy: readonly { readonly provider: string; readonly weight: number; readonly base: number }[];
  readonly timeoutSeconds: number;
}

/** Builds the OneOffTask of a service's pre-deploy task or of a job from what the stack created. */
export function oneOffTaskOf(shared: {
  cluster: string;
  repositories: Readonly<Record<string, EcrRepository>>;
  logGroups: Readonly<Record<string, { name: string }>>;
  subnets: readonly string[];
  securityGroups: readonly string[];
  ec2CapacityProvider?: string;
}) {
  return (svc: ServiceSettings, taskFamily: string, timeoutSeconds: number): OneOffTask => ({
    key: svc.key,
    cluster: shared.cluster,
    taskFamily,
    container: svc.names.container,
    repositoryUrl: shared.repositories[svc.key].repositoryUrl,
    logGroup: shared.logGroups[svc.key].name,
    subnets: shared.subnets,
    securityGroups: shared.securityGroups,
    capacityProviderStrategy: svc.capacity === "ec2" && shared.ec2CapacityProvider ? [{ provider: shared.ec2CapacityProvider, weight: 1, base: 0 }] : svc.capacityProviderStrategy,
    timeoutSeconds,
  });
}

export interface OutputValues {
  readonly url: string;
  readonly repositories: Readonly<Record<string, EcrRepository>>;
  /** Task execution role ARN per service. */
  readonly executionRoleArns: Readonly<Record<string, string>>;
  /** Image tag variable per service. */
  readonly imageTags: Readonly<Record<string, string>>;
  /** Services' pre-deploy tasks (bin/predeploy.sh reads them). */
  readonly preDeployTasks: readonly OneOffTask[];
  /** Jobs, to start one by hand. */
  readonly jobs: readonly OneOffTask[];
  /** The VPC and subnets, created or existing. */
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
}

const taskJson = (t: OneOffTask) => ({
  cluster: t.cluster,
  task_family: t.taskFamily,
  container: t.container,
  repository_url: t.repositoryUrl,
  log_group: t.logGroup,
  log_stream_prefix: "ecs",
  subnets: [...t.subnets],
  security_groups: [...t.securityGroups],
  capacity_provider_strategy: t.capacityProviderStrategy.map((c) => ({ capacityProvider: c.provider, weight: c.weight, base: c.base })),
  timeout_seconds: t.timeoutSeconds,
});

/** `aws ecs run-task` starting a job now, with the network and capacity its schedule uses. */
function runTaskCommand(t: OneOffTask): string {
  const network = `awsvpcConfiguration={subnets=[${t.subnets.join(",")}],securityGroups=[${t.securityGroups.join(",")}],assignPublicIp=DISABLED}`;
  const capacity = t.capacityProviderStrategy.map((c) => `capacityProvider=${c.provider},weight=${c.weight},base=${c.base}`).join(" ");
  return `aws ecs run-task --cluster ${t.cluster} --task-definition ${t.taskFamily} --started-by manual --network-configuration '${network}' --capacity-provider-strategy ${capacity}`;
}

const byService = <T>(items: Readonly<Record<string, T>>, value: (item: T) => unknown) =>
  Object.fromEntries(Object.entries(items).map(([key, item]) => [key, value(item)]));

/** The stack's outputs: what operators and CI read after an apply. */
export function addOutputs(stack: PlatformStack, values: OutputValues): void {
  const output = (id: string, value: unknown, description: string) => new TerraformOutput(stack, id, { value, description });
  const { securityGroups, loadBalancer, cluster, database, services } = stack;
  if (loadBalancer) {
    output("url", values.url, "Public URL of the application");
    output("alb_dns_name", loadBalancer.alb.dnsName, "DNS name of the load balancer");
  }
  output("vpc_id", values.vpcId, "VPC ID");
  output("public_subnet_ids", values.publicSubnetIds, "Public subnet IDs (ALB, NAT)");
  output("private_subnet_ids", values.privateSubnetIds, "Private subnet IDs (tasks, database)");
  output(
    "security_group_ids",
    { ...(securityGroups.alb ? { alb: securityGroups.alb.id } : {}), tasks: securityGroups.tasks.id, ...(securityGroups.database ? { database: securityGroups.database.id } : {}) },
    "Security group IDs",
  );
  output("ecr_repository_urls", byService(values.repositories, (r) => r.repositoryUrl), "ECR repository URL per service");
  output("execution_role_arns", values.executionRoleArns, "Task execution role ARN per service");
  output("task_role_arns", byService(services, (svc) => svc.taskDefinition.taskRoleArn), "Task role ARN per service");
  output("cluster_name", cluster.cluster.name, "ECS cluster name");
  output("service_names", byService(services, (svc) => svc.service.name), "ECS service name per service");
  output("image_tags", values.imageTags, "Image tag deployed per service (CI passes these back as -var to keep them)");
  if (values.preDeployTasks.length > 0) {
    output("predeploy_tasks", Object.fromEntries(values.preDeployTasks.map((t) => [t.key, taskJson(t)])), "Pre-deploy task per service: bin/predeploy.sh runs each before the services roll out");
  }
  if (values.jobs.length > 0) {
    output("run_job_commands", Object.fromEntries(values.jobs.map((t) => [t.key, runTaskCommand(t)])), "The command that starts each job now (see README: Scheduled jobs)");
  }
  if (database) {
    output("db_endpoint", database.instance.endpoint, "Database endpoint (host:port)");
    output("db_secret_arn", database.secretArn, "Secrets Manager ARN of the RDS-managed master credentials");
  }
}
