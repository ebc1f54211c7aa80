/** EC2 capacity: SSH access, and tasks the instances can actually place. */
import { parseCidr } from "../cidr";
import { instanceTypeInfo, REGISTERED_MEMORY_SHARE } from "../data/instance-types";
import { own } from "../maps";
import { stackRule } from "./rule";

/** The widest SSH source allowed: an admin network, never a large part of the internet. */
export const WIDEST_SSH_PREFIX = 16;

export const sshCidrNarrow = stackRule("ssh-not-from-internet", "SSH to container instances comes from an admin network (/16 or narrower), never the internet.", ({ stack, envPath }, report) => {
  const sshCidr = stack.ec2Capacity?.sshCidr;
  const prefix = sshCidr ? parseCidr(sshCidr)?.prefix : undefined;
  if (sshCidr && prefix !== undefined && prefix < WIDEST_SSH_PREFIX) {
    report(`${envPath}.ec2Capacity.sshCidr`, sshCidr, `SSH from a /${prefix} is not allowed; allowed: an admin CIDR of /${WIDEST_SSH_PREFIX} or narrower (e.g. 203.0.113.10/32), or omit it and use Session Manager`);
  }
});

export const keyNameNeedsSsh = stackRule("key-name-needs-ssh", "A key pair is only set together with sshCidr (without it no one can reach port 22).", ({ stack, envPath }, report) => {
  const ec2 = stack.ec2Capacity;
  if (ec2?.keyName !== undefined && ec2.sshCidr === undefined) {
    report(`${envPath}.ec2Capacity.keyName`, ec2.keyName, "only allowed with ec2Capacity.sshCidr (without it no SSH rule exists and the key is unusable); add sshCidr, or drop keyName and use Session Manager");
  }
});

/** ECS's task-level CPU range on EC2 (Linux). */
export const EC2_TASK_CPU = { min: 128, max: 196608 } as const;

export const ec2TasksFit = stackRule("ec2-tasks-fit", "EC2 tasks match the instances' architecture and fit on one instance.", ({ stack, env, envPath, services }, report) => {
  const ec2 = stack.ec2Capacity;
  if (!ec2) return;
  const { architecture, size } = instanceTypeInfo(ec2.instanceType);
  const type = `${envPath}.ec2Capacity.instanceType ${ec2.instanceType}`;
  for (const service of services) {
    if (service.capacity !== "ec2") continue;
    const override = own(env.services, service.key);
    const sizePath = (field: "cpu" | "memory") => (override?.[field] !== undefined ? `${envPath}.services.${service.key}.${field}` : `services.${service.key}.${field}`);
    if (service.architecture !== architecture) {
      report(`services.${service.key}.architecture`, service.architecture, `${type} is ${architecture}, so these tasks could never be placed; use ${architecture} images, or an instance type of the task's architecture`);
    }
    if (service.cpu < EC2_TASK_CPU.min || service.cpu > EC2_TASK_CPU.max) {
      report(sizePath("cpu"), service.cpu, `EC2 task CPU is ${EC2_TASK_CPU.min}–${EC2_TASK_CPU.max} units`);
    } else if (size && service.cpu > size.vcpus * 1024) {
      report(sizePath("cpu"), service.cpu, `${type} has ${size.vcpus} vCPUs (${size.vcpus * 1024} units), so the task could never be placed; at most ${size.vcpus * 1024}`);
    }
    const fits = size ? Math.floor(size.memoryMiB * REGISTERED_MEMORY_SHARE) : undefined;
    if (fits !== undefined && service.memory > fits) {
      report(sizePath("memory"), service.memory, `${type} has ${size!.memoryMiB} MiB, of which it registers about ${fits} with ECS, so the task could never be placed; at most ${fits}`);
    }
  }
});
