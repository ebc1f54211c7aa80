/**
 * Turns a parsed AppConfig into one fully-defaulted StackSettings per environment, checking
 * everything that spans several fields. Constructs receive these settings and never parse.
 */
import { createHash } from "node:crypto";
import type { AppConfig, DatabaseValue, EnvironmentConfig, ParameterConfig, SecretRef, ServiceConfig } from "./schema";
import { CAPACITY_PROVIDERS, NAT_STRATEGIES } from "./schema";
import { cidrContains, cidrSubnet, cidrsOverlap, formatCidr, parseCidr } from "./cidr";
import { describeFargateMemory, isValidFargateMemory } from "./fargate";
import { ConfigProblem, describeValue } from "./errors";
import { azCountLimit } from "./regions";

export type NatStrategy = (typeof NAT_STRATEGIES)[number];
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number] | string;

export interface CapacityProviderShare {
  readonly provider: CapacityProvider;
  readonly weight: number;
  readonly base: number;
}

export interface NetworkSettings {
  readonly name: string;
  readonly cidr: string;
  readonly azCount: number;
  /** Explicit AZ names, or undefined to use the aws_availability_zones data source. */
  readonly availabilityZones?: readonly string[];
  readonly publicSubnets: readonly string[];
  readonly privateSubnets: readonly string[];
  readonly natGateways: NatStrategy;
  readonly flowLogs: boolean;
  readonly flowLogRetentionDays: number;
  readonly vpcEndpoints: boolean;
}

/** A container secret after resolution: where ECS reads it and which ARN the execution role needs. */
export type ResolvedSecret =
  | { readonly kind: "parameter"; readonly envName: string; readonly parameterKey: string }
  | { readonly kind: "ssm"; readonly envName: string; readonly name: string }
  | { readonly kind: "secretsManager"; readonly envName: string; readonly secret: string; readonly jsonKey?: string }
  | { readonly kind: "database"; readonly envName: string; readonly jsonKey: "username" | "password" };

export interface ServiceSettings {
  /** Config key; also the Terraform construct ID and Service Connect discovery name. */
  readonly key: string;
  readonly serviceName: string;
  readonly taskFamily: string;
  readonly containerName: string;
  readonly logGroupName: string;
  readonly targetGroupName: string;
  readonly taskRoleName: string;
  readonly repositoryName: string;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly cpu: number;
  readonly memory: number;
  readonly architecture: "X86_64" | "ARM64";
  readonly capacity: "fargate" | "ec2";
  readonly networkMode: "awsvpc" | "bridge";
  readonly capacityProviderStrategy: readonly CapacityProviderShare[];
  readonly tagMutability: "MUTABLE" | "IMMUTABLE";
  readonly keepTaggedImages: number;
  readonly untaggedExpiryDays: number;
  readonly forceDeleteRepository: boolean;
  readonly imageTag: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Non-secret database values (host, port, ...) exposed as environment variables. */
  readonly databaseEnvironment: Readonly<Record<string, Exclude<DatabaseValue, "username" | "password">>>;
  readonly secrets: readonly ResolvedSecret[];
  readonly routing?: {
    readonly pathPatterns: readonly string[];
    readonly hostHeaders: readonly string[];
    readonly priority?: number;
    readonly isDefault: boolean;
  };
  readonly healthCheck: ServiceConfig["healthCheck"];
  readonly containerHealthCheck?: ServiceConfig["containerHealthCheck"];
  readonly healthCheckGracePeriod: number;
  readonly deregistrationDelay: number;
  readonly desiredCount: number;
  readonly autoscaling?: {
    readonly minCount: number;
    readonly maxCount: number;
    readonly cpuTarget: number;
    readonly memoryTarget: number;
    readonly requestsPerTarget?: number;
  };
  readonly readonlyRootFilesystem: boolean;
  readonly user?: string;
  readonly taskRole: ServiceConfig["taskRole"];
  readonly serviceConnect: boolean;
  readonly enableExecuteCommand: boolean;
}

