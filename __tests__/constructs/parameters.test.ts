/** constructs/parameters.ts: values Terraform keeps in sync, and values set out of band. */
import { Parameters, type ParameterProps } from "../../constructs/parameters";
import { resourceAt, resourceList, synthScope } from "../helpers";

const parameters = (...list: ParameterProps[]) => synthScope((scope) => new Parameters(scope, "parameters", { parameters: list, forceDeleteSecrets: false }));
const TOKEN: ParameterProps = { key: "api-token", name: "/demo/dev/api-token", type: "SecureString", description: "api-token for demo (dev)" };

describe("Parameters", () => {
  it("GIVEN a SecureString without value THEN it is a Secrets Manager secret with no Terraform-managed version (the value never reaches state)", () => {
    const { tf, built } = parameters(TOKEN);
    expect(resourceAt(tf, "aws_secretsmanager_secret", "parameters/api-token")).toEqual({
      name: "/demo/dev/api-token",
      description: "api-token for demo (dev)",
    });
    expect(resourceList(tf, "aws_secretsmanager_secret_version")).toHaveLength(0);
    expect(resourceList(tf, "aws_ssm_parameter")).toHaveLength(0);
    expect(built.stores["api-token"].store).toBe("secretsmanager");
  });

  it("GIVEN forceDeleteSecrets THEN a destroyed secret frees its name at once", () => {
    const { tf } = synthScope((scope) => new Parameters(scope, "parameters", { parameters: [TOKEN], forceDeleteSecrets: true }));
    expect(resourceAt(tf, "aws_secretsmanager_secret", "parameters/api-token")).toMatchObject({ recovery_window_in_days: 0 });
  });

  it("GIVEN a String without value THEN it starts with a placeholder whose later changes Terraform ignores", () => {
    const { tf, built } = parameters({ ...TOKEN, type: "String" });
    expect(resourceAt(tf, "aws_ssm_parameter", "parameters/api-token")).toEqual({
      name: "/demo/dev/api-token",
      type: "String",
      description: "api-token for demo (dev)",
      value: "set-out-of-band",
      lifecycle: { ignore_changes: ["value"] },
    });
    expect(built.stores["api-token"].store).toBe("ssm");
  });

  it("GIVEN a value THEN Terraform sets it and keeps it in sync", () => {
    const parameter = resourceAt(parameters({ ...TOKEN, key: "db-host", type: "String", value: "db.internal" }).tf, "aws_ssm_parameter", "parameters/db-host");
    expect(parameter.value).toBe("db.internal");
    expect(parameter).not.toHaveProperty("lifecycle");
  });

  it("GIVEN an empty value THEN it is still Terraform's, not a placeholder", () => {
    expect(resourceAt(parameters({ ...TOKEN, value: "" }).tf, "aws_ssm_parameter", "parameters/api-token")).toMatchObject({ value: "" });
  });

  it("GIVEN several parameters THEN each is exposed and addressed by its key", () => {
    const { tf, built } = parameters(TOKEN, { ...TOKEN, key: "db-host", name: "/demo/dev/db-host", value: "x" });
    expect(Object.keys(built.byKey)).toEqual(["api-token", "db-host"]);
    expect(resourceList(tf, "aws_secretsmanager_secret")).toHaveLength(1);
    expect(resourceList(tf, "aws_ssm_parameter")).toHaveLength(1);
    expect(built.byKey["db-host"].node.path).toBe("stack/parameters/db-host");
  });

  it("GIVEN no parameters THEN nothing is created", () => {
    expect(resourceList(parameters().tf, "aws_ssm_parameter")).toHaveLength(0);
  });
});
