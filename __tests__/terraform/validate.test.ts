import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import shippedConfig from "../../config/app";
import { loadApp } from "../../config";
import { PlatformStack } from "../../stacks/platform-stack";
import { addBootstrapStacks } from "../../stacks/bootstrap-stack";

// Terraform tier: every shipped stack through the real `terraform init` and `terraform validate`
// (cdktf's toBeValidTerraform), with the tools tools/toolchain/env.sh selects: the offline toolchain
// of tools/toolchain/install.sh, or an installed terraform >= 1.11 and the registry.
// The platform stacks are synthesized with the local backend so that `init` (which the matcher
// runs without -backend=false) never contacts S3; their resources are the same as with S3.

interface Toolchain {
  /** The plugin cache directory. */
  readonly dir: string;
  readonly binDir: string;
  readonly cliConfig: string;
}

/**
 * The tools tools/toolchain/env.sh selects (the offline toolchain, else an installed terraform with
 * the AWS provider mirrored from the registry), or its message saying what is missing.
 */
function findToolchain(): Toolchain | string {
  const root = path.resolve(__dirname, "..", "..");
  const probe = spawnSync("bash", ["-c", '. tools/toolchain/env.sh && printf "%s\\n%s\\n%s" "$ECS_TF_BIN" "$TF_CLI_CONFIG_FILE" "$TF_PLUGIN_CACHE_DIR"'], { cwd: root, encoding: "utf8" });
  if (probe.status !== 0) return probe.stderr.trim().replace(/\s*\n\s*/g, " ");
  const [bin, cliConfig, pluginCache] = probe.stdout.split("\n");
  if (!bin || !fs.existsSync(bin)) return `tools/toolchain/env.sh does not name an existing terraform binary (ECS_TF_BIN=${bin ?? ""})`;
  return { dir: pluginCache, binDir: path.dirname(bin), cliConfig };
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
  describe("terraform validate with the selected Terraform and AWS provider", () => {
    beforeAll(() => {
      // toBeValidTerraform runs `terraform` from PATH with process.env.
      process.env.PATH = `${toolchain.binDir}${path.delimiter}${process.env.PATH ?? ""}`;
      process.env.TF_CLI_CONFIG_FILE = toolchain.cliConfig; // providers from the filesystem mirror only
      process.env.TF_PLUGIN_CACHE_DIR = toolchain.dir; // link, not copy, the provider
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
