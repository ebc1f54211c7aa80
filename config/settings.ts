/**
 * The resolved settings of one (application, environment) stack: every default applied, every
 * name derived (./names.ts), every rule checked (./rules). The stack maps them onto the constructs'
 * own props; constructs never see configuration.
 */
import type { CapacityShare } from "./defaults";
import type { DatabaseValue } from "./schema";

export type NatStrategy = "none" | "single" | "perAz";
export type CapacityProviderShare = CapacityShare;

export interface NetworkSettings {
  readonly cidr: string;
  readonly azCount: number;
  /** Explicit AZ names, or undefined to use the aws_availability_zones data source. */
  readonly availabilityZones?: readonly string[];
  /** Subnets as configured, undefined when carved from the VPC CIDR (rules check either). */
  readonly explicitPublicSubnets?: readonly string[];
  readonly explicitPrivateSubnets?: readonly string[];
  readonly subnetNewBits: number;
  readonly publicSubnets: readonly string[];
  readonly privateSubnets: readonly string[];
  readonly natGateways: NatStrategy;
  readonly flowLogs: boolean;
  readonly flowLogRetentionDays: number;
  readonly vpcEndpoints: boolean;
}

/** A container secret after resolution: where ECS reads it. */
export type ResolvedSecret =
  | { readonly kind: "parameter"; readonly envName: string; readonly parameterKey: string }
  | { readonly kind: "ssm"; readonly envName: string; readonly name: string }
  | { readonly kind: "secretsManager"; readonly envName: string; readonly secret: string; readonly jsonKey?: string }
  | { readonly kind: "database"; readonly envName: string; readonly jsonKey: "username" | "password" };

/** AWS names of one service's resources (./names.ts). */
export interface ServiceNames {
  readonly service: string;
  readonly taskFamily: string;
  readonly container: string;
  readonly logGroup: string;
  readonly targetGroup: string;
  readonly taskRole: string;
  /** The service's own task execution role. */
  readonly executionRole: string;
  readonly repository: string;
  /** Secrets Manager secret with the service's own database credentials (created without a value). */
  readonly databaseSecret: string;
  /** The service's own PostgreSQL user (created by a documented step; IAM authentication or the secret's password). */
  readonly databaseUser: string;
}

export interface RoutingSettings {
  readonly pathPatterns: readonly string[];
  readonly hostHeaders: readonly string[];
  readonly priority?: number;
  readonly isDefault: boolean;
}

