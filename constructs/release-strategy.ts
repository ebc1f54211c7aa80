/**
 * How an ECS service releases: the parts of `aws_ecs_service` a release strategy decides
 * (deployment_configuration, the load balancer's advanced configuration, deployment alarms) and
 * what Terraform must leave to ECS afterwards.
 */
import type { EcsServiceConfig, EcsServiceLoadBalancer } from "@cdktf/provider-aws/lib/ecs-service";
import type { Route } from "./load-balancer";

export type EcsStrategy = "ROLLING" | "BLUE_GREEN" | "CANARY" | "LINEAR";

export interface ReleaseProps {
  readonly strategy: EcsStrategy;
  /** Minutes the old tasks stay after the shift (ECS-native strategies). */
  readonly bakeTimeMinutes: number;
  /** @default - not a canary release */
  readonly canary?: { readonly percent: number; readonly bakeTimeMinutes: number };
  /** @default - not a linear release */
  readonly linear?: { readonly stepPercent: number; readonly stepBakeTimeMinutes: number };
  /** ECS infrastructure role (listener rules, hooks); required by the ECS-native strategies and hooks. @default - none */
  readonly roleArn?: string;
  /** Lambda hooks by ECS lifecycle stage. */
  readonly hooks: readonly { readonly stage: string; readonly functionArn: string }[];
  /** Deployment alarms that roll back; set when the service has any. @default - no alarm rollback */
  readonly rollbackAlarms?: { readonly fiveXxThreshold: number; readonly latencyMs?: number };
}

/** What the ECS service's own attributes become under a release strategy. */
export type ReleaseServiceConfig = Pick<EcsServiceConfig, "deploymentConfiguration" | "alarms" | "loadBalancer">;

/** A release other than rolling moves traffic itself; it needs the route's alternate target group. */
export function shiftsTraffic(release: ReleaseProps): boolean {
  return release.strategy !== "ROLLING";
}

/**
 * deployment_configuration, alarms and load_balancer for one service. Rolling without hooks or
 * alarms keeps today's attributes exactly (no deployment_configuration block at all).
 */
export function releaseServiceConfig(
  release: ReleaseProps,
  target: { readonly route?: Route; readonly containerName: string; readonly containerPort?: number },
  alarmNames: readonly string[],
): ReleaseServiceConfig {
  const native = shiftsTraffic(release);
  const configured = native || release.hooks.length > 0;
  return {
    deploymentConfiguration: configured
      ? {
          strategy: release.strategy,
          bakeTimeInMinutes: native ? String(release.bakeTimeMinutes) : undefined,
          canaryConfiguration: release.canary
            ? { canaryPercent: release.canary.percent, canaryBakeTimeInMinutes: String(release.canary.bakeTimeMinutes) }
            : undefined,
          linearConfiguration: release.linear
            ? { stepPercent: release.linear.stepPercent, stepBakeTimeInMinutes: String(release.linear.stepBakeTimeMinutes) }
            : undefined,
          lifecycleHook: release.hooks.length > 0
            ? release.hooks.map((h) => ({ hookTargetArn: h.functionArn, roleArn: release.roleArn!, lifecycleStages: [h.stage] }))
            : undefined,
        }
      : undefined,
    alarms: alarmNames.length > 0 ? { alarmNames: [...alarmNames], enable: true, rollback: true } : undefined,
    loadBalancer: target.route && target.containerPort !== undefined ? [loadBalancerOf(release, target.route, target.containerName, target.containerPort)] : undefined,
  };
}

function loadBalancerOf(release: ReleaseProps, route: Route, containerName: string, containerPort: number): EcsServiceLoadBalancer {
  const shifted = shiftsTraffic(release) && route.alternateTargetGroup && route.rule;
  return {
    targetGroupArn: route.targetGroup.arn,
    containerName,
    containerPort,
    advancedConfiguration: shifted
      ? {
          alternateTargetGroupArn: route.alternateTargetGroup!.arn,
          productionListenerRule: route.rule!.arn,
          testListenerRule: route.testRule?.arn,
          roleArn: release.roleArn!,
        }
      : undefined,
  };
}

/**
 * Attributes ECS rewrites during an ECS-native release: after a release the service's load balancer
 * names the other target group as primary (and the first as alternate). Terraform would swap them
 * back, so it ignores the block; the container name and port are fixed at creation for such a service.
 */
export function releaseIgnores(release: ReleaseProps): string[] {
  return shiftsTraffic(release) ? ["load_balancer"] : [];
}
