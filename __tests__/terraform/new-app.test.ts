/**
 * Terraform tier: every `npm run new-app` template's platform stacks through the real
 * `terraform init` + `terraform validate` (cdktf's toBeValidTerraform), with the offline toolchain.
 * Skipped, with the reason, without it (as validate.test.ts).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { validateApp } from "../../config";
import { loadConfigModule } from "../../main";
import { PlatformStack } from "../../stacks/platform-stack";
import { createApp, parseEnvironment } from "../../bin/new-app";
import { SHAPES, workersSupported } from "../../tools/new-app/template";

const dir = process.env.ECS_TOOLCHAIN_DIR ?? path.join(os.homedir(), ".cache", "ecs-platform", "toolchain");
const probe = fs.existsSync(path.join(dir, "READY"))
  ? spawnSync("bash", ["-c", '. "$1/env.sh" && printf "%s\\n%s" "$ECS_TF_BIN" "$TF_CLI_CONFIG_FILE"', "probe", dir], { encoding: "utf8" }).stdout.split("\n")
  : [];
const [bin, cliConfig] = probe;
const ready = !!bin && fs.existsSync(bin);
const suite = ready ? describe : describe.skip;
if (!ready) process.stderr.write(`\nnew-app Terraform tier SKIPPED: the toolchain is not installed in ${dir}\n\n`);

suite("every new-app template is valid Terraform", () => {
  beforeAll(() => {
    process.env.PATH = `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ""}`;
    process.env.TF_CLI_CONFIG_FILE = cliConfig;
    process.env.TF_PLUGIN_CACHE_DIR = path.join(dir, "plugin-cache");
    fs.mkdirSync(process.env.TF_PLUGIN_CACHE_DIR, { recursive: true });
    process.env.CHECKPOINT_DISABLE = "1";
    process.env.HTTPS_PROXY = process.env.HTTP_PROXY = "http://127.0.0.1:9";
    process.env.NO_PROXY = "127.0.0.1,localhost";
  });

  it.each(SHAPES.filter((s) => s !== "api-worker" || workersSupported()))("%s", (shape) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "new-app-tf-"));
    const environments = [parseEnvironment("dev:eu-west-1:111111111111", "billing"), parseEnvironment("prod:eu-west-1:222222222222", "billing")];
    createApp({ name: "billing", shape, environments, githubRepository: "acme/billing-infra", root });
    const { stacks } = validateApp(loadConfigModule(path.join(root, "apps", "billing", "config.ts")));
    for (const settings of stacks) {
      const outdir = Testing.fullSynth(new PlatformStack(Testing.app(), settings.stackName, { settings, backend: "local" }));
      try {
        expect(outdir).toBeValidTerraform();
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  });
});
