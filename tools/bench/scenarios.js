/**
 * What `npm run bench` measures, each as the tool in question starts it:
 *  - floor:   `node -e 'require("cdktf")'`, the cost of loading cdktf at all;
 *  - synth:   cdktf.json's "app" (what `cdktf synth` runs) on the shipped app;
 *  - large:   the same command on a generated 40-service × 4-environment app (large-app.js);
 *  - aws-cdk: the AWS CDK peer app (tools/bench/aws-cdk/) by its cdk.json "app", exactly what
 *             `cdk synth` runs (`npx ts-node --prefer-ts-exts bin/shop.ts`, which type-checks);
 *             the cdk CLI's own start-up comes on top and is not counted.
 */
const { spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** The "app" command of a cdktf.json / cdk.json, split into argv (none of ours quote anything). */
function appCommand(file) {
  const app = JSON.parse(fs.readFileSync(file, "utf8")).app;
  if (typeof app !== "string" || /["'$`\\|;&]/.test(app)) throw new Error(`${file}: "app" must be a plain command, got ${JSON.stringify(app)}`);
  return app.trim().split(/\s+/);
}

function expectCdktfStacks(count) {
  return (outdir) => {
    const stacks = fs.readdirSync(path.join(outdir, "stacks")).filter((s) => fs.existsSync(path.join(outdir, "stacks", s, "cdk.tf.json")));
    if (stacks.length !== count) throw new Error(`expected ${count} stacks in ${outdir}, found ${stacks.length}: ${stacks.join(", ")}`);
  };
}

/** cdktf.json's app in `root`, with `env`; `stacks`: how many it must write. */
function cdktfScenario(name, label, root, stacks, env = {}) {
  return { name, label, cwd: root, argv: appCommand(path.join(root, "cdktf.json")), env, outdirVariable: "CDKTF_OUTDIR", expect: expectCdktfStacks(stacks) };
}

function floorScenario(root) {
  return { name: "floor", label: `floor: node -e 'require("cdktf")'`, cwd: root, argv: ["node", "-e", 'require("cdktf")'], env: {} };
}

function awsCdkScenario(dir) {
  return {
    name: "aws-cdk",
    label: `AWS CDK v2: ${appCommand(path.join(dir, "cdk.json")).join(" ")}`,
    cwd: dir,
    argv: appCommand(path.join(dir, "cdk.json")),
    // Offline: npx must not fetch, and any request would go to a closed local port.
    env: { npm_config_offline: "true", HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1", AWS_EC2_METADATA_DISABLED: "true" },
    outdirVariable: "CDK_OUTDIR",
    expect: (outdir) => {
      const templates = fs.readdirSync(outdir).filter((f) => f.endsWith(".template.json"));
      if (templates.length !== 4) throw new Error(`expected 4 CloudFormation templates in ${outdir}, found ${templates.join(", ")}`);
    },
  };
}

/**
 * Installs the AWS CDK peer from its own lockfile (npm ci, from the npm registry) unless
 * node_modules was installed from exactly this lockfile. Returns undefined when ready, else why not.
 */
function ensureAwsCdk(dir) {
  const digest = crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, "package-lock.json"))).digest("hex");
  const stamp = path.join(dir, "node_modules", ".installed-from-lock");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest) return undefined;
  console.log(`installing the AWS CDK peer app (npm ci in ${path.relative(process.cwd(), dir)}, once) ...`);
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) return `npm ci in ${dir} failed (exit ${result.status}); run it by hand, or pass --no-aws-cdk`;
  fs.writeFileSync(stamp, digest);
  return undefined;
}

/** Resources (not data sources) in every stack cdktf wrote to `outdir`. */
function countTerraformResources(outdir) {
  let count = 0;
  for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const blocks of Object.values(tf.resource ?? {})) count += Object.keys(blocks).length;
  }
  return count;
}

function countCloudFormationResources(outdir) {
  return fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith(".template.json"))
    .reduce((n, f) => n + Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, f), "utf8")).Resources ?? {}).length, 0);
}

module.exports = { cdktfScenario, floorScenario, awsCdkScenario, ensureAwsCdk, countTerraformResources, countCloudFormationResources };
