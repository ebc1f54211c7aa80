import { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { ParameterSettings, StackSettings } from "../config";
import type { Network } from "../constructs/network";
import { SecurityGroups } from "../constructs/security-groups";
import { addNetwork, securityGroupsProps } from "./network-wiring";
import { ContainerRepository } from "../constructs/container-repository";
import { ExecutionRole } from "../constructs/execution-role";
import { TaskRole } from "../constructs/task-role";
import { Cluster } from "../constructs/cluster";
import { Database } from "../constructs/database";
import { Parameters } from "../constructs/parameters";
import type { LoadBalancer } from "../constructs/load-balancer";
import { edge } from "./edge";
import { ApplicationService } from "../constructs/application-service";
import { ContainerSecrets } from "../constructs/container-secrets";
import { DatabaseCredentials } from "../constructs/database-credentials";
import { Alarms } from "../constructs/alarms";
import { Ec2Capacity } from "../constructs/ec2-capacity";
import { addReleaseRole } from "./release-edge";
import { partitionOf } from "../config/regions";
import { addOutputs, oneOffTaskOf } from "./outputs";
import { environmentFileArn, jobProps, serviceProps, type ServiceWiring } from "./service-props";
import { ScheduledJob } from "../constructs/scheduled-job";
import { FileSystem } from "../constructs/file-system";
import { volumesOf } from "./volumes";
import { LiteralTextStack } from "./literal-stack";

/** AWS provider version bound by @cdktf/provider-aws 21.22.1; pinned wherever Terraform runs. */
export const AWS_PROVIDER_VERSION = "6.25.0";

export interface PlatformStackProps {
  readonly settings: StackSettings;
  /** "local" writes state next to the synthesized stack, for trying things out without AWS. @default "s3" */
  readonly backend?: "s3" | "local";
}

/**
 * One (application, environment), in the order of the architecture: network and security groups,
 * EC2 capacity and the cluster, the database, the load balancer with its certificate and DNS,
 * parameters and secrets, then each service with its image repository, logs, roles, route and
 * alarms. Outputs live in ./outputs.ts, not in constructs.
 */
export class PlatformStack extends LiteralTextStack {
  /** The VPC the stack creates; undefined with `network.existing`. */
  public readonly network?: Network;
  public readonly securityGroups: SecurityGroups;
  /** Only when the application has a web service. */
  public readonly loadBalancer?: LoadBalancer;
  public readonly cluster: Cluster;
  public readonly database?: Database;
  public readonly services: Record<string, ApplicationService> = {};
  public readonly jobs: Record<string, ScheduledJob> = {};

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    // Configuration text from here on is encoded: it reaches Terraform as literal text.
    const s = this.literal(props.settings);
    const names = s.names;
    const partition = partitionOf(s.region);

    new AwsProvider(this, "aws", {
      region: s.region,
      allowedAccountIds: [...s.allowedAccountIds],
      defaultTags: [{ tags: { ...s.tags } }],
    });
    this.configureBackend(s, props.backend ?? "s3");
    const accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    const ipv6 = s.domain?.ipv6 ?? false;
    // Created by the bootstrap stack; the apply role may create and change roles only with it.
    const permissionsBoundaryArn = `arn:${partition}:iam::${accountId}:policy/${names.permissionsBoundary}`;

    const network = addNetwork(this, s, { accountId, partition, permissionsBoundaryArn, ipv6 });
    this.network = network.created;
    const { vpcId, privateSubnetIds, publicSubnetIds } = network;

    const routed = s.services.filter((svc) => svc.routing);
    const ec2Services = s.services.filter((svc) => svc.capacity === "ec2");
    // Only a web service can be routed: without one there is no load balancer at all.
    const web = s.services.some((svc) => svc.kind === "web");
    this.securityGroups = new SecurityGroups(this, "security-groups", securityGroupsProps(s, { vpcId, ipv6, web, routed, ec2Services }));

    const ec2 = s.ec2Capacity && ec2Services.length > 0 ? s.ec2Capacity : undefined;
    const ec2Capacity = ec2
      ? new Ec2Capacity(this, "ec2-capacity", {
          ...ec2,
          names: {
            instanceRole: names.ec2InstanceRole,
            launchTemplatePrefix: names.ec2LaunchTemplatePrefix,
            capacityProvider: names.ec2CapacityProvider,
            instanceTag: `${names.prefix}-ecs`,
          },
          clusterName: names.cluster,
          partition,
          permissionsBoundaryArn,
          subnetIds: privateSubnetIds,
          securityGroupId: this.securityGroups.instances!.id,
        })
      : undefined;
    this.cluster = new Cluster(this, "cluster", {
      name: names.cluster,
      containerInsights: s.cluster.containerInsights,
      execLogging: s.cluster.ecsExec ? { logGroupName: names.execLogGroup, retentionDays: s.logRetentionDays, partition, region: s.region, accountId } : undefined,
      defaultCapacityProviderStrategy: s.cluster.capacityProviderStrategy,
      extraCapacityProviders: ec2Capacity ? [ec2Capacity.capacityProvider.name] : [],
    });

    if (s.database) {
      const { finalSnapshot, finalSnapshotIdentifier, ...database } = s.database;
      this.database = new Database(this, "database", {
        ...database,
        finalSnapshotIdentifier: finalSnapshot ? finalSnapshotIdentifier : undefined,
        subnetIds: privateSubnetIds,
        securityGroupId: this.securityGroups.database!.id,
        logRetentionDays: s.logRetentionDays,
      });
    }

    this.loadBalancer = web
      ? edge(this, s, { accountId, partition, ipv6, vpcId, publicSubnetIds, privateSubnetIds, securityGroupId: this.securityGroups.alb!.id })
      : undefined;
    const url = s.domain ? `https://${s.domain.name}` : this.loadBalancer ? `http://${this.loadBalancer.alb.dnsName}` : "";

    const parameters = new Parameters(this, "parameters", {
      parameters: s.parameters.map((p) => ({ key: p.key, name: p.name, type: p.type, description: p.description, value: this.parameterValue(p, url) })),
      forceDeleteSecrets: s.deleteDataOnDestroy,
    });
    const secrets = new ContainerSecrets(this, "secrets", {
      region: s.region,
      partition,
      accountId,
      parameters: parameters.stores,
    });
    const credentialUsers = s.services.filter((svc) => svc.secrets.some((secret) => secret.kind === "database"));
    const credentials = new DatabaseCredentials(this, "database-credentials", {
      services: credentialUsers.map((svc) => ({ key: svc.key, secretName: svc.names.databaseSecret, userName: svc.names.databaseUser })),
      forceDelete: s.deleteDataOnDestroy,
    });
    const containerSecrets = Object.fromEntries(s.services.map((svc) => [svc.key, secrets.forService(svc.secrets, credentials.byKey[svc.key]?.arn)]));

    const repositories = Object.fromEntries(
      s.services.map((svc) => [svc.key, new ContainerRepository(this, `repository-${svc.key}`, { name: svc.names.repository, ...svc.repository }).repository]),
    );
    const logGroups = Object.fromEntries(
      s.services.map((svc) => [svc.key, new CloudwatchLogGroup(this, `log-group-${svc.key}`, { name: svc.names.logGroup, retentionInDays: s.logRetentionDays })]),
    );
    const firelensLogGroups = Object.fromEntries(
      s.services.flatMap((svc) =>
        svc.firelens ? [[svc.key, new CloudwatchLogGroup(this, `log-group-${svc.key}-firelens`, { name: svc.firelens.logGroup, retentionInDays: s.logRetentionDays })]] : [],
      ),
    );
    const sidecarSecrets = Object.fromEntries(s.services.map((svc) => [svc.key, Object.fromEntries(svc.sidecars.map((c) => [c.name, secrets.forService(c.secrets)]))]));
    // One execution role per service: each reads only its own task's images, logs, secrets and files.
    const executionRoles = Object.fromEntries(
      s.services.map((svc) => {
        const reads = secrets.readsFor([...svc.secrets, ...svc.sidecars.flatMap((c) => c.secrets)], credentials.byKey[svc.key]?.arn);
        const imageRepositories = [svc.key, ...svc.sidecars.flatMap((c) => ("repository" in c.image ? [c.image.repository] : []))];
        const role = new ExecutionRole(this, `execution-role-${svc.key}`, {
          roleName: svc.names.executionRole,
          permissionsBoundaryArn,
          accountId,
          repositoryArns: [...new Set(imageRepositories)].map((key) => repositories[key].arn),
          logGroupArns: [logGroups[svc.key], ...(firelensLogGroups[svc.key] ? [firelensLogGroups[svc.key]] : [])].map((g) => g.arn),
          parameterArns: reads.parameterArns,
          secretArns: reads.secretArns,
          secretsPolicyName: names.executionSecretsPolicy,
          environmentFileArns: svc.runtime.environmentFiles.length > 0 ? svc.runtime.environmentFiles.map((f) => environmentFileArn(partition, f)) : undefined,
        }).role;
        return [svc.key, role];
      }),
    );
    const alarms = s.alarms.enabled
      ? new Alarms(this, "alarms", {
          topicName: names.alarmTopic,
          partition,
          region: s.region,
          accountId,
          keyDeletionWindowDays: s.deleteDataOnDestroy ? 7 : 30,
          email: s.alarms.email,
          loadBalancerArnSuffix: routed.length > 0 ? this.loadBalancer?.alb.arnSuffix : undefined,
          database: this.database && s.database ? { identifier: this.database.instance.identifier, allocatedStorageGiB: s.database.allocatedStorage } : undefined,
        })
      : undefined;

    const releaseRole = addReleaseRole(this, s, accountId, partition);

    const imageTags: Record<string, string> = {};
    for (const svc of s.services) {
      imageTags[svc.key] = new TerraformVariable(this, `image_tag_${svc.key}`, {
        type: "string",
        default: svc.imageTag,
        description: `Image tag of ${svc.names.service} in ${svc.names.repository}; a deploy sets it (-var image_tag_${svc.key}=<git sha>).`,
      }).stringValue;
    }
    const efs = s.services.some((svc) => svc.volumes.some((v) => v.kind === "efs" && !v.fileSystemId))
      ? new FileSystem(this, "file-system", {
          name: names.prefix,
          securityGroupName: `${names.prefix}-efs`,
          vpcId,
          subnetIds: privateSubnetIds,
          taskSecurityGroupId: this.securityGroups.tasks.id,
        })
      : undefined;
    const imageOf = (key: string) => `${repositories[key].repositoryUrl}:${imageTags[key]}`;
    for (const svc of s.services) {
      const storage = volumesOf(svc, efs, partition, s.region, accountId);
      const taskRole = new TaskRole(this, `task-role-${svc.key}`, {
        roleName: svc.names.taskRole,
        permissionsBoundaryArn,
        serviceName: svc.names.service,
        accountId,
        partition,
        region: s.region,
        statements: svc.taskRole.statements,
        managedPolicyArns: svc.taskRole.managedPolicyArns,
        execLogGroupArn: svc.enableExecuteCommand ? this.cluster.execLogGroup?.arn : undefined,
        // Fluent Bit's cloudwatch_logs output writes with the task role.
        firelensLogGroupArn: svc.firelens ? logGroups[svc.key].arn : undefined,
        fileSystems: storage.access,
        databaseUserArn: credentials.byKey[svc.key] ? this.database!.userArn(partition, s.region, accountId, svc.names.databaseUser) : undefined,
      }).role;
      const wiring: ServiceWiring = {
        region: s.region,
        partition,
        image: imageOf(svc.key),
        logGroupName: logGroups[svc.key].name,
        secrets: containerSecrets[svc.key],
        wiredEnvironment: Object.fromEntries(Object.entries(svc.databaseEnvironment).map(([name, value]) => [name, this.database!.connectionValue(value)])),
        executionRoleArn: executionRoles[svc.key].arn,
        taskRoleArn: taskRole.arn,
        cluster: this.cluster,
        privateSubnetIds,
        taskSecurityGroupId: this.securityGroups.tasks.id,
        ec2CapacityProvider: svc.capacity === "ec2" ? ec2Capacity?.capacityProvider.name : undefined,
        loadBalancer: this.loadBalancer,
        alarms,
        sidecars: Object.fromEntries(
          svc.sidecars.map((c) => [c.name, { image: "repository" in c.image ? imageOf(c.image.repository) : c.image.external, secrets: sidecarSecrets[svc.key][c.name] }]),
        ),
        firelensLogGroupName: firelensLogGroups[svc.key]?.name,
        volumes: storage.volumes,
        releaseRoleArn: releaseRole?.arn,
      };
      if (svc.kind === "job") this.jobs[svc.key] = new ScheduledJob(this, `job-${svc.key}`, jobProps(svc, wiring, accountId));
      else this.services[svc.key] = new ApplicationService(this, `service-${svc.key}`, serviceProps(svc, wiring));
    }

    const oneOff = oneOffTaskOf({
      cluster: this.cluster.cluster.name,
      repositories,
      logGroups,
      subnets: privateSubnetIds,
      securityGroups: [this.securityGroups.tasks.id],
      ec2CapacityProvider: ec2Capacity?.capacityProvider.name,
    });
    addOutputs(this, {
      url,
      repositories,
      executionRoleArns: Object.fromEntries(Object.entries(executionRoles).map(([key, role]) => [key, role.arn])),
      imageTags,
      preDeployTasks: s.services.flatMap((svc) => (svc.preDeploy ? [oneOff(svc, svc.preDeploy.taskFamily, svc.preDeploy.timeoutSeconds)] : [])),
      jobs: s.services.filter((svc) => svc.kind === "job").map((svc) => oneOff(svc, svc.names.taskFamily, 0)),
      vpcId,
      publicSubnetIds,
      privateSubnetIds,
    });
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
    if ("literal" in from) return from.literal;
    if ("loadBalancer" in from) return `${url}${from.suffix}`;
    return this.database!.connectionValue(from.database);
  }
}
