/** Every rule, in the order their problems are reported. */
import type { ConfigProblem } from "../errors";
import type { AppContext, Rule } from "./rule";
import { environmentsDefined, overridesNameServices, servicesDefined } from "./structure";
import { defaultRouteChosen, oneDefaultRoute, rulesHaveConditions, uniqueRulePriorities } from "./routing";
import {
  capacityStrategyShape, ec2CapacityBounds, ec2CapacityProviderName, ec2CapacityRequired, ec2ServicesOnEc2Only, ec2TaskMemory,
  fargateNetworkMode, fargateTaskSize, hostPortNeedsBridge, sshNotFromInternet, uniqueHostPorts,
} from "./capacity";
import { databaseValuesNeedDatabase, loadBalancerUrlNeedsRoute, secretsNameDeclaredParameters, variablesDefinedOnce } from "./references";
import { uniqueServiceNames } from "./names";
import { availabilityZonesMatchRegion, azCountWithinRegion, carvedSubnetsFit, privateEgress, subnetLayout, vpcCidrSize } from "./network";
import { taskCountBounds } from "./scaling";
import { domainNamesInZone, domainZoneRequired } from "./domain";
import { storageAutoscalingCeiling } from "./database";
import { ciRefsExact } from "./ci";

export const RULES: readonly Rule[] = [
  servicesDefined,
  environmentsDefined,
  oneDefaultRoute,
  defaultRouteChosen,
  rulesHaveConditions,
  uniqueRulePriorities,
  fargateTaskSize,
  fargateNetworkMode,
  ec2TaskMemory,
  ec2ServicesOnEc2Only,
  uniqueHostPorts,
  hostPortNeedsBridge,
  variablesDefinedOnce,
  secretsNameDeclaredParameters,
  databaseValuesNeedDatabase,
  loadBalancerUrlNeedsRoute,
  uniqueServiceNames,
  availabilityZonesMatchRegion,
  azCountWithinRegion,
  vpcCidrSize,
  carvedSubnetsFit,
  subnetLayout,
  privateEgress,
  overridesNameServices,
  ec2CapacityRequired,
  ec2CapacityProviderName,
  ec2CapacityBounds,
  sshNotFromInternet,
  domainZoneRequired,
  domainNamesInZone,
  capacityStrategyShape,
  taskCountBounds,
  storageAutoscalingCeiling,
  ciRefsExact,
];

/** Runs every rule; a problem reported by several environments is listed once. */
export function checkRules(ctx: AppContext, rules: readonly Rule[] = RULES): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const seen = new Set<string>();
  const once = (p: ConfigProblem) => {
    const key = `${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const of = (severity: Rule["severity"]) => rules.filter((rule) => rule.severity === severity).flatMap((rule) => rule.check(ctx)).filter(once);
  return { errors: of("error"), warnings: of("warning") };
}

export type { AppContext, Rule, StackContext } from "./rule";
