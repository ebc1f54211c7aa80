/** Every rule, in the order their problems are reported. */
import type { ConfigProblem } from "../errors";
import type { AppContext, Rule } from "./rule";
import { environmentsDefined, overridesNameServices, servicesDefined } from "./structure";
import { defaultRouteChosen, oneDefaultRoute, rulesHaveConditions, uniqueRulePriorities } from "./routing";
import {
  capacityStrategyShape, ec2CapacityBounds, ec2CapacityProviderName, ec2CapacityRequired, ec2ServicesOnEc2Only, ec2TaskMemory,
  fargateNetworkMode, fargateTaskSize, hostPortNeedsBridge, uniqueHostPorts,
} from "./capacity";
import { databaseValuesNeedDatabase, loadBalancerUrlNeedsRoute, secretsNameDeclaredParameters, variablesDefinedOnce } from "./references";
import { environmentsApart, uniqueResourceNames } from "./names";
import { hostNamesDistinct, managedPoliciesOnce, secretLookupsDistinct, statementIdsUnique } from "./addresses";
import { resolvedNameFormats, scalingPolicyNames, tagLimits } from "./aws-names";
import {
  availabilityZonesMatchRegion, azCountWithinRegion, carvedSubnetsFit, distinctIngressCidrs, knownRegions, privateEgress, subnetLayout, vpcCidrSize,
} from "./network";
import { queueScaling, taskCountBounds } from "./scaling";
import { domainNamesInZone, domainZoneRequired } from "./domain";
import { storageAutoscalingCeiling } from "./database";
import { ciRefsExact } from "./ci";
import { engineVersionOffered, parameterValueSizes, targetHealthCheckTiming, taskDefinitionSize } from "./values";
import { certificateNameQuota, listenerQuotas, ruleConditionQuotas, securityGroupRuleQuota } from "./quotas";
import { ec2TasksFit, keyNameNeedsSsh, sshCidrNarrow } from "./ec2";
import {
  cronExpression, environmentFilesValid, ephemeralStorageFargate, fargateStopTimeout, jobSchedule, kindPorts, kindRouting, ulimitsValid,
} from "./workloads";
import { containerDependencies, sidecarNames, sidecarsFitTask } from "./sidecars";
import { efsNeedsAwsvpc, volumesMounted } from "./volumes";
import {
  hooksNeedNativeRelease, releasePrioritiesUnique, releaseQuotas, rollbackNeedsAlarms, shiftNeedsRoute, stepsMatchStrategy, testRuleConditions, testRulePriority,
} from "./release";
import {
  existingNetworkNoIpv6, existingNetworkUnused, existingSubnetsGiven, internalAlbIngress, internalAlbPrivateNames, signInNeedsHttps, signInOneProvider, wafAclInRegion, wafArnNeedsEnabled,
  wafOwnSettingsUnused,
} from "./edge";
import { dependentSettingsUsed, ec2CapacityUsed, overridesUsed, priorityNeedsConditions, targetSettingsRouted } from "./no-ops";

export const RULES: readonly Rule[] = [
  servicesDefined,
  environmentsDefined,
  knownRegions,
  oneDefaultRoute,
  defaultRouteChosen,
  rulesHaveConditions,
  priorityNeedsConditions,
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
  uniqueResourceNames,
  environmentsApart,
  resolvedNameFormats,
  scalingPolicyNames,
  secretLookupsDistinct,
  managedPoliciesOnce,
  statementIdsUnique,
  hostNamesDistinct,
  tagLimits,
  availabilityZonesMatchRegion,
  azCountWithinRegion,
  vpcCidrSize,
  carvedSubnetsFit,
  subnetLayout,
  distinctIngressCidrs,
  privateEgress,
  overridesNameServices,
  ec2CapacityRequired,
  ec2CapacityProviderName,
  ec2CapacityBounds,
  sshCidrNarrow,
  keyNameNeedsSsh,
  ec2TasksFit,
  domainZoneRequired,
  domainNamesInZone,
  capacityStrategyShape,
  taskCountBounds,
  storageAutoscalingCeiling,
  engineVersionOffered,
  targetHealthCheckTiming,
  parameterValueSizes,
  taskDefinitionSize,
  listenerQuotas,
  ruleConditionQuotas,
  certificateNameQuota,
  securityGroupRuleQuota,
  ciRefsExact,
  kindPorts,
  kindRouting,
  jobSchedule,
  cronExpression,
  fargateStopTimeout,
  ephemeralStorageFargate,
  ulimitsValid,
  environmentFilesValid,
  sidecarNames,
  containerDependencies,
  sidecarsFitTask,
  volumesMounted,
  efsNeedsAwsvpc,
  queueScaling,
  shiftNeedsRoute,
  testRulePriority,
  releasePrioritiesUnique,
  testRuleConditions,
  rollbackNeedsAlarms,
  hooksNeedNativeRelease,
  releaseQuotas,
  wafAclInRegion,
  internalAlbPrivateNames,
  internalAlbIngress,
  existingSubnetsGiven,
  existingNetworkNoIpv6,
  signInNeedsHttps,
  signInOneProvider,
  // Warnings: settings that have no effect where they stand (./no-ops.ts).
  ec2CapacityUsed,
  targetSettingsRouted,
  dependentSettingsUsed,
  overridesUsed,
  stepsMatchStrategy,
  wafArnNeedsEnabled,
  wafOwnSettingsUnused,
  existingNetworkUnused,
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
