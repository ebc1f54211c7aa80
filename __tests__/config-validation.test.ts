import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, loadApp } from "../config";
import { describeValue } from "../config/errors";
import { synthesizeApp } from "../main";
import { sampleConfig } from "./helpers";
import { ISSUE_11_CASES, ISSUE_13_CASES, type Mutator } from "./validation-cases";
import { ISSUE_14_CASES, ISSUE_14_MISSING_CASES } from "./validation-cases-issue14";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-validation-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Synthesizes a mutated sample config; returns the ConfigError message, after checking that nothing was written. */
function problemsOf(mutate: Mutator): string {
  const config = sampleConfig() as any;
  mutate(config);
  const outdir = path.join(scratch, "cdktf.out");
  try {
    synthesizeApp(config, { outdir, onWarnings: () => undefined });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(fs.existsSync(outdir)).toBe(false);
    return error.message;
  }
  throw new Error("expected the configuration to be rejected");
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const dev = (c: any) => c.environments.dev;

// Each case: a malformed config, and the field path, the value and the allowed values the message must name.
const cases: [string, Mutator, RegExp[]][] = [
  ["bad VPC CIDR", (c) => (dev(c).network = { cidr: "10.0.0.300/16" }), [/environments\.dev\.network\.cidr/, /"10\.0\.0\.300\/16"/, /IPv4 CIDR block with no host bits set/]],
  ["CIDR with host bits", (c) => (dev(c).network = { cidr: "10.0.0.1/16" }), [/environments\.dev\.network\.cidr/, /"10\.0\.0\.1\/16"/, /no host bits/]],
  ["VPC CIDR too large", (c) => (dev(c).network = { cidr: "10.0.0.0/8" }), [/environments\.dev\.network\.cidr/, /"10\.0\.0\.0\/8"/, /between \/16 and \/24/]],
  [
    "overlapping subnets",
    (c) => (dev(c).network = { cidr: "10.0.0.0/16", publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.1.0/24", "10.0.2.0/24"] }),
    [/environments\.dev\.network\.privateSubnets\[0\]/, /"10\.0\.1\.0\/24"/, /overlaps environments\.dev\.network\.publicSubnets\[1\].*must not overlap/],
  ],
  [
    "subnet outside the VPC",
    (c) => (dev(c).network = { cidr: "10.0.0.0/16", publicSubnets: ["10.1.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }),
    [/environments\.dev\.network\.publicSubnets\[0\]/, /"10\.1\.0\.0\/24"/, /inside the VPC CIDR 10\.0\.0\.0\/16/],
  ],
  ["wrong number of subnets", (c) => (dev(c).network = { publicSubnets: ["10.0.0.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }), [/environments\.dev\.network\.publicSubnets/, /\["10\.0\.0\.0\/24"\]/, /exactly one CIDR per AZ \(2\)/]],
  ["AZ count above what the region has", (c) => (dev(c).network = { azCount: 5 }), [/environments\.dev\.network\.azCount/, /\b5\b/, /eu-west-1 has 3 availability zones; allowed: 2–3/]],
  ["AZ of another region", (c) => (dev(c).network = { availabilityZones: ["eu-west-1a", "us-east-1b"] }), [/environments\.dev\.network\.availabilityZones\[1\]/, /"us-east-1b"/, /AZ of the environment's region eu-west-1/]],
  ["unknown NAT strategy", (c) => (dev(c).network = { natGateways: "twoPerAz" }), [/environments\.dev\.network\.natGateways/, /"twoPerAz"/, /allowed: "none" \| "single" \| "perAz"/]],
  ["no NAT and no endpoints", (c) => (dev(c).network = { natGateways: "none" }), [/environments\.dev\.network\.natGateways/, /"none"/, /vpcEndpoints: true/]],
  ["misspelled field", (c) => (dev(c).network = { natGateway: "single" }), [/environments\.dev\.network\.natGateway\b/, /"single"/, /unknown field/]],
  ["duplicate service names", (c) => ((c.services.web.names = { service: "frontend" }), (c.services.api.names = { service: "frontend" })), [/services\.api\.names\.service/, /"frontend"/, /must be unique; service web already uses it/]],
  ["invalid container port", (c) => (c.services.api.containerPort = 70000), [/services\.api\.containerPort/, /70000/, /at most 65535/]],
  ["log retention CloudWatch does not offer", (c) => (dev(c).logRetentionDays = 45), [/environments\.dev\.logRetentionDays/, /\b45\b/, /retention period: 0, 1, 3, 5, 7, 14, 30, 60/]],
  ["missing region", (c) => delete dev(c).region, [/environments\.dev\.region/, /is required/, /expected string/]],
  ["malformed account ID", (c) => (dev(c).allowedAccountIds = ["12345"]), [/environments\.dev\.allowedAccountIds\[0\]/, /"12345"/, /12-digit AWS account ID/]],
  ["malformed region", (c) => (dev(c).region = "Europe"), [/environments\.dev\.region/, /"Europe"/, /AWS region code such as eu-west-1/]],
  ["invalid app name", (c) => (c.app = "My App"), [/^\s+- app: /m, /"My App"/, /lowercase letters, digits and '-'/]],
  ["invalid state bucket", (c) => (dev(c).state = { bucket: "My_Bucket" }), [/environments\.dev\.state\.bucket/, /"My_Bucket"/, /3–63 lowercase letters, digits.*\(S3 bucket names\)/]],
  ["no services", (c) => (c.services = {}), [/^\s+- services: /m, /\{\}/, /at least one service/]],
  ["override of an unknown service", (c) => (dev(c).services = { worker: { desiredCount: 1 } }), [/environments\.dev\.services\.worker/, /"worker"/, /must be a service name \(defined: web, api\)/]],
  // Runtime path (database, ECS, load balancer, DNS)
  ["CPU/memory pair Fargate rejects", (c) => ((c.services.api.cpu = 256), (c.services.api.memory = 4096)), [/services\.api\.memory/, /4096/, /not valid with cpu 256 \(Fargate allows 512 or 1024–2048 in 1024 steps MiB\)/]],
  ["CPU Fargate does not offer", (c) => (c.services.api.cpu = 300), [/services\.api\.cpu/, /300/, /cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384/]],
  ["per-environment size Fargate rejects", (c) => (dev(c).services = { api: { cpu: 1024, memory: 1024 } }), [/environments\.dev\.services\.api\.memory/, /1024/, /Fargate allows 2048–8192 in 1024 steps/]],
  [
    "host port clash on EC2 instances",
    (c) => {
      dev(c).ec2Capacity = {};
      c.services.web = { ...c.services.web, capacity: "ec2", networkMode: "bridge", hostPort: 8081 };
      c.services.api = { ...c.services.api, capacity: "ec2", networkMode: "bridge", hostPort: 8081 };
    },
    [/services\.api\.hostPort/, /8081/, /clashes with service web/],
  ],
  ["two default services", (c) => (c.services.api.routing = { default: true }), [/services\.api\.routing\.default/, /true/, /only one service may be the listener's default action \(already: web\)/]],
  ["no default service", (c) => (c.services.web.routing = { pathPatterns: ["/"], priority: 10 }), [/services\.\*\.routing\.default/, /false/, /exactly one routed service must set routing\.default: true/]],
  ["duplicate rule priority", (c) => (c.services.web.routing = { default: true, hostHeaders: ["www.example.com"], priority: 100 }), [/services\.api\.routing\.priority/, /100/, /must be unique; service web already uses it/]],
  ["rule without priority", (c) => (c.services.api.routing = { pathPatterns: ["/api/*"] }), [/services\.api\.routing\.priority/, /missing/, /explicit priority 1–50000/]],
  ["health check path without a leading slash", (c) => (c.services.web.healthCheck = { path: "health" }), [/services\.web\.healthCheck\.path/, /"health"/, /must start with '\/'/]],
  ["domain without a zone", (c) => (dev(c).domain = { name: "app.example.com" }), [/environments\.dev\.domain\.zone/, /missing/, /required with domain\.name/]],
  ["domain outside its zone", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.org" }), [/environments\.dev\.domain\.name/, /"app\.example\.org"/, /inside the hosted zone example\.com/]],
  [
    "Spot on an EC2-only service",
    (c) => {
      dev(c).ec2Capacity = {};
      c.services.api = { ...c.services.api, capacity: "ec2", capacityProviderStrategy: [{ provider: "FARGATE_SPOT", weight: 1 }] };
    },
    [/services\.api\.capacityProviderStrategy\[0\]\.provider/, /"FARGATE_SPOT"/, /capacity "ec2" runs only on the environment's EC2 capacity provider/],
  ],
  ["EC2 service without EC2 capacity", (c) => (c.services.api.capacity = "ec2"), [/environments\.dev\.ec2Capacity/, /missing/, /required because service api uses capacity "ec2"/]],
  ["bridge networking on Fargate", (c) => (c.services.api.networkMode = "bridge"), [/services\.api\.networkMode/, /"bridge"/, /Fargate supports only "awsvpc"/]],
  ["SSH open to the internet", (c) => ((c.services.api.capacity = "ec2"), (dev(c).ec2Capacity = { sshCidr: "0.0.0.0/0" })), [/environments\.dev\.ec2Capacity\.sshCidr/, /"0\.0\.0\.0\/0"/, /Session Manager/]],
  ["secret from an undeclared parameter", (c) => (c.services.web.secrets = { API_KEY: { parameter: "api-key" } }), [/services\.web\.secrets\.API_KEY\.parameter/, /"api-key"/, /must be a key of parameters \(declared: none\)/]],
  ["malformed secret reference", (c) => (c.services.web.secrets = { API_KEY: { vault: "x" } }), [/services\.web\.secrets\.API_KEY/, /\{"vault":"x"\}/, /allowed: \{ parameter: .*\} \| \{ ssmParameter: .*\} \| \{ secretsManager: /]],
  ["database values without a database", (c) => delete c.database, [/services\.api\.databaseEnv/, /"DB_HOST"/, /needs a database section/]],
  ["variable set twice", (c) => (c.services.api.environment = { DB_HOST: "localhost" }), [/services\.api\.secrets|services\.api\.databaseEnv\.DB_HOST/, /"DB_HOST"/, /already defined in services\.api\.environment/]],
  ["storage autoscaling ceiling below allocation", (c) => (c.database = { allocatedStorage: 50, maxAllocatedStorage: 40 }), [/^\s+- database\.maxAllocatedStorage/m, /40/, /0 \(no storage autoscaling\) or greater than allocatedStorage \(50\)/]],
  ["minCount above maxCount", (c) => (dev(c).services = { web: { minCount: 5, maxCount: 2, desiredCount: 5 } }), [/environments\.dev\.services\.web\.minCount/, /\b5\b/, /must be ≤ maxCount \(2\)/]],
  ["EC2 capacity provider name ECS reserves", (c) => ((c.app = "ecs-demo"), (c.services.api.capacity = "ec2"), (dev(c).ec2Capacity = {}), (c.environments.prod.ec2Capacity = {})), [/^\s+- app: /m, /"ecs-demo"/, /reserves names starting with "aws", "ecs" or "fargate"/]],
  ["service key breaking the naming rule", (c) => (c.services.Web_1 = c.services.web), [/services\.Web_1/, /key "Web_1" is not allowed/, /lowercase letters, digits and '-'/]],
  ["unknown PostgreSQL version", (c) => (c.database = { engineVersion: "9.6" }), [/database\.engineVersion/, /"9\.6"/, /PostgreSQL version such as 16 or 16\.4/]],
  ["wildcard apply branch", (c) => (dev(c).ci = { githubRepository: "acme/infra", applyBranch: "release/*" }), [/environments\.dev\.ci\.applyBranch/, /"release\/\*"/, /exact name without wildcards or spaces/]],
  ["CI repository that is not owner/name", (c) => (dev(c).ci = { githubRepository: "infra" }), [/environments\.dev\.ci\.githubRepository/, /"infra"/, /must be owner\/name/]],
];

describe("configuration validation", () => {
  it.each([...cases, ...ISSUE_14_MISSING_CASES])("rejects %s with the field, the value and what is allowed", (_name, mutate, expected) => {
    const message = problemsOf(mutate);
    for (const pattern of expected) expect(message).toMatch(pattern);
  });

  it.each([...ISSUE_11_CASES, ...ISSUE_13_CASES, ...ISSUE_14_CASES])("rejects %s: the field path, the value and what is allowed, nothing written", (_name, mutate, field, value, allowed) => {
    const message = problemsOf(mutate);
    const received = value instanceof RegExp ? value.source.replace(/^\^|\$$/g, "") : escape(describeValue(value));
    // One problem line names the field, the value received (or the key, for a key problem) and what is allowed.
    const line = new RegExp(`^  - ${escape(field)}: ${value === undefined ? "key " : `${received} is not allowed; `}.*$`, "m").exec(message)?.[0];
    expect({ line, message }).toEqual({ line: expect.stringMatching(allowed), message });
  });

  it("adds at least 60 cases for issue 11", () => {
    expect(ISSUE_11_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it("adds at least 15 cases for issue 13 (workload kinds)", () => {
    expect(ISSUE_13_CASES.length).toBeGreaterThanOrEqual(15);
  });

  it("adds at least 15 cases for issue 14", () => {
    expect(ISSUE_14_CASES.length + ISSUE_14_MISSING_CASES.length).toBeGreaterThanOrEqual(15);
  });

  it("accepts the sample configuration", () => {
    expect(loadApp(sampleConfig()).map((s) => s.stackName)).toEqual(["demo-dev", "demo-prod"]);
  });

  it("reports every problem at once, not just the first", () => {
    const message = problemsOf((c) => {
      c.services.api.containerPort = 0;
      dev(c).region = "nowhere";
    });
    expect(message).toMatch(/2 problems/);
    expect(message).toMatch(/services\.api\.containerPort/);
    expect(message).toMatch(/environments\.dev\.region/);
  });
});

// Exit 1 with these messages and nothing written to cdktf.out, for both entry points: synth-cli.test.ts.
