import { stackResourceNames, type NamedResource } from "./resource-names";
import { appRule, stackContext, stackRule } from "./rule";

const key = (r: NamedResource) => `${r.kind}\u0000${r.caseInsensitive ? r.name.toLowerCase() : r.name}`;

export const uniqueResourceNames = stackRule(
  // The id predates the rule's reach beyond services' own names (kept: rule tests and users refer to it).
  "unique-service-names",
  "No two resources of a stack share a resolved name (IAM roles, log groups, task families, target groups, ECR repositories, security groups, ...), after defaults and overrides.",
  (ctx, report) => {
    const first = new Map<string, NamedResource>();
    for (const resource of stackResourceNames(ctx)) {
      const earlier = first.get(key(resource));
      if (!earlier) first.set(key(resource), resource);
      else if (earlier.owner !== resource.owner || earlier.path !== resource.path) {
        const casing = resource.caseInsensitive && earlier.name !== resource.name ? ` (as "${earlier.name}"; IAM ignores case)` : "";
        report(resource.path, resource.name, `must be unique; ${earlier.owner} already uses it${casing}`);
      }
    }
  },
);

/** The accounts two environments share (an environment may allow several). */
const sharedAccount = (a: readonly string[], b: readonly string[]) => a.find((account) => b.includes(account));

function fixFor(resource: NamedResource, environment: string): string {
  if (resource.kind === "ECR repository") {
    const service = resource.path.split(".")[1];
    return `give one of them its own repository (environments.${environment}.services.${service}.repositoryName), or deploy them to different accounts or regions`;
  }
  if (resource.path.startsWith("environments.")) return "rename it in one of them, or deploy them to different accounts or regions";
  return "an app-wide name is the same in every environment: drop the override, or deploy the environments to different accounts or regions";
}

export const environmentsApart = appRule(
  "environments-apart",
  "Environments in one account (and region) create no two resources with the same name; renaming an existing resource would replace it, so default names never change: the configuration is rejected instead.",
  (ctx, report) => {
    const stacks = ctx.stacks.map((stack) => ({ stack, names: stackResourceNames(stackContext(ctx, stack)) }));
    for (const [j, later] of stacks.entries()) {
      for (const earlier of stacks.slice(0, j)) {
        const account = sharedAccount(earlier.stack.allowedAccountIds, later.stack.allowedAccountIds);
        if (!account) continue;
        const sameRegion = earlier.stack.region === later.stack.region;
        const taken = new Map(earlier.names.filter((r) => r.scope === "account" || (r.scope === "region" && sameRegion)).map((r) => [key(r), r]));
        const reported = new Set<string>();
        for (const resource of later.names) {
          const other = taken.get(key(resource));
          if (!other || reported.has(resource.path)) continue;
          reported.add(resource.path);
          const where = resource.scope === "account" ? `account ${account}` : `account ${account} and region ${later.stack.region}`;
          report(
            resource.path,
            resource.name,
            `environments ${earlier.stack.environment} and ${later.stack.environment} share ${where}, and both would create the ${resource.kind} "${resource.name}"; ${fixFor(resource, later.stack.environment)}`,
          );
        }
      }
    }
  },
);
