/**
 * scripts/synth.js, the command cdktf.json runs: it bundles main.ts with the config module and runs
 * the bundle. These tests run it as cdktf would and compare with the unbundled in-process synthesis.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { synthesizeApp } from "../main";
import { sampleConfig } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app.split(/\s+/) as string[];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-launcher-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The unbundled entry point (`node --require ./scripts/register-ts.js main.ts`), which rehearse and checkov use. */
const UNBUNDLED = ["node", "--require", "./scripts/register-ts.js", "main.ts"];

/** Runs cdktf.json's app (or `command`) with `configFile`, writing to `outdir`, with a bundle cache inside the test's directory. */
function runApp(configFile: string, outdir: string, cache = path.join(dir, "cache"), command = APP) {
  expect(command[0]).toBe("node");
  return spawnSync(process.execPath, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ECS_PLATFORM_CONFIG: configFile, CDKTF_OUTDIR: outdir, ECS_PLATFORM_SYNTH_CACHE: cache },
    encoding: "utf8",
  });
}

const stackJson = (outdir: string, stack: string) => fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");

describe("the synth launcher (cdktf.json app)", () => {
  it("writes the same Terraform JSON as the unbundled synthesis, and rebuilds when the config changes", () => {
    const configFile = path.join(dir, "app.json");
    fs.writeFileSync(configFile, JSON.stringify(sampleConfig()));

    const first = runApp(configFile, path.join(dir, "out-1"));
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const expectedDir = path.join(dir, "expected");
    synthesizeApp(sampleConfig(), { outdir: expectedDir });
    const stacks = fs.readdirSync(path.join(expectedDir, "stacks")).sort();
    expect(stacks).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
    expect(fs.readdirSync(path.join(dir, "out-1", "stacks")).sort()).toEqual(stacks);
    for (const stack of stacks) expect(stackJson(path.join(dir, "out-1"), stack)).toBe(stackJson(expectedDir, stack));

    // The bundle holds the config: an edited config must not be served from the stale bundle.
    const changed = sampleConfig() as any;
    changed.app = "changed";
    fs.writeFileSync(configFile, JSON.stringify(changed));
    const second = runApp(configFile, path.join(dir, "out-2"));
    expect(second.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, "out-2", "stacks")).sort()).toEqual([
      "changed-dev",
      "changed-dev-bootstrap",
      "changed-prod",
      "changed-prod-bootstrap",
    ]);
  });

  it("never runs a rebuilt bundle with an older bundle's code cache (V8 accepts any source of the same length)", () => {
    const configFile = path.join(dir, "app.json");
    fs.writeFileSync(configFile, JSON.stringify(sampleConfig()));
    expect(runApp(configFile, path.join(dir, "out-1")).status).toBe(0);
    const [bundleDir] = fs.readdirSync(path.join(dir, "cache")).map((name) => path.join(dir, "cache", name));
    expect(fs.readdirSync(bundleDir).filter((name) => name.endsWith(".v8cache"))).toHaveLength(1);

    // A same-length edit, and a bundle that cannot be replaced: the old code cache stays on disk.
    const edited = sampleConfig() as any;
    edited.app = "demx";
    fs.writeFileSync(configFile, JSON.stringify(edited));
    fs.rmSync(path.join(bundleDir, "synth.js"));
    fs.mkdirSync(path.join(bundleDir, "synth.js", "blocker"), { recursive: true });

    const result = runApp(configFile, path.join(dir, "out-2"));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/could not cache the bundle/);
    expect(fs.readdirSync(path.join(dir, "out-2", "stacks")).sort()).toEqual(["demx-dev", "demx-dev-bootstrap", "demx-prod", "demx-prod-bootstrap"]);
  });

  it("gives a config module its own __dirname, so it can read files next to it", () => {
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify(sampleConfig()));
    const configFile = path.join(dir, "config.ts");
    fs.writeFileSync(
      configFile,
      [
        'import * as fs from "node:fs";',
        'import * as path from "node:path";',
        'export default { ...JSON.parse(fs.readFileSync(path.join(__dirname, "base.json"), "utf8")), app: "nextdoor" };',
      ].join("\n"),
    );
    const result = runApp(configFile, path.join(dir, "out"));
    expect(result.stderr).toBe("");
    expect(fs.readdirSync(path.join(dir, "out", "stacks"))).toContain("nextdoor-dev");
  });

  it("runs a TypeScript config module in strict mode wherever it sits, as the unbundled path does", () => {
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify(sampleConfig()));
    const configFile = path.join(dir, "mode.ts"); // no tsconfig.json above os.tmpdir()
    fs.writeFileSync(
      configFile,
      [
        'import base from "./base.json";',
        "const frozen: Record<string, number> = Object.freeze({});",
        'let mode = "sloppy";',
        "try { frozen.x = 1; } catch { mode = \"strict\"; }",
        "export default { ...base, app: mode };",
      ].join("\n"),
    );
    expect(runApp(configFile, path.join(dir, "out")).status).toBe(0);
    expect(fs.readdirSync(path.join(dir, "out", "stacks"))).toContain("strict-dev");
  });

  it("reports errors at the file's own line, also in a module that uses __dirname", () => {
    const configFile = path.join(dir, "broken-line-3.ts");
    fs.writeFileSync(configFile, 'import * as path from "node:path";\nexport const here = path.join(__dirname);\nexport default { app: ;\n');
    const result = runApp(configFile, path.join(dir, "out"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken-line-3\.ts:3:\d+/);
  });

  it("still synthesizes when the bundle cache cannot be written, with a warning", () => {
    const configFile = path.join(dir, "app.json");
    fs.writeFileSync(configFile, JSON.stringify(sampleConfig()));
    const blocker = path.join(dir, "not-a-directory");
    fs.writeFileSync(blocker, "");

    const result = runApp(configFile, path.join(dir, "out"), path.join(blocker, "cache"));

    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/synth: could not cache the bundle \(.*\); continuing without it/);
    expect(fs.readdirSync(path.join(dir, "out", "stacks")).sort()).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
  });

  it.each([
    ["cdktf.json app", APP],
    ["unbundled main.ts", UNBUNDLED],
  ])("%s: exits 1 with the problems, no stack trace, and writes nothing for an invalid configuration", (_name, command) => {
    const configFile = path.join(dir, "bad.json");
    const bad = sampleConfig() as any;
    bad.environments.dev.network = { cidr: "10.0.0.0/33" };
    fs.writeFileSync(configFile, JSON.stringify(bad));
    const outdir = path.join(dir, "cdktf.out");

    const result = runApp(configFile, outdir, path.join(dir, "cache"), command);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/environments\.dev\.network\.cidr: "10\.0\.0\.0\/33" is not allowed; must be an IPv4 CIDR block/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("exits 1 naming the file when a config module does not compile, and writes nothing", () => {
    const configFile = path.join(dir, "broken.ts");
    fs.writeFileSync(configFile, "export default { app: 'demo', services: { ;\n");
    const outdir = path.join(dir, "cdktf.out");

    const result = runApp(configFile, outdir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot bundle main\.ts with the config module .*broken\.ts/);
    expect(result.stderr).toMatch(/broken\.ts:1:\d+/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("exits 1 when ECS_PLATFORM_CONFIG names a missing file", () => {
    const result = runApp(path.join(dir, "missing.ts"), path.join(dir, "cdktf.out"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ECS_PLATFORM_CONFIG: ".*missing\.ts" is not allowed; no such file/);
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });
});
