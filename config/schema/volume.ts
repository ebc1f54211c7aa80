/** `services.<name>.volumes` and `mountPoints`: EFS (the application's file system or an existing one) and scratch volumes. */
import * as z from "zod/mini";
import { bool, field, int, matching, optional, withDefault } from "./primitives";
import { containerName } from "./sidecar";

const posixId = int(0, 4294967295);

const efsSchema = z.strictObject({
  fileSystemId: field(optional(matching(/^fs-[0-9a-f]{8,40}$/, "must be an EFS file system ID such as fs-0123456789abcdef0")), {
    description: "an existing file system (its mount targets and security group are yours)",
    defaultText: "the application's file system (created once per environment)",
  }),
  rootDirectory: field(withDefault(matching(/^\/[A-Za-z0-9_./-]{0,99}$/, "must be an absolute path of letters, digits, _ . / -"), "/"), {
    description: "directory of the access point (created with `uid`/`gid` and `permissions`)",
    defaultText: "`/<service>/<volume>` on the application's file system, `/` on an existing one",
  }),
  uid: field(withDefault(posixId, 1000), "POSIX user ID every access through the access point uses"),
  gid: field(withDefault(posixId, 1000), "POSIX group ID"),
  permissions: field(withDefault(matching(/^[0-7]{3,4}$/, "must be octal permissions such as 0755"), "0750"), "permissions of a newly created root directory"),
});

export const volumeSchema = z.union([z.strictObject({ efs: efsSchema }), z.strictObject({ scratch: z.strictObject({}) })], {
  error: "allowed: { efs: { fileSystemId?, rootDirectory?, uid?, gid?, permissions? } } | { scratch: {} }",
});

export const mountPointSchema = z.strictObject({
  volume: field(matching(/^[A-Za-z0-9_-]{1,255}$/, "must be a volume name of this service"), "a key of `volumes`"),
  containerPath: field(matching(/^\/[^\s]*$/, "must be an absolute path"), "where it appears in the container"),
  readOnly: field(withDefault(bool, false), "mount read-only"),
  container: field(optional(containerName), { description: "the container that mounts it", defaultText: "the main container" }),
});

export const volumeFields = {
  volumes: field(withDefault(z.record(matching(/^[A-Za-z0-9_-]{1,255}$/, "must be 1–255 letters, digits, '_' or '-'"), volumeSchema), {}), {
    description: "task volumes: `{ efs: {...} }` (an access point per service and volume, IAM authorization and TLS in transit) or `{ scratch: {} }` (task storage, e.g. `/tmp` with `readonlyRootFilesystem`)",
    allowed: "each volume mounted by at least one container",
  }),
  mountPoints: field(withDefault(z.array(mountPointSchema), []), "mounts of the volumes (`[{ volume, containerPath, readOnly?, container? }]`)"),
};
