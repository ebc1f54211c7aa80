/** Rules of task volumes and mount points. */
import { FIRELENS_CONTAINER } from "../resolve/service";
import { stackRule } from "./rule";

export const volumesMounted = stackRule("volumes-mounted", "Every volume is mounted, every mount names a volume and a container of the task.", ({ services }, report) => {
  for (const s of services) {
    const containers = [s.names.container, ...(s.firelens ? [FIRELENS_CONTAINER] : []), ...s.sidecars.map((c) => c.name)];
    const volumes = s.volumes.map((v) => v.name);
    for (const v of s.volumes) {
      if (!s.mountPoints.some((m) => m.volume === v.name)) {
        report(`services.${s.key}.volumes.${v.name}`, v.kind, `is never mounted; add a mountPoints entry { volume: "${v.name}", containerPath } or remove the volume`);
      }
    }
    const seen = new Set<string>();
    s.mountPoints.forEach((m, i) => {
      const path = `services.${s.key}.mountPoints[${i}]`;
      if (!volumes.includes(m.volume)) report(`${path}.volume`, m.volume, `must be a volume of this service (${volumes.join(", ") || "none declared in volumes"})`);
      if (!containers.includes(m.container)) report(`${path}.container`, m.container, `must be a container of this task (${containers.join(", ")})`);
      const at = `${m.container}:${m.containerPath}`;
      if (seen.has(at)) report(`${path}.containerPath`, m.containerPath, `container ${m.container} already mounts a volume there`);
      seen.add(at);
    });
  }
});

export const efsNeedsAwsvpc = stackRule("efs-needs-awsvpc", "EFS volumes go with awsvpc tasks (the mount targets admit the task security group only).", ({ services }, report) => {
  for (const s of services) {
    for (const v of s.volumes) {
      if (v.kind === "efs" && !v.fileSystemId && s.networkMode !== "awsvpc") {
        report(`services.${s.key}.volumes.${v.name}`, "efs", 'only allowed with networkMode "awsvpc": the file system admits NFS from the task security group only');
      }
    }
  }
});
