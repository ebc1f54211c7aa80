import { stackRule } from "./rule";

export const taskCountBounds = stackRule("task-count-bounds", "minCount ≤ desiredCount ≤ maxCount.", ({ envPath, services }, report) => {
  for (const service of services) {
    const { desiredCount, minCount, maxCount } = service;
    const path = `${envPath}.services.${service.key}`;
    if (minCount > maxCount) report(`${path}.minCount`, minCount, `must be ≤ maxCount (${maxCount})`);
    if (desiredCount < minCount || desiredCount > maxCount) {
      report(`${path}.desiredCount`, desiredCount, `must be between minCount (${minCount}) and maxCount (${maxCount})`);
    }
  }
});