export interface TargetHealthCheckSettings {
  readonly path: string;
  readonly matcher: string;
  readonly interval: number;
  readonly timeout: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

export interface ContainerHealthCheckSettings {
  readonly command: string;
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
}

export interface AutoscalingSettings {
  readonly cpuTarget: number;
  readonly memoryTarget: number;
  readonly requestsPerTarget?: number;
}

export interface PolicyStatementSettings {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface ServiceSettings {
  /** Config key; also the Terraform construct ID and Service Connect discovery name. */
  readonly key: string;
  readonly names: ServiceNames;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly cpu: number;
  readonly memory: number;
  readonly architecture: "X86_64" | "ARM64";
  readonly capacity: "fargate" | "ec2";
  readonly networkMode: "awsvpc" | "bridge";
  readonly capacityProviderStrategy: readonly CapacityProviderShare[];
  readonly repository: {
    readonly tagMutability: "MUTABLE" | "IMMUTABLE";
    readonly keepTaggedImages: number;
    readonly untaggedExpiryDays: number;
    readonly forceDelete: boolean;
  };
  readonly imageTag: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Non-secret database values (host, port, ...) exposed as environment variables. */
  readonly databaseEnvironment: Readonly<Record<string, Exclude<DatabaseValue, "username" | "password">>>;
  readonly secrets: readonly ResolvedSecret[];
  readonly routing?: RoutingSettings;
  readonly healthCheck: TargetHealthCheckSettings;
  readonly containerHealthCheck?: ContainerHealthCheckSettings;
  readonly healthCheckGracePeriod: number;
  readonly deregistrationDelay: number;
  readonly desiredCount: number;
  /** Autoscaling bounds (checked even when autoscaling is off). */
  readonly minCount: number;
  readonly maxCount: number;
  /** Target tracking; undefined when autoscaling is off. */
  readonly autoscaling?: AutoscalingSettings;
  readonly readonlyRootFilesystem: boolean;
  readonly user?: string;
  readonly taskRole: { readonly managedPolicyArns: readonly string[]; readonly statements: readonly PolicyStatementSettings[] };
  readonly serviceConnect: boolean;
  readonly enableExecuteCommand: boolean;
}

export interface DatabaseSettings {
  readonly identifier: string;
  readonly subnetGroupName: string;
  readonly parameterGroupPrefix: string;
  readonly finalSnapshotIdentifier: string;
  readonly engineVersion: string;
  readonly parameterGroupFamily: string;
  readonly instanceClass: string;
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly port: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly finalSnapshot: boolean;
  readonly performanceInsights: boolean;
}

export type ParameterValueFrom =
  | { readonly database: Exclude<DatabaseValue, "password"> }
  | { readonly loadBalancer: "url"; readonly suffix: string }
  | { readonly literal: string };

export interface ParameterSettings {
  readonly key: string;
  readonly name: string;
  readonly type: "String" | "SecureString";
  readonly description: string;
  readonly valueFrom?: ParameterValueFrom;
}

export interface LoadBalancerSettings {
  readonly ingressCidrs: readonly string[];
  readonly idleTimeout: number;
  readonly deletionProtection: boolean;
  readonly accessLogs: boolean;
  readonly accessLogRetentionDays: number;
}

export interface DomainSettings {
  readonly zone: string;
  readonly name: string;
  readonly alternativeNames: readonly string[];
  readonly ipv6: boolean;
}

export interface Ec2CapacitySettings {
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly rootVolumeSize: number;
  readonly targetCapacity: number;
  readonly sshCidr?: string;
  readonly keyName?: string;
  readonly amiParameter: string;
}

export interface CiSettings {
  readonly githubRepository: string;
  readonly applyBranch: string;
  readonly applyEnvironment?: string;
  readonly createOidcProvider: boolean;
  readonly deployRepositories: readonly string[];
}

/** AWS names of the stack's shared resources (./names.ts). */
export interface StackNames {
  /** `<app>-<env>`: the stack name and the prefix of most generated names and Name tags. */
  readonly prefix: string;
  readonly vpc: string;
  readonly cluster: string;
  readonly execLogGroup: string;
  readonly albSecurityGroup: string;
  readonly taskSecurityGroup: string;
  readonly databaseSecurityGroup: string;
  readonly instanceSecurityGroup: string;
  readonly endpointSecurityGroup: string;
  readonly executionSecretsPolicy: string;
  readonly flowLogGroup: string;
  readonly flowLogRole: string;
  readonly loadBalancer: string;
  readonly accessLogBucketPrefix: string;
  readonly alarmTopic: string;
  readonly ec2InstanceRole: string;
  readonly ec2LaunchTemplatePrefix: string;
  readonly ec2CapacityProvider: string;
  readonly ciPlanRole: string;
  readonly ciApplyRole: string;
  /** Role of application repositories' image deploys (bootstrap stack). */
  readonly ciDeployRole: string;
  /** Managed policy (bootstrap stack) every role of the platform stack carries as permissions boundary. */
  readonly permissionsBoundary: string;
  readonly bootstrapStack: string;
}

/** Everything one (application, environment) stack needs, with every default applied. */
export interface StackSettings {
  readonly app: string;
  readonly environment: string;
  readonly stackName: string;
  readonly production: boolean;
  readonly region: string;
  readonly allowedAccountIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly state: { readonly bucket: string; readonly key: string; readonly region: string; readonly locking: boolean };
  readonly network: NetworkSettings;
  readonly logRetentionDays: number;
  readonly names: StackNames;
  readonly cluster: {
    readonly containerInsights: boolean;
    readonly ecsExec: boolean;
    readonly capacityProviderStrategy: readonly CapacityProviderShare[];
  };
  readonly loadBalancer: LoadBalancerSettings;
  /** Destroying the stack also deletes images and access logs (non-production). */
  readonly deleteDataOnDestroy: boolean;
  readonly domain?: DomainSettings;
  readonly services: readonly ServiceSettings[];
  readonly database?: DatabaseSettings;
  readonly parameters: readonly ParameterSettings[];
  readonly ec2Capacity?: Ec2CapacitySettings;
  readonly alarms: { readonly enabled: boolean; readonly email?: string };
  /** GitHub OIDC access for CI, set up by the bootstrap stack. */
  readonly ci?: CiSettings;
}
