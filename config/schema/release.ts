/**
 * `services.<name>.release` (and `environments.<env>.services.<name>.release`): how a new task
 * definition reaches traffic. `rolling` is ECS's rolling update with the circuit breaker; the
 * other strategies are ECS-native (deployment controller ECS, provider 6.x `deployment_configuration`):
 * a second ("alternate") target group, a production and a test listener rule, and traffic moved
 * by ECS all at once (blueGreen), in two steps (canary) or in equal steps (linear).
 */
import * as z from "zod/mini";
import { bool, field, int, matching, optional, withDefault } from "./primitives";

export const RELEASE_STRATEGIES = ["rolling", "blueGreen", "canary", "linear"] as const;
export type ReleaseStrategy = (typeof RELEASE_STRATEGIES)[number];

/** ECS lifecycle stages a hook can run at, by their configuration names. */
export const LIFECYCLE_STAGES = {
  reconcileService: "RECONCILE_SERVICE",
  preScaleUp: "PRE_SCALE_UP",
  postScaleUp: "POST_SCALE_UP",
  testTrafficShift: "TEST_TRAFFIC_SHIFT",
  postTestTrafficShift: "POST_TEST_TRAFFIC_SHIFT",
  productionTrafficShift: "PRODUCTION_TRAFFIC_SHIFT",
  postProductionTrafficShift: "POST_PRODUCTION_TRAFFIC_SHIFT",
} as const;
export type LifecycleStage = keyof typeof LIFECYCLE_STAGES;

const lambdaArn = matching(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/, "must be a Lambda function ARN");
const percent = (min: number) => z.number().check(z.minimum(min), z.maximum(100));

const canarySchema = z.strictObject({
  percent: field(withDefault(percent(0.1), 10), "share of production traffic the new tasks take first (%)"),
  bakeTimeMinutes: field(withDefault(int(0, 1440), 10), "minutes at the canary share before the rest moves"),
});

const linearSchema = z.strictObject({
  stepPercent: field(withDefault(percent(3), 25), "share of production traffic moved per step (%)"),
  stepBakeTimeMinutes: field(withDefault(int(0, 1440), 5), "minutes between steps"),
});

const testTrafficSchema = z.strictObject({
  header: field(withDefault(matching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/, "must be an HTTP header name (1–40 token characters)"), "X-Release-Test"), {
    description: "header whose presence sends a request to the new tasks during the test stage (a selector, not an access control)",
  }),
  value: field(withDefault(matching(/^[A-Za-z0-9_.*?-]{1,128}$/, "must be 1–128 of A-Z a-z 0-9 _ . - * ?"), "true"), "header value the test rule matches"),
  priority: field(optional(int(1, 50000)), {
    description: "priority of the test listener rule; it must come before the production rule",
    defaultText: "`49999` for the default route; required for a service with its own rule",
    allowed: "lower than the production rule's, unique per listener",
  }),
});

const rollbackSchema = z.strictObject({
  onAlarms: field(optional(bool), {
    description: "roll a deployment back when one of the service's own alarms (5xx of its target groups, unhealthy targets, latency) fires",
    profile: "releaseRollbackOnAlarms",
  }),
  latencyMs: field(optional(int(1, 60000)), {
    description: "also alarm (and roll back) when the p99 target response time exceeds this for 3 minutes",
    defaultText: "no latency alarm",
  }),
  fiveXxThreshold: field(withDefault(int(0, 100000), 5), "5xx responses of the service's targets per minute, 2 minutes running, that roll back"),
});

/** The steps used when the strategy is chosen without its block (the schema's own defaults). */
export const CANARY_DEFAULTS = canarySchema.parse({});
export const LINEAR_DEFAULTS = linearSchema.parse({});

const hooksSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(LIFECYCLE_STAGES).map(([key, stage]) => [key, field(optional(lambdaArn), { description: `Lambda invoked at ${stage}`, defaultText: "none" })]),
  ) as Record<LifecycleStage, z.ZodMiniOptional<typeof lambdaArn>>,
);

export const releaseSchema = z.strictObject({
  strategy: field(withDefault(z.enum(RELEASE_STRATEGIES), "rolling"), {
    description: "`rolling` (100/200 with the circuit breaker), or ECS-native `blueGreen`, `canary`, `linear` (need load balancer routing)",
  }),
  bakeTimeMinutes: field(withDefault(int(0, 1440), 10), {
    description: "minutes the old tasks stay up after all traffic moved, for an instant rollback (ECS-native strategies)",
  }),
  canary: field(optional(canarySchema), { description: "canary steps (`strategy: canary`)", defaultText: "`{ percent: 10, bakeTimeMinutes: 10 }` with `strategy: canary`" }),
  linear: field(optional(linearSchema), { description: "linear steps (`strategy: linear`)", defaultText: "`{ stepPercent: 25, stepBakeTimeMinutes: 5 }` with `strategy: linear`" }),
  productionPriority: field(optional(int(1, 50000)), {
    description: "priority of the catch-all production rule a default-route service gets (ECS moves traffic on a listener rule, not on the listener's default action)",
    defaultText: "`50000`",
    allowed: "unique per listener",
  }),
  testTraffic: field(withDefault(testTrafficSchema, { header: "X-Release-Test", value: "true" }), "the test listener rule: same conditions as production plus a header"),
  rollback: field(withDefault(rollbackSchema, { fiveXxThreshold: 5 }), "alarm-based rollback (every strategy)"),
  hooks: field(withDefault(hooksSchema, {}), "ECS lifecycle hooks (ECS-native strategies): one Lambda ARN per stage, e.g. a smoke test at `postTestTrafficShift`"),
});

export type ReleaseConfig = z.infer<typeof releaseSchema>;