export interface DatabaseSettings {
  readonly identifier: string;
  readonly subnetGroupName: string;
  readonly engineVersion: string;
  readonly parameterGroupFamily: string;
  readonly instanceClass: string;
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly port: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly finalSnapshot: boolean;
  readonly performanceInsights: boolean;
}

export interface ParameterSettings {
  readonly key: string;
  readonly name: string;
  readonly type: "String" | "SecureString";
  readonly description: string;
  readonly valueFrom?: ParameterConfig["valueFrom"];
}

export interface LoadBalancerSettings {
  readonly name: string;
  readonly ingressCidrs: readonly string[];
  readonly idleTimeout: number;
  readonly deletionProtection: boolean;
  readonly accessLogs: boolean;
  readonly accessLogRetentionDays: number;
}

export interface DomainSettings {
  readonly zone: string;
  readonly name: string;
  readonly alternativeNames: readonly string[];
  readonly ipv6: boolean;
}

export interface Ec2CapacitySettings {
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly rootVolumeSize: number;
  readonly targetCapacity: number;
  readonly sshCidr?: string;
  readonly keyName?: string;
  readonly amiParameter: string;
}

/** Everything one (application, environment) stack needs, with every default applied. */
export interface StackSettings {
  readonly app: string;
  readonly environment: string;
  readonly stackName: string;
  readonly production: boolean;
  readonly region: string;
  readonly allowedAccountIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly state: { readonly bucket: string; readonly key: string; readonly region: string; readonly locking: boolean };
  readonly network: NetworkSettings;
  readonly logRetentionDays: number;
  readonly names: {
    readonly cluster: string;
    readonly albSecurityGroup: string;
    readonly taskSecurityGroup: string;
    readonly databaseSecurityGroup: string;
    readonly executionRole: string;
    readonly executionSecretsPolicy: string;
    /** Prefix for every other generated name: `<app>-<env>`. */
    readonly prefix: string;
  };
  readonly cluster: {
    readonly containerInsights: boolean;
    readonly ecsExec: boolean;
    readonly capacityProviderStrategy: readonly CapacityProviderShare[];
  };
  readonly loadBalancer: LoadBalancerSettings;
  readonly domain?: DomainSettings;
  readonly services: readonly ServiceSettings[];
  readonly database?: DatabaseSettings;
  readonly parameters: readonly ParameterSettings[];
  readonly ec2Capacity?: Ec2CapacitySettings;
  readonly alarms: { readonly enabled: boolean; readonly email?: string };
  /** GitHub OIDC access for CI, set up by the bootstrap stack. */
  readonly ci?: EnvironmentConfig["ci"];
}

