import type { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { decodeTerraformJson, encodeAll } from "./literal-text";

/**
 * A stack built from configuration: every string of its settings reaches Terraform as literal
 * text (./literal-text.ts). `literal()` encodes the settings once, before any construct sees them;
 * `toTerraform()` — what both `cdktf synth` and `Testing.synth` write — decodes the resolved JSON.
 * Constructs take part in neither step, so no construct can let configuration text through as an
 * expression, and none needs to escape anything.
 */
export abstract class LiteralTextStack extends TerraformStack {
  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** `settings` with every string encoded: what the stack hands to its constructs. */
  protected literal<T>(settings: T): T {
    return encodeAll(settings);
  }

  override toTerraform(): any {
    return decodeTerraformJson(super.toTerraform());
  }

  /** Only JSON is decoded: HCL output (`hclOutput`) would carry the encoding's sentinels to Terraform. */
  override toHclTerraform(): never {
    throw new Error(`${this.node.id}: HCL output is not supported; synthesize Terraform JSON (the default)`);
  }
}
