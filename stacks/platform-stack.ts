import { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import type { ParameterSettings, ResolvedSecret, ServiceSettings, StackSettings } from "../config";
import { Network } from "../constructs/network";
import { SecurityGroups } from "../constructs/security-groups";
import { ContainerRepository } from "../constructs/container-repository";
import { ExecutionRole } from "../constructs/execution-role";
import { TaskRole } from "../constructs/task-role";
import { Cluster } from "../constructs/cluster";
import { Database } from "../constructs/database";
import { Parameters } from "../constructs/parameters";
import { Certificate } from "../constructs/certificate";
import { AliasRecords } from "../constructs/alias-records";
import { AccessLogBucket } from "../constructs/access-log-bucket";
import { LoadBalancer } from "../constructs/load-balancer";
import { Service, type ContainerSecret } from "../constructs/service";
import { Alarms } from "../constructs/alarms";
import { Ec2Capacity } from "../constructs/ec2-capacity";
import { partitionOf } from "../constructs/policy";
import { escapeTerraformTemplate } from "../constructs/terraform-text";

/** AWS provider version bound by @cdktf/provider-aws 21.22.1; pinned wherever Terraform runs. */
export const AWS_PROVIDER_VERSION = "6.25.0";

export interface PlatformStackProps {
  readonly settings: StackSettings;
  /** "local" writes state next to the synthesized stack, for trying things out without AWS. @default "s3" */
  readonly backend?: "s3" | "local";
}

/**
 * One (application, environment): network, security groups, IAM, ECR, logs, database, cluster,
 * load balancer, DNS, services, autoscaling and alarms. Outputs live here, not in constructs.
 */
export class PlatformStack extends TerraformStack {
  public readonly network: Network;
  public readonly securityGroups: SecurityGroups;
  public readonly loadBalancer: LoadBalancer;
  public readonly cluster: Cluster;
  public readonly database?: Database;
  public readonly services: Record<string, Service> = {};

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const s = props.settings;
    const partition = partitionOf(s.region);

    new AwsProvider(this, "aws", {
      region: s.region,
      allowedAccountIds: [...s.allowedAccountIds],
      defaultTags: [{ tags: { ...s.tags } }],
    });
    this.configureBackend(s, props.backend ?? "s3");

    const accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    const ec2Services = s.services.filter((svc) => svc.capacity === "ec2");

    this.network = new Network(this, "network", {
      settings: s.network,
      region: s.region,
      accountId,
      namePrefix: s.names.prefix,
      extraInterfaceEndpoints: s.cluster.ecsExec ? ["ssmmessages"] : [],
      ipv6: s.domain?.ipv6 ?? false,
    });

    const routed = s.services.filter((svc) => svc.routing);
    this.securityGroups = new SecurityGroups(this, "security-groups", {
      vpcId: this.network.vpc.id,
      names: {
        alb: s.names.albSecurityGroup,
        tasks: s.names.taskSecurityGroup,
        database: s.names.databaseSecurityGroup,
        instances: `${s.names.prefix}-instances`,
      },
      albIngressCidrs: s.loadBalancer.ingressCidrs,
      albHttps: s.domain !== undefined,
      albIngressIpv6: (s.domain?.ipv6 ?? false) && s.loadBalancer.ingressCidrs.includes("0.0.0.0/0"),
      taskPorts: groupPorts(s.services.filter((svc) => svc.networkMode === "awsvpc"), (svc) => svc.containerPort),
      instancePorts: groupPorts(routed.filter((svc) => svc.networkMode === "bridge"), (svc) => svc.hostPort),
      databasePort: s.database?.port,
      withInstances: ec2Services.length > 0,
      sshCidr: s.ec2Capacity?.sshCidr,
    });

    const repositories = Object.fromEntries(
      s.services.map((svc) => [
        svc.key,
        new ContainerRepository(this, `repository-${svc.key}`, {
          name: svc.repositoryName,
          tagMutability: svc.tagMutability,
          keepTaggedImages: svc.keepTaggedImages,
          untaggedExpiryDays: svc.untaggedExpiryDays,
          forceDelete: svc.forceDeleteRepository,
        }).repository,
      ]),
    );
    const logGroups = Object.fromEntries(
      s.services.map((svc) => [
        svc.key,
        new CloudwatchLogGroup(this, `log-group-${svc.key}`, { name: svc.logGroupName, retentionInDays: s.logRetentionDays }),
      ]),
    );

    const ec2Capacity = s.ec2Capacity && ec2Services.length > 0
      ? new Ec2Capacity(this, "ec2-capacity", {
          settings: s.ec2Capacity,
          namePrefix: s.names.prefix,
          clusterName: s.names.cluster,
          partition,
          subnetIds: this.network.privateSubnets.map((sn) => sn.id),
          securityGroupId: this.securityGroups.instances!.id,
        })
      : undefined;
    this.cluster = new Cluster(this, "cluster", {
      name: s.names.cluster,
      containerInsights: s.cluster.containerInsights,
      ecsExec: s.cluster.ecsExec,
      execLogRetentionDays: s.logRetentionDays,
      defaultCapacityProviderStrategy: s.cluster.capacityProviderStrategy,
      extraCapacityProviders: ec2Capacity ? [ec2Capacity.capacityProvider.name] : [],
    });

    if (s.database) {
      this.database = new Database(this, "database", {
        settings: s.database,
        subnetIds: this.network.privateSubnets.map((sn) => sn.id),
        securityGroupId: this.securityGroups.database!.id,
        logRetentionDays: s.logRetentionDays,
      });
    }

    const certificate = s.domain ? new Certificate(this, "certificate", { domain: s.domain }) : undefined;
    const accessLogs = s.loadBalancer.accessLogs
      ? new AccessLogBucket(this, "access-logs", {
          bucketPrefix: `${s.names.prefix}-alb-logs-`.slice(0, 37),
          logPrefix: "alb",
          accountId,
          partition,
          retentionDays: s.loadBalancer.accessLogRetentionDays,
          forceDestroy: !s.production,
        })
      : undefined;
    this.loadBalancer = new LoadBalancer(this, "load-balancer", {
      settings: s.loadBalancer,
      vpcId: this.network.vpc.id,
      publicSubnetIds: this.network.publicSubnets.map((sn) => sn.id),
      securityGroupId: this.securityGroups.alb.id,
      services: routed,
      certificateArn: certificate?.validation.certificateArn,
      accessLogs,
      ipv6: s.domain?.ipv6,
    });
    if (s.domain && certificate) {
      new AliasRecords(this, "dns", {
        zoneId: certificate.zone.zoneId,
        names: [s.domain.name, ...s.domain.alternativeNames],
        alb: this.loadBalancer.alb,
        ipv6: s.domain.ipv6,
      });
    }
    const url = s.domain ? `https://${s.domain.name}` : `http://${this.loadBalancer.alb.dnsName}`;

    const parameters = new Parameters(this, "parameters", {
      parameters: s.parameters,
      resolveValue: (p) => this.parameterValue(p, url),
    });

    const secretArns = new SecretArnResolver(this, s.region, partition, accountId);
    const containerSecrets = (svc: ServiceSettings): ContainerSecret[] =>
      svc.secrets.map((secret) => ({ name: secret.envName, valueFrom: this.secretValueFrom(secret, parameters, secretArns) }));
    const servicesSecrets = Object.fromEntries(s.services.map((svc) => [svc.key, containerSecrets(svc)]));

    const reads = s.services.flatMap((svc) => svc.secrets.map((sec) => this.secretRead(sec, parameters, secretArns)));
    const executionRole = new ExecutionRole(this, "execution-role", {
      roleName: s.names.executionRole,
      accountId,
      repositoryArns: Object.values(repositories).map((r) => r.arn),
      logGroupArns: Object.values(logGroups).map((g) => g.arn),
      parameterArns: uniqueArns(reads.filter((r) => r.store === "ssm")),
      secretArns: uniqueArns(reads.filter((r) => r.store === "secretsmanager")),
      secretsPolicyName: s.names.executionSecretsPolicy,
    }).role;

    const imageTags: Record<string, string> = {};
    for (const svc of s.services) {
      const taskRole = new TaskRole(this, `task-role-${svc.key}`, {
        roleName: svc.taskRoleName,
        serviceName: svc.serviceName,
        accountId,
        statements: svc.taskRole.statements,
        managedPolicyArns: svc.taskRole.managedPolicyArns,
        execLogGroupArn: svc.enableExecuteCommand ? this.cluster.execLogGroup?.arn : undefined,
      }).role;
      const imageTag = new TerraformVariable(this, `image_tag_${svc.key}`, {
        type: "string",
        default: svc.imageTag,
        description: `Image tag of ${svc.serviceName} in ${svc.repositoryName}; a deploy sets it (-var image_tag_${svc.key}=<git sha>).`,
      });
      imageTags[svc.key] = imageTag.stringValue;
      const targetGroup = this.loadBalancer.targetGroups[svc.key];
      this.services[svc.key] = new Service(this, `service-${svc.key}`, {
        settings: svc,
        region: s.region,
        clusterArn: this.cluster.cluster.arn,
        clusterName: this.cluster.cluster.name,
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        logGroupName: logGroups[svc.key].name,
        repositoryUrl: repositories[svc.key].repositoryUrl,
        imageTag: imageTag.stringValue,
        wiredEnvironment: Object.fromEntries(
          Object.entries(svc.databaseEnvironment).map(([name, value]) => [name, this.database!.connectionValue(value)]),
        ),
        secrets: servicesSecrets[svc.key],
        subnetIds: this.network.privateSubnets.map((sn) => sn.id),
        securityGroupIds: [this.securityGroups.tasks.id],
        namespaceArn: this.cluster.namespace.arn,
        ec2CapacityProvider: svc.capacity === "ec2" ? ec2Capacity?.capacityProvider.name : undefined,
        targetGroupArn: targetGroup?.arn,
        requestCountResourceLabel: targetGroup ? `${this.loadBalancer.alb.arnSuffix}/${targetGroup.arnSuffix}` : undefined,
        dependsOn: [
          this.loadBalancer.listener,
          ...(this.loadBalancer.rules[svc.key] ? [this.loadBalancer.rules[svc.key]] : []),
          this.cluster.capacityProviders,
        ],
      });
    }

    if (s.alarms.enabled) {
      new Alarms(this, "alarms", {
        topicName: `${s.names.prefix}-alarms`,
        email: s.alarms.email,
        loadBalancerArnSuffix: routed.length > 0 ? this.loadBalancer.alb.arnSuffix : undefined,
        targetGroupArnSuffixes: Object.fromEntries(Object.entries(this.loadBalancer.targetGroups).map(([k, tg]) => [k, tg.arnSuffix])),
        clusterName: this.cluster.cluster.name,
        serviceNames: Object.fromEntries(Object.entries(this.services).map(([k, svc]) => [k, svc.service.name])),
        databaseIdentifier: this.database?.instance.identifier,
        databaseStorageGiB: s.database?.allocatedStorage,
      });
    }

    this.addOutputs(url, repositories, executionRole.arn, imageTags);
  }

  private configureBackend(s: StackSettings, backend: "s3" | "local"): void {
    if (backend === "local") {
      new LocalBackend(this, { path: `terraform.${s.stackName}.tfstate` });
      return;
    }
    new S3Backend(this, { bucket: s.state.bucket, key: s.state.key, region: s.state.region, encrypt: true });
    // cdktf 0.21 predates S3-native locking (Terraform ≥ 1.10); set the argument directly.
    if (s.state.locking) this.addOverride("terraform.backend.s3.use_lockfile", true);
  }

  private parameterValue(p: ParameterSettings, url: string): string | undefined {
    const from = p.valueFrom;
    if (!from) return undefined;
    if ("literal" in from) return escapeTerraformTemplate(from.literal);
    if ("loadBalancer" in from) return `${url}${escapeTerraformTemplate(from.suffix)}`;
    return this.database!.connectionValue(from.database);
  }

  /** The `valueFrom` ECS uses to read one container secret. */
  private secretValueFrom(secret: ResolvedSecret, parameters: Parameters, arns: SecretArnResolver): string {
    switch (secret.kind) {
      case "parameter":
        return parameters.byKey[secret.parameterKey].arn;
      case "ssm":
        return arns.parameterArn(secret.name);
      case "secretsManager":
        return secret.jsonKey ? `${arns.secretArn(secret.secret)}:${secret.jsonKey}::` : arns.secretArn(secret.secret);
      case "database":
        return `${this.database!.secretArn}:${secret.jsonKey}::`;
    }
  }

  /** The exact ARN (and its store) the execution role must be allowed to read for one container secret. */
  private secretRead(secret: ResolvedSecret, parameters: Parameters, arns: SecretArnResolver): SecretRead {
    switch (secret.kind) {
      case "parameter":
        return { store: "ssm", source: `parameter:${secret.parameterKey}`, arn: parameters.byKey[secret.parameterKey].arn };
      case "ssm":
        return { store: "ssm", source: `ssm:${secret.name}`, arn: arns.parameterArn(secret.name) };
      case "secretsManager":
        return { store: "secretsmanager", source: `secret:${secret.secret}`, arn: arns.secretArn(secret.secret) };
      case "database":
        return { store: "secretsmanager", source: "database", arn: this.database!.secretArn };
    }
  }

  private addOutputs(url: string, repositories: Record<string, { repositoryUrl: string }>, executionRoleArn: string, imageTags: Record<string, string>): void {
    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output("url", url, "Public URL of the application");
    output("alb_dns_name", this.loadBalancer.alb.dnsName, "DNS name of the load balancer");
    output("vpc_id", this.network.vpc.id, "VPC ID");
    output("public_subnet_ids", this.network.publicSubnets.map((sn) => sn.id), "Public subnet IDs (ALB, NAT)");
    output("private_subnet_ids", this.network.privateSubnets.map((sn) => sn.id), "Private subnet IDs (tasks, database)");
    output(
      "security_group_ids",
      {
        alb: this.securityGroups.alb.id,
        tasks: this.securityGroups.tasks.id,
        ...(this.securityGroups.database ? { database: this.securityGroups.database.id } : {}),
      },
      "Security group IDs",
    );
    output("ecr_repository_urls", Object.fromEntries(Object.entries(repositories).map(([k, r]) => [k, r.repositoryUrl])), "ECR repository URL per service");
    output("execution_role_arn", executionRoleArn, "Task execution role ARN");
    output("task_role_arns", Object.fromEntries(Object.entries(this.services).map(([k, svc]) => [k, svc.taskDefinition.taskRoleArn])), "Task role ARN per service");
    output("cluster_name", this.cluster.cluster.name, "ECS cluster name");
    output("service_names", Object.fromEntries(Object.entries(this.services).map(([k, svc]) => [k, svc.service.name])), "ECS service name per service");
    output("image_tags", imageTags, "Image tag deployed per service (CI passes these back as -var to keep them)");
    if (this.database) {
      output("db_endpoint", this.database.instance.endpoint, "Database endpoint (host:port)");
      output("db_secret_arn", this.database.secretArn, "Secrets Manager ARN of the RDS-managed master credentials");
    }
  }
}

