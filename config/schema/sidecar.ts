/** `services.<name>.sidecars.<container>` and `services.<name>.firelens`: extra containers of a task. */
import * as z from "zod/mini";
import { secretRefSchema } from "./secret-ref";
import { bool, envVarName, field, int, matching, nonEmpty, optional, port, positiveInt, resourceName, withDefault } from "./primitives";

export const DEPENDENCY_CONDITIONS = ["START", "HEALTHY", "COMPLETE", "SUCCESS"] as const;

export const containerName = matching(/^[A-Za-z0-9_-]{1,255}$/, "must be 1–255 letters, digits, '_' or '-' (container names)");

export const dependsOnSchema = z.array(
  z.strictObject({
    container: field(containerName, "a container of the same task (the main container or a sidecar)"),
    condition: field(withDefault(z.enum(DEPENDENCY_CONDITIONS), "START"), {
      description: "`START`: started; `HEALTHY`: its health check passes; `COMPLETE`: exited; `SUCCESS`: exited 0",
      allowed: "`HEALTHY` needs a container health check; `COMPLETE`/`SUCCESS` a non-essential container",
    }),
  }),
);

const healthCheckSchema = z.strictObject({
  command: field(nonEmpty, "`CMD-SHELL` command"),
  interval: field(withDefault(int(5, 300), 30), "seconds between checks"),
  timeout: field(withDefault(int(2, 60), 5), "seconds before a check fails"),
  retries: field(withDefault(int(1, 10), 3), "failures before the container is unhealthy"),
  startPeriod: field(withDefault(int(0, 300), 10), "seconds of grace after the container starts"),
});

export const sidecarSchema = z.strictObject({
  image: field(
    z.union([z.strictObject({ repository: resourceName }), z.strictObject({ external: matching(/^[a-z0-9][\w.\-/:@]{0,254}$/, "must be an image reference such as public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1") })], {
      error: "allowed: { repository: <service key> } (that service's ECR repository and image tag) | { external: <image reference> }",
    }),
    "`{ repository: <service key> }` (that service's ECR repository and image tag) or `{ external: <image reference> }`",
  ),
  essential: field(withDefault(bool, true), "the task stops when this container stops"),
  command: field(optional(z.array(nonEmpty).check(z.minLength(1))), { description: "container command", defaultText: "the image's" }),
  dependsOn: field(withDefault(dependsOnSchema, []), { description: "containers this one waits for (`[{ container, condition }]`)", allowed: "no unknown containers, no cycles" }),
  ports: field(withDefault(z.array(port), []), "TCP ports the sidecar listens on (reachable inside the task; not routed)"),
  environment: field(withDefault(z.record(envVarName, z.string()), {}), "plain environment variables"),
  secrets: field(withDefault(z.record(envVarName, secretRefSchema), {}), { description: "secrets, the same forms as the service's `secrets`", allowed: "see `services.<name>.secrets`" }),
  healthCheck: field(optional(healthCheckSchema), { description: "container health check", defaultText: "none" }),
  cpu: field(withDefault(int(0, 16384), 0), { description: "CPU units reserved for the sidecar", allowed: "all sidecars together below the task's `cpu`" }),
  memoryReservation: field(optional(positiveInt), { description: "MiB reserved (soft limit)", defaultText: "none", allowed: "all sidecars together below the task's `memory`" }),
  memory: field(optional(positiveInt), { description: "MiB hard limit (the container is killed above it)", defaultText: "none (the task's)", allowed: "≥ `memoryReservation`" }),
  readonlyRootFilesystem: field(withDefault(bool, true), "read-only root file system"),
  user: field(optional(matching(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user or user:group")), { description: "container user", defaultText: "the image's" }),
});

/** AWS for Fluent Bit, pinned (https://github.com/aws/aws-for-fluent-bit/releases). */
export const FLUENT_BIT_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4";

export const firelensSchema = z.strictObject({
  enabled: field(withDefault(bool, true), "route the main container's logs through a Fluent Bit log router (FireLens)"),
  image: field(withDefault(nonEmpty, FLUENT_BIT_IMAGE), "log router image"),
  options: field(withDefault(z.record(matching(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "must be a Fluent Bit option name"), z.string()), {}), {
    description: "Fluent Bit output options of the main container's logs",
    defaultText: "`cloudwatch_logs` to the service's log group",
  }),
});
