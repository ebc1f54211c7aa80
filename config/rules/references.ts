import { has } from "../maps";
import { appRule } from "./rule";

export const secretsNameDeclaredParameters = appRule(
  "secrets-name-declared-parameters",
  "A `{ parameter }` secret names a key of `parameters`.",
  ({ config }, report) => {
    const declared = Object.keys(config.parameters);
    for (const [key, service] of Object.entries(config.services)) {
      for (const [envName, ref] of Object.entries(service.secrets)) {
        if ("parameter" in ref && !has(config.parameters, ref.parameter)) {
          report(`services.${key}.secrets.${envName}.parameter`, ref.parameter, `must be a key of parameters (declared: ${declared.join(", ") || "none"})`);
        }
      }
    }
  },
);

export const databaseValuesNeedDatabase = appRule("database-values-need-database", "Database values need a database.", ({ config }, report) => {
  if (config.database) return;
  for (const [key, service] of Object.entries(config.services)) {
    if (Object.keys(service.databaseEnv).length > 0) {
      report(`services.${key}.databaseEnv`, service.databaseEnv, "needs a database section (database values come from the stack's RDS instance)");
    }
  }
  for (const [key, parameter] of Object.entries(config.parameters)) {
    if (parameter.valueFrom && "database" in parameter.valueFrom) {
      report(`parameters.${key}.valueFrom.database`, parameter.valueFrom.database, "needs a database section");
    }
  }
});

export const loadBalancerUrlNeedsRoute = appRule(
  "load-balancer-url-needs-route",
  "A parameter holding the load balancer's URL needs a service behind it.",
  ({ config }, report) => {
    const services = Object.values(config.services);
    const web = services.filter((s) => s.kind === "web");
    const routed = web.some((s) => s.routing !== undefined) || web.length === 1;
    for (const [key, parameter] of Object.entries(config.parameters)) {
      if (parameter.valueFrom && "loadBalancer" in parameter.valueFrom && !routed) {
        report(`parameters.${key}.valueFrom.loadBalancer`, "url", "needs at least one service behind the load balancer (routing)");
      }
    }
  },
);

export const variablesDefinedOnce = appRule("variables-defined-once", "A container variable is set in one place only.", ({ config }, report) => {
  for (const [key, service] of Object.entries(config.services)) {
    const path = `services.${key}`;
    const seen = new Map<string, string>();
    const sources: [string, string[]][] = [
      ["environment", Object.keys(service.environment)],
      ["secrets", Object.keys(service.secrets)],
      ["databaseEnv", Object.keys(service.databaseEnv)],
    ];
    for (const [source, names] of sources) {
      for (const name of names) {
        const first = seen.get(name);
        if (first) report(`${path}.${source}.${name}`, name, `is already defined in ${path}.${first}; a variable may be set only once`);
        else seen.set(name, source);
      }
    }
  }
});
