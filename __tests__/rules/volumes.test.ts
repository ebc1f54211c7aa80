/** Rules in config/rules/volumes.ts: volumes and mount points. */
import { describeRule, onEc2 } from "./support";

describeRule("volumes-mounted", {
  valid: [["an EFS volume and a scratch /tmp, both mounted", (c) => Object.assign(c.services.web, {
    volumes: { uploads: { efs: {} }, tmp: { scratch: {} } },
    mountPoints: [{ volume: "uploads", containerPath: "/data/uploads" }, { volume: "tmp", containerPath: "/tmp" }],
  })]],
  invalid: [
    ["an EFS volume that no container mounts", (c) => (c.services.web.volumes = { uploads: { efs: {} } }), [{ path: "services.web.volumes.uploads", message: '"efs" is not allowed; is never mounted; add a mountPoints entry { volume: "uploads", containerPath } or remove the volume' }]],
    [
      "a mount of an undeclared volume into an unknown container",
      (c) => (c.services.web.mountPoints = [{ volume: "data", containerPath: "/data", container: "proxy" }]),
      [
        { path: "services.web.mountPoints[0].volume", message: '"data" is not allowed; must be a volume of this service (none declared in volumes)' },
        { path: "services.web.mountPoints[0].container", message: '"proxy" is not allowed; must be a container of this task (web)' },
      ],
    ],
  ],
});

describeRule("efs-needs-awsvpc", {
  valid: [["EFS on Fargate", (c) => Object.assign(c.services.web, { volumes: { uploads: { efs: {} } }, mountPoints: [{ volume: "uploads", containerPath: "/u" }] })]],
  invalid: [
    [
      "the application's EFS on a bridge-mode task",
      (c) => (onEc2(c, { networkMode: "bridge" }), Object.assign(c.services.web, { volumes: { uploads: { efs: {} } }, mountPoints: [{ volume: "uploads", containerPath: "/u" }] })),
      [{ path: "services.web.volumes.uploads", message: '"efs" is not allowed; only allowed with networkMode "awsvpc": the file system admits NFS from the task security group only' }],
    ],
  ],
});