/** AWS name limits (ALB, target group: 32) are met by truncating and adding a stable hash. */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, max - 7).replace(/-+$/, "")}-${hash}`;
}

class Problems {
  readonly list: ConfigProblem[] = [];
  add(path: string, value: unknown, allowed: string): void {
    this.list.push({ path, message: `${describeValue(value)} is not allowed; ${allowed}` });
  }
}

/** Validates cross-field rules and resolves defaults. Returns problems instead of throwing. */
export function resolveApp(config: AppConfig): { stacks: StackSettings[]; problems: ConfigProblem[] } {
  const problems = new Problems();
  checkApp(config, problems);
  const stacks = Object.entries(config.environments).map(([env, envConfig]) =>
    resolveEnvironment(config, env, envConfig, problems),
  );
  return { stacks, problems: dedupe(problems.list) };
}

function dedupe(list: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rules that do not depend on the environment. */
function checkApp(config: AppConfig, problems: Problems): void {
  const services = Object.entries(config.services);
  if (services.length === 0) problems.add("services", config.services, "define at least one service");
  if (Object.keys(config.environments).length === 0) problems.add("environments", config.environments, "define at least one environment (e.g. dev)");

  const routed = services.filter(([, s]) => s.routing !== undefined);
  const defaults = routed.filter(([, s]) => s.routing?.default);
  if (defaults.length > 1) {
    for (const [key] of defaults.slice(1)) {
      problems.add(`services.${key}.routing.default`, true, `only one service may be the listener's default action (already: ${defaults[0][0]})`);
    }
  }
  if (routed.length > 0 && defaults.length === 0 && services.length > 1) {
    problems.add("services.*.routing.default", false, "exactly one routed service must set routing.default: true (it answers requests no rule matches)");
  }
  const priorities = new Map<number, string>();
  for (const [key, service] of routed) {
    const routing = service.routing!;
    const conditions = (routing.pathPatterns?.length ?? 0) + (routing.hostHeaders?.length ?? 0);
    if (!routing.default || conditions > 0) {
      if (conditions === 0) problems.add(`services.${key}.routing`, routing, "a non-default route needs pathPatterns and/or hostHeaders");
      if (routing.priority === undefined) problems.add(`services.${key}.routing.priority`, undefined, "a rule needs an explicit priority 1–50000 (unique per listener)");
    }
    if (routing.priority !== undefined) {
      const other = priorities.get(routing.priority);
      if (other) problems.add(`services.${key}.routing.priority`, routing.priority, `must be unique; service ${other} already uses it`);
      else priorities.set(routing.priority, key);
    }
  }

  const hostPorts = new Map<number, string>();
  for (const [key, service] of services) {
    const path = `services.${key}`;
    if (service.capacity === "fargate") {
      if (!isValidFargateMemory(service.cpu, service.memory)) checkFargateSize(problems, path, service.cpu, service.memory);
      if (service.networkMode === "bridge") problems.add(`${path}.networkMode`, "bridge", 'Fargate supports only "awsvpc"; use capacity: "ec2" for bridge networking');
    } else {
      if (service.memory < 6) problems.add(`${path}.memory`, service.memory, "must be at least 6 MiB");
      for (const [i, share] of (service.capacityProviderStrategy ?? []).entries()) {
        if (share.provider === "FARGATE" || share.provider === "FARGATE_SPOT") {
          problems.add(`${path}.capacityProviderStrategy[${i}].provider`, share.provider, 'a service with capacity "ec2" runs only on the environment\'s EC2 capacity provider; remove Fargate/Fargate Spot entries');
        }
      }
      if (service.networkMode === "bridge") {
        const hostPort = service.hostPort ?? service.containerPort;
        const other = hostPorts.get(hostPort);
        if (other) problems.add(`${path}.hostPort`, hostPort, `clashes with service ${other} on the same EC2 instances; choose another host port`);
        hostPorts.set(hostPort, key);
      }
    }
    if (service.hostPort !== undefined && service.networkMode !== "bridge") {
      problems.add(`${path}.hostPort`, service.hostPort, 'only allowed with networkMode "bridge" (awsvpc uses the container port)');
    }
    checkVariableNames(problems, path, service);
    for (const [envName, ref] of Object.entries(service.secrets)) {
      if ("parameter" in ref && !(ref.parameter in config.parameters)) {
        problems.add(`${path}.secrets.${envName}.parameter`, ref.parameter, `must be a key of parameters (declared: ${Object.keys(config.parameters).join(", ") || "none"})`);
      }
    }
    if (Object.keys(service.databaseEnv).length > 0 && !config.database) {
      problems.add(`${path}.databaseEnv`, service.databaseEnv, "needs a database section (database values come from the stack's RDS instance)");
    }
    if (service.routing && service.networkMode === "bridge" && service.capacity !== "ec2") {
      problems.add(`${path}.networkMode`, service.networkMode, 'bridge needs capacity "ec2"');
    }
  }

  for (const [key, parameter] of Object.entries(config.parameters)) {
    if (parameter.valueFrom && "database" in parameter.valueFrom && !config.database) {
      problems.add(`parameters.${key}.valueFrom.database`, parameter.valueFrom.database, "needs a database section");
    }
    if (parameter.valueFrom && "loadBalancer" in parameter.valueFrom && routed.length === 0 && services.length > 1) {
      problems.add(`parameters.${key}.valueFrom.loadBalancer`, "url", "needs at least one service behind the load balancer (routing)");
    }
  }
  uniqueNames(problems, "names.service", services.map(([k, s]) => [k, s.names.service ?? k]));
  uniqueNames(problems, "names.container", services.map(([k, s]) => [k, s.names.container ?? k]));
  uniqueNames(problems, "names.taskFamily", services.map(([k, s]) => [k, s.names.taskFamily ?? k]));
  uniqueNames(problems, "names.logGroup", services.map(([k, s]) => [k, s.names.logGroup ?? k]));
  uniqueNames(problems, "names.targetGroup", services.map(([k, s]) => [k, s.names.targetGroup ?? k]));
  uniqueNames(problems, "names.taskRole", services.map(([k, s]) => [k, s.names.taskRole ?? k]));
  uniqueNames(problems, "repository.name", services.map(([k, s]) => [k, s.repository.name ?? k]));
}

