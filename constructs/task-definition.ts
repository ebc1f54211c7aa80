import type { Construct } from "constructs";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { containerDefinition, type ContainerProps } from "./container-definition";
import { sidecarDefinition, type SidecarProps } from "./sidecar-definition";

/** A task volume: EFS through an access point (TLS, IAM) or scratch space of the task. */
export type TaskVolume =
  | { readonly name: string; readonly scratch: true }
  | { readonly name: string; readonly fileSystemId: string; readonly accessPointId?: string; readonly rootDirectory: string };

/** What a task definition of a service, a job or a pre-deploy task is made of. */
export interface TaskProps {
  readonly taskFamily: string;
  readonly cpu: number;
  readonly memory: number;
  readonly architecture: "X86_64" | "ARM64";
  readonly launchType: "FARGATE" | "EC2";
  readonly networkMode: "awsvpc" | "bridge";
  /** Fargate ephemeral storage, 21–200 GiB. @default - Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly container: Omit<ContainerProps, "portName">;
  /** EFS and scratch volumes. @default - none */
  readonly volumes?: readonly TaskVolume[];
  /** Sidecars and the FireLens log router. @default - none */
  readonly sidecars?: readonly SidecarProps[];
}

/** A task definition with one main container whose port mapping is named `<portName>`. */
export function taskDefinition(scope: Construct, id: string, props: TaskProps, portName: string): EcsTaskDefinition {
  return new EcsTaskDefinition(scope, id, {
    family: props.taskFamily,
    requiresCompatibilities: [props.launchType],
    networkMode: props.networkMode,
    cpu: String(props.cpu),
    memory: String(props.memory),
    executionRoleArn: props.executionRoleArn,
    taskRoleArn: props.taskRoleArn,
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.architecture },
    ephemeralStorage: props.ephemeralStorageGiB === undefined ? undefined : { sizeInGib: props.ephemeralStorageGiB },
    volume: props.volumes?.map((v) =>
      "scratch" in v
        ? { name: v.name }
        : {
            name: v.name,
            efsVolumeConfiguration: {
              fileSystemId: v.fileSystemId,
              // With an access point the root directory is the access point's.
              rootDirectory: v.accessPointId ? undefined : v.rootDirectory,
              transitEncryption: "ENABLED",
              authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" },
            },
          },
    ),
    containerDefinitions: JSON.stringify([containerDefinition({ ...props.container, portName }), ...(props.sidecars ?? []).map(sidecarDefinition)]),
  });
}
