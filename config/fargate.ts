/**
 * Fargate's allowed task CPU/memory combinations (Linux), from the ECS developer guide
 * "Task CPU and memory". Anything else is rejected by the RegisterTaskDefinition API at
 * apply time, so we reject it at synth time instead.
 */
const FARGATE_MEMORY_BY_CPU: Record<number, { min: number; max: number; step: number; extra?: number[] }> = {
  256: { min: 1024, max: 2048, step: 1024, extra: [512] },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export const FARGATE_CPU_VALUES = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** Describes the memory values Fargate accepts for `cpu`, for error messages. */
export function describeFargateMemory(cpu: number): string {
  const rule = FARGATE_MEMORY_BY_CPU[cpu];
  if (!rule) return `cpu must be one of ${FARGATE_CPU_VALUES.join(", ")}`;
  const range = `${rule.min}–${rule.max} in ${rule.step} steps`;
  return rule.extra ? `${rule.extra.join(", ")} or ${range}` : range;
}

export function isValidFargateMemory(cpu: number, memory: number): boolean {
  const rule = FARGATE_MEMORY_BY_CPU[cpu];
  if (!rule) return false;
  if (rule.extra?.includes(memory)) return true;
  return memory >= rule.min && memory <= rule.max && (memory - rule.min) % rule.step === 0;
}
