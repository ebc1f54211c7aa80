/**
 * How the real-Terraform tiers find their tools (tools/toolchain/env.sh, system.sh): the offline
 * toolchain when installed, else an installed terraform >= 1.11 with the registry (the AWS provider
 * mirrored once) and a project-local venv; else a message naming exactly what is missing. Fake
 * terraform binaries and a local HTTP server stand in for the real ones: nothing leaves the machine.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { execFile } from "node:child_process";

const ROOT = path.resolve(__dirname, "..");
// The AWS provider the stacks pin on the engine in use (6.25.0 on cdktf): what gets mirrored.
const { ENGINES, engineName } = require("../tools/engine") as { ENGINES: Record<string, { pins: { provider: string } }>; engineName: () => string };
const PROVIDER = ENGINES[engineName()].pins.provider;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolchain-select-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.symlinkSync(process.execPath, path.join(dir, "bin", "node"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fake terraform that reports `version` and implements `providers mirror` by writing the zip. */
function fakeTerraform(version: string, name = "terraform"): string {
  const file = path.join(dir, "bin", name);
  fs.writeFileSync(file, `#!/bin/bash
case "$*" in
  version*) echo "Terraform v${version}"; echo "on linux_amd64" ;;
  *"providers mirror"*) d="\${@: -1}"; v=$(sed -n 's/.*"version":"\\([^"]*\\)".*/\\1/p' "\${1#-chdir=}/main.tf.json"); mkdir -p "$d/registry.terraform.io/hashicorp/aws"; touch "$d/registry.terraform.io/hashicorp/aws/terraform-provider-aws_\${v}_linux_amd64.zip"; echo "$*" > "${dir}/mirror-called" ;;
  *) exit 1 ;;
esac
`);
  fs.chmodSync(file, 0o755);
  return file;
}

