/**
 * The rules layer beyond one rule at a time (each rule's valid and invalid cases are in
 * __tests__/rules/): every rule passes the richer sample configuration; warnings come back with
 * their field path and never fail a synth; the Terraform addresses the rules predict are the ones
 * the constructs create.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { appSchema, validateApp } from "../config";
import { resolveApp } from "../config/resolve";
import { RULES } from "../config/rules";
import { policyAttachmentAddress, recordAddress, secretLookupAddress } from "../config/rules/addresses";
import { SERVICE_ALARM_SUFFIXES, STACK_ALARM_IDS } from "../config/rules/resource-names";
import { synthesizeApp } from "../main";
import { resources, sampleConfig, synth } from "./helpers";
import type { Mutator } from "./validation-cases";

const dev = (c: any) => c.environments.dev;
const mutated = (mutate: Mutator) => {
  const config = sampleConfig() as any;
  mutate(config);
  return config;
};

/** Settings with no effect, and the warning each must produce (path, message). */
const WARNING_CASES: [string, Mutator, string, RegExp][] = [
  ["EC2 capacity no service uses", (c) => (dev(c).ec2Capacity = {}), "environments.dev.ec2Capacity", /has no effect; no service uses capacity "ec2", so no instances are created/],
  ["a health check on an unrouted service", (c) => ((c.services.worker = { containerPort: 9000, healthCheck: { path: "/ready" } }), (c.services.web.routing = { default: true })), "services.worker.healthCheck", /has no effect; the service has no routing, so it has no target group/],
  ["a deregistration delay on an unrouted service", (c) => (c.services.worker = { containerPort: 9000, deregistrationDelay: 5 }), "services.worker.deregistrationDelay", /has no effect; the service has no routing/],
  ["an alarm e-mail with alarms off", (c) => (dev(c).alarms = { enabled: false, email: "ops@example.com" }), "environments.dev.alarms.email", /has no effect; alarms\.enabled is false/],
  ["flow log retention without flow logs", (c) => (dev(c).network = { flowLogs: false, flowLogRetentionDays: 7 }), "environments.dev.network.flowLogRetentionDays", /has no effect; network\.flowLogs is false/],
  ["access log retention with access logs off", (c) => (dev(c).loadBalancer = { accessLogRetentionDays: 30 }), "environments.dev.loadBalancer.accessLogRetentionDays", /has no effect; access logs are off/],
  ["newBits with every subnet given", (c) => (dev(c).network = { subnetNewBits: 8, publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }), "environments.dev.network.subnetNewBits", /has no effect; every subnet is given explicitly/],
  ["an apply branch with an apply environment", (c) => (dev(c).ci = { githubRepository: "acme/infra", applyBranch: "release", applyEnvironment: "dev" }), "environments.dev.ci.applyBranch", /has no effect; with ci\.applyEnvironment only jobs in that GitHub environment may apply/],
  ["database overrides without a database", (c) => (delete c.database, delete c.services.api.databaseEnv, (dev(c).database = { multiAz: true })), "environments.dev.database", /has no effect; the application has no database section/],
  ["scaling bounds with autoscaling off", (c) => ((c.services.web.autoscaling = { enabled: false }), (dev(c).services = { web: { maxCount: 4 } })), "environments.dev.services.web.maxCount", /has no effect; services\.web\.autoscaling\.enabled is false/],
];

describe("rules", () => {
  const sample = appSchema.parse(sampleConfig());
  const ctx = { config: sample, stacks: resolveApp(sample) };

  it.each(RULES.map((rule) => [rule.id, rule] as const))("%s passes the sample configuration", (_id, rule) => {
    expect(rule.check(ctx)).toEqual([]);
  });

});

describe("warnings", () => {
  it.each(WARNING_CASES)("%s: a warning with the field path, and the synth goes on", (_name, mutate, path, message) => {
    const { warnings } = validateApp(mutated(mutate));
    expect(warnings).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("are handed to onWarnings, and the stacks are still synthesized", () => {
    const seen: string[] = [];
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-warnings-"));
    const app = synthesizeApp(mutated(WARNING_CASES[0][1]), { outdir, onWarnings: (w) => seen.push(...w.map((p) => p.path)) });
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(seen).toEqual(["environments.dev.ec2Capacity"]);
    expect(app.node.children.length).toBe(4);
  });
});

describe("the Terraform addresses the rules predict are the constructs' own", () => {
  it("secret lookups, managed policy attachments, DNS records and alarms", () => {
    const config = sampleConfig() as any;
    config.services.web.secrets = { KEY: { secretsManager: "team/app.key" } };
    config.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::123456789012:policy/team/Audit"] };
    config.environments.dev.domain = { zone: "example.com", name: "*.example.com", alternativeNames: ["a-b.example.com"] };
    const { tf } = synth(config);
    const pathsOf = (type: string) => Object.keys(tf.data?.[type] ?? tf.resource[type] ?? {}).map((id) => tf.paths[id]);
    expect(pathsOf("aws_secretsmanager_secret")).toEqual([`demo-dev/${secretLookupAddress("team/app.key")}`]);
    expect(pathsOf("aws_iam_role_policy_attachment")).toContain(`demo-dev/task-role-web/${policyAttachmentAddress("arn:aws:iam::123456789012:policy/team/Audit")}`);
    for (const host of ["*.example.com", "a-b.example.com"]) {
      expect(pathsOf("aws_route53_record")).toEqual(expect.arrayContaining([`demo-dev/certificate/validation-${recordAddress(host)}`, `demo-dev/dns/${recordAddress(host)}-a`]));
    }
    const alarms = Object.values(resources(tf, "aws_cloudwatch_metric_alarm")).map((a: any) => a.alarm_name).sort();
    const predicted = [...STACK_ALARM_IDS.loadBalancer, ...STACK_ALARM_IDS.database, ...["web", "api"].flatMap((key) => [...SERVICE_ALARM_SUFFIXES.routed, ...SERVICE_ALARM_SUFFIXES.always].map((s) => `${key}-${s}`))];
    expect(alarms).toEqual(predicted.map((id) => `demo-dev-alarms-${id}`).sort());
  });
});
