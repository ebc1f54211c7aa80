/** Extra containers of a task definition: sidecars and the FireLens log router, as ECS stores them. */
import type { ContainerSecret, ContainerVariable } from "./container-definition";

export interface ContainerDependency {
  readonly container: string;
  readonly condition: "START" | "HEALTHY" | "COMPLETE" | "SUCCESS";
}

export interface SidecarProps {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  /** @default - the image's */
  readonly command?: readonly string[];
  readonly dependsOn: readonly ContainerDependency[];
  readonly ports: readonly number[];
  readonly environment: readonly ContainerVariable[];
  readonly secrets: readonly ContainerSecret[];
  /** `CMD-SHELL` health check. @default - none */
  readonly healthCheck?: { readonly command: string; readonly interval: number; readonly timeout: number; readonly retries: number; readonly startPeriod: number };
  readonly cpu: number;
  /** @default - no soft limit */
  readonly memoryReservation?: number;
  /** @default - no hard limit of its own */
  readonly memory?: number;
  readonly readonlyRootFilesystem: boolean;
  /** @default - the image's user */
  readonly user?: string;
  /** Volume mounts. @default - none */
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly: boolean }[];
  /** awslogs destination. */
  readonly logGroupName: string;
  readonly region: string;
  /** This container is the FireLens log router (Fluent Bit). */
  readonly firelens?: boolean;
}

const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

export function sidecarDefinition(p: SidecarProps): Record<string, unknown> {
  const hc = p.healthCheck;
  return {
    name: p.name,
    image: p.image,
    essential: p.essential,
    command: p.command ? [...p.command] : undefined,
    cpu: p.cpu,
    memory: p.memory,
    memoryReservation: p.memoryReservation,
    portMappings: p.ports.map((port) => ({ containerPort: port, hostPort: port, protocol: "tcp" })),
    environment: byName(p.environment),
    secrets: byName(p.secrets),
    dependsOn: p.dependsOn.length > 0 ? p.dependsOn.map((d) => ({ containerName: d.container, condition: d.condition })) : undefined,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": p.logGroupName, "awslogs-region": p.region, "awslogs-stream-prefix": "ecs" },
    },
    firelensConfiguration: p.firelens ? { type: "fluentbit", options: { "enable-ecs-log-metadata": "true" } } : undefined,
    healthCheck: hc ? { command: ["CMD-SHELL", hc.command], interval: hc.interval, timeout: hc.timeout, retries: hc.retries, startPeriod: hc.startPeriod } : undefined,
    readonlyRootFilesystem: p.readonlyRootFilesystem,
    user: p.user,
    mountPoints: (p.mountPoints ?? []).map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly })),
    volumesFrom: [],
    systemControls: [],
  };
}
