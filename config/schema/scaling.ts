/** `services.<name>.autoscaling.queue` and `.schedules`: scaling beyond CPU and memory. */
import * as z from "zod/mini";
import { field, int, matching, optional, withDefault } from "./primitives";

export const queueScalingSchema = z.strictObject({
  name: field(matching(/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/, "must be an SQS queue name (1–80 letters, digits, _ -, optional .fifo)"), "the SQS queue the worker consumes"),
  backlogPerTask: field(int(1, 1000000), "visible messages per running task to track (e.g. messages a task handles within the latency you accept)"),
});

export const scheduledScalingSchema = z.strictObject({
  expression: field(matching(/^(cron\(\S+( \S+){5}\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/, "must be cron(<6 fields>) or at(yyyy-mm-ddThh:mm:ss)"), "when the bounds change"),
  timezone: field(withDefault(matching(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/, "must be an IANA time zone such as Europe/Berlin"), "UTC"), "IANA time zone of the expression"),
  minCount: field(optional(int(0, 1000)), { description: "new minimum", defaultText: "unchanged" }),
  maxCount: field(optional(int(0, 1000)), { description: "new maximum", defaultText: "unchanged" }),
});