function checkFargateSize(problems: Problems, path: string, cpu: number, memory: number): void {
  if (describeFargateMemory(cpu).startsWith("cpu must")) {
    problems.add(`${path}.cpu`, cpu, describeFargateMemory(cpu));
  } else {
    problems.add(`${path}.memory`, memory, `not valid with cpu ${cpu} (Fargate allows ${describeFargateMemory(cpu)} MiB)`);
  }
}

function checkVariableNames(problems: Problems, path: string, service: ServiceConfig): void {
  const seen = new Map<string, string>();
  const sources: [string, string[]][] = [
    ["environment", Object.keys(service.environment)],
    ["secrets", Object.keys(service.secrets)],
    ["databaseEnv", Object.keys(service.databaseEnv)],
  ];
  for (const [source, names] of sources) {
    for (const name of names) {
      const first = seen.get(name);
      if (first) problems.add(`${path}.${source}.${name}`, name, `is already defined in ${path}.${first}; a variable may be set only once`);
      else seen.set(name, source);
    }
  }
}

function uniqueNames(problems: Problems, field: string, entries: [string, string][]): void {
  const seen = new Map<string, string>();
  for (const [key, name] of entries) {
    const other = seen.get(name);
    if (other && key !== other) problems.add(`services.${key}.${field}`, name, `must be unique; service ${other} already uses it`);
    else seen.set(name, key);
  }
}