/** Sources env.sh in bash with only `dir/bin` (+ bash's own tools) on PATH; prints what it exported. */
function source(env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = '. tools/toolchain/env.sh && printf "mode=%s\\nbin=%s\\ncli=%s\\nvenv=%s\\n" "$ECS_TOOLCHAIN_MODE" "$ECS_TF_BIN" "$TF_CLI_CONFIG_FILE" "${ECS_TOOLCHAIN_VENV:-}"';
  return new Promise((resolve) => {
    execFile("/bin/bash", ["-c", script], {
      cwd: ROOT,
      env: { PATH: `${path.join(dir, "bin")}:/bin:/usr/bin`, HOME: dir, ECS_PLATFORM_ENGINE: engineName(), ECS_TOOLCHAIN_DIR: path.join(dir, "empty-toolchain"), ECS_SYSTEM_MIRROR: path.join(dir, "mirror"), ECS_TF_REGISTRY_URL: "http://127.0.0.1:9/", ...env },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe("toolchain selection (tools/toolchain/env.sh)", () => {
  it("without toolchain or terraform: says exactly what is missing and exits 3", async () => {
    if (fs.existsSync("/usr/bin/terraform") || fs.existsSync("/bin/terraform")) return; // PATH below would find it
    const r = await source();
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`1. the offline toolchain in ${path.join(dir, "empty-toolchain")}: not installed (build it with bash tools/toolchain/install.sh; docs/toolchain.md)`);
    expect(r.stderr).toContain("- terraform >= 1.11.0 on PATH: not found");
  });

  it("refuses a terraform older than 1.11", async () => {
    fakeTerraform("1.10.5");
    const r = await source();
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`- terraform >= 1.11.0 on PATH: ${path.join(dir, "bin", "terraform")} is 1.10.5 (the S3 backend's use_lockfile needs 1.11)`);
  });

  it("names the registry when the provider is not mirrored yet and the registry does not answer (this machine's case)", async () => {
    fakeTerraform("1.11.4");
    const r = await source();
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("- the Terraform provider registry: http://127.0.0.1:9/ does not answer (needed once, to mirror hashicorp/aws into");
    expect(r.stderr).not.toContain("terraform >= 1.11.0 on PATH");
  });

  it("with terraform >= 1.11 and the registry: mirrors the pinned AWS provider once and points the CLI config at it", async () => {
    const tf = fakeTerraform("1.12.2");
    const server = http.createServer((_req, res) => res.end('{"providers.v1":"/v1/providers/"}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/terraform.json`;
      const r = await source({ ECS_TF_REGISTRY_URL: url });
      expect(r.stderr).toContain(`mirroring hashicorp/aws ${PROVIDER} from the registry`);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`mode=system\nbin=${tf}\ncli=${path.join(dir, "mirror")}.tfrc\n`);
      const tfrc = fs.readFileSync(path.join(dir, "mirror.tfrc"), "utf8");
      expect(tfrc).toContain(`path    = "${path.join(dir, "mirror")}"`);
      expect(tfrc).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
      // Second run: mirrored already, the registry is not needed any more.
      fs.rmSync(path.join(dir, "mirror-called"));
      const again = await source({ ECS_TF_REGISTRY_URL: "http://127.0.0.1:9/" });
      expect(again.code).toBe(0);
      expect(fs.existsSync(path.join(dir, "mirror-called"))).toBe(false);
    } finally {
      server.close();
    }
  });

  it("tiers that need Python get the project-local venv (reused when it has the pinned moto and checkov)", async () => {
    fakeTerraform("1.11.4");
    fs.mkdirSync(path.join(dir, "mirror", "registry.terraform.io", "hashicorp", "aws", PROVIDER), { recursive: true });
    const venv = path.join(dir, "venv");
    fs.mkdirSync(path.join(venv, "bin"), { recursive: true });
    fs.writeFileSync(path.join(venv, "bin", "python"), "#!/bin/sh\n");
    fs.chmodSync(path.join(venv, "bin", "python"), 0o755);
    fs.writeFileSync(path.join(venv, ".ecs-platform-tools"), "moto[server]==5.2.5 checkov==3.3.30");
    const r = await source({ ECS_TOOLCHAIN_NEEDS: "terraform python", ECS_SYSTEM_VENV: venv });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`venv=${venv}\n`);
  });

  it("prefers the offline toolchain when it is installed", async () => {
    fakeTerraform("1.11.4");
    const toolchain = path.join(dir, "toolchain");
    fs.mkdirSync(toolchain);
    fs.writeFileSync(path.join(toolchain, "READY"), "cli=terraform\n");
    fs.writeFileSync(path.join(toolchain, "env.sh"), `export ECS_TF_BIN=${toolchain}/bin/terraform\nexport TF_CLI_CONFIG_FILE=${toolchain}/tfrc\n`);
    const r = await source({ ECS_TOOLCHAIN_DIR: toolchain });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`mode=offline\nbin=${toolchain}/bin/terraform\ncli=${toolchain}/tfrc\n`);
  });

  it("install.sh reuses an installed terraform only when it reports exactly the pinned version", async () => {
    const reusable = (env: Record<string, string>) =>
      new Promise<string>((resolve) =>
        execFile("/bin/bash", ["-c", '. tools/toolchain/system.sh && ecs_reusable_terraform "Terraform v1.11.4" || echo none'], { cwd: ROOT, env: { PATH: `${path.join(dir, "bin")}:/bin:/usr/bin`, ...env } }, (_e, stdout) => resolve(stdout.trim())),
      );
    const tf = fakeTerraform("1.11.4");
    expect(await reusable({})).toBe(tf);
    expect(await reusable({ ECS_REUSE_TERRAFORM: "0" })).toBe("none");
    expect(await reusable({ ECS_REUSE_TERRAFORM: fakeTerraform("1.11.5", "terraform-1.11.5") })).toBe("none");
  });

  it("pins moto and checkov as install.sh does", () => {
    const pin = (file: string, name: string) => new RegExp(`^${name}="([^"]+)"`, "m").exec(fs.readFileSync(path.join(ROOT, file), "utf8"))?.[1];
    expect(pin("tools/toolchain/system.sh", "ECS_MOTO_VERSION")).toBe(pin("tools/toolchain/install.sh", "MOTO_VERSION"));
    expect(pin("tools/toolchain/system.sh", "ECS_CHECKOV_VERSION")).toBe(pin("tools/toolchain/install.sh", "CHECKOV_VERSION"));
  });

  it("never pipes into head: under pipefail the writer's SIGPIPE fails the check now and then", () => {
    // `terraform version | head -1` failed 9 times in 200 here (exit 141), and so did one CI's
    // `install.sh --check`: the toolchain tiers were skipped on an installed toolchain.
    for (const file of ["tools/toolchain/install.sh", "tools/toolchain/system.sh", "tools/toolchain/env.sh"]) {
      expect({ file, pipesIntoHead: /\|\s*head\b/.test(fs.readFileSync(path.join(ROOT, file), "utf8")) }).toEqual({ file, pipesIntoHead: false });
    }
  });
});
