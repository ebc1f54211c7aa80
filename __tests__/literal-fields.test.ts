/**
 * Every string field of the configuration schema, given `${file("/etc/passwd")}`: either the
 * validation layer rejects it (naming the field), or it reaches Terraform inert — escaped in
 * templates, decoding back to the configured text. The field list is walked from the schema, so a
 * new string field without an entry here fails the coverage test.
 */
import { Testing, TerraformStack } from "cdktf";
import { ConfigError, loadApp } from "../config";
import { PlatformStack } from "../stacks/platform-stack";
import { addBootstrapStacks } from "../stacks/bootstrap-stack";
import { jsonSchema } from "../tools/docs/reference";
import { sampleConfig } from "./helpers";
import { liveSequences, unescapeTemplate } from "./template-text";

const HOSTILE = '${file("/etc/passwd")}';
/** The same attack within the characters a security group name allows (no quotes). */
const HOSTILE_SG = "sg ${file(/etc/passwd)}";

type Config = any;
const envs = (c: Config, set: (env: any, name: string) => void) => Object.entries(c.environments).forEach(([name, env]) => set(env, name));
const web = (c: Config) => c.services.web;

type Entry = {
  readonly set: (c: Config, text: string) => void;
  readonly outcome: "rejected" | "inert" | "ignored";
  readonly text?: string;
  /** Where the rejection is reported, when not at the field itself (a union reports at the union). */
  readonly at?: string;
};
const rejected = (set: Entry["set"], at?: string): Entry => ({ set, outcome: "rejected", at });
const inert = (set: Entry["set"], text = HOSTILE): Entry => ({ set, outcome: "inert", text });

