/**
 * A sample of issue 11's cases through the command line cdktf runs (cdktf.json's app): exit 1,
 * the problem on stderr, no stack trace, and no cdktf.out; warnings on stderr with exit 0; JSON
 * files parsed by the project (duplicate keys); config modules that export a Promise.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { sampleConfig } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app.split(/\s+/) as string[];

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-cli-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI on a config file written with `contents`; returns its result and whether anything was written. */
function run(name: string, contents: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, contents);
  const outdir = path.join(dir, `out-${name}`);
  const result = spawnSync(process.execPath, APP.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ECS_PLATFORM_CONFIG: file, CDKTF_OUTDIR: outdir, ECS_PLATFORM_SYNTH_CACHE: path.join(dir, "cache") },
    encoding: "utf8",
  });
  return { status: result.status, stderr: result.stderr, written: fs.existsSync(outdir) ? fs.readdirSync(path.join(outdir, "stacks")).sort() : undefined };
}

const json = (mutate: (c: any) => void) => {
  const config = sampleConfig() as any;
  mutate(config);
  return JSON.stringify(config, null, 2);
};

describe("the CLI on invalid configurations", () => {
  it.each([
    ["a name that would collide between environments in one account", json((c) => (c.environments.prod.allowedAccountIds = ["111111111111"])), /services\.web\.repository\.name: "demo\/web" is not allowed; environments dev and prod share account 111111111111 and region eu-west-1/],
    ["Terraform syntax in an ECS service name", json((c) => (c.services.web.names = { service: '${file("/etc/passwd")}' })), /services\.web\.names\.service: "\$\{file\(\\"\/etc\/passwd\\"\)\}" is not allowed; must be 1–255 letters/],
    ["a task that can never be placed", json((c) => ((c.services.api.capacity = "ec2"), (c.services.api.architecture = "ARM64"), Object.values(c.environments).forEach((e: any) => (e.ec2Capacity = {})))), /services\.api\.architecture: "ARM64" is not allowed; environments\.dev\.ec2Capacity\.instanceType t3\.small is X86_64/],
    ["a region typo", json((c) => (c.environments.dev.region = "eu-wset-1")), /environments\.dev\.region: "eu-wset-1" is not allowed; not an AWS region \(did you mean eu-west-1\?\)/],
    ["a __proto__ key", '{ "app": "demo", "services": { "__proto__": { "containerPort": 80 } }, "environments": {} }', /services\.__proto__: key "__proto__" is not allowed: JavaScript reserves it/],
  ])("%s: exit 1, the problem, nothing written", (_name, contents, message) => {
    const result = run(`case-${Math.random().toString(36).slice(2)}.json`, contents);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.written).toBeUndefined();
  });

  it("rejects a JSON file with a duplicate key, naming it (require() would keep the last one)", () => {
    const text = json(() => undefined).replace('"containerPort": 8080,', '"containerPort": 8080,\n      "cpu": 4096,');
    const result = run("duplicate.json", text);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/- services\.api\.cpu: duplicate key "cpu" \(line \d+\); JSON keeps only the last value, so remove one of them/);
    expect(result.written).toBeUndefined();
  });
});

describe("the CLI on config modules and warnings", () => {
  it("awaits a config module that exports a Promise", () => {
    const result = run("async.ts", `export default Promise.resolve(${json(() => undefined)});\n`);
    expect(result.stderr).toBe("");
    expect(result.written).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
  });

  it("reports a rejected Promise as a configuration problem, writing nothing", () => {
    const result = run("rejected.ts", 'export default Promise.reject(new Error("vault unreachable"));\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ECS_PLATFORM_CONFIG: the config module's Promise was rejected \(vault unreachable\)/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.written).toBeUndefined();
  });

  it("prints warnings on stderr and still synthesizes", () => {
    const result = run("warning.json", json((c) => (c.environments.dev.ec2Capacity = {})));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/Configuration warning \(1; nothing was rejected\):\n {2}- environments\.dev\.ec2Capacity: "\{\.\.\.\}" has no effect; no service uses capacity "ec2"/);
    expect(result.written).toEqual(["demo-dev", "demo-dev-bootstrap", "demo-prod", "demo-prod-bootstrap"]);
  });
});
