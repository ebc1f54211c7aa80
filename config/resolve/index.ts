/** Turns a parsed AppConfig into one fully-defaulted StackSettings per environment. Pure; never fails. */
import type { AppConfig } from "../schema";
import type { StackSettings } from "../settings";
import { resolveEnvironment } from "./environment";

export function resolveApp(config: AppConfig): StackSettings[] {
  return Object.entries(config.environments).map(([environment, e]) => resolveEnvironment(config, environment, e));
}

export { resolveEnvironment, MANAGED_BY_TAG } from "./environment";
export { carveSubnets } from "./network";
