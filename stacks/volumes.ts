import type { ServiceSettings } from "../config";
import type { FileSystem } from "../constructs/file-system";
import type { TaskVolume } from "../constructs/task-definition";

/** A service's volumes as the task definition takes them, and what its task role may mount. */
export function volumesOf(svc: ServiceSettings, efs: FileSystem | undefined, partition: string, region: string, accountId: string) {
  const volumes: TaskVolume[] = [];
  const access = new Map<string, { fileSystemArn: string; accessPointArns: string[]; write: boolean }>();
  for (const v of svc.volumes) {
    if (v.kind === "scratch") {
      volumes.push({ name: v.name, scratch: true });
      continue;
    }
    const write = svc.mountPoints.some((m) => m.volume === v.name && !m.readOnly);
    const point = v.fileSystemId ? undefined : efs!.addAccessPoint(`${svc.key}-${v.name}`, { path: v.rootDirectory, uid: v.uid, gid: v.gid, permissions: v.permissions });
    const fileSystemId = v.fileSystemId ?? efs!.fileSystem.id;
    const fileSystemArn = v.fileSystemId ? `arn:${partition}:elasticfilesystem:${region}:${accountId}:file-system/${v.fileSystemId}` : efs!.fileSystem.arn;
    volumes.push({ name: v.name, fileSystemId, accessPointId: point?.id, rootDirectory: v.rootDirectory });
    const entry = access.get(fileSystemId) ?? { fileSystemArn, accessPointArns: [], write: false };
    if (point) entry.accessPointArns.push(point.arn);
    entry.write ||= write;
    access.set(fileSystemId, entry);
  }
  return { volumes, access: [...access.values()] };
}
