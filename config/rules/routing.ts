import { stackRule } from "./rule";

export const oneDefaultRoute = stackRule("one-default-route", "At most one service answers what no listener rule matches.", ({ services }, report) => {
  const defaults = services.filter((s) => s.routing?.isDefault);
  for (const service of defaults.slice(1)) {
    report(`services.${service.key}.routing.default`, true, `only one service may be the listener's default action (already: ${defaults[0].key})`);
  }
});

export const defaultRouteChosen = stackRule("default-route-chosen", "When services are routed, one of them is the default.", ({ services }, report) => {
  const routed = services.filter((s) => s.routing);
  if (routed.length > 0 && !routed.some((s) => s.routing!.isDefault) && services.filter((s) => s.kind === "web").length > 1) {
    report("services.*.routing.default", false, "exactly one routed service must set routing.default: true (it answers requests no rule matches)");
  }
});

export const rulesHaveConditions = stackRule("rules-have-conditions", "A listener rule has conditions and an explicit priority.", ({ config, services }, report) => {
  for (const service of services) {
    const routing = service.routing;
    if (!routing) continue;
    const conditions = routing.pathPatterns.length + routing.hostHeaders.length;
    if (routing.isDefault && conditions === 0) continue;
    const path = `services.${service.key}.routing`;
    if (conditions === 0) report(path, config.services[service.key].routing, "a non-default route needs pathPatterns and/or hostHeaders");
    if (routing.priority === undefined) report(`${path}.priority`, undefined, "a rule needs an explicit priority 1–50000 (unique per listener)");
  }
});

export const uniqueRulePriorities = stackRule("unique-rule-priorities", "Listener rule priorities are unique.", ({ services }, report) => {
  const owners = new Map<number, string>();
  for (const service of services) {
    const priority = service.routing?.priority;
    if (priority === undefined) continue;
    const other = owners.get(priority);
    if (other) report(`services.${service.key}.routing.priority`, priority, `must be unique; service ${other} already uses it`);
    else owners.set(priority, service.key);
  }
});
