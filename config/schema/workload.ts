/**
 * What a service is (`kind`) and how its container runs: runtime settings, the schedule of a job,
 * the pre-deploy task. Split from ./service.ts to keep each file to one concern.
 */
import * as z from "zod/mini";
import { bool, field, int, matching, nonEmpty, optional, withDefault } from "./primitives";

export const SERVICE_KINDS = ["web", "internal", "worker", "job"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const kindField = field(withDefault(z.enum(SERVICE_KINDS), "web"), {
  description:
    "`web`: may be routed by the load balancer (today's behaviour); `internal`: Service Connect only, never routed; `worker`: no port, no routing (queue consumers); `job`: no ECS service, runs on `schedule` (EventBridge Scheduler) or by hand",
  allowed: "`web` | `internal` | `worker` | `job`",
});

const ULIMIT_NAMES = [
  "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack",
] as const;

const ulimitSchema = z.strictObject({
  name: field(z.enum(ULIMIT_NAMES), "ulimit name, e.g. `nofile`"),
  softLimit: field(int(0, 2147483647), "soft limit"),
  hardLimit: field(int(0, 2147483647), { description: "hard limit", allowed: "≥ `softLimit`" }),
});

/** `s3://bucket/key.env` */
export const S3_ENV_FILE = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+\.env)$/;

export const runtimeFields = {
  command: field(optional(z.array(nonEmpty).check(z.minLength(1))), { description: "container command (overrides the image's `CMD`), e.g. `[\"node\", \"worker.js\"]`", defaultText: "the image's" }),
  entryPoint: field(optional(z.array(nonEmpty).check(z.minLength(1))), { description: "container entry point (overrides the image's `ENTRYPOINT`)", defaultText: "the image's" }),
  workingDirectory: field(optional(matching(/^\//, "must be an absolute path starting with '/'")), { description: "working directory in the container", defaultText: "the image's" }),
  stopTimeout: field(optional(int(2, 3600)), {
    description: "seconds between SIGTERM and SIGKILL when a task stops",
    defaultText: "`120` when Fargate Spot can run the task (Spot gives a two-minute warning), else ECS's 30",
    allowed: "2–120 on Fargate; 2–3600 on EC2",
  }),
  initProcessEnabled: field(optional(bool), { description: "run an init process (PID 1 reaps zombies, forwards signals)", defaultText: "`true` with ECS Exec, else `false`" }),
  ulimits: field(withDefault(z.array(ulimitSchema), []), { description: "resource limits (`[{ name, softLimit, hardLimit }]`)", allowed: "each name once; `softLimit` ≤ `hardLimit`" }),
  ephemeralStorageGiB: field(optional(int(21, 200)), { description: "Fargate task ephemeral storage (GiB)", defaultText: "Fargate's 20", allowed: "21–200, Fargate only" }),
  environmentFiles: field(withDefault(z.array(matching(S3_ENV_FILE, "must be an S3 object URL s3://<bucket>/<key>.env")), []), {
    description: "environment files in S3 (`s3://<bucket>/<key>.env`); the execution role may read exactly these objects",
    allowed: "at most 10; each once",
  }),
};

const SCHEDULE_EXPRESSION = /^(cron\(\S+( \S+){5}\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/;

export const scheduleSchema = z.strictObject({
  expression: field(matching(SCHEDULE_EXPRESSION, "must be cron(<6 fields>), rate(<n> <unit>) or at(yyyy-mm-ddThh:mm:ss)"), {
    description: "when the job runs: `cron(0 3 * * ? *)`, `rate(15 minutes)` or `at(2030-01-01T00:00:00)`",
    allowed: "EventBridge Scheduler expressions; cron has 6 fields and `?` in day-of-month or day-of-week",
  }),
  timezone: field(withDefault(matching(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/, "must be an IANA time zone such as Europe/Berlin"), "UTC"), "IANA time zone of the expression"),
  flexibleWindowMinutes: field(withDefault(int(0, 1440), 0), "run within this many minutes after the time (0 = exactly on time)"),
  retries: field(withDefault(int(0, 185), 2), "retries when starting the task fails"),
  maxEventAgeSeconds: field(withDefault(int(60, 86400), 3600), "give up retrying after this many seconds"),
  enabled: field(withDefault(bool, true), "the schedule is enabled (`false` keeps it, paused)"),
});

export const preDeploySchema = z.strictObject({
  command: field(z.array(nonEmpty).check(z.minLength(1)), "command of the one-off task, e.g. `[\"npx\", \"prisma\", \"migrate\", \"deploy\"]`"),
  timeoutSeconds: field(withDefault(int(60, 7200), 900), "`bin/predeploy.sh` stops the deploy when the task has not finished by then"),
});
