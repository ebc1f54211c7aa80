import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { addBootstrapStacks } from "../../stacks/bootstrap-stack";

// Terraform tier: every shipped stack through the real `terraform init` and `terraform validate`
// (cdktf's toBeValidTerraform), using the offline toolchain of tools/toolchain/install.sh.
// The platform stacks are synthesized with the local backend so that `init` (which the matcher
// runs without -backend=false) never contacts S3; their resources are the same as with S3.

interface Toolchain {
  readonly dir: string;
  readonly binDir: string;
  readonly cliConfig: string;
}

/** The installed toolchain, or why it cannot be used. */
function findToolchain(): Toolchain | string {
  const dir = process.env.ECS_TOOLCHAIN_DIR ?? path.join(os.homedir(), ".cache", "ecs-platform", "toolchain");
  if (!fs.existsSync(path.join(dir, "READY")) || !fs.existsSync(path.join(dir, "env.sh"))) {
    return `the Terraform toolchain is not installed in ${dir}; build it with \`bash tools/toolchain/install.sh\` (see docs/toolchain.md)`;
  }
  const probe = spawnSync("bash", ["-c", '. "$1/env.sh" && printf "%s\\n%s" "$ECS_TF_BIN" "$TF_CLI_CONFIG_FILE"', "probe", dir], { encoding: "utf8" });
  const [bin, cliConfig] = probe.stdout.split("\n");
  if (probe.status !== 0 || !bin || !fs.existsSync(bin)) return `${dir}/env.sh does not name an existing terraform binary (ECS_TF_BIN=${bin ?? ""})`;
  return { dir, binDir: path.dirname(bin), cliConfig };
}

function shippedStacks(): TerraformStack[] {
  const settings = loadApp(shippedConfig);
  const app = Testing.app();
  for (const s of settings) new PlatformStack(app, s.stackName, { settings: s, backend: "local" });
  addBootstrapStacks(app, settings);
  return app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
}

const toolchain = findToolchain();

if (typeof toolchain === "string") {
  describe("terraform validate", () => {
    it.skip(`every shipped stack: skipped, ${toolchain}`, () => undefined);
  });
  process.stderr.write(`\nTerraform tier SKIPPED: ${toolchain}\n\n`);
} else {
  describe("terraform validate with the toolchain's Terraform and AWS provider", () => {
    beforeAll(() => {
      // toBeValidTerraform runs `terraform` from PATH with process.env.
      process.env.PATH = `${toolchain.binDir}${path.delimiter}${process.env.PATH ?? ""}`;
      process.env.TF_CLI_CONFIG_FILE = toolchain.cliConfig; // providers from the filesystem mirror only
      process.env.TF_PLUGIN_CACHE_DIR = path.join(toolchain.dir, "plugin-cache"); // link, not copy, the provider
      fs.mkdirSync(process.env.TF_PLUGIN_CACHE_DIR, { recursive: true });
      process.env.CHECKPOINT_DISABLE = "1";
      process.env.TF_IN_AUTOMATION = "1";
      // Nothing here needs the network; make any attempt fail at once instead of leaving the machine.
      process.env.HTTPS_PROXY = process.env.HTTP_PROXY = "http://127.0.0.1:9";
      process.env.NO_PROXY = "127.0.0.1,localhost";
    });

    it("finds the toolchain's terraform first on PATH", () => {
      const which = spawnSync("bash", ["-c", "command -v terraform"], { encoding: "utf8", env: process.env });
      expect(which.stdout.trim()).toBe(path.join(toolchain.binDir, "terraform"));
    });

    it.each(shippedStacks().map((stack) => [stack.node.id, stack] as const))("%s is valid Terraform", (_name, stack) => {
      const outdir = Testing.fullSynth(stack);
      try {
        expect(outdir).toBeValidTerraform();
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
}
