import type { EnvironmentProfile } from "../defaults";
import { own } from "../maps";
import { scheduleNames, serviceNames } from "../names";
import { S3_ENV_FILE } from "../schema/workload";
import type { AppConfig, DatabaseValue, EnvironmentConfig, SecretRef, ServiceConfig } from "../schema";
import type { CapacityProviderShare, ResolvedSecret, RoutingSettings, RuntimeSettings, ServiceSettings, VolumeSettings } from "../settings";
import { configuredRelease, resolveRelease } from "./release";
import { resolveAuthenticate } from "./edge";

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

/** A web service without routing is routed anyway when it is the application's only web service. */
function resolveRouting(config: AppConfig, s: ServiceConfig): RoutingSettings | undefined {
  if (s.kind !== "web") return undefined;
  const isSingle = Object.values(config.services).filter((other) => other.kind === "web").length === 1;
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
  const names = serviceNames(ctx.config, ctx.environment, key, s, override.repositoryName);
  const taskFamily = names.taskFamily;
  const strategy = s.capacity === "ec2" ? [{ provider: "ec2", weight: 1, base: 0 }] : (s.capacityProviderStrategy ?? ctx.environmentStrategy);
  return {
    key,
    names,
    kind: s.kind,
    containerPort: s.kind === "job" ? undefined : s.containerPort,
    hostPort: s.kind === "job" ? undefined : s.networkMode === "bridge" ? (s.hostPort ?? s.containerPort) : s.containerPort,
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
          queue: s.autoscaling.queue,
          schedules: Object.entries(s.autoscaling.schedules).map(([name, a]) => ({ name, ...a })),
        }
      : undefined,
    readonlyRootFilesystem: s.readonlyRootFilesystem,
    user: s.user,
    taskRole: {
      managedPolicyArns: s.taskRole.managedPolicyArns,
      statements: s.taskRole.statements.map((statement, i) => ({ sid: statement.sid ?? `App${i}`, actions: statement.actions, resources: statement.resources })),
    },
    serviceConnect: s.serviceConnect && s.containerPort !== undefined && s.kind !== "job",
    enableExecuteCommand: ctx.ecsExec,
    runtime: resolveRuntime(ctx, s, strategy),
    dependsOn: [...s.dependsOn, ...(s.firelens?.enabled ? [{ container: FIRELENS_CONTAINER, condition: "START" as const }] : [])],
    sidecars: Object.entries(s.sidecars).map(([name, c]) => ({
      name,
      image: c.image,
      essential: c.essential,
      command: c.command,
      dependsOn: c.dependsOn,
      ports: c.ports,
      environment: c.environment,
      secrets: Object.entries(c.secrets).map(([envName, ref]) => resolveSecret(envName, ref)).sort((a, b) => a.envName.localeCompare(b.envName)),
      healthCheck: c.healthCheck,
      cpu: c.cpu,
      memoryReservation: c.memoryReservation,
      memory: c.memory,
      readonlyRootFilesystem: c.readonlyRootFilesystem,
      user: c.user,
    })),
    volumes: Object.entries(s.volumes).map(([name, v]): VolumeSettings =>
      "scratch" in v
        ? { name, kind: "scratch" }
        : { name, kind: "efs", ...v.efs, rootDirectory: v.efs.fileSystemId || v.efs.rootDirectory !== "/" ? v.efs.rootDirectory : `/${key}/${name}` },
    ),
    mountPoints: s.mountPoints.map((m) => ({ volume: m.volume, containerPath: m.containerPath, readOnly: m.readOnly, container: m.container ?? names.container })),
    firelens: s.firelens?.enabled ? { image: s.firelens.image, logGroup: `${names.logGroup}/firelens`, options: s.firelens.options } : undefined,
    schedule: s.kind === "job" && s.schedule ? { ...s.schedule, ...scheduleNames(ctx.config, ctx.environment, key) } : undefined,
    preDeploy: s.preDeploy ? { taskFamily: `${taskFamily}-predeploy`, command: s.preDeploy.command, timeoutSeconds: s.preDeploy.timeoutSeconds } : undefined,
    // --- issue 14 ---
    release: resolveRelease(
      { profile: ctx.profile, alarmsEnabled: ctx.env.alarms.enabled, targetGroup: names.targetGroup, routing },
      configuredRelease(ctx.env, key, s),
    ),
    // --- end issue 14 ---
  };
}

/** Container name of the FireLens log router. */
export const FIRELENS_CONTAINER = "log-router";

/** Fargate Spot stops a task with two minutes' notice: give the container all of it. */
export const SPOT_STOP_TIMEOUT = 120;

function resolveRuntime(ctx: ServiceContext, s: ServiceConfig, strategy: readonly CapacityProviderShare[]): RuntimeSettings {
  const spot = s.capacity === "fargate" && strategy.some((share) => share.provider === "FARGATE_SPOT" && (share.weight > 0 || share.base > 0));
  return {
    command: s.command,
    entryPoint: s.entryPoint,
    workingDirectory: s.workingDirectory,
    stopTimeout: s.stopTimeout ?? (spot ? SPOT_STOP_TIMEOUT : undefined),
    initProcessEnabled: s.initProcessEnabled ?? ctx.ecsExec,
    ulimits: s.ulimits,
    ephemeralStorageGiB: s.ephemeralStorageGiB,
    environmentFiles: s.environmentFiles.map((url) => {
      const [, bucket, objectKey] = S3_ENV_FILE.exec(url)!;
      return { bucket, key: objectKey };
    }),
  };
}