/** ARNs of referenced, pre-existing SSM parameters and Secrets Manager secrets. */
class SecretArnResolver {
  private readonly secrets = new Map<string, string>();
  constructor(
    private readonly scope: Construct,
    private readonly region: string,
    private readonly partition: string,
    private readonly accountId: string,
  ) {}

  parameterArn(nameOrArn: string): string {
    if (nameOrArn.startsWith("arn:")) return nameOrArn;
    const path = nameOrArn.startsWith("/") ? nameOrArn : `/${nameOrArn}`;
    return `arn:${this.partition}:ssm:${this.region}:${this.accountId}:parameter${path}`;
  }

  /** Secrets Manager ARNs end in a random suffix, so a name is looked up once per secret. */
  secretArn(nameOrArn: string): string {
    if (nameOrArn.startsWith("arn:")) return nameOrArn;
    let arn = this.secrets.get(nameOrArn);
    if (!arn) {
      const id = `secret-${nameOrArn.replace(/[^A-Za-z0-9-]/g, "-")}`;
      arn = new DataAwsSecretsmanagerSecret(this.scope, id, { name: nameOrArn }).arn;
      this.secrets.set(nameOrArn, arn);
    }
    return arn;
  }
}

/** One secret source the execution role must read; `source` identifies it (ARNs are unresolved tokens here). */
interface SecretRead {
  readonly store: "ssm" | "secretsmanager";
  readonly source: string;
  readonly arn: string;
}

function uniqueArns(reads: SecretRead[]): string[] {
  const bySource = new Map<string, string>();
  for (const read of reads) if (!bySource.has(read.source)) bySource.set(read.source, read.arn);
  return [...bySource.values()];
}

function groupPorts(services: readonly ServiceSettings[], portOf: (svc: ServiceSettings) => number): { port: number; services: string[] }[] {
  const byPort = new Map<number, string[]>();
  for (const svc of services) byPort.set(portOf(svc), [...(byPort.get(portOf(svc)) ?? []), svc.serviceName]);
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([port, names]) => ({ port, services: names }));
}
