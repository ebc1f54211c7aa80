import { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { ParameterSettings, ServiceSettings, StackSettings } from "../config";
import { Network } from "../constructs/network";
import { ExistingNetwork } from "../constructs/existing-network";
import { SecurityGroups, type PortUsers } from "../constructs/security-groups";
import { ContainerRepository } from "../constructs/container-repository";
import { ExecutionRole } from "../constructs/execution-role";
import { TaskRole } from "../constructs/task-role";
import { Cluster } from "../constructs/cluster";
import { Database } from "../constructs/database";
import { Parameters } from "../constructs/parameters";
import { Certificate } from "../constructs/certificate";
import { AliasRecords } from "../constructs/alias-records";
import { AccessLogBucket } from "../constructs/access-log-bucket";
import { LoadBalancer, ACCESS_LOG_PREFIX } from "../constructs/load-balancer";
import { ApplicationService } from "../constructs/application-service";
import { ContainerSecrets } from "../constructs/container-secrets";
import { Alarms } from "../constructs/alarms";
import { Ec2Capacity } from "../constructs/ec2-capacity";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { natInstanceName } from "../config/names";
import { addReleaseRole, addWaf } from "./edge";
import { partitionOf } from "../config/regions";
import { addOutputs } from "./outputs";
import { serviceProps } from "./service-props";
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
  public readonly loadBalancer: LoadBalancer;
  public readonly cluster: Cluster;
  public readonly database?: Database;
  public readonly services: Record<string, ApplicationService> = {};

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

    const network = s.network.existing ? new ExistingNetwork(this, "network", s.network.existing) : new Network(this, "network", {
      cidr: s.network.cidr,
      azCount: s.network.azCount,
      availabilityZones: s.network.availabilityZones,
      publicSubnets: s.network.publicSubnets,
      privateSubnets: s.network.privateSubnets,
      natGateways: s.network.natGateways,
      natInstance: s.network.natGateways === "instance" ? { name: natInstanceName(names.prefix), partition } : undefined,
      flowLogs: s.network.flowLogs
        ? { logGroupName: names.flowLogGroup, roleName: names.flowLogRole, retentionDays: s.network.flowLogRetentionDays }
        : undefined,
      endpoints: s.network.vpcEndpoints
        ? { securityGroupName: names.endpointSecurityGroup, extraInterfaceEndpoints: s.cluster.ecsExec ? ["ssmmessages"] : [] }
        : undefined,
      region: s.region,
      accountId,
      vpcName: names.vpc,
      namePrefix: names.prefix,
      ipv6,
    });
    this.network = network instanceof Network ? network : undefined;
    const vpcId = network instanceof Network ? network.vpc.id : network.vpcId;
    const privateSubnetIds = network instanceof Network ? network.privateSubnets.map((sn) => sn.id) : network.privateSubnetIds;
    const publicSubnetIds = network instanceof Network ? network.publicSubnets.map((sn) => sn.id) : network.publicSubnetIds;

    const routed = s.services.filter((svc) => svc.routing);
    const ec2Services = s.services.filter((svc) => svc.capacity === "ec2");
    this.securityGroups = new SecurityGroups(this, "security-groups", {
      vpcId,
      alb: {
        name: names.albSecurityGroup,
        ingressCidrs: s.loadBalancer.ingressCidrs,
        https: s.domain !== undefined,
        ipv6FromAnywhere: ipv6 && s.loadBalancer.ingressCidrs.includes("0.0.0.0/0"),
        ingressSecurityGroupIds: s.loadBalancer.ingressSecurityGroups,
      },
      tasks: { name: names.taskSecurityGroup, ports: portUsers(s.services.filter((svc) => svc.networkMode === "awsvpc"), (svc) => svc.containerPort) },
      database: s.database ? { name: names.databaseSecurityGroup, port: s.database.port } : undefined,
      instances:
        ec2Services.length > 0
          ? {
              name: names.instanceSecurityGroup,
              ports: portUsers(routed.filter((svc) => svc.networkMode === "bridge"), (svc) => svc.hostPort),
              sshCidr: s.ec2Capacity?.sshCidr,
            }
          : undefined,
    });

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
          subnetIds: privateSubnetIds,
          securityGroupId: this.securityGroups.instances!.id,
        })
      : undefined;
    this.cluster = new Cluster(this, "cluster", {
      name: names.cluster,
      containerInsights: s.cluster.containerInsights,
      execLogging: s.cluster.ecsExec ? { logGroupName: names.execLogGroup, retentionDays: s.logRetentionDays } : undefined,
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

    const certificate = s.domain ? new Certificate(this, "certificate", s.domain) : undefined;
    const accessLogs = s.loadBalancer.accessLogs
      ? new AccessLogBucket(this, "access-logs", {
          bucketPrefix: names.accessLogBucketPrefix,
          logPrefix: ACCESS_LOG_PREFIX,
          accountId,
          partition,
          retentionDays: s.loadBalancer.accessLogRetentionDays,
          forceDestroy: s.deleteDataOnDestroy,
        })
      : undefined;
    this.loadBalancer = new LoadBalancer(this, "load-balancer", {
      name: names.loadBalancer,
      vpcId,
      // An internal ALB sits in the private subnets.
      subnetIds: s.loadBalancer.internal ? privateSubnetIds : publicSubnetIds,
      internal: s.loadBalancer.internal,
      securityGroupId: this.securityGroups.alb.id,
      idleTimeout: s.loadBalancer.idleTimeout,
      deletionProtection: s.loadBalancer.deletionProtection,
      certificateArn: certificate?.validation.certificateArn,
      accessLogs,
      ipv6,
    });
    if (s.loadBalancer.waf) addWaf(this, s.loadBalancer.waf, this.loadBalancer.alb.arn);
    if (s.domain && certificate) {
      // An internal ALB's names resolve in the VPC's private zone; the certificate validates publicly.
      const privateZone = s.domain.privateZone ? new DataAwsRoute53Zone(this, "private-zone", { name: s.domain.zone, privateZone: true, vpcId }) : undefined;
      new AliasRecords(this, "dns", {
        zoneId: privateZone ? privateZone.zoneId : certificate.zone.zoneId,
        names: [s.domain.name, ...s.domain.alternativeNames],
        alb: this.loadBalancer.alb,
        ipv6: s.domain.ipv6,
      });
    }
    const url = s.domain ? `https://${s.domain.name}` : `http://${this.loadBalancer.alb.dnsName}`;

    const parameters = new Parameters(this, "parameters", {
      parameters: s.parameters.map((p) => ({ key: p.key, name: p.name, type: p.type, description: p.description, value: this.parameterValue(p, url) })),
    });
    const secrets = new ContainerSecrets(this, "secrets", {
      region: s.region,
      partition,
      accountId,
      parameterArns: Object.fromEntries(Object.entries(parameters.byKey).map(([key, p]) => [key, p.arn])),
      databaseSecretArn: this.database?.secretArn,
    });
    const containerSecrets = Object.fromEntries(s.services.map((svc) => [svc.key, secrets.forService(svc.secrets)]));

    const repositories = Object.fromEntries(
      s.services.map((svc) => [svc.key, new ContainerRepository(this, `repository-${svc.key}`, { name: svc.names.repository, ...svc.repository }).repository]),
    );
    const logGroups = Object.fromEntries(
      s.services.map((svc) => [svc.key, new CloudwatchLogGroup(this, `log-group-${svc.key}`, { name: svc.names.logGroup, retentionInDays: s.logRetentionDays })]),
    );
    const executionRole = new ExecutionRole(this, "execution-role", {
      roleName: names.executionRole,
      accountId,
      repositoryArns: Object.values(repositories).map((r) => r.arn),
      logGroupArns: Object.values(logGroups).map((g) => g.arn),
      parameterArns: secrets.parameterArns,
      secretArns: secrets.secretArns,
      secretsPolicyName: names.executionSecretsPolicy,
    }).role;
    const alarms = s.alarms.enabled
      ? new Alarms(this, "alarms", {
          topicName: names.alarmTopic,
          email: s.alarms.email,
          loadBalancerArnSuffix: routed.length > 0 ? this.loadBalancer.alb.arnSuffix : undefined,
          database: this.database && s.database ? { identifier: this.database.instance.identifier, allocatedStorageGiB: s.database.allocatedStorage } : undefined,
        })
      : undefined;

    const releaseRole = addReleaseRole(this, s, accountId, partition);

    const imageTags: Record<string, string> = {};
    for (const svc of s.services) {
      const taskRole = new TaskRole(this, `task-role-${svc.key}`, {
        roleName: svc.names.taskRole,
        serviceName: svc.names.service,
        accountId,
        statements: svc.taskRole.statements,
        managedPolicyArns: svc.taskRole.managedPolicyArns,
        execLogGroupArn: svc.enableExecuteCommand ? this.cluster.execLogGroup?.arn : undefined,
      }).role;
      const imageTag = new TerraformVariable(this, `image_tag_${svc.key}`, {
        type: "string",
        default: svc.imageTag,
        description: `Image tag of ${svc.names.service} in ${svc.names.repository}; a deploy sets it (-var image_tag_${svc.key}=<git sha>).`,
      });
      imageTags[svc.key] = imageTag.stringValue;
      this.services[svc.key] = new ApplicationService(this, `service-${svc.key}`, serviceProps(svc, {
        region: s.region,
        image: `${repositories[svc.key].repositoryUrl}:${imageTag.stringValue}`,
        logGroupName: logGroups[svc.key].name,
        secrets: containerSecrets[svc.key],
        wiredEnvironment: Object.fromEntries(Object.entries(svc.databaseEnvironment).map(([name, value]) => [name, this.database!.connectionValue(value)])),
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        cluster: this.cluster,
        privateSubnetIds,
        taskSecurityGroupId: this.securityGroups.tasks.id,
        ec2CapacityProvider: svc.capacity === "ec2" ? ec2Capacity?.capacityProvider.name : undefined,
        loadBalancer: this.loadBalancer,
        alarms,
        releaseRoleArn: releaseRole?.arn,
      }));
    }

    addOutputs(this, { url, repositories, executionRoleArn: executionRole.arn, imageTags, vpcId, publicSubnetIds, privateSubnetIds });
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

/** Ports with the services that listen on them, ordered by port. */
function portUsers(services: readonly ServiceSettings[], portOf: (svc: ServiceSettings) => number): PortUsers[] {
  const byPort = new Map<number, string[]>();
  for (const svc of services) byPort.set(portOf(svc), [...(byPort.get(portOf(svc)) ?? []), svc.names.service]);
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([port, users]) => ({ port, services: users }));
}
