import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";

/** Placeholder stored until an operator sets the real value out of band. */
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
}

/**
 * SSM parameters declared in configuration. A parameter wired to a stack value (DB endpoint, ALB
 * URL) is kept in sync by Terraform. Any other parameter is created with a placeholder and its
 * value is then owned by whoever sets it (`aws ssm put-parameter --overwrite`): Terraform ignores
 * value changes, so secrets never appear in configuration and an apply never resets them.
 */
export class Parameters extends Construct {
  public readonly byKey: Record<string, SsmParameter> = {};

  constructor(scope: Construct, id: string, props: ParametersProps) {
    super(scope, id);
    for (const parameter of props.parameters) {
      const outOfBand = parameter.value === undefined;
      this.byKey[parameter.key] = new SsmParameter(this, parameter.key, {
        name: parameter.name,
        type: parameter.type,
        description: parameter.description,
        value: outOfBand ? PARAMETER_PLACEHOLDER : parameter.value,
        lifecycle: outOfBand ? { ignoreChanges: ["value"] } : undefined,
      });
    }
  }
}
