/**
 * The production profile: every default that differs between production and non-production
 * environments, in one table. An environment is production when `production: true`, or by default
 * when it is named "prod". Each setting here can still be set explicitly in configuration; the
 * schema's fields name their profile entry, so the configuration reference is generated from this.
 */

export interface CapacityShare {
  readonly provider: string;
  readonly weight: number;
  readonly base: number;
}

export interface EnvironmentProfile {
  /** network.natGateways */
  readonly natGateways: "none" | "single" | "perAz" | "instance";
  /** capacityProviderStrategy: Fargate Spot is cheap but can be interrupted with two minutes' notice. */
  readonly capacityProviderStrategy: readonly CapacityShare[];
  /** containerInsights */
  readonly containerInsights: boolean;
  /** ecsExec: a shell into production tasks is an audit finding, so it is opt-in there. */
  readonly ecsExec: boolean;
  /** loadBalancer.deletionProtection */
  readonly loadBalancerDeletionProtection: boolean;
  /** loadBalancer.accessLogs */
  readonly accessLogs: boolean;
  /** services.<name>.desiredCount: two tasks survive the loss of one AZ or task. */
  readonly desiredCount: number;
  /** services.<name>.repository.tagMutability: an immutable tag is an auditable release. */
  readonly tagMutability: "MUTABLE" | "IMMUTABLE";
  /** Destroying the stack also deletes images and access logs (ECR force_delete, S3 force_destroy). */
  readonly deleteDataOnDestroy: boolean;
  /** database.instanceClass */
  readonly databaseInstanceClass: string;
  /** database.multiAz */
  readonly databaseMultiAz: boolean;
  /** database.deletionProtection */
  readonly databaseDeletionProtection: boolean;
  /** database.finalSnapshot */
  readonly databaseFinalSnapshot: boolean;
  // --- issue 14 ---
  /** services.<name>.release.rollback.onAlarms: a release that trips the service's alarms rolls back. */
  readonly releaseRollbackOnAlarms: boolean;
  /** loadBalancer.waf.enabled: managed rules and a rate limit in front of production (~$12/month + requests). */
  readonly waf: boolean;
  // --- end issue 14 ---
}

export type ProfileKey = keyof EnvironmentProfile;

export const PROFILES: { readonly production: EnvironmentProfile; readonly nonProduction: EnvironmentProfile } = {
  production: {
    natGateways: "perAz",
    capacityProviderStrategy: [{ provider: "FARGATE", weight: 1, base: 0 }],
    containerInsights: true,
    ecsExec: false,
    loadBalancerDeletionProtection: true,
    accessLogs: true,
    desiredCount: 2,
    tagMutability: "IMMUTABLE",
    deleteDataOnDestroy: false,
    databaseInstanceClass: "db.t4g.medium",
    databaseMultiAz: true,
    databaseDeletionProtection: true,
    databaseFinalSnapshot: true,
    releaseRollbackOnAlarms: true,
    waf: true,
  },
  nonProduction: {
    natGateways: "single",
    capacityProviderStrategy: [
      { provider: "FARGATE", weight: 1, base: 1 },
      { provider: "FARGATE_SPOT", weight: 3, base: 0 },
    ],
    containerInsights: false,
    ecsExec: true,
    loadBalancerDeletionProtection: false,
    accessLogs: false,
    desiredCount: 1,
    tagMutability: "MUTABLE",
    deleteDataOnDestroy: true,
    databaseInstanceClass: "db.t4g.micro",
    databaseMultiAz: false,
    databaseDeletionProtection: false,
    databaseFinalSnapshot: false,
    releaseRollbackOnAlarms: false,
    waf: false,
  },
};

/** Whether an environment is production: as configured, else when it is named "prod". */
export function isProduction(environment: string, configured: boolean | undefined): boolean {
  return configured ?? environment === "prod";
}

export function profileOf(production: boolean): EnvironmentProfile {
  return production ? PROFILES.production : PROFILES.nonProduction;
}
