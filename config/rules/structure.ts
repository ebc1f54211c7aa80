import { has } from "../maps";
import { appRule, stackRule } from "./rule";

export const servicesDefined = appRule("services-defined", "An application has at least one service.", ({ config }, report) => {
  if (Object.keys(config.services).length === 0) report("services", config.services, "define at least one service");
});

export const environmentsDefined = appRule("environments-defined", "An application has at least one environment.", ({ config }, report) => {
  if (Object.keys(config.environments).length === 0) report("environments", config.environments, "define at least one environment (e.g. dev)");
});

export const overridesNameServices = stackRule(
  "overrides-name-services",
  "Per-environment service overrides refer to defined services.",
  ({ config, env, envPath }, report) => {
    for (const key of Object.keys(env.services)) {
      if (!has(config.services, key)) report(`${envPath}.services.${key}`, key, `must be a service name (defined: ${Object.keys(config.services).join(", ")})`);
    }
  },
);
