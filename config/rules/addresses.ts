/**
 * Terraform addresses that constructs derive from configured text. Two values that map to the
 * same address would make cdktf throw ("There is already a Construct with name ...") — a stack
 * trace instead of a config error — so they are rejected here. Each derivation below mirrors its
 * construct's; __tests__/config-rules.test.ts checks them against synthesized stacks.
 */
import { appRule, stackRule } from "./rule";

/** constructs/container-secrets.ts: a Secrets Manager name is looked up once, at the stack root. */
export const secretLookupAddress = (name: string) => `secret-${name.replace(/[^A-Za-z0-9-]/g, "-")}`;
/** constructs/task-role.ts: attachments are keyed by the policy's name (the ARN's last segment). */
export const policyAttachmentAddress = (arn: string) => `managed-${arn.split("/").pop()}`;
/** constructs/certificate.ts and alias-records.ts: DNS records are keyed by host name. */
export const recordAddress = (host: string) => host.replace(/\*/g, "wildcard").replace(/\./g, "-");

export const secretLookupsDistinct = appRule(
  "secret-lookups-distinct",
  "Secrets Manager secrets referred to by name map to distinct Terraform addresses.",
  ({ config }, report) => {
    const owners = new Map<string, { name: string; path: string }>();
    for (const [key, service] of Object.entries(config.services)) {
      for (const [envName, ref] of Object.entries(service.secrets)) {
        if (!("secretsManager" in ref) || ref.secretsManager.startsWith("arn:")) continue;
        const path = `services.${key}.secrets.${envName}.secretsManager`;
        const address = secretLookupAddress(ref.secretsManager);
        const first = owners.get(address);
        if (first && first.name !== ref.secretsManager) {
          report(path, ref.secretsManager, `its lookup would take the Terraform address data.aws_secretsmanager_secret.${address}, which ${JSON.stringify(first.name)} (${first.path}) already has: names may not differ only in characters other than letters, digits and '-'; refer to one of them by ARN`);
        } else if (!first) owners.set(address, { name: ref.secretsManager, path });
      }
    }
  },
);

export const managedPoliciesOnce = appRule("managed-policies-once", "A task role attaches each managed policy (by name) once.", ({ config }, report) => {
  for (const [key, service] of Object.entries(config.services)) {
    const seen = new Map<string, string>();
    service.taskRole.managedPolicyArns.forEach((arn, i) => {
      const first = seen.get(policyAttachmentAddress(arn));
      const path = `services.${key}.taskRole.managedPolicyArns[${i}]`;
      if (first === arn) report(path, arn, "listed twice; attach each policy once");
      else if (first) report(path, arn, `the same policy name as ${first}: a role attaches policies by name, so attach only one of them`);
      else seen.set(policyAttachmentAddress(arn), arn);
    });
  }
});

export const statementIdsUnique = stackRule("statement-ids-unique", "Statement IDs are unique within the task role's policy (IAM rejects duplicates).", ({ config, services }, report) => {
  for (const service of services) {
    // The statements ECS Exec adds to the same policy (constructs/task-role.ts).
    const reserved = service.enableExecuteCommand ? ["EcsExecChannels", "EcsExecAuditLogs", "EcsExecDescribeLogGroups"] : [];
    const seen = new Set(reserved);
    service.taskRole.statements.forEach((statement, i) => {
      const path = `services.${service.key}.taskRole.statements[${i}].sid`;
      if (seen.has(statement.sid)) {
        const why = reserved.includes(statement.sid) ? "the ECS Exec statements use it" : "another statement of this role uses it";
        report(path, config.services[service.key].taskRole.statements[i].sid ?? statement.sid, `must be unique within the policy; ${why}`);
      }
      seen.add(statement.sid);
    });
  }
});

export const hostNamesDistinct = stackRule("host-names-distinct", "The domain's host names are distinct, also as DNS record addresses.", ({ stack, envPath }, report) => {
  if (!stack.domain) return;
  const seen = new Map<string, string>();
  [stack.domain.name, ...stack.domain.alternativeNames].forEach((host, i) => {
    const path = i === 0 ? `${envPath}.domain.name` : `${envPath}.domain.alternativeNames[${i - 1}]`;
    const first = seen.get(recordAddress(host));
    if (first === host) report(path, host, "listed twice; list each host name once");
    else if (first) report(path, host, `its DNS records would take the Terraform address of ${first} ('*' and '.' are not kept in addresses); the two cannot be served together`);
    else seen.set(recordAddress(host), host);
  });
});
