/** Values AWS refuses at apply time: engine versions, health check timing, parameter and task definition sizes. */
import { describeOfferedVersions, isOfferedPostgresVersion } from "../data/rds-postgres-versions";
import type { ServiceSettings, StackSettings } from "../settings";
import { appRule, stackRule } from "./rule";

export const engineVersionOffered = appRule("engine-version-offered", "The PostgreSQL version is one RDS offers (dated list in config/data).", ({ config }, report) => {
  const version = config.database?.engineVersion;
  if (version !== undefined && !isOfferedPostgresVersion(version)) {
    report("database.engineVersion", version, `RDS does not offer it; allowed: ${describeOfferedVersions(version)}`);
  }
});

export const targetHealthCheckTiming = stackRule("target-health-check-timing", "A target group's health check times out before the next one starts.", ({ services }, report) => {
  for (const service of services) {
    const hc = service.healthCheck;
    if (service.routing && hc.timeout >= hc.interval) {
      report(`services.${service.key}.healthCheck.timeout`, hc.timeout, `must be less than healthCheck.interval (${hc.interval}); ELB refuses a timeout that is not shorter than the interval`);
    }
  }
});

/** SSM's Standard tier (the platform's) holds values up to 4 KB. */
export const MAX_PARAMETER_BYTES = 4096;

export const parameterValueSizes = appRule("parameter-value-sizes", "Literal parameter values are 1 byte to 4 KB (SSM refuses an empty value).", ({ config }, report) => {
  for (const [key, parameter] of Object.entries(config.parameters)) {
    const from = parameter.valueFrom;
    if (!from || !("literal" in from || "loadBalancer" in from)) continue;
    const [field, text] = "literal" in from ? ["literal", from.literal] : ["suffix", from.suffix];
    const bytes = Buffer.byteLength(text);
    if (field === "literal" && bytes === 0) report(`parameters.${key}.valueFrom.literal`, text, "SSM refuses an empty value; give 1 byte to 4 KB, or omit valueFrom to set the value out of band");
    // The suffix follows a load balancer URL of about 100 bytes.
    if (bytes > MAX_PARAMETER_BYTES - (field === "suffix" ? 128 : 0)) {
      report(`parameters.${key}.valueFrom.${field}`, `${bytes} bytes`, `an SSM Standard parameter holds at most ${MAX_PARAMETER_BYTES} bytes${field === "suffix" ? " including the load balancer URL" : ""}`);
    }
  }
});

/** RegisterTaskDefinition accepts at most 64 KiB. */
export const MAX_TASK_DEFINITION_BYTES = 65536;
/** What the container definition holds besides variables and secrets (image, ports, logging, ...), generously. */
const TASK_DEFINITION_OVERHEAD = 2048;

/** A close upper estimate of a service's task definition size: its variables and secrets as ECS stores them. */
export function taskDefinitionBytes(stack: StackSettings, service: ServiceSettings): number {
  const arn = 100; // a generous ARN length (`arn:aws:ssm:<region>:<account>:parameter/...` plus the name)
  const variables = [
    ...Object.entries(service.environment).map(([name, value]) => ({ name, value })),
    ...Object.keys(service.databaseEnvironment).map((name) => ({ name, value: "x".repeat(arn) })),
  ];
  const secrets = service.secrets.map((s) => {
    const source = s.kind === "ssm" ? s.name : s.kind === "secretsManager" ? s.secret : s.kind === "parameter" ? stack.parameters.find((p) => p.key === s.parameterKey)?.name ?? "" : "";
    return { name: s.envName, valueFrom: `${"x".repeat(arn)}${source}::` };
  });
  const health = service.containerHealthCheck?.command ?? "";
  return Buffer.byteLength(JSON.stringify({ variables, secrets, health })) + TASK_DEFINITION_OVERHEAD;
}

export const taskDefinitionSize = stackRule("task-definition-size", "A task definition stays under RegisterTaskDefinition's 64 KiB.", ({ stack, services }, report) => {
  for (const service of services) {
    const bytes = taskDefinitionBytes(stack, service);
    if (bytes > MAX_TASK_DEFINITION_BYTES) {
      report(`services.${service.key}.environment`, `about ${bytes} bytes`, `a task definition is at most ${MAX_TASK_DEFINITION_BYTES} bytes (64 KiB) and its variables, secrets and health check take most of this one; move large values into parameters (secrets) or the image`);
    }
  }
});
