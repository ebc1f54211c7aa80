import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";

/** Placeholder stored until an operator sets the real value of a plain (String) parameter out of band. */
export const PARAMETER_PLACEHOLDER = "set-out-of-band";

export interface ParameterProps {
  /** Key in configuration; also the construct ID. */
  readonly key: string;
  readonly name: string;
  readonly type: "String" | "SecureString";
  readonly description: string;
  /** Value kept in sync by Terraform (text or an expression). @default - set out of band */
  readonly value?: string;
}

export interface ParametersProps {
  readonly parameters: readonly ParameterProps[];
  /** Delete out-of-band secrets at once on destroy (no recovery window), so the name is free again. */
  readonly forceDeleteSecrets: boolean;
}

/** Where ECS reads one parameter from. */
export interface ParameterStore {
  readonly store: "ssm" | "secretsmanager";
  readonly arn: string;
}

/**
 * The parameters declared in configuration.
 *
 * - A parameter wired to a stack value (DB endpoint, ALB URL, a literal) is an SSM parameter kept in
 *   sync by Terraform: Terraform knows that value anyway.
 * - An out-of-band `SecureString` (no value) is a **Secrets Manager secret without any
 *   Terraform-managed version**. The value is set later (`aws secretsmanager put-secret-value`) and
 *   read by ECS by ARN through the execution role. `aws_secretsmanager_secret` never reads the
 *   secret value, so it never reaches state or a plan file. (An SSM SecureString with a placeholder
 *   and `ignore_changes = [value]`, the former design, is read back decrypted on every refresh and
 *   lands in state. `value_wo` keeps it out of state too (provider 6.25 blanks `value` when
 *   `has_value_wo`), but its refresh still calls GetParameter with decryption, so every plan role
 *   would need to decrypt production secrets; the Secrets Manager resource never calls
 *   GetSecretValue, and the plan roles are denied it.)
 * - An out-of-band `String` starts with a placeholder whose later changes Terraform ignores; it is
 *   not a secret, so its value in state is harmless.
 */
export class Parameters extends Construct {
  public readonly byKey: Record<string, SsmParameter | SecretsmanagerSecret> = {};

  constructor(scope: Construct, id: string, props: ParametersProps) {
    super(scope, id);
    for (const parameter of props.parameters) {
      const outOfBand = parameter.value === undefined;
      this.byKey[parameter.key] =
        outOfBand && parameter.type === "SecureString"
          ? new SecretsmanagerSecret(this, parameter.key, {
              name: parameter.name,
              description: parameter.description,
              recoveryWindowInDays: props.forceDeleteSecrets ? 0 : undefined,
            })
          : new SsmParameter(this, parameter.key, {
              name: parameter.name,
              type: parameter.type,
              description: parameter.description,
              value: outOfBand ? PARAMETER_PLACEHOLDER : parameter.value,
              lifecycle: outOfBand ? { ignoreChanges: ["value"] } : undefined,
            });
    }
  }

  /** Store and ARN of every parameter, by configuration key. */
  get stores(): Record<string, ParameterStore> {
    return Object.fromEntries(
      Object.entries(this.byKey).map(([key, p]) => [key, { store: p instanceof SecretsmanagerSecret ? "secretsmanager" : "ssm", arn: p.arn }]),
    );
  }
}
