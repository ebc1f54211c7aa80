/** A service's release strategy after the environment's override and the production profile. */
import type { EnvironmentProfile } from "../defaults";
import { own } from "../maps";
import { alternateTargetGroupName } from "../names";
import type { EnvironmentConfig, ServiceConfig } from "../schema";
import { CANARY_DEFAULTS, LIFECYCLE_STAGES, LINEAR_DEFAULTS, type LifecycleStage, type ReleaseConfig } from "../schema/release";
import type { ReleaseSettings, RoutingSettings } from "../settings";

const ECS_STRATEGY = { rolling: "ROLLING", blueGreen: "BLUE_GREEN", canary: "CANARY", linear: "LINEAR" } as const;

/** The catch-all production rule of a default-route service sits last; its test rule just before. */
export const DEFAULT_PRODUCTION_PRIORITY = 50000;
export const DEFAULT_TEST_PRIORITY = 49999;

/** The release as configured for this environment: its override as a whole, else the service's. */
export function configuredRelease(env: EnvironmentConfig, key: string, s: ServiceConfig): ReleaseConfig {
  return own(env.services, key)?.release ?? s.release;
}

export interface ReleaseContext {
  readonly profile: EnvironmentProfile;
  readonly alarmsEnabled: boolean;
  readonly targetGroup: string;
  readonly routing?: RoutingSettings;
}

export function resolveRelease(ctx: ReleaseContext, r: ReleaseConfig): ReleaseSettings {
  const nativeShift = r.strategy !== "rolling" && ctx.routing !== undefined;
  // Rollback watches the service's target groups: only a routed service with alarms has any.
  const rollback = (r.rollback.onAlarms ?? ctx.profile.releaseRollbackOnAlarms) && ctx.routing !== undefined && ctx.alarmsEnabled;
  const canary = r.strategy === "canary" ? (r.canary ?? CANARY_DEFAULTS) : undefined;
  const linear = r.strategy === "linear" ? (r.linear ?? LINEAR_DEFAULTS) : undefined;
  return {
    strategy: ECS_STRATEGY[r.strategy],
    bakeTimeMinutes: r.bakeTimeMinutes,
    canary,
    linear,
    trafficShift: nativeShift
      ? {
          alternateTargetGroup: alternateTargetGroupName(ctx.targetGroup),
          productionPriority: r.productionPriority ?? DEFAULT_PRODUCTION_PRIORITY,
          test: {
            header: r.testTraffic.header,
            value: r.testTraffic.value,
            priority: r.testTraffic.priority ?? (ctx.routing?.priority === undefined ? DEFAULT_TEST_PRIORITY : undefined),
          },
        }
      : undefined,
    rollbackAlarms: rollback ? { fiveXxThreshold: r.rollback.fiveXxThreshold, latencyMs: r.rollback.latencyMs } : undefined,
    hooks: (Object.keys(LIFECYCLE_STAGES) as LifecycleStage[])
      .filter((stage) => r.hooks[stage] !== undefined)
      .map((stage) => ({ stage: LIFECYCLE_STAGES[stage], functionArn: r.hooks[stage]! })),
  };
}
