export { appSchema } from "./app";
export type { AppConfig, AppConfigInput, DatabaseConfig, EnvironmentConfig, ParameterConfig, SecretRef, ServiceConfig } from "./app";
export { CAPACITY_PROVIDERS, DATABASE_VALUES, LOG_RETENTION_DAYS, NAT_STRATEGIES, fieldDocs, type DatabaseValue, type FieldDoc } from "./primitives";

import { ciSchema, loadBalancerSchema, networkSchema } from "./environment";
import { serviceSchema } from "./service";

/**
 * The schema's defaults of the fields whose rules tell a configured value from a default (a
 * setting with no effect is only reported when it was set), read from the schema itself.
 */
export const SCHEMA_DEFAULTS = {
  service: serviceSchema.parse({ containerPort: 1 }),
  network: networkSchema.parse({}),
  loadBalancer: loadBalancerSchema.parse({}),
  ci: ciSchema.parse({ githubRepository: "owner/name" }),
};
