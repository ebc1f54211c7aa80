import type { EnvironmentProfile } from "../defaults";
import { own } from "../maps";
import { serviceNames } from "../names";
import type { AppConfig, DatabaseValue, EnvironmentConfig, SecretRef, ServiceConfig } from "../schema";
import { configuredRelease, resolveRelease } from "./release";
import { resolveAuthenticate } from "./edge";
import type { CapacityProviderShare, ResolvedSecret, RoutingSettings, ServiceSettings } from "../settings";

export interface ServiceContext {
  readonly config: AppConfig;
  readonly environment: string;
  readonly env: EnvironmentConfig;
  readonly profile: EnvironmentProfile;
  readonly production: boolean;
  readonly environmentStrategy: readonly CapacityProviderShare[];
  readonly ecsExec: boolean;
}

/** Task counts: the environment's override, then the service's, then the profile's. */
export function resolveCounts(ctx: ServiceContext, key: string, s: ServiceConfig): { desiredCount: number; minCount: number; maxCount: number } {
  const override = own(ctx.env.services, key) ?? {};
  const desiredCount = override.desiredCount ?? s.desiredCount ?? ctx.profile.desiredCount;
  const minCount = override.minCount ?? desiredCount;
  const maxCount = override.maxCount ?? Math.max(desiredCount * 4, minCount, 2);
  return { desiredCount, minCount, maxCount };
}

/** A service without routing is routed anyway when it is the application's only service. */
function resolveRouting(config: AppConfig, s: ServiceConfig): RoutingSettings | undefined {
  const isSingle = Object.keys(config.services).length === 1;
  if (!s.routing) return isSingle ? { pathPatterns: [], hostHeaders: [], isDefault: true } : undefined;
  return {
    authenticate: resolveAuthenticate(s.routing.authenticate),
    pathPatterns: s.routing.pathPatterns ?? [],
    hostHeaders: s.routing.hostHeaders ?? [],
    priority: s.routing.priority,
    isDefault: s.routing.default || (isSingle && !s.routing.pathPatterns && !s.routing.hostHeaders),
  };
}

function resolveSecret(envName: string, ref: SecretRef): ResolvedSecret {
  if ("parameter" in ref) return { kind: "parameter", envName, parameterKey: ref.parameter };
  if ("ssmParameter" in ref) return { kind: "ssm", envName, name: ref.ssmParameter };
  return { kind: "secretsManager", envName, secret: ref.secretsManager, jsonKey: ref.jsonKey };
}

/** Container secrets (declared ones plus the database username/password) and plain database values. */
function resolveSecrets(s: ServiceConfig): Pick<ServiceSettings, "secrets" | "databaseEnvironment"> {
  const secrets: ResolvedSecret[] = Object.entries(s.secrets).map(([envName, ref]) => resolveSecret(envName, ref));
  const databaseEnvironment: Record<string, Exclude<DatabaseValue, "username" | "password">> = {};
  for (const [envName, value] of Object.entries(s.databaseEnv)) {
    if (value === "username" || value === "password") secrets.push({ kind: "database", envName, jsonKey: value });
    else databaseEnvironment[envName] = value;
  }
  secrets.sort((a, b) => a.envName.localeCompare(b.envName));
  return { secrets, databaseEnvironment };
}

export function resolveService(ctx: ServiceContext, key: string, s: ServiceConfig): ServiceSettings {
  const override = own(ctx.env.services, key) ?? {};
  const { desiredCount, minCount, maxCount } = resolveCounts(ctx, key, s);
  const routing = resolveRouting(ctx.config, s);
  const strategy = s.capacity === "ec2" ? [{ provider: "ec2", weight: 1, base: 0 }] : (s.capacityProviderStrategy ?? ctx.environmentStrategy);
  const names = serviceNames(ctx.config, ctx.environment, key, s, override.repositoryName);
  return {
    key,
    names,
    containerPort: s.containerPort,
    hostPort: s.networkMode === "bridge" ? (s.hostPort ?? s.containerPort) : s.containerPort,
    cpu: override.cpu ?? s.cpu,
    memory: override.memory ?? s.memory,
    architecture: s.architecture,
    capacity: s.capacity,
    networkMode: s.networkMode,
    capacityProviderStrategy: strategy,
    repository: {
      tagMutability: s.repository.tagMutability ?? ctx.profile.tagMutability,
      keepTaggedImages: s.repository.keepTaggedImages,
      untaggedExpiryDays: s.repository.untaggedExpiryDays,
      forceDelete: ctx.profile.deleteDataOnDestroy,
    },
    imageTag: s.imageTag,
    environment: s.environment,
    ...resolveSecrets(s),
    routing,
    healthCheck: s.healthCheck,
    containerHealthCheck: s.containerHealthCheck,
    healthCheckGracePeriod: s.healthCheckGracePeriod,
    deregistrationDelay: s.deregistrationDelay,
    desiredCount,
    minCount,
    maxCount,
    autoscaling: s.autoscaling.enabled
      ? {
          cpuTarget: s.autoscaling.cpuTarget,
          memoryTarget: s.autoscaling.memoryTarget,
          requestsPerTarget: routing ? s.autoscaling.requestsPerTarget : undefined,
        }
      : undefined,
    readonlyRootFilesystem: s.readonlyRootFilesystem,
    user: s.user,
    taskRole: {
      managedPolicyArns: s.taskRole.managedPolicyArns,
      statements: s.taskRole.statements.map((statement, i) => ({ sid: statement.sid ?? `App${i}`, actions: statement.actions, resources: statement.resources })),
    },
    serviceConnect: s.serviceConnect,
    enableExecuteCommand: ctx.ecsExec,
    // --- issue 14 ---
    release: resolveRelease(
      { profile: ctx.profile, alarmsEnabled: ctx.env.alarms.enabled, targetGroup: names.targetGroup, routing },
      configuredRelease(ctx.env, key, s),
    ),
    // --- end issue 14 ---
  };
}
