import type { ServiceNames } from "../settings";
import { reportDuplicates, stackRule } from "./rule";

/** The configuration field behind each service name. */
const SERVICE_NAME_FIELDS: Record<keyof ServiceNames, string> = {
  service: "names.service",
  container: "names.container",
  taskFamily: "names.taskFamily",
  logGroup: "names.logGroup",
  targetGroup: "names.targetGroup",
  taskRole: "names.taskRole",
  repository: "repository.name",
};

export const uniqueServiceNames = stackRule(
  "unique-service-names",
  "No two services share a resolved name (service, container, task family, log group, target group, task role, repository).",
  ({ services }, report) => {
    for (const [kind, field] of Object.entries(SERVICE_NAME_FIELDS) as [keyof ServiceNames, string][]) {
      reportDuplicates(
        report,
        services.map((s) => ({ path: `services.${s.key}.${field}`, name: s.names[kind], owner: s.key })),
        (owner) => `service ${owner}`,
      );
    }
  },
);
