/**
 * AWS naming rules on the names a stack actually uses: an override is checked by the schema, but a
 * default built from `app` (e.g. `<app>-<env>` as an RDS identifier for an app named `a--b`, or an
 * SSM name under `/ssm-tools/...`) must follow the same rules.
 */
import { rdsIdentifierProblem, secretNameProblem, securityGroupNameProblem, ssmParameterNameProblem } from "../aws-formats";
import { MANAGED_BY_TAG } from "../resolve";
import { partitionOf } from "../regions";
import { stackResourceNames } from "./resource-names";
import { stackRule } from "./rule";

/** The format check of each kind of name, where the schema cannot see the resolved name. */
const FORMATS: Record<string, (name: string) => string | undefined> = {
  "security group": securityGroupNameProblem,
  "Secrets Manager secret": secretNameProblem,
  "RDS DB instance": rdsIdentifierProblem,
  "DB subnet group": (name) => (name.toLowerCase() === "default" ? "must not be 'default' (RDS's own subnet group)" : undefined),
  "load balancer": (name) => (/^internal-/i.test(name) ? "must not start with internal- (reserved by Elastic Load Balancing)" : undefined),
};

/** `arn:<partition>:ssm:<region>:<account>:parameter` (and the `/` SSM adds to a name without one). */
const ssmArnPrefixLength = (region: string, name: string) => `arn:${partitionOf(region)}:ssm:${region}:123456789012:parameter`.length + (name.startsWith("/") ? 0 : 1);

export const resolvedNameFormats = stackRule(
  "resolved-name-formats",
  "Resolved names (defaults included) follow AWS's naming rules: security groups, SSM parameters, RDS identifiers, subnet groups, load balancers.",
  (ctx, report) => {
    for (const resource of stackResourceNames(ctx)) {
      const problem =
        resource.kind === "SSM parameter"
          ? ssmParameterNameProblem(resource.name, ssmArnPrefixLength(ctx.stack.region, resource.name))
          : Object.hasOwn(FORMATS, resource.kind) ? FORMATS[resource.kind](resource.name) : undefined;
      if (problem) report(resource.path, resource.name, problem);
    }
  },
);

/** Application Auto Scaling policy names are at most 256 characters; the platform names them `<service>-<metric>`. */
const SCALING_POLICY_NAME_MAX = 256;
const LONGEST_POLICY_SUFFIX = "-requests";

export const scalingPolicyNames = stackRule(
  "scaling-policy-names",
  "An autoscaled service's name leaves room for its scaling policies' names (<service>-cpu, -memory, -requests; 256 characters).",
  ({ services }, report) => {
    for (const service of services) {
      const longest = SCALING_POLICY_NAME_MAX - LONGEST_POLICY_SUFFIX.length;
      if (service.autoscaling && service.names.service.length > longest) {
        report(`services.${service.key}.names.service`, service.names.service, `at most ${longest} characters with autoscaling: its scaling policies are named <service>${LONGEST_POLICY_SUFFIX} and the like, and Application Auto Scaling allows ${SCALING_POLICY_NAME_MAX}`);
      }
    }
  },
);

/** Tags the platform sets on every resource; configured tags of the same keys would be overwritten. */
export const PLATFORM_TAG_KEYS = ["app", "environment", "managed-by"] as const;
/** AWS allows 50 tags per resource; the platform sets 3 everywhere and up to 2 more (Name, tier). */
export const MAX_CONFIGURED_TAGS = 50 - PLATFORM_TAG_KEYS.length - 2;

export const tagLimits = stackRule("tag-limits", "Configured tags leave room for the platform's (50 per resource) and do not replace them.", ({ env, envPath }, report) => {
  const keys = Object.keys(env.tags);
  for (const key of keys) {
    if ((PLATFORM_TAG_KEYS as readonly string[]).includes(key)) {
      report(`${envPath}.tags.${key}`, env.tags[key], `the platform sets the ${key} tag itself (${key === "managed-by" ? MANAGED_BY_TAG : `the ${key} name`}); choose another key`);
    }
  }
  if (keys.length > MAX_CONFIGURED_TAGS) {
    report(`${envPath}.tags`, `${keys.length} tags`, `at most ${MAX_CONFIGURED_TAGS}: AWS allows 50 tags per resource and the platform sets up to 5 (app, environment, managed-by, Name, tier)`);
  }
});
