/**
 * Rules of the workload kinds (`kind`), their schedules and pre-deploy tasks, and the container
 * runtime settings: what each kind may have, and what ECS or EventBridge Scheduler would refuse.
 */
import { stackRule } from "./rule";

const PORTED = new Set(["web", "internal"]);

export const kindPorts = stackRule("kind-ports", "Web and internal services listen on a port; jobs have none.", ({ config, services }, report) => {
  for (const s of services) {
    const port = config.services[s.key].containerPort;
    if (PORTED.has(s.kind) && port === undefined) report(`services.${s.key}.containerPort`, undefined, `required for kind "${s.kind}" (a worker or a job needs none)`);
    if (s.kind === "job" && port !== undefined) report(`services.${s.key}.containerPort`, port, 'not allowed for kind "job": a job takes no traffic; remove it');
  }
});

export const kindRouting = stackRule("kind-routing", "Only web services are routed by the load balancer.", ({ config, services }, report) => {
  for (const s of services) {
    const routing = config.services[s.key].routing;
    if (s.kind !== "web" && routing !== undefined) {
      report(`services.${s.key}.routing`, routing, `only allowed with kind "web"; a service of kind "${s.kind}" is never behind the load balancer`);
    }
  }
});

export const jobSchedule = stackRule("job-schedule", "A job has a schedule; only a job has one.", ({ config, services }, report) => {
  for (const s of services) {
    const c = config.services[s.key];
    if (s.kind === "job" && !c.schedule) report(`services.${s.key}.schedule`, undefined, 'required for kind "job": { expression: "cron(0 3 * * ? *)" | "rate(1 hour)", timezone? }');
    if (s.kind !== "job" && c.schedule) report(`services.${s.key}.schedule.expression`, c.schedule.expression, `only allowed with kind "job" (this service is "${s.kind}")`);
    if (s.kind === "job" && c.preDeploy) report(`services.${s.key}.preDeploy`, c.preDeploy, 'not allowed for kind "job": a job has no rollout to run before');
  }
});

/** AWS cron: minutes hours day-of-month month day-of-week year, with `?` in exactly one of the two days. */
export const cronExpression = stackRule("cron-expression", "A cron schedule has six fields and ? in one day field.", ({ services }, report) => {
  for (const s of services) {
    const expression = s.schedule?.expression;
    const cron = expression && /^cron\((.*)\)$/.exec(expression);
    if (!cron) continue;
    const fields = cron[1].split(" ");
    const [minutes, hours, dayOfMonth, , dayOfWeek] = fields;
    const path = `services.${s.key}.schedule.expression`;
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
      report(path, expression, "must have ? in exactly one of day-of-month (3rd field) and day-of-week (5th field), e.g. cron(0 3 * * ? *)");
    } else if (!/^[\d*,/-]+$/.test(minutes) || !/^[\d*,/-]+$/.test(hours)) {
      report(path, expression, "minutes and hours must be numbers, *, ranges (a-b), lists (a,b) or steps (*/n)");
    }
  }
});

export const fargateStopTimeout = stackRule("fargate-stop-timeout", "Fargate waits at most 120 seconds for a container to stop.", ({ services }, report) => {
  for (const s of services) {
    const t = s.runtime.stopTimeout;
    if (s.capacity === "fargate" && t !== undefined && t > 120) report(`services.${s.key}.stopTimeout`, t, "at most 120 seconds on Fargate (2–120; EC2 allows up to 3600)");
  }
});

export const ephemeralStorageFargate = stackRule("ephemeral-storage-fargate", "Ephemeral storage is a Fargate setting.", ({ services }, report) => {
  for (const s of services) {
    const gib = s.runtime.ephemeralStorageGiB;
    if (gib !== undefined && s.capacity !== "fargate") report(`services.${s.key}.ephemeralStorageGiB`, gib, 'only allowed with capacity "fargate" (on EC2 the instance\'s volume is the limit)');
  }
});

export const ulimitsValid = stackRule("ulimits-valid", "Each ulimit once, its soft limit at most its hard limit.", ({ services }, report) => {
  for (const s of services) {
    const seen = new Set<string>();
    s.runtime.ulimits.forEach((u, i) => {
      const path = `services.${s.key}.ulimits[${i}]`;
      if (seen.has(u.name)) report(`${path}.name`, u.name, "listed twice; give each ulimit once");
      seen.add(u.name);
      if (u.softLimit > u.hardLimit) report(`${path}.softLimit`, u.softLimit, `must be ≤ hardLimit (${u.hardLimit})`);
    });
  }
});

export const environmentFilesValid = stackRule("environment-files-valid", "At most 10 environment files per container, each once.", ({ config, services }, report) => {
  for (const s of services) {
    const files = config.services[s.key].environmentFiles;
    if (files.length > 10) report(`services.${s.key}.environmentFiles`, `${files.length} files`, "at most 10 environment files per container (ECS)");
    files.forEach((file, i) => {
      if (files.indexOf(file) !== i) report(`services.${s.key}.environmentFiles[${i}]`, file, `already listed at environmentFiles[${files.indexOf(file)}]; list each file once`);
    });
  }
});
