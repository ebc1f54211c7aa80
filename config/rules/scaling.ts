import { stackRule } from "./rule";

/**
 * Problems point at a field the user wrote: the environment's override, else the service's own
 * value; a count nobody wrote (a default) is reported at the bound that was written instead.
 */
export const taskCountBounds = stackRule("task-count-bounds", "minCount ≤ desiredCount ≤ maxCount.", ({ config, env, envPath, services }, report) => {
  for (const service of services) {
    const { desiredCount, minCount, maxCount } = service;
    const override = env.services[service.key] ?? {};
    const envService = `${envPath}.services.${service.key}`;
    // minCount defaults to the desired count: then only the desired count can be out of bounds.
    if (override.minCount !== undefined && minCount > maxCount) report(`${envService}.minCount`, minCount, `must be ≤ maxCount (${maxCount})`);
    if (desiredCount >= minCount && desiredCount <= maxCount) continue;
    const allowed = `must be between minCount (${minCount}) and maxCount (${maxCount})`;
    if (override.desiredCount !== undefined) report(`${envService}.desiredCount`, desiredCount, allowed);
    else if (config.services[service.key].desiredCount !== undefined) report(`services.${service.key}.desiredCount`, desiredCount, allowed);
    else {
      const bound = desiredCount < minCount ? "minCount" : "maxCount";
      report(`${envService}.${bound}`, service[bound], `must ${bound === "minCount" ? "be ≤" : "be ≥"} the desired count (${desiredCount}, this environment's default)`);
    }
  }
});

export const queueScaling = stackRule("queue-scaling", "Queue scaling reads Container Insights; only a queue-scaled worker may scale to zero.", ({ stack, envPath, services }, report) => {
  for (const s of services) {
    const a = s.autoscaling;
    if (a?.queue && !stack.cluster.containerInsights) {
      report(`services.${s.key}.autoscaling.queue`, a.queue.name, `needs Container Insights for the running task count (${envPath}.containerInsights: true)`);
    }
    if (a && s.minCount === 0 && !(s.kind === "worker" && a.queue)) {
      report(`${envPath}.services.${s.key}.minCount`, 0, "only a worker with autoscaling.queue may scale to zero (nothing else would scale it out again)");
    }
    for (const schedule of a?.schedules ?? []) {
      if (schedule.minCount !== undefined && schedule.maxCount !== undefined && schedule.minCount > schedule.maxCount) {
        report(`services.${s.key}.autoscaling.schedules.${schedule.name}.minCount`, schedule.minCount, `must be ≤ maxCount (${schedule.maxCount})`);
      }
    }
  }
});
