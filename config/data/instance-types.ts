/**
 * EC2 instance types commonly used as ECS container instances: vCPUs, memory and architecture, to
 * reject EC2 capacity that can never place a task (a task bigger than an instance, or ARM64 tasks
 * on x86 instances). From the EC2 instance type specifications
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html), as of 2025-12-01.
 *
 * A type not listed here is not rejected: its architecture is read from the family name (Graviton
 * families carry a `g` after the generation digit: t4g, m7g, c6gn, r8g; a1 too), and its size is
 * not checked.
 */
export interface InstanceType {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly architecture: "X86_64" | "ARM64";
}

const GIB = 1024;
/** Sizes shared by the general-purpose and compute families: [size, vCPUs, GiB per family kind]. */
const SIZES: readonly [string, number, number, number, number][] = [
  // size, vCPUs, GiB (m: general purpose), GiB (c: compute), GiB (r: memory)
  ["large", 2, 8, 4, 16],
  ["xlarge", 4, 16, 8, 32],
  ["2xlarge", 8, 32, 16, 64],
  ["4xlarge", 16, 64, 32, 128],
];
const BURSTABLE: readonly [string, number, number][] = [
  ["nano", 2, 0.5],
  ["micro", 2, 1],
  ["small", 2, 2],
  ["medium", 2, 4],
  ["large", 2, 8],
  ["xlarge", 4, 16],
  ["2xlarge", 8, 32],
];

function table(): Record<string, InstanceType> {
  const types: Record<string, InstanceType> = {};
  for (const family of ["t3", "t3a", "t4g"]) {
    for (const [size, vcpus, gib] of BURSTABLE) types[`${family}.${size}`] = { vcpus, memoryMiB: gib * GIB, architecture: architectureOf(family) };
  }
  const kinds: Record<string, 2 | 3 | 4> = { m: 2, c: 3, r: 4 };
  for (const family of ["m5", "m6i", "m7i", "m6a", "m7a", "m6g", "m7g", "m8g", "c5", "c6i", "c7i", "c6a", "c7a", "c6g", "c7g", "c8g", "r5", "r6i", "r7i", "r6g", "r7g", "r8g"]) {
    for (const row of SIZES) types[`${family}.${row[0]}`] = { vcpus: row[1], memoryMiB: row[kinds[family[0]]] * GIB, architecture: architectureOf(family) };
  }
  return types;
}

const INSTANCE_TYPES = table();

/** Architecture by family name, for types the table does not list. */
function architectureOf(family: string): "X86_64" | "ARM64" {
  return family === "a1" || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? "ARM64" : "X86_64";
}

/** What is known about `instanceType`: size only for listed types, architecture for all. */
export function instanceTypeInfo(instanceType: string): { architecture: "X86_64" | "ARM64"; size?: InstanceType } {
  const size = Object.hasOwn(INSTANCE_TYPES, instanceType) ? INSTANCE_TYPES[instanceType] : undefined;
  return { architecture: size?.architecture ?? architectureOf(instanceType.split(".")[0]), size };
}

/**
 * Memory an instance registers with ECS is less than its nominal memory (the OS and the agent keep
 * some); a task asking for more than about this share of it is never placed.
 */
export const REGISTERED_MEMORY_SHARE = 0.95;
