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

export interface ContainerProps {
  readonly name: string;
  /** Image reference, e.g. `<repository url>:<tag>`. */
  readonly image: string;
  /** Name of the port mapping (Service Connect refers to it). */
  readonly portName: string;
  readonly containerPort: number;
  readonly hostPort: number;
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
    portMappings: [
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
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": props.logGroupName, "awslogs-region": props.region, "awslogs-stream-prefix": "ecs" },
    },
    healthCheck: hc
      ? { command: ["CMD-SHELL", hc.command], interval: hc.interval, timeout: hc.timeout, retries: hc.retries, startPeriod: hc.startPeriod }
      : undefined,
    readonlyRootFilesystem: props.readonlyRootFilesystem,
    user: props.user,
    mountPoints: [],
    volumesFrom: [],
    systemControls: [],
  };
}
