import { isProduction, profileOf } from "../defaults";
import { databaseNames, parameterName, stackNames, stackPrefix, stateKey } from "../names";
import type { AppConfig, EnvironmentConfig } from "../schema";
import type { DatabaseSettings, ParameterSettings, StackSettings } from "../settings";
import { resolveNetwork } from "./network";
import { resolveService, type ServiceContext } from "./service";
import { resolveWaf } from "./edge";

/** Tags every resource carries, after the environment's own. */
export const MANAGED_BY_TAG = "ecs-platform-cdktf";

const byKey = <T>(record: Record<string, T>): [string, T][] => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/** The settings of one environment's stack: every default applied, every name derived. Never fails. */
export function resolveEnvironment(config: AppConfig, environment: string, e: EnvironmentConfig): StackSettings {
  const app = config.app;
  const production = isProduction(environment, e.production);
  const profile = profileOf(production);
  const prefix = stackPrefix(app, environment);
  const strategy = e.capacityProviderStrategy ?? profile.capacityProviderStrategy;
  const ecsExec = e.ecsExec ?? profile.ecsExec;
  const ctx: ServiceContext = { config, environment, env: e, profile, production, environmentStrategy: strategy, ecsExec };

  return {
    app,
    environment,
    stackName: prefix,
    production,
    region: e.region,
    allowedAccountIds: e.allowedAccountIds,
    tags: { ...e.tags, app, environment, "managed-by": MANAGED_BY_TAG },
    state: {
      bucket: e.state.bucket,
      key: stateKey(e.state.keyPrefix, app, environment),
      region: e.state.region ?? e.region,
      locking: e.state.locking,
    },
    network: resolveNetwork(e, profile),
    logRetentionDays: e.logRetentionDays,
    names: stackNames(config, environment, e.loadBalancer.name),
    cluster: { containerInsights: e.containerInsights ?? profile.containerInsights, ecsExec, capacityProviderStrategy: strategy },
    loadBalancer: {
      ingressCidrs: e.loadBalancer.ingressCidrs,
      idleTimeout: e.loadBalancer.idleTimeout,
      deletionProtection: e.loadBalancer.deletionProtection ?? profile.loadBalancerDeletionProtection,
      accessLogs: e.loadBalancer.accessLogs ?? profile.accessLogs,
      accessLogRetentionDays: e.loadBalancer.accessLogRetentionDays,
      waf: resolveWaf(e, prefix, profile, config.database !== undefined),
      internal: e.loadBalancer.scheme === "internal",
      ingressSecurityGroups: e.loadBalancer.ingressSecurityGroups,
    },
    deleteDataOnDestroy: profile.deleteDataOnDestroy,
    domain: e.domain?.zone ? { zone: e.domain.zone, name: e.domain.name, alternativeNames: e.domain.alternativeNames, ipv6: e.domain.ipv6, privateZone: e.domain.privateZone } : undefined,
    services: byKey(config.services).map(([key, s]) => resolveService(ctx, key, s)),
    database: resolveDatabase(config, environment, e, profile),
    parameters: byKey(config.parameters).map(([key, p]): ParameterSettings => ({
      key,
      name: parameterName(config, environment, key),
      type: p.type,
      description: p.description ?? `${key} for ${app} (${environment})`,
      valueFrom: p.valueFrom,
    })),
    ec2Capacity: e.ec2Capacity,
    alarms: e.alarms,
    ci: e.ci,
  };
}

function resolveDatabase(config: AppConfig, environment: string, e: EnvironmentConfig, profile: ReturnType<typeof profileOf>): DatabaseSettings | undefined {
  const d = config.database;
  if (!d) return undefined;
  const o = e.database;
  const parameterGroupFamily = `postgres${d.engineVersion.split(".")[0]}`;
  const names = databaseNames(config, environment, parameterGroupFamily);
  return {
    identifier: names.identifier,
    subnetGroupName: names.subnetGroupName,
    parameterGroupPrefix: names.parameterGroupPrefix,
    finalSnapshotIdentifier: names.finalSnapshotIdentifier,
    engineVersion: d.engineVersion,
    parameterGroupFamily,
    instanceClass: o.instanceClass ?? d.instanceClass ?? profile.databaseInstanceClass,
    allocatedStorage: o.allocatedStorage ?? d.allocatedStorage,
    maxAllocatedStorage: o.maxAllocatedStorage ?? d.maxAllocatedStorage,
    databaseName: names.databaseName,
    masterUsername: d.masterUsername,
    port: d.port,
    backupRetentionDays: o.backupRetentionDays ?? d.backupRetentionDays,
    multiAz: o.multiAz ?? profile.databaseMultiAz,
    deletionProtection: o.deletionProtection ?? profile.databaseDeletionProtection,
    finalSnapshot: o.finalSnapshot ?? profile.databaseFinalSnapshot,
    performanceInsights: o.performanceInsights ?? d.performanceInsights,
  };
}
