/**
 * Settings that have no effect where they stand. The line between error and warning:
 *  - an error when a field documented "only with X" is set without X, or AWS would refuse the
 *    result (the mistake is local and the fix obvious): `routing.priority` without conditions here,
 *    `hostPort` without bridge mode and `keyName` without `sshCidr` in their own files;
 *  - a warning (stderr, the synth goes on) when the rest of the configuration leaves a valid
 *    setting unused — often on purpose: shared between environments, or kept for later. Nothing is
 *    created from it and nothing else changes, so failing the synth would only get in the way.
 */
import { own } from "../maps";
import { SCHEMA_DEFAULTS } from "../schema";
import { stackRule } from "./rule";

const warning = "warning" as const;

export const priorityNeedsConditions = stackRule("priority-needs-conditions", "A listener rule priority comes with conditions (AWS refuses a rule without one).", ({ services }, report) => {
  for (const service of services) {
    const routing = service.routing;
    if (routing?.isDefault && routing.priority !== undefined && routing.pathPatterns.length + routing.hostHeaders.length === 0) {
      report(`services.${service.key}.routing.priority`, routing.priority, "only allowed with pathPatterns or hostHeaders: the default route needs no listener rule, and AWS refuses a rule without conditions");
    }
  }
});

export const ec2CapacityUsed = stackRule(
  "ec2-capacity-used",
  "ec2Capacity only has an effect when a service runs on EC2.",
  ({ stack, services, envPath }, report) => {
    if (stack.ec2Capacity && !services.some((s) => s.capacity === "ec2")) {
      report(`${envPath}.ec2Capacity`, "{...}", 'no service uses capacity "ec2", so no instances are created');
    }
  },
  warning,
);

export const targetSettingsRouted = stackRule(
  "target-settings-routed",
  "Target group settings (healthCheck, deregistrationDelay, healthCheckGracePeriod) only have an effect on a routed service.",
  ({ config, services }, report) => {
    for (const service of services) {
      if (service.routing) continue;
      const s = config.services[service.key];
      for (const field of ["healthCheck", "deregistrationDelay", "healthCheckGracePeriod"] as const) {
        if (JSON.stringify(s[field]) !== JSON.stringify(SCHEMA_DEFAULTS.service[field])) {
          report(`services.${service.key}.${field}`, s[field], "the service has no routing, so it has no target group (containerHealthCheck checks an unrouted service)");
        }
      }
    }
  },
  warning,
);

export const dependentSettingsUsed = stackRule(
  "dependent-settings-used",
  "Settings that depend on a switch that is off: alarm e-mail, flow log and access log retention, explicit subnets' newBits.",
  ({ stack, env, envPath }, report) => {
    if (!stack.alarms.enabled && stack.alarms.email) report(`${envPath}.alarms.email`, stack.alarms.email, "alarms.enabled is false, so there is no alarm topic to subscribe to");
    if (!stack.network.flowLogs && env.network.flowLogRetentionDays !== undefined) {
      report(`${envPath}.network.flowLogRetentionDays`, env.network.flowLogRetentionDays, "network.flowLogs is false");
    }
    if (!stack.loadBalancer.accessLogs && env.loadBalancer.accessLogRetentionDays !== SCHEMA_DEFAULTS.loadBalancer.accessLogRetentionDays) {
      report(`${envPath}.loadBalancer.accessLogRetentionDays`, env.loadBalancer.accessLogRetentionDays, "access logs are off in this environment (loadBalancer.accessLogs)");
    }
    if (env.network.publicSubnets && env.network.privateSubnets && env.network.subnetNewBits !== SCHEMA_DEFAULTS.network.subnetNewBits) {
      report(`${envPath}.network.subnetNewBits`, env.network.subnetNewBits, "every subnet is given explicitly, so none is carved");
    }
    if (stack.ci?.applyEnvironment !== undefined && stack.ci.applyBranch !== SCHEMA_DEFAULTS.ci.applyBranch) {
      report(`${envPath}.ci.applyBranch`, stack.ci.applyBranch, "with ci.applyEnvironment only jobs in that GitHub environment may apply, whatever the branch");
    }
  },
  warning,
);

export const overridesUsed = stackRule(
  "overrides-used",
  "Per-environment overrides of a database that does not exist, or of scaling bounds with autoscaling off.",
  ({ config, env, envPath, services }, report) => {
    if (!config.database && Object.keys(env.database).length > 0) report(`${envPath}.database`, env.database, "the application has no database section");
    for (const service of services) {
      const override = own(env.services, service.key);
      for (const field of ["minCount", "maxCount"] as const) {
        if (!service.autoscaling && override?.[field] !== undefined) {
          report(`${envPath}.services.${service.key}.${field}`, override[field], `services.${service.key}.autoscaling.enabled is false, so the task count stays at desiredCount`);
        }
      }
    }
  },
  warning,
);
