/**
 * The resolved settings of one (application, environment) stack: every default applied, every
 * name derived (./names.ts), every rule checked (./rules). The stack maps them onto the constructs'
 * own props; constructs never see configuration.
 */
import type { DatabaseValue } from "./schema";
import type { CapacityProviderShare, ServiceSettings } from "./service-settings";

export type * from "./service-settings";

export type NatStrategy = "none" | "single" | "perAz" | "instance";

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
  // --- issue 14 ---
  /** An existing VPC: nothing of the network is created. @default - a new VPC */
  readonly existing?: ExistingNetworkSettings;
  // --- end issue 14 ---
}

// --- issue 14: the edge ---
/** Subnets by ID, or found by tags in the VPC. */
export type SubnetSelection = { readonly ids: readonly string[] } | { readonly tags: Readonly<Record<string, string>> };

export interface ExistingNetworkSettings {
  readonly vpcId: string;
  readonly privateSubnets: SubnetSelection;
  /** @default - none (an internal ALB needs no public subnets) */
  readonly publicSubnets?: SubnetSelection;
}
// --- end issue 14 ---

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
  // --- issue 14 ---
  /** @default - no web ACL */
  readonly waf?: WafSettings;
  readonly internal: boolean;
  readonly ingressSecurityGroups: readonly string[];
  // --- end issue 14 ---
}

// --- issue 14: WAF ---
export type WafSettings =
  | { readonly kind: "existing"; readonly webAclArn: string }
  | {
      readonly kind: "managed";
      readonly name: string;
      readonly count: boolean;
      readonly rateLimit: number;
      /** SQL injection rules: the application has a database. */
      readonly sqlRules: boolean;
      /** @default - no logging */
      readonly logging?: { readonly logGroupName: string; readonly retentionDays: number };
    };
// --- end issue 14 ---

export interface DomainSettings {
  readonly zone: string;
  readonly name: string;
  readonly alternativeNames: readonly string[];
  readonly ipv6: boolean;
  // --- issue 14 ---
  /** Alias records in the private hosted zone of `zone` (an internal ALB). */
  readonly privateZone: boolean;
  // --- end issue 14 ---
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
