/**
 * The resolved settings of one service, worker or job (part of ./settings.ts): its names, routing,
 * health checks, scaling, runtime, sidecars, volumes and release.
 */
import type { CapacityShare } from "./defaults";
import type { DatabaseValue } from "./schema";

export type CapacityProviderShare = CapacityShare;

// --- issue 14: the edge ---
/** Sign-in at the load balancer before a route's requests reach the service. */
export type AuthenticateSettings =
  | {
      readonly kind: "oidc";
      readonly issuer: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly userInfoEndpoint: string;
      readonly clientId: string;
      readonly clientSecret: { readonly secret: string; readonly jsonKey?: string };
      readonly scope: string;
    }
  | { readonly kind: "cognito"; readonly userPoolArn: string; readonly userPoolClientId: string; readonly userPoolDomain: string };
// --- end issue 14 ---

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
  // --- issue 14 ---
  /** Sign-in at the load balancer. @default - none */
  readonly authenticate?: AuthenticateSettings;
  // --- end issue 14 ---
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
  /** SQS backlog per task. @default - none */
  readonly queue?: { readonly name: string; readonly backlogPerTask: number };
  readonly schedules: readonly { readonly name: string; readonly expression: string; readonly timezone: string; readonly minCount?: number; readonly maxCount?: number }[];
}

export interface PolicyStatementSettings {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export type ServiceKind = "web" | "internal" | "worker" | "job";

/** How the main container runs (each field undefined or empty when ECS's default applies). */
export interface RuntimeSettings {
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  readonly workingDirectory?: string;
  /** Resolved: 120 when Fargate Spot can run the task, unless configured. */
  readonly stopTimeout?: number;
  readonly initProcessEnabled: boolean;
  readonly ulimits: readonly { readonly name: string; readonly softLimit: number; readonly hardLimit: number }[];
  readonly ephemeralStorageGiB?: number;
  /** S3 objects (bucket, key) of the environment files. */
  readonly environmentFiles: readonly { readonly bucket: string; readonly key: string }[];
}

export interface ScheduleSettings {
  /** Scheduler name: `<app>-<env>-<job>`. */
  readonly name: string;
  /** Scheduler role, dead-letter queue and its alarm. */
  readonly roleName: string;
  readonly deadLetterQueueName: string;
  readonly expression: string;
  readonly timezone: string;
  readonly flexibleWindowMinutes: number;
  readonly retries: number;
  readonly maxEventAgeSeconds: number;
  readonly enabled: boolean;
}

export interface PreDeploySettings {
  /** Task definition family: `<taskFamily>-predeploy`. */
  readonly taskFamily: string;
  readonly command: readonly string[];
  readonly timeoutSeconds: number;
}

export interface ContainerDependencySettings {
  readonly container: string;
  readonly condition: "START" | "HEALTHY" | "COMPLETE" | "SUCCESS";
}

export interface SidecarSettings {
  readonly name: string;
  /** `repository`: the ECR repository (and image tag) of that service. */
  readonly image: { readonly repository: string } | { readonly external: string };
  readonly essential: boolean;
  readonly command?: readonly string[];
  readonly dependsOn: readonly ContainerDependencySettings[];
  readonly ports: readonly number[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: readonly ResolvedSecret[];
  readonly healthCheck?: ContainerHealthCheckSettings;
  readonly cpu: number;
  readonly memoryReservation?: number;
  readonly memory?: number;
  readonly readonlyRootFilesystem: boolean;
  readonly user?: string;
}

export interface FirelensSettings {
  readonly image: string;
  /** The router's own log group: `<service log group>/firelens`. */
  readonly logGroup: string;
  readonly options: Readonly<Record<string, string>>;
}

export type VolumeSettings =
  | { readonly name: string; readonly kind: "scratch" }
  | {
      readonly name: string;
      readonly kind: "efs";
      /** Undefined: the application's file system (an access point is created). */
      readonly fileSystemId?: string;
      readonly rootDirectory: string;
      readonly uid: number;
      readonly gid: number;
      readonly permissions: string;
    };

export interface MountPointSettings {
  readonly volume: string;
  readonly containerPath: string;
  readonly readOnly: boolean;
  readonly container: string;
}

export interface ServiceSettings {
  /** Config key; also the Terraform construct ID and Service Connect discovery name. */
  readonly key: string;
  readonly kind: ServiceKind;
  readonly names: ServiceNames;
  /** Undefined for workers without a port and for jobs. */
  readonly containerPort?: number;
  readonly hostPort?: number;
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
  readonly runtime: RuntimeSettings;
  /** Containers the main container waits for. */
  readonly dependsOn: readonly ContainerDependencySettings[];
  readonly sidecars: readonly SidecarSettings[];
  readonly firelens?: FirelensSettings;
  readonly volumes: readonly VolumeSettings[];
  readonly mountPoints: readonly MountPointSettings[];
  /** Jobs only. */
  readonly schedule?: ScheduleSettings;
  readonly preDeploy?: PreDeploySettings;
  // --- issue 14 ---
  readonly release: ReleaseSettings;
  // --- end issue 14 ---
}

// --- issue 14: release strategies ---
/** ECS-native traffic shifting of a routed service (strategy other than rolling). */
export interface TrafficShiftSettings {
  readonly alternateTargetGroup: string;
  /** Priority of the production rule a default-route service gets (others keep their own rule). */
  readonly productionPriority: number;
  readonly test: { readonly header: string; readonly value: string; readonly priority?: number };
}

export interface ReleaseSettings {
  readonly strategy: "ROLLING" | "BLUE_GREEN" | "CANARY" | "LINEAR";
  readonly bakeTimeMinutes: number;
  readonly canary?: { readonly percent: number; readonly bakeTimeMinutes: number };
  readonly linear?: { readonly stepPercent: number; readonly stepBakeTimeMinutes: number };
  /** Set for the ECS-native strategies of a routed service. */
  readonly trafficShift?: TrafficShiftSettings;
  /** Deployment alarms with rollback: the service's own target-group alarms. @default off */
  readonly rollbackAlarms?: { readonly fiveXxThreshold: number; readonly latencyMs?: number };
  readonly hooks: readonly { readonly stage: string; readonly functionArn: string }[];
}
// --- end issue 14 ---
