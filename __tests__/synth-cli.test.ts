/**
 * The synth command line as users and CI run it: cdktf.json's app (which `npm run synth` is, see
 * entrypoints.test.ts) and `npm run synth:local`, each a fresh Node process, as `cdktf synth` starts it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { synthesizeApp } from "../main";
import { sampleConfig } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

/** A package.json script or cdktf.json app as `{ env, argv }`: leading VAR=value words are its environment. */
function parseCommand(command: string): { env: Record<string, string>; argv: string[] } {
  const words = command.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split("=");
    env[name] = value;
  }
  expect(words[0]).toBe("node");
  return { env, argv: words.slice(1) };
}

const ENTRY_POINTS = [
  ["cdktf.json app", parseCommand(readJson("cdktf.json").app)],
  ["npm run synth:local", parseCommand(readJson("package.json").scripts["synth:local"])],
] as const;
const APP = ENTRY_POINTS[0][1];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(command: { env: Record<string, string>; argv: string[] }, configFile: string, outdir: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, command.argv, {
    cwd: ROOT,
    env: { ...process.env, ECS_PLATFORM_CONFIG: configFile, CDKTF_OUTDIR: outdir, ...extraEnv, ...command.env },
    encoding: "utf8",
  });
}

const stackJson = (outdir: string, stack: string) => fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
const writeConfig = (name: string, config: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  return file;
};

describe("synth command line", () => {
  it("cdktf.json app writes exactly what synthesizeApp writes, for every stack", () => {
    const outdir = path.join(dir, "out");
    const result = run(APP, writeConfig("app.json", sampleConfig()), outdir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const expectedDir = path.join(dir, "expected");
    synthesizeApp(sampleConfig(), { outdir: expectedDir });
    const stacks = fs.readdirSync(path.join(expectedDir, "stacks")).sort();
    expect(stacks).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(stacks);
    for (const stack of stacks) expect(stackJson(outdir, stack)).toBe(stackJson(expectedDir, stack));
  });

  it("npm run synth:local writes a local backend instead of S3", () => {
    const outdir = path.join(dir, "out");
    expect(run(ENTRY_POINTS[1][1], writeConfig("app.json", sampleConfig()), outdir).status).toBe(0);
    const backend = JSON.parse(stackJson(outdir, "demo-dev")).terraform.backend;
    expect(Object.keys(backend)).toEqual(["local"]);
  });

  it("compiles a TypeScript config module in strict mode wherever it sits, and it keeps its own __dirname", () => {
    writeConfig("base.json", sampleConfig());
    const configFile = writeConfig(
      "mode.ts", // no tsconfig.json above os.tmpdir()
      [
        'import * as fs from "node:fs";',
        'import * as path from "node:path";',
        'const base = JSON.parse(fs.readFileSync(path.join(__dirname, "base.json"), "utf8"));',
        "const frozen: Record<string, number> = Object.freeze({});",
        'let mode = "sloppy";',
        'try { frozen.x = 1; } catch { mode = "strict"; }',
        "export default { ...base, app: mode };",
      ].join("\n"),
    );
    const outdir = path.join(dir, "out");
    const result = run(APP, configFile, outdir);
    expect(result.stderr).toBe("");
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toContain("strict-dev");
  });

  const invalidField = () => {
    const bad = sampleConfig() as any;
    bad.environments.dev.network = { cidr: "10.0.0.0/33" };
    return bad;
  };
  const BAD_INPUTS: [string, () => string, RegExp][] = [
    ["an invalid field", () => writeConfig("bad.json", invalidField()), /environments\.dev\.network\.cidr: "10\.0\.0\.0\/33" is not allowed; must be an IPv4 CIDR block/],
    ["a missing config file", () => path.join(dir, "missing.ts"), /ECS_PLATFORM_CONFIG: ".*missing\.ts" is not allowed; no such file/],
    ["a TypeScript config that does not compile", () => writeConfig("broken.ts", "export default { app: 'demo', services: { ;\n"), /ECS_PLATFORM_CONFIG: ".*broken\.ts" does not compile: .*broken\.ts:1:\d+: /],
    ["a JSON config that does not parse", () => writeConfig("broken.json", '{ "app": '), /- .*broken\.json: is not valid JSON: Unexpected end of JSON input/],
  ];
  // Both entry points run the same command and differ only in ECS_PLATFORM_BACKEND: every bad input
  // through cdktf.json's app, one through synth:local.
  const cases = [
    ...BAD_INPUTS.map(([input, config, message]) => [ENTRY_POINTS[0][0], input, ENTRY_POINTS[0][1], config, message] as const),
    ...BAD_INPUTS.slice(0, 1).map(([input, config, message]) => [ENTRY_POINTS[1][0], input, ENTRY_POINTS[1][1], config, message] as const),
  ];

  it.each(cases)("%s: %s exits 1 naming the field, with no stack trace, and writes nothing", (_entry, _input, command, config, message) => {
    const outdir = path.join(dir, "cdktf.out");
    const result = run(command, config(), outdir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration \(1 problem\):/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("an unknown ECS_PLATFORM_BACKEND exits 1 naming it, and writes nothing", () => {
    const outdir = path.join(dir, "cdktf.out");
    const result = run(APP, writeConfig("app.json", sampleConfig()), outdir, { ECS_PLATFORM_BACKEND: "gcs" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ECS_PLATFORM_BACKEND: "gcs" is not allowed; allowed: "s3" \| "local"/);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
