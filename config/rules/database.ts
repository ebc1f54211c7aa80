import { stackRule } from "./rule";

export const storageAutoscalingCeiling = stackRule(
  "storage-autoscaling-ceiling",
  "Storage autoscaling's ceiling is off (0) or above the allocated storage.",
  ({ stack, env, envPath }, report) => {
    const db = stack.database;
    if (db && db.maxAllocatedStorage !== 0 && db.maxAllocatedStorage <= db.allocatedStorage) {
      // Reported where the values were written: once for the database section, or per environment.
      const overridden = env.database.maxAllocatedStorage !== undefined || env.database.allocatedStorage !== undefined;
      const path = overridden ? `${envPath}.database.maxAllocatedStorage` : "database.maxAllocatedStorage";
      report(path, db.maxAllocatedStorage, `must be 0 (no storage autoscaling) or greater than allocatedStorage (${db.allocatedStorage})`);
    }
  },
);
