/**
 * stacks/literal-text.ts: configuration text is encoded before constructs see it and decoded by
 * the stack's JSON writer, so neither cdktf nor Terraform ever reads it as an expression.
 * The Terraform tier (__tests__/terraform/literals.test.ts) evaluates the same strings with the
 * real Terraform CLI.
 */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { decodeLiteral, decodeTerraformJson, encodeLiteral } from "../stacks/literal-text";
import { LiteralTextStack } from "../stacks/literal-stack";
import { PlatformStack } from "../stacks/platform-stack";
import { addBootstrapStacks } from "../stacks/bootstrap-stack";
import { loadApp } from "../config";
import { sampleConfig } from "./helpers";
import { liveSequences, unescapeTemplate } from "./template-text";

/** Text every interpreter on the way would act on, if it were not literal. */
export const HOSTILE = [
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
  "${TfToken[TOKEN.1]}",
  "#{TfToken[TOKEN.2]}",
  "-8.109562212591379e+298", // cdktf's encoding of number token 0
  "$${already escaped}",
  "100% $5 {x} $",
  "\uE001\uE000", // the encoding's own sentinels
];

/** A one-resource stack whose SSM value is `value` (plain or encoded), synthesized and parsed. */
function ssmValue(value: (arn: string) => string): string {
  const stack = new TerraformStack(Testing.app(), "probe");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const first = new SsmParameter(stack, "first", { name: "/first", type: "String", value: "x" });
  new SsmParameter(stack, "second", { name: "/second", type: "String", value: value(first.arn) });
  const json = decodeTerraformJson(JSON.parse(Testing.synth(stack))) as any;
  return json.resource.aws_ssm_parameter.second.value;
}

describe("configuration text in Terraform JSON", () => {
  it("without encoding, cdktf turns a token marker typed by a user into a reference, or crashes (the hole this closes)", () => {
    // The marker text of a live token, as a user could type it (token keys are small counters).
    const typed = (arn: string) => `user text ${JSON.parse(JSON.stringify(arn))}`;
    expect(ssmValue(typed)).toBe("user text ${aws_ssm_parameter.first.arn}");
    expect(() => ssmValue(() => "${TfToken[NO.SUCH.1]}")).toThrow(/Unrecognized Token Key/);
    expect(ssmValue((arn) => encodeLiteral(typed(arn)))).toMatch(/^user text \$\$\{TfToken\[[A-Z.0-9]+\]\}$/);
  });

  it.each(HOSTILE)("encoded, %j reaches Terraform as a template that evaluates to exactly that text", (text) => {
    const value = ssmValue(() => encodeLiteral(text));
    expect(liveSequences(value)).toEqual([]);
    expect(unescapeTemplate(value)).toBe(text);
  });

  it("keeps a literal `$` apart from an interpolation the stack writes right after it", () => {
    const value = ssmValue((arn) => `${encodeLiteral("price in $")}${arn}`);
    expect(value).toBe('price in ${"$"}${aws_ssm_parameter.first.arn}');
    expect(liveSequences(value)).toEqual(['${"$"}', "${aws_ssm_parameter.first.arn}"]);
  });

  it("keeps the encoded text's length (names are length-checked before encoding)", () => {
    for (const text of HOSTILE.slice(0, -1)) expect(encodeLiteral(text)).toHaveLength(text.length);
  });

  it("writes literal positions (variable default and description, backend, output description) unescaped", () => {
    const encoded = encodeLiteral("${x} %{y}");
    const json = decodeTerraformJson({
      terraform: { backend: { s3: { key: encoded } } },
      variable: { v: { default: encoded, description: encoded } },
      output: { o: { value: encoded, description: encoded } },
      resource: { t: { r: { tags: { [encoded]: encoded } } } },
    }) as any;
    expect(json.terraform.backend.s3.key).toBe("${x} %{y}");
    expect(json.variable.v).toEqual({ default: "${x} %{y}", description: "${x} %{y}" });
    expect(json.output.o).toEqual({ value: "$${x} %%{y}", description: "${x} %{y}" });
    expect(json.resource.t.r.tags).toEqual({ "$${x} %%{y}": "$${x} %%{y}" });
  });

  it("is the base of every stack the app synthesizes, and refuses HCL output (which it would not decode)", () => {
    const app = Testing.app();
    const stacks = loadApp(sampleConfig());
    const platform = stacks.map((settings) => new PlatformStack(app, settings.stackName, { settings }));
    const all = [...platform, ...addBootstrapStacks(app, stacks)];
    expect(all.every((stack) => stack instanceof LiteralTextStack)).toBe(true);
    expect(() => platform[0].toHclTerraform()).toThrow(/HCL output is not supported/);
  });

  it("leaves text without sentinels untouched (what constructs write themselves)", () => {
    expect(decodeLiteral("${aws_lb.alb.dns_name}/x", true)).toBe("${aws_lb.alb.dns_name}/x");
    expect(encodeLiteral("plain text 1e5 -1.5e+3")).toBe("plain text 1e5 -1.5e+3");
  });
});
