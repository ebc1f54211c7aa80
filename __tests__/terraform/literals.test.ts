/**
 * Terraform tier: configuration text in the synthesized JSON, evaluated by the real Terraform CLI.
 * Strings taken from a synthesized stack (template positions and a literal one) are put into a
 * provider-free configuration as locals and a variable default, applied with local state, and
 * `terraform output -json` must give back exactly the configured text. Needs only the terraform
 * binary (the toolchain's, else the one on PATH); skipped without one.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { containers, policyStatements, sampleConfig, synth } from "../helpers";

const TEXT = '${file("/etc/passwd")} %{ if true }x%{ endif } ${TfToken[TOKEN.1]} $${kept} 100% $';
const POLICY_RESOURCE = "arn:aws:s3:::uploads/${aws:username}/*";

const TOOLCHAIN_DIR = process.env.ECS_TOOLCHAIN_DIR ?? path.join(os.homedir(), ".cache", "ecs-platform", "toolchain");

/** The toolchain's terraform and CLI config (with the AWS provider mirror), if installed. */
function toolchain(): { bin: string; cliConfig: string } | undefined {
  const envSh = path.join(TOOLCHAIN_DIR, "env.sh");
  if (!fs.existsSync(path.join(TOOLCHAIN_DIR, "READY")) || !fs.existsSync(envSh)) return undefined;
  const [bin, cliConfig] = spawnSync("bash", ["-c", '. "$1" && printf "%s\\n%s" "$ECS_TF_BIN" "$TF_CLI_CONFIG_FILE"', "probe", envSh], { encoding: "utf8" }).stdout.split("\n");
  return bin && fs.existsSync(bin) ? { bin, cliConfig } : undefined;
}

function terraformBinary(): string | undefined {
  const onPath = spawnSync("bash", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();
  return toolchain()?.bin ?? (onPath || undefined);
}

const terraform = terraformBinary();
const suite = terraform ? describe : describe.skip;
if (!terraform) process.stderr.write("\nTerraform literal-text tier SKIPPED: no terraform binary\n\n");

suite("configuration text evaluated by Terraform", () => {
  it("comes back from Terraform exactly as configured, in template and in literal positions", () => {
    const config = sampleConfig() as any;
    config.services.web.environment = { TEXT };
    config.services.web.containerHealthCheck = { command: `curl -f localhost:\${PORT} || echo '${TEXT}'` };
    config.services.web.taskRole = { statements: [{ actions: ["s3:GetObject"], resources: [POLICY_RESOURCE] }] };
    config.parameters = { text: { type: "String", valueFrom: { literal: TEXT } } };
    const { tf } = synth(config);
    // No valid name can hold such text (names are validated), so the literal position is fed past validation.
    const [settings] = loadApp(sampleConfig());
    const named = { ...settings, services: settings.services.map((svc) => ({ ...svc, names: { ...svc.names, service: `svc ${TEXT}` } })) };
    const literalTf = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), "literal", { settings: named })));
    const container = containers(tf, "web")[0];
    const locals = {
      environment: container.environment.find((v) => v.name === "TEXT")!.value,
      healthCheck: container.healthCheck!.command[1],
      parameter: (Object.values(tf.resource.aws_ssm_parameter) as { name: string; value: string }[]).find((p) => p.name === "/demo/dev/text")!.value,
      policy: policyStatements(tf, "task-role-web/policy-document")[0].resources[0],
    };

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-literals-"));
    try {
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({
          locals,
          // A variable's default is a literal position: the stack writes the text there unescaped.
          variable: { literal: { type: "string", default: literalTf.variable.image_tag_web.description } },
          output: {
            ...Object.fromEntries(Object.keys(locals).map((key) => [key, { value: `\${local.${key}}` }])),
            literal: { value: "${var.literal}" },
          },
        }),
      );
      const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
      const apply = spawnSync(terraform!, ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
      expect(apply.stderr).toBe("");
      const outputs = JSON.parse(spawnSync(terraform!, ["output", "-json"], { cwd: dir, env, encoding: "utf8" }).stdout);
      expect(outputs.environment.value).toBe(TEXT);
      expect(outputs.healthCheck.value).toBe(`curl -f localhost:\${PORT} || echo '${TEXT}'`);
      expect(outputs.parameter.value).toBe(TEXT);
      expect(outputs.policy.value).toBe(POLICY_RESOURCE); // IAM gets its policy variable
      expect(outputs.literal.value).toBe(`Image tag of svc ${TEXT} in demo/web; a deploy sets it (-var image_tag_web=<git sha>).`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const withProvider = toolchain();
(withProvider ? describe : describe.skip)("a stack full of Terraform syntax in configuration text", () => {
  it("is valid Terraform (terraform init + validate with the AWS provider)", () => {
    const config = sampleConfig() as any;
    config.services.web.environment = { TEXT, DOLLAR_BEFORE: "ends in $" };
    config.services.web.containerHealthCheck = { command: `curl -f localhost:\${PORT} || echo '${TEXT}'` };
    config.services.web.taskRole = { statements: [{ actions: ["s3:GetObject"], resources: [POLICY_RESOURCE] }] };
    config.parameters = { text: { type: "String", description: TEXT, valueFrom: { literal: TEXT } }, url: { type: "String", valueFrom: { loadBalancer: "url", suffix: `/$\${x}%{y}` } } };
    config.names = { albSecurityGroup: "alb ${file(/etc/passwd)}", taskSecurityGroup: "tasks $${var.x} ends in $" };
    const [settings] = loadApp(config);
    const stack = new PlatformStack(Testing.app(), "hostile", { settings, backend: "local" });
    const previous = { PATH: process.env.PATH, TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE, HTTPS_PROXY: process.env.HTTPS_PROXY };
    process.env.PATH = `${path.dirname(withProvider!.bin)}${path.delimiter}${process.env.PATH ?? ""}`;
    process.env.TF_CLI_CONFIG_FILE = withProvider!.cliConfig;
    process.env.HTTPS_PROXY = "http://127.0.0.1:9"; // nothing here needs the network
    const outdir = Testing.fullSynth(stack);
    try {
      expect(outdir).toBeValidTerraform();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
      Object.assign(process.env, previous);
    }
  });
});
