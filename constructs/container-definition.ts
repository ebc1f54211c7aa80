/** The container of a task definition, as ECS stores it. */

/** An environment variable or secret of the container. */
export interface ContainerVariable {
  readonly name: string;
  readonly value: string;
}

/** A container secret: the variable name and the ARN (with optional `:jsonKey::`) ECS reads it from. */
export interface ContainerSecret {
  readonly name: string;
  readonly valueFrom: string;
}

/** How the container runs; each field left out of the definition when undefined or empty. */
export interface ContainerRuntime {
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  readonly workingDirectory?: string;
  /** Seconds from SIGTERM to SIGKILL. @default - ECS's 30 */
  readonly stopTimeout?: number;
  readonly initProcessEnabled: boolean;
  readonly ulimits: readonly { readonly name: string; readonly softLimit: number; readonly hardLimit: number }[];
  /** S3 object ARNs of environment files. */
  readonly environmentFileArns: readonly string[];
}

export interface ContainerProps {
  readonly name: string;
  /** Image reference, e.g. `<repository url>:<tag>`. */
  readonly image: string;
  /** Name of the port mapping (Service Connect refers to it). */
  readonly portName: string;
  /** @default - no port mapping (a worker or a job) */
  readonly containerPort?: number;
  readonly hostPort?: number;
  /** Environment variables: text or expressions (the stack makes configuration text literal). */
  readonly environment: readonly ContainerVariable[];
  readonly secrets: readonly ContainerSecret[];
  readonly logGroupName: string;
  readonly region: string;
  /** `CMD-SHELL` health check. @default - none */
  readonly healthCheck?: { readonly command: string; readonly interval: number; readonly timeout: number; readonly retries: number; readonly startPeriod: number };
  readonly readonlyRootFilesystem: boolean;
  /** @default - the image's user */
  readonly user?: string;
  /** @default - the image's command, entry point and directory, ECS's stop timeout */
  readonly runtime?: ContainerRuntime;
  /** Volume mounts. @default - none */
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly: boolean }[];
  /** Containers this one waits for. @default - none */
  readonly dependsOn?: readonly { readonly container: string; readonly condition: string }[];
  /** Logs through the FireLens router instead of awslogs: Fluent Bit output options. @default - awslogs */
  readonly firelensOptions?: Readonly<Record<string, string>>;
}

/**
 * Fields ECS fills in by itself (mountPoints, volumesFrom, systemControls, hostPort) are written
 * out so the provider's diff sees no change after apply; variables are sorted for the same reason.
 */
export function containerDefinition(props: ContainerProps): Record<string, unknown> {
  const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const hc = props.healthCheck;
  return {
    name: props.name,
    image: props.image,
    essential: true,
    portMappings:
      props.containerPort === undefined
        ? []
        : [
            {
              name: props.portName,
              containerPort: props.containerPort,
              hostPort: props.hostPort,
              protocol: "tcp",
              appProtocol: "http",
            },
          ],
    environment: byName(props.environment),
    secrets: byName(props.secrets),
    logConfiguration: props.firelensOptions
      ? { logDriver: "awsfirelens", options: { ...props.firelensOptions } }
      : {
          logDriver: "awslogs",
          options: { "awslogs-group": props.logGroupName, "awslogs-region": props.region, "awslogs-stream-prefix": "ecs" },
        },
    healthCheck: hc
      ? { command: ["CMD-SHELL", hc.command], interval: hc.interval, timeout: hc.timeout, retries: hc.retries, startPeriod: hc.startPeriod }
      : undefined,
    readonlyRootFilesystem: props.readonlyRootFilesystem,
    user: props.user,
    mountPoints: (props.mountPoints ?? []).map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly })),
    volumesFrom: [],
    systemControls: [],
    ...(props.runtime ? runtimeFields(props.runtime) : {}),
    ...(props.dependsOn && props.dependsOn.length > 0 ? { dependsOn: props.dependsOn.map((d) => ({ containerName: d.container, condition: d.condition })) } : {}),
  };
}

/** Only the settings that differ from ECS's defaults, so definitions without them stay as they were. */
function runtimeFields(r: ContainerRuntime): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (r.command) fields.command = [...r.command];
  if (r.entryPoint) fields.entryPoint = [...r.entryPoint];
  if (r.workingDirectory) fields.workingDirectory = r.workingDirectory;
  if (r.stopTimeout !== undefined) fields.stopTimeout = r.stopTimeout;
  if (r.initProcessEnabled) fields.linuxParameters = { initProcessEnabled: true };
  if (r.ulimits.length > 0) fields.ulimits = r.ulimits.map((u) => ({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit }));
  if (r.environmentFileArns.length > 0) fields.environmentFiles = r.environmentFileArns.map((value) => ({ value, type: "s3" }));
  return fields;
}
