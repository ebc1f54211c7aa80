/**
 * Rule tests call one rule's `check()` on a context built the way loadApp builds it (schema, then
 * resolution), from a small configuration that every rule accepts and one change per case.
 */
import { appSchema, type AppConfigInput, type ConfigProblem } from "../../config";
import { resolveApp } from "../../config/resolve";
import { RULES, type AppContext, type Rule } from "../../config/rules";

export type EnvironmentInput = AppConfigInput["environments"][string];
export type NetworkInput = NonNullable<EnvironmentInput["network"]>;
type ServiceInput = AppConfigInput["services"][string];

/** One Fargate service (the only one, so the load balancer's default) in one environment, dev. */
export function baseConfig(): AppConfigInput {
  return {
    app: "demo",
    services: { web: { containerPort: 3000 } },
    environments: { dev: { region: "eu-west-1", allowedAccountIds: ["111111111111"], state: { bucket: "demo-state" } } },
  };
}

/** A change to the base configuration: the GIVEN of a case. */
export type Change = (config: AppConfigInput) => void;

/** What the rules see for `input`, built as loadApp builds it. */
export function contextOf(input: AppConfigInput): AppContext {
  const config = appSchema.parse(input);
  return { config, stacks: resolveApp(config) };
}

export function configWith(change: Change): AppConfigInput {
  const config = baseConfig();
  change(config);
  return config;
}

/** The dev environment of a configuration. */
export const dev = (config: AppConfigInput): EnvironmentInput => config.environments.dev;

/** Adds services after the base `web` service (configuration order matters to some messages). */
export function addServices(config: AppConfigInput, services: Record<string, ServiceInput>): void {
  Object.assign(config.services, services);
}

/** Two routed services: `web` the default, `api` under /api/* at priority 10. */
export function routedPair(config: AppConfigInput): void {
  config.services.web.routing = { default: true };
  addServices(config, { api: { containerPort: 8080, routing: { pathPatterns: ["/api/*"], priority: 10 } } });
}

/** EC2 capacity in dev and `web` on it. */
export function onEc2(config: AppConfigInput, service: Partial<ServiceInput> = {}): void {
  dev(config).ec2Capacity = {};
  Object.assign(config.services.web, { capacity: "ec2", ...service });
}

export function ruleById(id: string): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in RULES`);
  return rule;
}

export function problemsOf(id: string, change: Change): ConfigProblem[] {
  return ruleById(id).check(contextOf(configWith(change)));
}

/** A configuration the rule accepts. */
export type ValidCase = readonly [given: string, change: Change];
/** A configuration the rule rejects, with exactly the problems it reports. */
export type InvalidCase = readonly [given: string, change: Change, problems: readonly ConfigProblem[]];

/**
 * The tests of one rule, at least one valid and one invalid case (coverage.test.ts checks that
 * every rule in RULES has a describeRule call in this folder).
 */
export function describeRule(id: string, cases: { valid: readonly [ValidCase, ...ValidCase[]]; invalid: readonly [InvalidCase, ...InvalidCase[]] }): void {
  describe(`rule ${id}`, () => {
    it.each(cases.valid)("GIVEN %s THEN it reports nothing", (_given, change) => {
      expect(problemsOf(id, change)).toEqual([]);
    });
    it.each(cases.invalid)("GIVEN %s THEN it reports the field path and message", (_given, change, problems) => {
      expect(problemsOf(id, change)).toEqual(problems);
    });
  });
}
