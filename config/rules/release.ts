/** Release strategies (issue 14): what ECS-native releases, alarm rollback and hooks need. */
import { own } from "../maps";
import { configuredRelease } from "../resolve/release";
import type { ReleaseConfig } from "../schema/release";
import type { ServiceSettings } from "../settings";
import { QUOTAS } from "./quotas";
import { stackRule, type StackContext } from "./rule";

/** Where a service's release is written in this environment: its override, else the service's own. */
function releasePath(ctx: StackContext, key: string): string {
  return own(ctx.env.services, key)?.release ? `${ctx.envPath}.services.${key}.release` : `services.${key}.release`;
}

function eachRelease(ctx: StackContext, visit: (service: ServiceSettings, release: ReleaseConfig, path: string) => void): void {
  for (const service of ctx.services) visit(service, configuredRelease(ctx.env, service.key, ctx.config.services[service.key]), releasePath(ctx, service.key));
}

export const shiftNeedsRoute = stackRule(
  "release-shift-needs-route",
  "ECS-native releases (blueGreen, canary, linear) move load balancer traffic: the service must be routed.",
  (ctx, report) =>
    eachRelease(ctx, (service, release, path) => {
      if (release.strategy !== "rolling" && !service.routing) {
        report(`${path}.strategy`, release.strategy, "needs load balancer routing (services.<name>.routing); a service without a route releases with \"rolling\"");
      }
    }),
);

export const testRulePriority = stackRule(
  "release-test-rule-priority",
  "The test listener rule of a routed service has its own priority, before the production rule.",
  (ctx, report) =>
    eachRelease(ctx, (service, release, path) => {
      const shift = service.release.trafficShift;
      if (!shift || !service.routing) return;
      const production = service.routing.priority ?? shift.productionPriority;
      if (shift.test.priority === undefined) {
        report(`${path}.testTraffic.priority`, undefined, `a service with its own listener rule needs a test priority below its rule's ${production}, unique per listener`);
      } else if (shift.test.priority >= production) {
        report(`${path}.testTraffic.priority`, shift.test.priority, `must be lower than the production rule's priority ${production} (the test rule must match first)`);
      }
      if (release.productionPriority !== undefined && service.routing.priority !== undefined) {
        report(`${path}.productionPriority`, release.productionPriority, `applies only to the default route; this service's production rule is its own (priority ${service.routing.priority})`);
      }
    }),
);

export const releasePrioritiesUnique = stackRule(
  "release-priorities-unique",
  "Production and test rules of ECS-native releases take priorities no other rule of the listener has.",
  (ctx, report) => {
    const owners = new Map<number, string>();
    for (const s of ctx.services) if (s.routing?.priority !== undefined) owners.set(s.routing.priority, `the rule of service ${s.key}`);
    eachRelease(ctx, (service, _release, path) => {
      const shift = service.release.trafficShift;
      if (!shift || !service.routing) return;
      const entries: [string, number | undefined][] = [
        [`${path}.productionPriority`, service.routing.priority === undefined ? shift.productionPriority : undefined],
        [`${path}.testTraffic.priority`, shift.test.priority],
      ];
      for (const [field, priority] of entries) {
        if (priority === undefined) continue;
        const other = owners.get(priority);
        if (other) report(field, priority, `must be unique per listener; ${other} already uses it`);
        else owners.set(priority, `the release rules of service ${service.key}`);
      }
    });
  },
);

export const testRuleConditions = stackRule(
  "release-test-rule-conditions",
  "The test rule adds a header condition: the route's own conditions leave room for it (5 values per rule).",
  (ctx, report) =>
    eachRelease(ctx, (service, release, path) => {
      const routing = service.routing;
      if (!service.release.trafficShift || !routing) return;
      const values = routing.pathPatterns.length + routing.hostHeaders.length;
      if (values > 4) report(`${path}.strategy`, release.strategy, `needs at most 4 path/host values on the route (it has ${values}): the test rule adds the header as a fifth`);
    }),
);

export const rollbackNeedsAlarms = stackRule(
  "release-rollback-needs-alarms",
  "Alarm rollback watches the service's target groups: it needs routing and alarms.enabled.",
  (ctx, report) =>
    eachRelease(ctx, (service, release, path) => {
      if (release.rollback.onAlarms !== true) return;
      if (!service.routing) report(`${path}.rollback.onAlarms`, true, "needs load balancer routing: the rollback alarms watch the service's target groups");
      else if (!ctx.env.alarms.enabled) report(`${path}.rollback.onAlarms`, true, `needs ${ctx.envPath}.alarms.enabled: true (the alarms it rolls back on)`);
    }),
);

export const hooksNeedNativeRelease = stackRule(
  "release-hooks-need-native-release",
  "Lifecycle hooks run during ECS-native releases only.",
  (ctx, report) =>
    eachRelease(ctx, (_service, release, path) => {
      const stages = Object.keys(release.hooks).filter((k) => release.hooks[k as keyof typeof release.hooks] !== undefined);
      if (stages.length > 0 && release.strategy === "rolling") {
        report(`${path}.hooks.${stages[0]}`, release.hooks[stages[0] as keyof typeof release.hooks], 'needs strategy "blueGreen", "canary" or "linear"');
      }
    }),
);

export const stepsMatchStrategy = stackRule(
  "release-steps-match-strategy",
  "canary and linear steps are set only with their strategy.",
  (ctx, report) =>
    eachRelease(ctx, (_service, release, path) => {
      if (release.canary && release.strategy !== "canary") report(`${path}.canary`, release.canary, `the strategy is "${release.strategy}"; set strategy: "canary" or remove it`);
      if (release.linear && release.strategy !== "linear") report(`${path}.linear`, release.linear, `the strategy is "${release.strategy}"; set strategy: "linear" or remove it`);
    }),
  "warning",
);

export const releaseQuotas = stackRule(
  "release-quotas",
  "Counting the release rules and alternate target groups, a listener keeps within 100 rules and the load balancer within 100 target groups.",
  (ctx, report) => {
    const routed = ctx.services.filter((s) => s.routing);
    const shifted = routed.filter((s) => s.release.trafficShift);
    if (shifted.length === 0) return;
    const ownRules = routed.filter((s) => s.routing!.priority !== undefined && s.routing!.pathPatterns.length + s.routing!.hostHeaders.length > 0).length;
    // A shifted service adds its test rule, and a default-route service its production rule too.
    const rules = ownRules + shifted.reduce((n, s) => n + (s.routing!.priority === undefined ? 2 : 1), 0);
    const groups = routed.length + shifted.length;
    const path = `${releasePath(ctx, shifted[0].key)}.strategy`;
    const strategy = configuredRelease(ctx.env, shifted[0].key, ctx.config.services[shifted[0].key]).strategy;
    if (rules > QUOTAS.rulesPerListener) report(path, strategy, `the listener would hold ${rules} rules with the release rules of ${shifted.length} service(s); at most ${QUOTAS.rulesPerListener}`);
    if (groups > QUOTAS.targetGroupsPerLoadBalancer) report(path, strategy, `the load balancer would forward to ${groups} target groups with the alternate groups; at most ${QUOTAS.targetGroupsPerLoadBalancer}`);
  },
);
