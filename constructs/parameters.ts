import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import type { ParameterSettings } from "../config";

/** Placeholder stored until an operator sets the real value out of band. */
export const PARAMETER_PLACEHOLDER = "set-out-of-band";

export interface ParametersProps {
  readonly parameters: readonly ParameterSettings[];
  /** Resolves a `valueFrom` reference (database value, load balancer URL) to a Terraform expression. */
  readonly resolveValue: (parameter: ParameterSettings) => string | undefined;
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
      const wired = props.resolveValue(parameter);
      this.byKey[parameter.key] = new SsmParameter(this, parameter.key, {
        name: parameter.name,
        type: parameter.type,
        description: parameter.description,
        value: wired ?? PARAMETER_PLACEHOLDER,
        lifecycle: wired === undefined ? { ignoreChanges: ["value"] } : undefined,
      });
    }
  }
}
