import { describeFargateMemory, isValidFargateMemory } from "../fargate";
import { own } from "../maps";
import type { CapacityProviderShare } from "../settings";
import { stackRule, type Report, type StackContext } from "./rule";

/** Where a service's size comes from: the environment's override, or the service itself. */
function sizePath({ env, envPath }: StackContext, key: string): string {
  const override = own(env.services, key);
  return override?.cpu !== undefined || override?.memory !== undefined ? `${envPath}.services.${key}` : `services.${key}`;
}

export const fargateTaskSize = stackRule("fargate-task-size", "Fargate tasks use a CPU/memory combination Fargate offers.", (ctx, report) => {
  for (const service of ctx.services) {
    if (service.capacity !== "fargate" || isValidFargateMemory(service.cpu, service.memory)) continue;
    const path = sizePath(ctx, service.key);
    const allowed = describeFargateMemory(service.cpu);
    if (allowed.startsWith("cpu must")) report(`${path}.cpu`, service.cpu, allowed);
    else report(`${path}.memory`, service.memory, `not valid with cpu ${service.cpu} (Fargate allows ${allowed} MiB)`);
  }
});

export const ec2TaskMemory = stackRule("ec2-task-memory", "EC2 tasks reserve at least 6 MiB.", (ctx, report) => {
  for (const service of ctx.services) {
    if (service.capacity === "ec2" && service.memory < 6) report(`${sizePath(ctx, service.key)}.memory`, service.memory, "must be at least 6 MiB");
  }
});

export const fargateNetworkMode = stackRule("fargate-network-mode", "Fargate tasks use awsvpc networking.", ({ services }, report) => {
  for (const service of services) {
    if (service.capacity === "fargate" && service.networkMode === "bridge") {
      report(`services.${service.key}.networkMode`, "bridge", 'Fargate supports only "awsvpc"; use capacity: "ec2" for bridge networking');
    }
  }
});

export const hostPortNeedsBridge = stackRule("host-port-needs-bridge", "hostPort is only meaningful in bridge mode.", ({ config, services }, report) => {
  for (const service of services) {
    const hostPort = config.services[service.key].hostPort;
    if (hostPort !== undefined && service.networkMode !== "bridge") {
      report(`services.${service.key}.hostPort`, hostPort, 'only allowed with networkMode "bridge" (awsvpc uses the container port)');
    }
  }
});

export const uniqueHostPorts = stackRule("unique-host-ports", "Bridge-mode services on the same instances use different host ports.", ({ services }, report) => {
  const owners = new Map<number, string>();
  for (const service of services) {
    if (service.capacity !== "ec2" || service.networkMode !== "bridge" || service.hostPort === undefined) continue;
    const other = owners.get(service.hostPort);
    if (other) report(`services.${service.key}.hostPort`, service.hostPort, `clashes with service ${other} on the same EC2 instances; choose another host port`);
    owners.set(service.hostPort, service.key);
  }
});

export const ec2ServicesOnEc2Only = stackRule("ec2-services-on-ec2-only", "EC2 services name no Fargate capacity provider.", ({ config, services }, report) => {
  for (const service of services) {
    if (service.capacity !== "ec2") continue;
    for (const [i, share] of (config.services[service.key].capacityProviderStrategy ?? []).entries()) {
      if (share.provider === "FARGATE" || share.provider === "FARGATE_SPOT") {
        report(`services.${service.key}.capacityProviderStrategy[${i}].provider`, share.provider, 'a service with capacity "ec2" runs only on the environment\'s EC2 capacity provider; remove Fargate/Fargate Spot entries');
      }
    }
  }
});

function checkStrategy(report: Report, path: string, strategy: readonly CapacityProviderShare[]): void {
  const providers = strategy.map((s) => s.provider);
  if (new Set(providers).size !== providers.length) report(path, providers, "each capacity provider may appear once");
  if (strategy.filter((s) => s.base > 0).length > 1) report(path, strategy, "only one capacity provider may have a base > 0");
  if (strategy.every((s) => s.weight === 0)) report(path, strategy, "at least one capacity provider needs a weight > 0");
}

export const capacityStrategyShape = stackRule(
  "capacity-strategy-shape",
  "A capacity provider strategy names each provider once, has at most one base and some weight.",
  ({ config, stack, envPath, services }, report) => {
    checkStrategy(report, `${envPath}.capacityProviderStrategy`, stack.cluster.capacityProviderStrategy);
    for (const service of services) {
      const configured = config.services[service.key].capacityProviderStrategy;
      if (configured && service.capacity === "fargate") checkStrategy(report, `services.${service.key}.capacityProviderStrategy`, configured);
    }
  },
);

export const ec2CapacityRequired = stackRule("ec2-capacity-required", "EC2 services need the environment's ec2Capacity.", ({ stack, envPath, services }, report) => {
  const first = services.find((s) => s.capacity === "ec2");
  if (first && !stack.ec2Capacity) report(`${envPath}.ec2Capacity`, undefined, `required because service ${first.key} uses capacity "ec2"`);
});

export const ec2CapacityProviderName = stackRule("ec2-capacity-provider-name", "The EC2 capacity provider's name avoids prefixes ECS reserves.", ({ stack, services }, report) => {
  const name = stack.names.ec2CapacityProvider;
  if (services.some((s) => s.capacity === "ec2") && /^(aws|ecs|fargate)/i.test(name)) {
    report("app", stack.app, `the EC2 capacity provider would be named "${name}", but ECS reserves names starting with "aws", "ecs" or "fargate"; choose an app name that does not start with them`);
  }
});

export const ec2CapacityBounds = stackRule("ec2-capacity-bounds", "The Auto Scaling group's minimum is at most its maximum.", ({ stack, envPath }, report) => {
  const ec2 = stack.ec2Capacity;
  if (ec2 && ec2.minSize > ec2.maxSize) report(`${envPath}.ec2Capacity.minSize`, ec2.minSize, `must be ≤ maxSize (${ec2.maxSize})`);
});
