/**
 * What the bootstrap stack's IAM (CI roles, permissions boundary) must know about the platform
 * stack of the same environment, derived from the same settings: names become ARNs here.
 */
import type { StackSettings } from "../config";

/** Workflow files the CI roles trust (`job_workflow_ref`), paths in `ci.githubRepository`. */
export const CI_WORKFLOWS = {
  plan: ".github/workflows/pull-request.yml",
  apply: ".github/workflows/main.yml",
  deploy: ".github/workflows/deploy-image.yml",
} as const;

/** ARN builders of one account in the environment's partition and region. */
export function arns(partition: string, region: string, accountId: string) {
  return {
    ssmParameter: (nameOrArn: string) =>
      nameOrArn.startsWith("arn:") ? nameOrArn : `arn:${partition}:ssm:${region}:${accountId}:parameter${nameOrArn.startsWith("/") ? "" : "/"}${nameOrArn}`,
    // Secrets Manager appends "-" and six random characters to the name.
    secret: (nameOrArn: string) => (nameOrArn.startsWith("arn:") ? nameOrArn : `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${nameOrArn}-??????`),
    iam: (kind: "role" | "policy", name: string) => `arn:${partition}:iam::${accountId}:${kind}/${name}`,
    ecr: (repository: string) => `arn:${partition}:ecr:${region}:${accountId}:repository/${repository}`,
    ecs: (resource: string) => `arn:${partition}:ecs:${region}:${accountId}:${resource}`,
  };
}

/** The stack's own SSM parameters: those Terraform writes (wired values, plain placeholders); never an out-of-band secret. */
export function ownParameterNames(s: StackSettings): string[] {
  const parameters = s.parameters.filter((p) => p.valueFrom !== undefined || p.type === "String").map((p) => p.name);
  // The EC2 capacity's AMI id comes from an SSM parameter Terraform reads.
  const ami = s.ec2Capacity && s.services.some((svc) => svc.capacity === "ec2") ? [s.ec2Capacity.amiParameter] : [];
  return [...parameters, ...ami];
}

/** Out-of-band secrets of the stack (Secrets Manager, named like the parameter). */
export function outOfBandSecretNames(s: StackSettings): string[] {
  return s.parameters.filter((p) => p.valueFrom === undefined && p.type === "SecureString").map((p) => p.name);
}

/** OIDC client secrets of the routes that sign in at the load balancer (set after apply by the apply role). */
export function signInSecretNames(s: StackSettings): string[] {
  const secrets = s.services.flatMap((svc) => (svc.routing?.authenticate?.kind === "oidc" ? [svc.routing.authenticate.clientSecret.secret] : []));
  return [...new Set(secrets)];
}

/** Secrets and parameters the platform's roles may read at all (the boundary's exceptions). */
export function readableByPlatform(s: StackSettings, a: ReturnType<typeof arns>, partition: string) {
  const refs = s.services.flatMap((svc) => svc.secrets);
  // Never the RDS master secret: each service reads its own database credentials.
  const databaseSecrets = s.services.filter((svc) => svc.secrets.some((r) => r.kind === "database")).map((svc) => svc.names.databaseSecret);
  const secrets = [
    ...databaseSecrets.map(a.secret),
    ...outOfBandSecretNames(s).map(a.secret),
    ...refs.flatMap((r) => (r.kind === "secretsManager" ? [a.secret(r.secret)] : [])),
  ];
  const parameters = [
    ...ownParameterNames(s).map(a.ssmParameter),
    ...refs.flatMap((r) => (r.kind === "ssm" ? [a.ssmParameter(r.name)] : [])),
    `arn:${partition}:ssm:*::parameter/aws/service/*`,
  ];
  return { secrets: [...new Set(secrets)], parameters: [...new Set(parameters)] };
}