function resolveEnvironment(config: AppConfig, env: string, e: EnvironmentConfig, problems: Problems): StackSettings {
  const app = config.app;
  const envPath = `environments.${env}`;
  const production = e.production ?? env === "prod";
  const prefix = `${app}-${env}`;
  const network = resolveNetwork(`${envPath}.network`, e, config.names.vpc ?? prefix, production, problems);

  for (const key of Object.keys(e.services)) {
    if (!(key in config.services)) problems.add(`${envPath}.services.${key}`, key, `must be a service name (defined: ${Object.keys(config.services).join(", ")})`);
  }
  const needsEc2 = Object.values(config.services).some((s) => s.capacity === "ec2");
  if (needsEc2 && !e.ec2Capacity) {
    const first = Object.entries(config.services).find(([, s]) => s.capacity === "ec2")![0];
    problems.add(`${envPath}.ec2Capacity`, undefined, `required because service ${first} uses capacity "ec2"`);
  }
  if (needsEc2 && /^(aws|ecs|fargate)/i.test(prefix)) {
    problems.add("app", app, `the EC2 capacity provider would be named "${prefix}-ec2", but ECS reserves names starting with "aws", "ecs" or "fargate"; choose an app name that does not start with them`);
  }
  if (e.ec2Capacity) {
    if (e.ec2Capacity.minSize > e.ec2Capacity.maxSize) problems.add(`${envPath}.ec2Capacity.minSize`, e.ec2Capacity.minSize, `must be ≤ maxSize (${e.ec2Capacity.maxSize})`);
    if (e.ec2Capacity.sshCidr && parseCidr(e.ec2Capacity.sshCidr)?.prefix === 0) {
      problems.add(`${envPath}.ec2Capacity.sshCidr`, e.ec2Capacity.sshCidr, "SSH from the whole internet is not allowed; give an admin CIDR (e.g. 203.0.113.10/32) or omit it and use Session Manager");
    }
  }
  if (e.domain && !e.domain.zone) {
    problems.add(`${envPath}.domain.zone`, undefined, "is required with domain.name (the existing Route 53 hosted zone to create records in)");
  }
  if (e.domain?.zone) {
    for (const [i, host] of [e.domain.name, ...e.domain.alternativeNames].entries()) {
      if (host !== e.domain.zone && !host.endsWith(`.${e.domain.zone}`)) {
        const field = i === 0 ? "domain.name" : `domain.alternativeNames[${i - 1}]`;
        problems.add(`${envPath}.${field}`, host, `must be inside the hosted zone ${e.domain.zone}`);
      }
    }
  }

  const strategy = (e.capacityProviderStrategy ??
    (production
      ? [{ provider: "FARGATE", weight: 1, base: 0 }]
      : [
          { provider: "FARGATE", weight: 1, base: 1 },
          { provider: "FARGATE_SPOT", weight: 3, base: 0 },
        ])) as CapacityProviderShare[];
  checkStrategy(problems, `${envPath}.capacityProviderStrategy`, strategy);

  const ecsExec = e.ecsExec ?? !production;
  const services = Object.entries(config.services)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, s]) => resolveService(config, env, e, key, s, production, strategy, ecsExec, problems));

  const albName = e.loadBalancer.name ?? shortName(prefix, 32);
  const database = config.database ? resolveDatabase(config, e, production, prefix) : undefined;
  if (database && database.maxAllocatedStorage !== 0 && database.maxAllocatedStorage <= database.allocatedStorage) {
    problems.add(`${envPath}.database.maxAllocatedStorage`, database.maxAllocatedStorage, `must be 0 (no storage autoscaling) or greater than allocatedStorage (${database.allocatedStorage})`);
  }
  return {
    app,
    environment: env,
    stackName: prefix,
    production,
    region: e.region,
    allowedAccountIds: e.allowedAccountIds,
    tags: { ...e.tags, app, environment: env, "managed-by": "ecs-platform-cdktf" },
    state: {
      bucket: e.state.bucket,
      key: `${e.state.keyPrefix}${app}/${env}/terraform.tfstate`,
      region: e.state.region ?? e.region,
      locking: e.state.locking,
    },
    network,
    logRetentionDays: e.logRetentionDays,
    names: {
      prefix,
      cluster: config.names.cluster ?? prefix,
      albSecurityGroup: config.names.albSecurityGroup ?? `${prefix}-alb`,
      taskSecurityGroup: config.names.taskSecurityGroup ?? `${prefix}-tasks`,
      databaseSecurityGroup: config.names.databaseSecurityGroup ?? `${prefix}-db`,
      executionRole: config.names.executionRole ?? shortName(`${prefix}-execution`, 64),
      executionSecretsPolicy: config.names.executionSecretsPolicy ?? "read-task-secrets",
    },
    cluster: { containerInsights: e.containerInsights ?? production, ecsExec, capacityProviderStrategy: strategy },
    loadBalancer: {
      name: albName,
      ingressCidrs: e.loadBalancer.ingressCidrs,
      idleTimeout: e.loadBalancer.idleTimeout,
      deletionProtection: e.loadBalancer.deletionProtection ?? production,
      accessLogs: e.loadBalancer.accessLogs ?? production,
      accessLogRetentionDays: e.loadBalancer.accessLogRetentionDays,
    },
    domain: e.domain?.zone ? { zone: e.domain.zone, name: e.domain.name, alternativeNames: e.domain.alternativeNames, ipv6: e.domain.ipv6 } : undefined,
    services,
    database,
    parameters: Object.entries(config.parameters)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, p]) => ({
        key,
        name: p.name ?? `/${app}/${env}/${key}`,
        type: p.type,
        description: p.description ?? `${key} for ${app} (${env})`,
        valueFrom: p.valueFrom,
      })),
    ec2Capacity: e.ec2Capacity,
    alarms: e.alarms,
    ci: e.ci,
  };
}

