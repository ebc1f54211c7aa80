import { stackRule } from "./rule";

export const storageAutoscalingCeiling = stackRule(
  "storage-autoscaling-ceiling",
  "Storage autoscaling's ceiling is off (0) or above the allocated storage.",
  ({ stack, envPath }, report) => {
    const db = stack.database;
    if (db && db.maxAllocatedStorage !== 0 && db.maxAllocatedStorage <= db.allocatedStorage) {
      report(`${envPath}.database.maxAllocatedStorage`, db.maxAllocatedStorage, `must be 0 (no storage autoscaling) or greater than allocatedStorage (${db.allocatedStorage})`);
    }
  },
);
