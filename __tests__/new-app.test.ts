/**
 * `npm run new-app`: every starting shape writes a config module that validates and synthesizes on
 * the first run, selects it for main.ts (cdktf.json context) and writes workflows for its environments.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { ConfigError, validateApp } from "../config";
import { defaultConfigPath, loadConfigModule, synthesizeApp } from "../main";
import { UsageError, createApp, parseEnvironment } from "../bin/new-app";
import { SHAPES, workersSupported, type Shape } from "../tools/new-app/template";

const ROOT = path.resolve(__dirname, "..");
const ENVIRONMENTS = [parseEnvironment("dev:eu-west-1:111111111111", "billing"), parseEnvironment("prod:eu-central-1:222222222222:billing-prod-state", "billing")];

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "new-app-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const create = (shape: Shape, extra: Partial<Parameters<typeof createApp>[0]> = {}) =>
  createApp({ name: "billing", shape, environments: ENVIRONMENTS, githubRepository: "acme/billing-infra", root, ...extra });

const shapes = SHAPES.filter((s) => s !== "api-worker" || workersSupported());

describe.each(shapes)("the %s template", (shape) => {
  test("validates and synthesizes every environment's stack and bootstrap stack", () => {
    // WHEN the app is created
    const written = create(shape);
    // THEN the module validates without warnings and synthesizes
    expect(written).toEqual(["apps/billing/config.ts", "cdktf.json", ".github/workflows/deploy-image.yml", ".github/workflows/main.yml", ".github/workflows/pull-request.yml"]);
    const module = path.join(root, "apps", "billing", "config.ts");
    const { stacks, warnings } = validateApp(loadConfigModule(module));
    expect(warnings).toEqual([]);
    expect(stacks.map((s) => [s.stackName, s.region, s.state.bucket, s.production])).toEqual([
      ["billing-dev", "eu-west-1", "billing-terraform-state-111111111111", false],
      ["billing-prod", "eu-central-1", "billing-prod-state", true],
    ]);
    const outdir = path.join(root, "cdktf.out");
    synthesizeApp(loadConfigModule(module), { outdir, onWarnings: () => undefined });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(["billing-dev", "billing-dev-bootstrap", "billing-prod", "billing-prod-bootstrap"]);
  });

  test("is commented", () => {
    create(shape);
    const text = fs.readFileSync(path.join(root, "apps", "billing", "config.ts"), "utf8");
    expect(text.match(/^\s*\/\/ /gm)?.length).toBeGreaterThanOrEqual(6);
  });
});

test("the web-api-postgres template has a database wired into the API; web has none", () => {
  create("web-api-postgres");
  const [dev] = validateApp(loadConfigModule(path.join(root, "apps", "billing", "config.ts"))).stacks;
  expect(dev.database).toBeDefined();
  expect(dev.services.map((s) => s.key).sort()).toEqual(["api", "web"]);
  create("web", { out: "apps/billing/web.ts" });
  const [webOnly] = validateApp(loadConfigModule(path.join(root, "apps", "billing", "web.ts"))).stacks;
  expect(webOnly.database).toBeUndefined();
  expect(webOnly.services.map((s) => s.key)).toEqual(["web"]);
});

test("the api-worker template is refused until the schema has service kinds", () => {
  if (workersSupported()) return; // then it is one of the shapes above
  expect(() => create("api-worker")).toThrow(/--shape api-worker needs service kinds/);
  expect(fs.existsSync(path.join(root, "apps"))).toBe(false);
});

test("main.ts synthesizes the selected module; ECS_PLATFORM_CONFIG still wins; the shipped app is the default", () => {
  create("web");
  expect(defaultConfigPath(root, {})).toBe(path.join(root, "apps", "billing", "config.ts"));
  expect(defaultConfigPath(root, { ECS_PLATFORM_CONFIG: "x.ts" })).toBe("x.ts");
  expect(defaultConfigPath(ROOT, {})).toBe(path.join(ROOT, "config", "app.ts"));
});

test("the workflows are generated for the new app's environments", () => {
  create("web");
  const main = parse(fs.readFileSync(path.join(root, ".github", "workflows", "main.yml"), "utf8")) as { jobs: Record<string, { environment?: string }> };
  expect(Object.keys(main.jobs)).toEqual(["synth", "dev", "show-dev", "plan-prod", "show-prod", "apply-prod"]);
  expect(main.jobs["apply-prod"].environment).toBe("production");
});

test("refuses to overwrite the module without --force", () => {
  create("web");
  const file = path.join(root, "apps", "billing", "config.ts");
  fs.appendFileSync(file, "// mine\n");
  expect(() => create("web")).toThrow(new UsageError("apps/billing/config.ts exists; pass --force to overwrite it"));
  expect(fs.readFileSync(file, "utf8")).toContain("// mine");
  create("web", { force: true });
  expect(fs.readFileSync(file, "utf8")).not.toContain("// mine");
});

test("an invalid answer is a ConfigError naming the field, and nothing is written", () => {
  expect(() => create("web", { name: "Billing_App" })).toThrow(ConfigError);
  expect(() => create("web", { name: "Billing_App" })).toThrow(/- app: "Billing_App" is not allowed/);
  expect(fs.readdirSync(path.join(root, "apps", "Billing_App"))).toEqual([]);
  expect(fs.existsSync(path.join(root, "cdktf.json"))).toBe(false);
});

test("--env takes name:region:accountId[:stateBucket]", () => {
  expect(parseEnvironment("dev:eu-west-1:111111111111", "shop")).toEqual({ name: "dev", region: "eu-west-1", accountId: "111111111111", stateBucket: "shop-terraform-state-111111111111" });
  expect(() => parseEnvironment("dev:eu-west-1", "shop")).toThrow(/expected name:region:accountId\[:stateBucket\]/);
});

test("the command line writes the app from flags and, outside a terminal, asks for nothing", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--require", "./tools/register-ts.js", "bin/new-app.ts", "--root", root, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  const missing = run("--name", "billing");
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("--name, --shape and at least one --env are required when not run in a terminal");
  const ok = run("--name", "billing", "--shape", "web", "--env", "dev:eu-west-1:111111111111");
  expect(ok.stderr).toBe("");
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain("wrote apps/billing/config.ts");
  expect(run("--name", "billing", "--shape", "web", "--env", "dev:eu-west-1:111111111111").stderr).toContain("pass --force");
});