function checkStrategy(problems: Problems, path: string, strategy: readonly CapacityProviderShare[]): void {
  const providers = strategy.map((s) => s.provider);
  if (new Set(providers).size !== providers.length) problems.add(path, providers, "each capacity provider may appear once");
  if (strategy.filter((s) => s.base > 0).length > 1) problems.add(path, strategy, "only one capacity provider may have a base > 0");
  if (strategy.every((s) => s.weight === 0)) problems.add(path, strategy, "at least one capacity provider needs a weight > 0");
}

function resolveNetwork(path: string, e: EnvironmentConfig, name: string, production: boolean, problems: Problems): NetworkSettings {
  const n = e.network;
  const vpc = parseCidr(n.cidr)!;
  const azCount = n.availabilityZones?.length ?? n.azCount;
  if (n.availabilityZones) {
    if (n.availabilityZones.length !== n.azCount && n.azCount !== 2) {
      problems.add(`${path}.azCount`, n.azCount, `must match the ${n.availabilityZones.length} availabilityZones given (or be omitted)`);
    }
    for (const [i, az] of n.availabilityZones.entries()) {
      if (!az.startsWith(e.region)) problems.add(`${path}.availabilityZones[${i}]`, az, `must be an AZ of the environment's region ${e.region}`);
    }
    if (new Set(n.availabilityZones).size !== n.availabilityZones.length) problems.add(`${path}.availabilityZones`, n.availabilityZones, "must not repeat an AZ");
  }
  const limit = azCountLimit(e.region);
  if (azCount > limit.count) {
    problems.add(`${path}.azCount`, azCount, `region ${e.region} has ${limit.known ? "" : "(assumed) "}${limit.count} availability zones; allowed: 1–${limit.count}`);
  }
  if (vpc.prefix < 16 || vpc.prefix > 24) problems.add(`${path}.cidr`, n.cidr, "AWS VPCs must be between /16 and /24");

  const carve = (offset: number): string[] => {
    const fits = vpc.prefix + n.subnetNewBits <= 28 && offset + azCount <= 2 ** n.subnetNewBits;
    if (!fits) return [];
    return Array.from({ length: azCount }, (_, i) => formatCidr(cidrSubnet(vpc, n.subnetNewBits, offset + i)));
  };
  const half = 2 ** (n.subnetNewBits - 1);
  if (!n.publicSubnets || !n.privateSubnets) {
    if (vpc.prefix + n.subnetNewBits > 28) {
      problems.add(`${path}.subnetNewBits`, n.subnetNewBits, `with ${n.cidr} subnets would be smaller than /28; allowed: at most ${28 - vpc.prefix}`);
    } else if (azCount > half) {
      problems.add(`${path}.subnetNewBits`, n.subnetNewBits, `too few blocks for ${azCount} public + ${azCount} private subnets; allowed: at least ${Math.ceil(Math.log2(azCount)) + 1}`);
    }
  }
  const publicSubnets = n.publicSubnets ?? carve(0);
  const privateSubnets = n.privateSubnets ?? carve(half);
  checkSubnets(problems, path, vpc, n.cidr, azCount, n.publicSubnets, n.privateSubnets, publicSubnets, privateSubnets);

  const natGateways = n.natGateways ?? (production ? "perAz" : "single");
  if (natGateways === "none" && !n.vpcEndpoints) {
    problems.add(`${path}.natGateways`, "none", "tasks in private subnets then cannot reach ECR, CloudWatch Logs or SSM; set network.vpcEndpoints: true or use \"single\" / \"perAz\"");
  }
  return {
    name,
    cidr: n.cidr,
    azCount,
    availabilityZones: n.availabilityZones,
    publicSubnets,
    privateSubnets,
    natGateways,
    flowLogs: n.flowLogs,
    flowLogRetentionDays: n.flowLogRetentionDays ?? e.logRetentionDays,
    vpcEndpoints: n.vpcEndpoints,
  };
}

