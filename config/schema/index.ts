export { appSchema } from "./app";
export type { AppConfig, AppConfigInput, DatabaseConfig, EnvironmentConfig, ParameterConfig, SecretRef, ServiceConfig } from "./app";
export { CAPACITY_PROVIDERS, DATABASE_VALUES, LOG_RETENTION_DAYS, NAT_STRATEGIES, fieldDocs, type DatabaseValue, type FieldDoc } from "./primitives";
