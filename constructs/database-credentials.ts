import { Construct } from "constructs";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";

export interface DatabaseCredentialsProps {
  /** One entry per service that reads database credentials. */
  readonly services: readonly { readonly key: string; readonly secretName: string; readonly userName: string }[];
  /** Delete the secrets at once on destroy (no recovery window), so their names are free again. */
  readonly forceDelete: boolean;
}

/**
 * Each service's own database credentials, never the RDS master user's: a Secrets Manager secret
 * per service, created **without a value** (like every out-of-band secret, it never reaches state
 * or a plan). An operator creates the PostgreSQL user with the master credentials and stores
 * `{"username", "password"}` in the secret (docs/deploy.md); services that use IAM database
 * authentication instead get `rds-db:connect` for that user through their task role.
 */
export class DatabaseCredentials extends Construct {
  public readonly byKey: Record<string, SecretsmanagerSecret> = {};

  constructor(scope: Construct, id: string, props: DatabaseCredentialsProps) {
    super(scope, id);
    for (const service of props.services) {
      this.byKey[service.key] = new SecretsmanagerSecret(this, service.key, {
        name: service.secretName,
        description: `Database credentials of ${service.key}: {"username":"${service.userName}","password":...}, set out of band`,
        recoveryWindowInDays: props.forceDelete ? 0 : undefined,
      });
    }
  }
}
