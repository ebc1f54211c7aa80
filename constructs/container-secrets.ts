import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import type { ContainerSecret } from "./container-definition";

/** Where one container secret comes from. */
export type SecretSource =
  | { readonly kind: "parameter"; readonly envName: string; readonly parameterKey: string }
  | { readonly kind: "ssm"; readonly envName: string; readonly name: string }
  | { readonly kind: "secretsManager"; readonly envName: string; readonly secret: string; readonly jsonKey?: string }
  | { readonly kind: "database"; readonly envName: string; readonly jsonKey: "username" | "password" };

export interface ContainerSecretsProps {
  readonly region: string;
  readonly partition: string;
  readonly accountId: string;
  /** Store and ARN of the parameters the stack creates (SSM parameters or out-of-band secrets), by configuration key. */
  readonly parameters: Readonly<Record<string, { readonly store: "ssm" | "secretsmanager"; readonly arn: string }>>;
}

/**
 * Turns the services' secret sources into what ECS reads (`valueFrom` ARNs, with `:jsonKey::` for
 * one key of a JSON secret) and collects the exact ARNs the execution role must be allowed to read.
 */
export class ContainerSecrets extends Construct {
  private readonly reads = new Map<string, { store: "ssm" | "secretsmanager"; arn: string }>();
  private readonly secretLookups = new Map<string, string>();

  constructor(scope: Construct, id: string, private readonly props: ContainerSecretsProps) {
    super(scope, id);
  }

  /**
   * The container secrets of one service; their sources join the execution role's reads.
   * @param databaseSecretArn the service's own database credentials (never the master user's). @default - none
   */
  forService(sources: readonly SecretSource[], databaseSecretArn?: string): ContainerSecret[] {
    return sources.map((source) => {
      const { store, key, arn } = this.resolve(source, databaseSecretArn);
      if (!this.reads.has(key)) this.reads.set(key, { store, arn });
      const jsonKey = source.kind === "database" || source.kind === "secretsManager" ? source.jsonKey : undefined;
      return { name: source.envName, valueFrom: jsonKey ? `${arn}:${jsonKey}::` : arn };
    });
  }

  /** What one service's execution role must read for these sources (exact ARNs, each once, by store). */
  readsFor(sources: readonly SecretSource[], databaseSecretArn?: string): { parameterArns: string[]; secretArns: string[] } {
    const reads = new Map(sources.map((source) => {
      const { store, key, arn } = this.resolve(source, databaseSecretArn);
      return [key, { store, arn }] as const;
    }));
    const of = (store: "ssm" | "secretsmanager") => [...reads.values()].filter((r) => r.store === store).map((r) => r.arn);
    return { parameterArns: of("ssm"), secretArns: of("secretsmanager") };
  }

  /** SSM parameters read so far (exact ARNs, each once). */
  get parameterArns(): string[] {
    return [...this.reads.values()].filter((r) => r.store === "ssm").map((r) => r.arn);
  }

  /** Secrets Manager secrets read so far (exact ARNs, each once). */
  get secretArns(): string[] {
    return [...this.reads.values()].filter((r) => r.store === "secretsmanager").map((r) => r.arn);
  }

  private resolve(source: SecretSource, databaseSecretArn?: string): { store: "ssm" | "secretsmanager"; key: string; arn: string } {
    switch (source.kind) {
      case "parameter":
        return { ...this.props.parameters[source.parameterKey], key: `parameter:${source.parameterKey}` };
      case "ssm":
        return { store: "ssm", key: `ssm:${source.name}`, arn: this.parameterArn(source.name) };
      case "secretsManager":
        return { store: "secretsmanager", key: `secret:${source.secret}`, arn: this.secretArn(source.secret) };
      case "database":
        return { store: "secretsmanager", key: `database:${databaseSecretArn}`, arn: databaseSecretArn! };
    }
  }

  private parameterArn(nameOrArn: string): string {
    if (nameOrArn.startsWith("arn:")) return nameOrArn;
    const path = nameOrArn.startsWith("/") ? nameOrArn : `/${nameOrArn}`;
    return `arn:${this.props.partition}:ssm:${this.props.region}:${this.props.accountId}:parameter${path}`;
  }

  /** Secrets Manager ARNs end in a random suffix, so a name is looked up once per secret. */
  private secretArn(nameOrArn: string): string {
    if (nameOrArn.startsWith("arn:")) return nameOrArn;
    let arn = this.secretLookups.get(nameOrArn);
    if (!arn) {
      // Created at the stack root, where these lookups have always been (their addresses are stable).
      const id = `secret-${nameOrArn.replace(/[^A-Za-z0-9-]/g, "-")}`;
      arn = new DataAwsSecretsmanagerSecret(TerraformStack.of(this), id, { name: nameOrArn }).arn;
      this.secretLookups.set(nameOrArn, arn);
    }
    return arn;
  }
}