/** One entry per string field (and map key) of the schema. */
const FIELDS: Record<string, Entry> = {
  $schema: { set: (c, t) => (c.$schema = t), outcome: "ignored" },
  app: rejected((c, t) => (c.app = t)),
  "services <map key>": rejected((c, t) => (c.services[t] = { containerPort: 80 })),
  "services.*.architecture": rejected((c, t) => (web(c).architecture = t)),
  "services.*.capacity": rejected((c, t) => (web(c).capacity = t)),
  "services.*.networkMode": rejected((c, t) => (web(c).networkMode = t)),
  "services.*.capacityProviderStrategy[].provider": rejected((c, t) => (web(c).capacityProviderStrategy = [{ provider: t }])),
  "services.*.repository.name": rejected((c, t) => (web(c).repository = { name: t })),
  "services.*.repository.tagMutability": rejected((c, t) => (web(c).repository = { tagMutability: t })),
  "services.*.imageTag": rejected((c, t) => (web(c).imageTag = t)),
  "services.*.names.service": rejected((c, t) => (web(c).names = { service: t })),
  "services.*.names.taskFamily": rejected((c, t) => (web(c).names = { taskFamily: t })),
  "services.*.names.container": rejected((c, t) => (web(c).names = { container: t })),
  "services.*.names.logGroup": rejected((c, t) => (web(c).names = { logGroup: t })),
  "services.*.names.targetGroup": rejected((c, t) => (web(c).names = { targetGroup: t })),
  "services.*.names.taskRole": rejected((c, t) => (web(c).names = { taskRole: t })),
  "services.*.environment <map key>": rejected((c, t) => (web(c).environment = { [t]: "x" })),
  "services.*.environment.*": inert((c, t) => (web(c).environment = { TEXT: t })),
  "services.*.secrets <map key>": rejected((c, t) => (web(c).secrets = { [t]: { ssmParameter: "/x" } })),
  "services.*.secrets.*|0.parameter": rejected((c, t) => (web(c).secrets = { X: { parameter: t } })),
  "services.*.secrets.*|1.ssmParameter": rejected((c, t) => (web(c).secrets = { X: { ssmParameter: t } })),
  "services.*.secrets.*|2.secretsManager": rejected((c, t) => (web(c).secrets = { X: { secretsManager: t } })),
  "services.*.secrets.*|2.jsonKey": inert((c, t) => (web(c).secrets = { X: { secretsManager: "app/secret", jsonKey: t } })),
  "services.*.databaseEnv <map key>": rejected((c, t) => (web(c).databaseEnv = { [t]: "host" })),
  "services.*.databaseEnv.*": rejected((c, t) => (web(c).databaseEnv = { X: t })),
  // Issue 13: workload kinds, runtime settings, jobs, sidecars, volumes, scaling.
  "services.*.kind": rejected((c, t) => (web(c).kind = t)),
  "services.*.command[]": inert((c, t) => (web(c).command = ["sh", "-c", `echo ${t}`])),
  "services.*.entryPoint[]": inert((c, t) => (web(c).entryPoint = [`/bin/${t}`])),
  "services.*.workingDirectory": inert((c, t) => (web(c).workingDirectory = `/${t}`)),
  "services.*.ulimits[].name": rejected((c, t) => (web(c).ulimits = [{ name: t, softLimit: 1, hardLimit: 1 }])),
  "services.*.environmentFiles[]": inert((c, t) => (web(c).environmentFiles = [`s3://demo-config/${t}.env`])),
  "services.*.schedule.expression": rejected((c, t) => (c.services.job = { kind: "job", schedule: { expression: t } })),
  "services.*.schedule.timezone": rejected((c, t) => (c.services.job = { kind: "job", schedule: { expression: "rate(1 hour)", timezone: t } })),
  "services.*.preDeploy.command[]": inert((c, t) => (web(c).preDeploy = { command: ["migrate", t] })),
  "services.*.dependsOn[].container": rejected((c, t) => (web(c).dependsOn = [{ container: t }])),
  "services.*.dependsOn[].condition": rejected((c, t) => (web(c).dependsOn = [{ container: "web", condition: t }])),
  "services.*.sidecars <map key>": rejected((c, t) => (web(c).sidecars = { [t]: { image: { external: "otel/collector:1" } } })),
  "services.*.sidecars.*.image|0.repository": rejected((c, t) => (web(c).sidecars = { s: { image: { repository: t } } })),
  "services.*.sidecars.*.image|1.external": rejected((c, t) => (web(c).sidecars = { s: { image: { external: t } } })),
  "services.*.sidecars.*.command[]": inert((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, command: [t] } })),
  "services.*.sidecars.*.dependsOn[].container": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, dependsOn: [{ container: t }] } })),
  "services.*.sidecars.*.dependsOn[].condition": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, dependsOn: [{ container: "web", condition: t }] } })),
  "services.*.sidecars.*.environment <map key>": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, environment: { [t]: "x" } } })),
  "services.*.sidecars.*.environment.*": inert((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, environment: { TEXT: t } } })),
  "services.*.sidecars.*.secrets <map key>": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, secrets: { [t]: { ssmParameter: "/x" } } } })),
  "services.*.sidecars.*.secrets.*|0.parameter": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, secrets: { X: { parameter: t } } } })),
  "services.*.sidecars.*.secrets.*|1.ssmParameter": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, secrets: { X: { ssmParameter: t } } } })),
  "services.*.sidecars.*.secrets.*|2.secretsManager": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, secrets: { X: { secretsManager: t } } } })),
  "services.*.sidecars.*.secrets.*|2.jsonKey": inert((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, secrets: { X: { secretsManager: "app/secret", jsonKey: t } } } })),
  "services.*.sidecars.*.healthCheck.command": inert((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, healthCheck: { command: `check ${t}` } } })),
  "services.*.sidecars.*.user": rejected((c, t) => (web(c).sidecars = { s: { image: { external: "otel/collector:1" }, user: t } })),
  "services.*.firelens.image": inert((c, t) => (web(c).firelens = { image: `registry.example.com/${t}` })),
  "services.*.firelens.options <map key>": rejected((c, t) => (web(c).firelens = { options: { [t]: "x" } })),
  "services.*.firelens.options.*": inert((c, t) => (web(c).firelens = { options: { Match: t } })),
  "services.*.volumes <map key>": rejected((c, t) => (web(c).volumes = { [t]: { scratch: {} } })),
  "services.*.volumes.*|0.efs.fileSystemId": rejected((c, t) => (web(c).volumes = { v: { efs: { fileSystemId: t } } })),
  "services.*.volumes.*|0.efs.rootDirectory": rejected((c, t) => (web(c).volumes = { v: { efs: { rootDirectory: t } } })),
  "services.*.volumes.*|0.efs.permissions": rejected((c, t) => (web(c).volumes = { v: { efs: { permissions: t } } })),
  "services.*.mountPoints[].volume": rejected((c, t) => (web(c).mountPoints = [{ volume: t, containerPath: "/x" }])),
  "services.*.mountPoints[].containerPath": inert((c, t) => ((web(c).volumes = { tmp: { scratch: {} } }), (web(c).mountPoints = [{ volume: "tmp", containerPath: `/${t}` }]))),
  "services.*.mountPoints[].container": rejected((c, t) => (web(c).mountPoints = [{ volume: "v", containerPath: "/x", container: t }])),
  "services.*.autoscaling.queue.name": rejected((c, t) => (web(c).autoscaling = { queue: { name: t, backlogPerTask: 5 } })),
  "services.*.autoscaling.schedules <map key>": rejected((c, t) => (web(c).autoscaling = { schedules: { [t]: { expression: "cron(0 1 * * ? *)" } } })),
  "services.*.autoscaling.schedules.*.expression": rejected((c, t) => (web(c).autoscaling = { schedules: { s: { expression: t } } })),
  "services.*.autoscaling.schedules.*.timezone": rejected((c, t) => (web(c).autoscaling = { schedules: { s: { expression: "cron(0 1 * * ? *)", timezone: t } } })),
  "services.*.routing.pathPatterns[]": rejected((c, t) => (c.services.api.routing.pathPatterns = [`/${t}`])),
  "services.*.routing.hostHeaders[]": rejected((c, t) => (c.services.api.routing.hostHeaders = [t])),
  "services.*.healthCheck.path": inert((c, t) => (web(c).healthCheck = { path: `/${t}` })),
  "services.*.healthCheck.matcher": rejected((c, t) => (web(c).healthCheck = { matcher: t })),
  "services.*.containerHealthCheck.command": inert((c, t) => (web(c).containerHealthCheck = { command: `curl localhost:\${PORT} ${t}` })),
  "services.*.user": rejected((c, t) => (web(c).user = t)),
  "services.*.taskRole.managedPolicyArns[]": inert((c, t) => (web(c).taskRole = { managedPolicyArns: [`arn:aws:iam::aws:policy/${t}`] })),
  "services.*.taskRole.statements[].sid": rejected((c, t) => (web(c).taskRole = { statements: [{ sid: t, actions: ["s3:GetObject"], resources: ["*"] }] })),
  "services.*.taskRole.statements[].actions[]": rejected((c, t) => (web(c).taskRole = { statements: [{ actions: [t], resources: ["*"] }] })),
  "services.*.taskRole.statements[].resources[]": inert((c, t) => (web(c).taskRole = { statements: [{ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::b/${t}`] }] })),
  "database.identifier": rejected((c, t) => (c.database.identifier = t)),
  "database.subnetGroupName": rejected((c, t) => (c.database.subnetGroupName = t)),
  "database.engineVersion": rejected((c, t) => (c.database.engineVersion = t)),
  "database.instanceClass": rejected((c, t) => (c.database.instanceClass = t)),
  "database.databaseName": rejected((c, t) => (c.database.databaseName = t)),
  "database.masterUsername": rejected((c, t) => (c.database.masterUsername = t)),
  "parameters <map key>": rejected((c, t) => (c.parameters = { [t]: {} })),
  "parameters.*.name": rejected((c, t) => (c.parameters = { p: { name: `/${t}` } })),
  "parameters.*.type": rejected((c, t) => (c.parameters = { p: { type: t } })),
  "parameters.*.description": inert((c, t) => (c.parameters = { p: { description: t } })),
  "parameters.*.valueFrom|0.database": rejected((c, t) => (c.parameters = { p: { valueFrom: { database: t } } }), "parameters.*.valueFrom"),
  "parameters.*.valueFrom|1.loadBalancer": rejected((c, t) => (c.parameters = { p: { valueFrom: { loadBalancer: t } } }), "parameters.*.valueFrom"),
  "parameters.*.valueFrom|1.suffix": inert((c, t) => (c.parameters = { p: { valueFrom: { loadBalancer: "url", suffix: t } } })),
  "parameters.*.valueFrom|2.literal": inert((c, t) => (c.parameters = { p: { valueFrom: { literal: t } } })),
  "names.vpc": rejected((c, t) => (c.names = { vpc: t })),
  "names.cluster": rejected((c, t) => (c.names = { cluster: t })),
  "names.albSecurityGroup": inert((c, t) => (c.names = { albSecurityGroup: t }), HOSTILE_SG),
  "names.taskSecurityGroup": inert((c, t) => (c.names = { taskSecurityGroup: t }), HOSTILE_SG),
  "names.databaseSecurityGroup": inert((c, t) => (c.names = { databaseSecurityGroup: t }), HOSTILE_SG),
  "names.executionRole": rejected((c, t) => (c.names = { executionRole: t })),
  "names.executionSecretsPolicy": rejected((c, t) => (c.names = { executionSecretsPolicy: t })),
  "environments <map key>": rejected((c, t) => (c.environments[t] = c.environments.dev)),
  "environments.*.region": rejected((c, t) => envs(c, (e) => (e.region = t))),
  "environments.*.allowedAccountIds[]": rejected((c, t) => envs(c, (e) => (e.allowedAccountIds = [t]))),
  "environments.*.tags <map key>": rejected((c, t) => envs(c, (e) => (e.tags = { [t]: "x" }))),
  "environments.*.tags.*": rejected((c, t) => envs(c, (e) => (e.tags = { team: t }))),
  "environments.*.network.cidr": rejected((c, t) => envs(c, (e) => (e.network = { cidr: t }))),
  "environments.*.network.availabilityZones[]": rejected((c, t) => envs(c, (e) => (e.network = { availabilityZones: [t, "eu-west-1b"] }))),
  "environments.*.network.natGateways": rejected((c, t) => envs(c, (e) => (e.network = { natGateways: t }))),
  "environments.*.network.publicSubnets[]": rejected((c, t) => envs(c, (e) => (e.network = { publicSubnets: [t, "10.0.1.0/24"] }))),
  "environments.*.network.privateSubnets[]": rejected((c, t) => envs(c, (e) => (e.network = { privateSubnets: [t, "10.0.1.0/24"] }))),
  "environments.*.state.bucket": rejected((c, t) => envs(c, (e) => (e.state = { bucket: t }))),
  "environments.*.state.keyPrefix": rejected((c, t) => envs(c, (e) => (e.state = { ...e.state, keyPrefix: `${t}/` }))),
  "environments.*.state.region": rejected((c, t) => envs(c, (e) => (e.state = { ...e.state, region: t }))),
  "environments.*.capacityProviderStrategy[].provider": rejected((c, t) => envs(c, (e) => (e.capacityProviderStrategy = [{ provider: t }]))),
  "environments.*.loadBalancer.name": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { name: t }))),
  "environments.*.loadBalancer.ingressCidrs[]": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { ingressCidrs: [t] }))),
  "environments.*.domain.zone": rejected((c, t) => envs(c, (e) => (e.domain = { zone: t, name: "app.example.com" }))),
  "environments.*.domain.name": rejected((c, t) => envs(c, (e) => (e.domain = { zone: "example.com", name: t }))),
  "environments.*.domain.alternativeNames[]": rejected((c, t) => envs(c, (e) => (e.domain = { zone: "example.com", name: "app.example.com", alternativeNames: [t] }))),
  "environments.*.services <map key>": rejected((c, t) => envs(c, (e) => (e.services = { [t]: {} }))),
  "environments.*.services.*.repositoryName": rejected((c, t) => envs(c, (e) => (e.services = { web: { repositoryName: t } }))),
  "environments.*.database.instanceClass": rejected((c, t) => envs(c, (e) => (e.database = { instanceClass: t }))),
  "environments.*.ec2Capacity.instanceType": rejected((c, t) => envs(c, (e) => (e.ec2Capacity = { instanceType: t }))),
  "environments.*.ec2Capacity.sshCidr": rejected((c, t) => envs(c, (e) => (e.ec2Capacity = { sshCidr: t }))),
  "environments.*.ec2Capacity.keyName": inert((c, t) => {
    c.services.api.capacity = "ec2";
    envs(c, (e) => (e.ec2Capacity = { sshCidr: "203.0.113.0/24", keyName: t }));
  }),
  "environments.*.ec2Capacity.amiParameter": rejected((c, t) => envs(c, (e) => (e.ec2Capacity = { amiParameter: t }))),
  "environments.*.ci.githubRepository": rejected((c, t) => envs(c, (e) => (e.ci = { githubRepository: t }))),
  "environments.*.ci.applyBranch": inert((c, t) => envs(c, (e) => (e.ci = { githubRepository: "acme/infra", applyBranch: t }))),
  "environments.*.ci.applyEnvironment": inert((c, t) => envs(c, (e) => (e.ci = { githubRepository: "acme/infra", applyEnvironment: t }))),
  "environments.*.ci.deployRepositories[]": rejected((c, t) => envs(c, (e) => (e.ci = { githubRepository: "acme/infra", deployRepositories: [t] }))),
  "environments.*.alarms.email": rejected((c, t) => envs(c, (e) => (e.alarms = { email: t }))),
  // issue 14
  ...releaseFields("services.*.release", (c, release) => (web(c).release = release)),
  ...releaseFields("environments.*.services.*.release", (c, release) => envs(c, (e) => (e.services = { web: { release } }))),
  "environments.*.loadBalancer.waf.webAclArn": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { waf: { webAclArn: t } }))),
  "environments.*.loadBalancer.waf.mode": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { waf: { mode: t } }))),
  "environments.*.loadBalancer.scheme": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { scheme: t }))),
  "environments.*.loadBalancer.ingressSecurityGroups[]": rejected((c, t) => envs(c, (e) => (e.loadBalancer = { ingressSecurityGroups: [t] }))),
  "environments.*.network.existing.vpcId": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, vpcId: t } }))),
  "environments.*.network.existing.privateSubnetIds[]": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, privateSubnetIds: [t, SUBNET] } }))),
  "environments.*.network.existing.publicSubnetIds[]": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, publicSubnetIds: [t, SUBNET] } }))),
  "environments.*.network.existing.privateSubnetTags <map key>": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, privateSubnetIds: undefined, privateSubnetTags: { [t]: "x" } } }))),
  "environments.*.network.existing.privateSubnetTags.*": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, privateSubnetIds: undefined, privateSubnetTags: { tier: t } } }))),
  "environments.*.network.existing.publicSubnetTags <map key>": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, publicSubnetIds: undefined, publicSubnetTags: { [t]: "x" } } }))),
  "environments.*.network.existing.publicSubnetTags.*": rejected((c, t) => envs(c, (e) => (e.network = { existing: { ...EXISTING, publicSubnetIds: undefined, publicSubnetTags: { tier: t } } }))),
  ...oidcFields(),
  "services.*.routing.authenticate.cognito.userPoolArn": rejected((c, t) => cognito(c, { userPoolArn: t })),
  "services.*.routing.authenticate.cognito.userPoolClientId": rejected((c, t) => cognito(c, { userPoolClientId: t })),
  "services.*.routing.authenticate.cognito.userPoolDomain": rejected((c, t) => cognito(c, { userPoolDomain: t })),
};

const SUBNET = "subnet-0aaaaaaaaaaaaaaa1";
const EXISTING = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa2", SUBNET], publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa3", "subnet-0aaaaaaaaaaaaaaa4"] };
const OIDC = {
  issuer: "https://id.example.com",
  authorizationEndpoint: "https://id.example.com/authorize",
  tokenEndpoint: "https://id.example.com/token",
  userInfoEndpoint: "https://id.example.com/userinfo",
  clientId: "tool",
  clientSecret: { secretsManager: "tools/oidc" },
};
const COGNITO = { userPoolArn: "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc", userPoolClientId: "client1", userPoolDomain: "tools" };
/** Sign-in on the api route, with HTTPS in every environment. */
function signIn(c: Config, authenticate: object): void {
  c.services.api.routing.authenticate = authenticate;
  envs(c, (e) => (e.domain = { zone: "example.com", name: "app.example.com" }));
}
const cognito = (c: Config, change: object) => signIn(c, { cognito: { ...COGNITO, ...change } });

/** The OIDC fields: endpoints and the secret reference are rejected, client ID, scope and JSON key reach Terraform inert. */
function oidcFields(): Record<string, Entry> {
  const at = "services.*.routing.authenticate";
  const oidc = (change: object) => (c: Config) => signIn(c, { oidc: { ...OIDC, ...change } });
  return {
    [`${at}.oidc.issuer`]: rejected((c, t) => oidc({ issuer: `https://${t}` })(c)),
    [`${at}.oidc.authorizationEndpoint`]: rejected((c, t) => oidc({ authorizationEndpoint: `https://${t}` })(c)),
    [`${at}.oidc.tokenEndpoint`]: rejected((c, t) => oidc({ tokenEndpoint: `https://${t}` })(c)),
    [`${at}.oidc.userInfoEndpoint`]: rejected((c, t) => oidc({ userInfoEndpoint: `https://${t}` })(c)),
    [`${at}.oidc.clientId`]: inert((c, t) => oidc({ clientId: t })(c)),
    [`${at}.oidc.clientSecret.secretsManager`]: rejected((c, t) => oidc({ clientSecret: { secretsManager: t } })(c)),
    [`${at}.oidc.clientSecret.jsonKey`]: rejected((c, t) => oidc({ clientSecret: { secretsManager: "tools/oidc", jsonKey: t } })(c)),
    [`${at}.oidc.scope`]: inert((c, t) => oidc({ scope: t })(c)),
  };
}

/** The string fields of a `release` block, at `path` (the service's, or an environment's override). */
function releaseFields(path: string, setRelease: (c: Config, release: object) => void): Record<string, Entry> {
  const hooks = ["reconcileService", "preScaleUp", "postScaleUp", "testTrafficShift", "postTestTrafficShift", "productionTrafficShift", "postProductionTrafficShift"];
  return {
    [`${path}.strategy`]: rejected((c, t) => setRelease(c, { strategy: t })),
    [`${path}.testTraffic.header`]: rejected((c, t) => setRelease(c, { strategy: "blueGreen", testTraffic: { header: t } })),
    [`${path}.testTraffic.value`]: rejected((c, t) => setRelease(c, { strategy: "blueGreen", testTraffic: { value: t } })),
    ...Object.fromEntries(hooks.map((hook) => [`${path}.hooks.${hook}`, rejected((c, t) => setRelease(c, { strategy: "blueGreen", hooks: { [hook]: t } }))])),
  };
}

/** The schema's string fields and map keys, named as FIELDS names them. */
function stringFields(node: any = jsonSchema(), path = ""): string[] {
  if (node.anyOf) return node.anyOf.flatMap((n: any, i: number) => stringFields(n, `${path}|${i}`));
  if (node.type === "string") return [path];
  if (node.type === "array") return stringFields(node.items, `${path}[]`);
  if (node.type !== "object") return [];
  const fields = Object.entries(node.properties ?? {}).flatMap(([key, child]) => stringFields(child, path ? `${path}.${key}` : key));
  const values = node.additionalProperties;
  return values && typeof values === "object" ? [...fields, `${path} <map key>`, ...stringFields(values, `${path}.*`)] : fields;
}

/** Every string of every synthesized stack (platform and bootstrap), with whether its position is literal. */
function synthesizedStrings(config: Config): { text: string; literal: boolean }[] {
  const app = Testing.app();
  const stacks = loadApp(config);
  for (const s of stacks) new PlatformStack(app, s.stackName, { settings: s });
  addBootstrapStacks(app, stacks);
  const out: { text: string; literal: boolean }[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === "string") out.push({ text: node, literal: ["terraform", "//"].includes(path[0]) || (path[0] === "variable" && path.length > 2) || path[2] === "description" });
    else if (Array.isArray(node)) node.forEach((item) => walk(item, path));
    else if (node && typeof node === "object") Object.entries(node).forEach(([key, value]) => (walk(key, path), walk(value, [...path, key])));
  };
  for (const stack of app.node.children) if (stack instanceof TerraformStack) walk(JSON.parse(Testing.synth(stack)), []);
  return out;
}

/** `text`, and every string inside it when it is JSON. */
function withJsonStrings(text: string): string[] {
  if (!/^[[{]/.test(text)) return [text];
  try {
    const strings: string[] = [];
    JSON.parse(text, (_key, value) => (typeof value === "string" && strings.push(value), value));
    return [text, ...strings];
  } catch {
    return [text];
  }
}

/** Live interpolations of hostile text among the synthesized strings (positions Terraform evaluates). */
function liveInterpolations(strings: { text: string; literal: boolean }[]): string[] {
  return strings.flatMap(({ text, literal }) => (literal ? [] : liveSequences(text).filter((live) => /file\(|TfToken|^%\{/.test(live))));
}

/** What AWS receives: Terraform's unescaping, then, for JSON-encoded attributes (container definitions), the JSON's own strings. */
function decodedStrings(strings: { text: string; literal: boolean }[]): string[] {
  return strings.flatMap(({ text, literal }) => (literal ? [text] : withJsonStrings(unescapeTemplate(text))));
}

const INERT = Object.entries(FIELDS).filter(([, entry]) => entry.outcome === "inert");
/** The text of inert field `i` in the batch: its own text plus a tag no other field's contains. */
const tagOf = (i: number) => ` f${String(i).padStart(3, "0")}`;
const tagged = (text: string, i: number) => `${text}${tagOf(i)}`;
let batched: Map<number, string[]> | undefined;
/**
 * Inert fields confirmed in batches, each with the live interpolations of its batch's synthesis.
 * A round sets every unconfirmed field that still validates with its tag, synthesizes once and
 * confirms those whose tagged text decodes back (a later setter may have overwritten one: it waits
 * for the next round). Rounds stop when one confirms nothing.
 */
function inertBatches(): Map<number, string[]> {
  if (batched) return batched;
  const confirmed = new Map<number, string[]>();
  for (;;) {
    const config = sampleConfig();
    const tried: number[] = [];
    INERT.forEach(([, entry], i) => {
      if (confirmed.has(i)) return;
      // A field whose tagged text the validation refuses (e.g. a path with a space) is left to its own synthesis.
      const trial = JSON.parse(JSON.stringify(config)) as Config; // (structuredClone crosses jest's realm)
      entry.set(trial, tagged(entry.text!, i));
      try {
        loadApp(trial);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return;
      }
      entry.set(config, tagged(entry.text!, i));
      tried.push(i);
    });
    if (tried.length === 0) break;
    const strings = synthesizedStrings(config);
    // Whole strings with a live interpolation: a field's own carry its tag (inside JSON too); one
    // without any tag fails every field of the batch.
    const live = strings.filter((s) => liveInterpolations([s]).length > 0).map((s) => s.text);
    const decoded = decodedStrings(strings);
    const found = tried.filter((i) => decoded.some((text) => text.includes(tagged(INERT[i][1].text!, i))));
    if (found.length === 0) break;
    for (const i of found) confirmed.set(i, live.filter((text) => text.includes(tagOf(i)) || !/ f\d{3}\b/.test(text)));
  }
  batched = confirmed;
  return batched;
}

describe("every configuration string reaches Terraform inert, or is rejected", () => {
  it("has an entry for every string field and map key of the schema", () => {
    expect(stringFields().sort()).toEqual(Object.keys(FIELDS).sort());
  });

  it.each(Object.entries(FIELDS).filter(([, entry]) => entry.outcome === "rejected"))("%s: rejected with its field path", (field, entry) => {
    const config = sampleConfig();
    entry.set(config, HOSTILE);
    let message = "";
    try {
      loadApp(config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      message = error.message;
    }
    // The field's own path, with map keys and indexes filled in: `services.*.names.service` → services.<key>.names.service.
    const path = (entry.at ?? field)
      .replace(/\|\d/g, "")
      .split(/(\*|\[\]| <map key>)/)
      .map((part) => ({ "*": "[^.\\s]+", "[]": "\\[\\d+\\]", " <map key>": "\\.\\S+" })[part] ?? part.replace(/[.$]/g, "\\$&"))
      .join("");
    expect(message).toMatch(new RegExp(`^  - ${path}: `, "m"));
  });

  // Inert fields are first tried together, each with its own tag (inertBatches): a field whose
  // tagged text decodes back in a batch passes with that synthesis (its live-interpolation check is
  // the batch's, over every string). One never confirmed there is synthesized alone with its plain
  // text, as before.
  it.each(INERT.map(([field, entry], i) => [field, entry, i] as const))("%s: no live interpolation, and the text decodes back", (_field, entry, i) => {
    const live = inertBatches().get(i);
    if (live) {
      expect(live).toEqual([]);
      return;
    }
    const config = sampleConfig();
    entry.set(config, entry.text!);
    const strings = synthesizedStrings(config);
    expect(liveInterpolations(strings)).toEqual([]);
    expect(decodedStrings(strings)).toContainEqual(expect.stringContaining(entry.text!));
  });
});