function checkSubnets(
  problems: Problems,
  path: string,
  vpc: ReturnType<typeof parseCidr> & object,
  vpcText: string,
  azCount: number,
  explicitPublic: readonly string[] | undefined,
  explicitPrivate: readonly string[] | undefined,
  publicSubnets: readonly string[],
  privateSubnets: readonly string[],
): void {
  const all: [string, string][] = [];
  for (const [field, explicit, list] of [
    ["publicSubnets", explicitPublic, publicSubnets],
    ["privateSubnets", explicitPrivate, privateSubnets],
  ] as const) {
    if (explicit && explicit.length !== azCount) {
      problems.add(`${path}.${field}`, explicit, `needs exactly one CIDR per AZ (${azCount})`);
    }
    list.forEach((text, i) => all.push([`${path}.${field}[${i}]`, text]));
  }
  for (const [i, [fieldA, a]] of all.entries()) {
    const cidrA = parseCidr(a)!;
    if (!cidrContains(vpc, cidrA)) problems.add(fieldA, a, `must be inside the VPC CIDR ${vpcText}`);
    if (cidrA.prefix > 28) problems.add(fieldA, a, "subnets must be /28 or larger");
    for (const [fieldB, b] of all.slice(i + 1)) {
      if (cidrsOverlap(cidrA, parseCidr(b)!)) problems.add(fieldB, b, `overlaps ${fieldA} (${a}); subnets must not overlap`);
    }
  }
}

function resolveService(
  config: AppConfig,
  env: string,
  e: EnvironmentConfig,
  key: string,
  s: ServiceConfig,
  production: boolean,
  envStrategy: readonly CapacityProviderShare[],
  ecsExec: boolean,
  problems: Problems,
): ServiceSettings {
  const prefix = `${config.app}-${env}`;
  const override = e.services[key] ?? {};
  const path = `environments.${env}.services.${key}`;
  const cpu = override.cpu ?? s.cpu;
  const memory = override.memory ?? s.memory;
  if ((override.cpu !== undefined || override.memory !== undefined) && s.capacity === "fargate" && !isValidFargateMemory(cpu, memory)) {
    checkFargateSize(problems, path, cpu, memory);
  }
  const desiredCount = override.desiredCount ?? s.desiredCount ?? (production ? 2 : 1);
  const minCount = override.minCount ?? desiredCount;
  const maxCount = override.maxCount ?? Math.max(desiredCount * 4, minCount, 2);
  if (minCount > maxCount) problems.add(`${path}.minCount`, minCount, `must be ≤ maxCount (${maxCount})`);
  if (desiredCount < minCount || desiredCount > maxCount) {
    problems.add(`${path}.desiredCount`, desiredCount, `must be between minCount (${minCount}) and maxCount (${maxCount})`);
  }
  const isSingle = Object.keys(config.services).length === 1;
  const routing = s.routing
    ? {
        pathPatterns: s.routing.pathPatterns ?? [],
        hostHeaders: s.routing.hostHeaders ?? [],
        priority: s.routing.priority,
        isDefault: s.routing.default || (isSingle && !s.routing.pathPatterns && !s.routing.hostHeaders),
      }
    : isSingle
      ? { pathPatterns: [], hostHeaders: [], isDefault: true }
      : undefined;

  const secrets: ResolvedSecret[] = Object.entries(s.secrets).map(([envName, ref]) => resolveSecret(envName, ref));
  const databaseEnvironment: Record<string, Exclude<DatabaseValue, "username" | "password">> = {};
  for (const [envName, value] of Object.entries(s.databaseEnv)) {
    if (value === "username" || value === "password") secrets.push({ kind: "database", envName, jsonKey: value });
    else databaseEnvironment[envName] = value;
  }
  secrets.sort((a, b) => a.envName.localeCompare(b.envName));
  const strategy = s.capacity === "ec2" ? [{ provider: "ec2", weight: 1, base: 0 }] : (s.capacityProviderStrategy ?? envStrategy);
  if (s.capacityProviderStrategy && s.capacity === "fargate") checkStrategy(problems, `services.${key}.capacityProviderStrategy`, s.capacityProviderStrategy);

  return {
    key,
    serviceName: s.names.service ?? key,
    taskFamily: s.names.taskFamily ?? `${prefix}-${key}`,
    containerName: s.names.container ?? key,
    logGroupName: s.names.logGroup ?? `/ecs/${prefix}/${key}`,
    targetGroupName: s.names.targetGroup ?? shortName(`${prefix}-${key}`, 32),
    taskRoleName: s.names.taskRole ?? shortName(`${prefix}-${key}-task`, 64),
    repositoryName: s.repository.name ?? `${config.app}/${key}`,
    containerPort: s.containerPort,
    hostPort: s.networkMode === "bridge" ? (s.hostPort ?? s.containerPort) : s.containerPort,
    cpu,
    memory,
    architecture: s.architecture,
    capacity: s.capacity,
    networkMode: s.networkMode,
    capacityProviderStrategy: strategy,
    tagMutability: s.repository.tagMutability ?? (production ? "IMMUTABLE" : "MUTABLE"),
    keepTaggedImages: s.repository.keepTaggedImages,
    untaggedExpiryDays: s.repository.untaggedExpiryDays,
    forceDeleteRepository: !production,
    imageTag: s.imageTag,
    environment: s.environment,
    databaseEnvironment,
    secrets,
    routing,
    healthCheck: s.healthCheck,
    containerHealthCheck: s.containerHealthCheck,
    healthCheckGracePeriod: s.healthCheckGracePeriod,
    deregistrationDelay: s.deregistrationDelay,
    desiredCount,
    autoscaling: s.autoscaling.enabled
      ? {
          minCount,
          maxCount,
          cpuTarget: s.autoscaling.cpuTarget,
          memoryTarget: s.autoscaling.memoryTarget,
          requestsPerTarget: routing ? s.autoscaling.requestsPerTarget : undefined,
        }
      : undefined,
    readonlyRootFilesystem: s.readonlyRootFilesystem,
    user: s.user,
    taskRole: s.taskRole,
    serviceConnect: s.serviceConnect,
    enableExecuteCommand: ecsExec,
  };
}

function resolveSecret(envName: string, ref: SecretRef): ResolvedSecret {
  if ("parameter" in ref) return { kind: "parameter", envName, parameterKey: ref.parameter };
  if ("ssmParameter" in ref) return { kind: "ssm", envName, name: ref.ssmParameter };
  return { kind: "secretsManager", envName, secret: ref.secretsManager, jsonKey: ref.jsonKey };
}

function resolveDatabase(config: AppConfig, e: EnvironmentConfig, production: boolean, prefix: string): DatabaseSettings {
  const d = config.database!;
  const o = e.database;
  return {
    identifier: d.identifier ?? prefix,
    subnetGroupName: d.subnetGroupName ?? `${prefix}-db`,
    engineVersion: d.engineVersion,
    parameterGroupFamily: `postgres${d.engineVersion.split(".")[0]}`,
    instanceClass: o.instanceClass ?? d.instanceClass ?? (production ? "db.t4g.medium" : "db.t4g.micro"),
    allocatedStorage: o.allocatedStorage ?? d.allocatedStorage,
    maxAllocatedStorage: o.maxAllocatedStorage ?? d.maxAllocatedStorage,
    databaseName: d.databaseName ?? config.app.replace(/-/g, "_"),
    masterUsername: d.masterUsername,
    port: d.port,
    backupRetentionDays: o.backupRetentionDays ?? d.backupRetentionDays,
    multiAz: o.multiAz ?? production,
    deletionProtection: o.deletionProtection ?? production,
    finalSnapshot: o.finalSnapshot ?? production,
    performanceInsights: o.performanceInsights ?? d.performanceInsights,
  };
}
