/**
 * The workflows come from the configuration (tools/workflows/, `npm run workflows`): the committed
 * files are what config/app.ts generates, the environments decide the jobs, and no job that holds
 * an OIDC token installs packages or synthesizes.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { loadApp } from "../config";
import { WORKFLOW_DIR, configPath, staleWorkflows, workflowsFor, writeWorkflows } from "../bin/workflows";
import { generateWorkflows } from "../tools/workflows";
import { sampleConfig } from "./helpers";
// The engine that synthesizes in this run (tools/engine.js): cdktf, or CDK Terrain under test:cdktn.
const engine = require("../tools/engine") as { ENGINES: Record<string, { pins: { provider: string } }>; engineName: () => string };

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions: Record<string, string>;
  readonly concurrency?: { group: string };
  readonly strategy?: { matrix: { include: Record<string, string>[] } };
  readonly steps: Step[];
}
interface Workflow {
  readonly jobs: Record<string, Job>;
}

const generated = workflowsFor(configPath());
const workflow = (text: string) => parse(text) as Workflow;
const committed = (file: string) => workflow(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8"));
const files = ["deploy-image.yml", "main.yml", "pull-request.yml"];
const allJobs = files.flatMap((file) => Object.entries(committed(file).jobs).map(([name, job]) => ({ file, name, job })));
const holdsToken = (job: Job) => job.permissions?.["id-token"] === "write";
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const stepIndex = (job: Job, match: (s: Step) => boolean) => job.steps.findIndex(match);

test("the committed workflows are what the selected config (config/app.ts) generates (run `npm run workflows`)", () => {
  expect(Object.keys(generated).sort()).toEqual(files);
  expect(staleWorkflows(generated, WORKFLOW_DIR)).toEqual([]);
});

test("--check reports a workflow that differs from the configuration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflows-"));
  writeWorkflows(generated, dir);
  fs.appendFileSync(path.join(dir, "main.yml"), "# edited by hand\n");
  expect(staleWorkflows(generated, dir)).toEqual(["main.yml"]);
});

describe("the environments decide the jobs", () => {
  // GIVEN the sample app with a staging environment listed after prod
  const input = sampleConfig();
  const environments = {
    ...input.environments,
    prod: { ...input.environments.prod, ci: { githubRepository: "acme/demo-infra", applyEnvironment: "production" } },
    staging: { region: "eu-central-1", allowedAccountIds: ["333333333333"], state: { bucket: "demo-state-staging" } },
  };
  // WHEN the workflows are generated
  const out = generateWorkflows(loadApp({ ...input, environments }));
  const main = workflow(out["main.yml"]);
  const pr = workflow(out["pull-request.yml"]);

  test("main applies non-production environments first, in config order, then production", () => {
    expect(Object.keys(main.jobs)).toEqual(["synth", "dev", "show-dev", "staging", "show-staging", "plan-prod", "show-prod", "apply-prod"]);
    expect(main.jobs.dev.needs).toBe("synth");
    expect(main.jobs.staging.needs).toBe("dev");
    expect(main.jobs["plan-prod"].needs).toBe("staging");
  });

  test("production applies in its GitHub environment after the rendered plan, other environments in none", () => {
    expect(main.jobs["apply-prod"].environment).toBe("production");
    expect(main.jobs["apply-prod"].needs).toEqual(["plan-prod", "show-prod"]);
    expect(main.jobs.staging.environment).toBeUndefined();
    expect(main.jobs.staging.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with).toMatchObject({
      "role-to-assume": "${{ vars.APPLY_ROLE_ARN_STAGING }}",
      "aws-region": "eu-central-1",
    });
  });

  test("one concurrency group per stack", () => {
    const groups = Object.values(main.jobs).flatMap((j) => j.concurrency?.group ?? []);
    expect(groups).toEqual(["terraform-demo-dev", "terraform-demo-staging", "terraform-demo-prod", "terraform-demo-prod"]);
  });

  test("pull requests plan every stack with its plan role", () => {
    expect(pr.jobs.plan.strategy?.matrix.include).toEqual([
      { stack: "demo-dev", environment: "dev", region: "eu-west-1", role_var: "PLAN_ROLE_ARN_DEV" },
      { stack: "demo-staging", environment: "staging", region: "eu-central-1", role_var: "PLAN_ROLE_ARN_STAGING" },
      { stack: "demo-prod", environment: "prod", region: "eu-west-1", role_var: "PLAN_ROLE_ARN_PROD" },
    ]);
  });
});

describe("no job that holds an OIDC token installs packages or synthesizes", () => {
  const tokenJobs = allJobs.filter(({ job }) => holdsToken(job));

  test("the token jobs are the Terraform jobs", () => {
    expect(tokenJobs.map(({ file, name }) => `${file}:${name}`)).toEqual([
      "deploy-image.yml:deploy",
      "main.yml:dev",
      "main.yml:plan-prod",
      "main.yml:apply-prod",
      "pull-request.yml:plan",
    ]);
  });

  test.each(tokenJobs.map(({ file, name, job }) => [`${file}:${name}`, job] as const))("%s runs no npm, node, npx or cdktf", (_, job) => {
    expect(runs(job)).not.toMatch(/\b(npm|npx|node|cdktf|tsx|yarn|pnpm)\b/);
    expect(job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))).toEqual([]);
  });

  test.each(tokenJobs.map(({ file, name, job }) => [`${file}:${name}`, job] as const))(
    "%s downloads the synthesized JSON and checks it before configuring credentials",
    (_, job) => {
      const downloaded = stepIndex(job, (s) => !!s.uses?.startsWith("actions/download-artifact@"));
      const checked = stepIndex(job, (s) => s.name === "Check the stack uses only the pinned AWS provider and runs no program");
      const credentials = stepIndex(job, (s) => !!s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      expect(downloaded).toBeGreaterThanOrEqual(0);
      expect(downloaded).toBeLessThan(checked);
      expect(checked).toBeLessThan(credentials);
    },
  );

  test("every job that runs npm ci or synth holds no token, and the synth jobs upload cdktf.out", () => {
    const npmJobs = allJobs.filter(({ job }) => /\bnpm (ci|run synth)\b/.test(runs(job)));
    expect(npmJobs.length).toBeGreaterThanOrEqual(5);
    for (const { job } of npmJobs) expect(job.permissions["id-token"]).toBeUndefined();
    for (const file of files) {
      const synth = Object.values(committed(file).jobs).find((j) => /npm run synth/.test(runs(j)))!;
      expect(synth.steps.some((s) => s.uses?.startsWith("actions/upload-artifact@"))).toBe(true);
    }
  });

  test("the pinned Terraform and AWS provider versions", () => {
    for (const file of files) expect(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")).toMatch(/TF_VERSION: "?1\.11\.4"?\n/);
    const check = allJobs.flatMap(({ job }) => job.steps).find((s) => s.name?.startsWith("Check the stack uses only"))!;
    expect(check).toMatchObject({ env: { AWS_PROVIDER: "6.25.0" } });
  });
});

describe("pull-request plans", () => {
  const pr = committed("pull-request.yml");

  test("never take the state lock", () => {
    const commands = runs(pr.jobs.plan).match(/^terraform (init|plan) -[^\n]*/gm)!;
    expect(commands).toHaveLength(2);
    for (const command of commands) expect(command).toContain("-lock=false");
    expect(runs(pr.jobs.plan)).not.toContain("-lock-timeout");
  });

  test("are commented by a job without a token that runs the base branch's renderer", () => {
    const comment = pr.jobs.comment;
    expect(comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(comment.steps[0].with).toMatchObject({ ref: "${{ github.event.pull_request.base.sha }}" });
  });
});

describe("pre-deploy tasks and applies", () => {
  const main = committed("main.yml");
  const deploy = committed("deploy-image.yml").jobs.deploy;
  const applyJobs = [main.jobs.dev, main.jobs["apply-prod"], deploy];

  test.each(applyJobs.map((j, i) => [["dev", "apply-prod", "deploy-image"][i], j] as const))("%s runs bin/predeploy.sh right before terraform apply", (_, job) => {
    const pre = stepIndex(job, (s) => /bash "?(\$GITHUB_WORKSPACE\/)?bin\/predeploy\.sh"? --stack "\$STACK"/.test(s.run ?? ""));
    const apply = stepIndex(job, (s) => /^terraform apply /m.test(s.run ?? "") && !/rollback/.test(s.run ?? ""));
    expect(pre).toBeGreaterThan(0);
    expect(apply).toBe(pre + 1);
    expect(job.steps[pre].if).toBe(job.steps[apply].if);
    expect(job.steps[pre].run).not.toContain("-f bin/predeploy.sh");
  });

  test("nothing applies without a saved, checked plan: no -auto-approve anywhere", () => {
    for (const file of files) expect(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")).not.toContain("-auto-approve");
  });

  test("the image deploy's rollback applies a plan of the previous tag that touches only the service", () => {
    const rollback = deploy.steps.find((s) => s.name?.startsWith("Put Terraform back on the previous image tag"))!.run!;
    const lines = rollback.split("\n");
    const plan = lines.findIndex((l) => l.startsWith("terraform plan ") && l.includes("-out=rollback.tfplan"));
    const guard = lines.indexOf('guard rollback.tfplan "$PREVIOUS_TAG"');
    const apply = lines.indexOf("terraform apply -no-color -input=false -lock-timeout=5m rollback.tfplan");
    expect(plan).toBeGreaterThan(0);
    expect(guard).toBe(plan + 1);
    expect(apply).toBe(guard + 1);
    expect(rollback).toContain('startswith("aws_ecs_task_definition.service-\\($s)_task-definition_")');
  });
});

describe("the check before credentials, run as the workflow runs it (bash + jq)", () => {
  const hasJq = spawnSync("jq", ["--version"]).status === 0;
  const check = committed("pull-request.yml").jobs.plan.steps.find((s) => s.name?.startsWith("Check the stack uses only"))! as Step & { env: Record<string, string> };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-check-"));
  const stack = JSON.parse(JSON.stringify(loadStackJson()));
  const runCheck = (json: unknown) => {
    const file = path.join(dir, "cdk.tf.json");
    fs.writeFileSync(file, JSON.stringify(json));
    return spawnSync("bash", ["-e", "-c", check.run!], { env: { ...process.env, STACK_FILE: file, AWS_PROVIDER: enginePins.provider, STACK: "x" }, encoding: "utf8" });
  };
  const jqTest = hasJq ? test : test.skip;

  // The workflows run the default engine; under ECS_PLATFORM_ENGINE=cdktn the stack carries that
  // engine's newer provider pin, so the check is run with the pin of the engine that synthesized it.
  const enginePins = engine.ENGINES[engine.engineName()].pins;
  test("the workflow pins the default engine's AWS provider", () => {
    expect(check.env.AWS_PROVIDER).toBe(engine.ENGINES.cdktf.pins.provider);
  });

  jqTest("passes the shipped stack", () => {
    expect(runCheck(stack).status).toBe(0);
  });

  jqTest.each([
    ["an external data source", (s: Record<string, any>) => ({ ...s, data: { ...s.data, external: { x: { program: ["sh", "-c", "env"] } } } })],
    ["a terraform_data resource", (s: Record<string, any>) => ({ ...s, resource: { ...s.resource, terraform_data: { x: {} } } })],
    ["a provisioner", (s: Record<string, any>) => ({ ...s, resource: { ...s.resource, aws_vpc: { ...s.resource.aws_vpc, x: { provisioner: [{ "local-exec": { command: "env" } }] } } } })],
    ["a module", (s: Record<string, any>) => ({ ...s, module: { m: { source: "git::https://example.com/m" } } })],
    ["another provider", (s: Record<string, any>) => ({ ...s, terraform: { ...s.terraform, required_providers: { ...s.terraform.required_providers, http: { source: "hashicorp/http" } } } })],
    ["another AWS provider version", (s: Record<string, any>) => ({ ...s, terraform: { ...s.terraform, required_providers: { aws: { source: "aws", version: ">= 6.0" } } } })],
  ])("fails a stack with %s", (_, tamper) => {
    const result = runCheck(tamper(stack));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error::");
  });
});

function loadStackJson(): unknown {
  const { synthesizeApp, loadConfigModule } = require("../main") as typeof import("../main");
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-check-synth-"));
  synthesizeApp(loadConfigModule(configPath()), { outdir, onWarnings: () => undefined });
  const stack = fs.readdirSync(path.join(outdir, "stacks")).sort().find((name) => !name.endsWith("-bootstrap"))!;
  return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

describe("main.yml's pre-deploy step, run with a recording bin/predeploy.sh and terraform", () => {
  const step = committed("main.yml").jobs.dev.steps.find((s) => s.name === "Run the stack's pre-deploy tasks")!;
  const hasJq = spawnSync("jq", ["--version"]).status === 0;
  const jqTest = hasJq ? test : test.skip;
  function runStep(tags: Record<string, string>, predeployTasks: Record<string, unknown>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "predeploy-step-"));
    fs.mkdirSync(path.join(dir, "bin"));
    fs.mkdirSync(path.join(dir, "fake"));
    fs.mkdirSync(path.join(dir, "stack"));
    fs.writeFileSync(path.join(dir, "stack", "image-tags.json"), JSON.stringify(tags));
    fs.writeFileSync(path.join(dir, "bin", "predeploy.sh"), 'echo "predeploy $*" >> calls.log\n');
    fs.writeFileSync(path.join(dir, "fake", "terraform"), `#!/bin/sh\necho '${JSON.stringify(predeployTasks)}'\n`, { mode: 0o755 });
    const result = spawnSync("bash", ["-e", "-c", step.run!], {
      cwd: dir,
      env: { ...process.env, PATH: `${path.join(dir, "fake")}:${process.env.PATH}`, STACK: "shop-dev", STACK_DIR: path.join(dir, "stack") },
      encoding: "utf8",
    });
    const calls = fs.existsSync(path.join(dir, "calls.log")) ? fs.readFileSync(path.join(dir, "calls.log"), "utf8").trim().split("\n") : [];
    return { status: result.status, stdout: result.stdout, calls };
  }

  jqTest("runs the tasks with the one tag every service runs", () => {
    expect(runStep({ web: "abc", api: "abc" }, {})).toMatchObject({ status: 0, calls: ["predeploy --stack shop-dev --image-tag abc"] });
  });

  jqTest("runs nothing before a first deploy", () => {
    expect(runStep({}, {})).toMatchObject({ status: 0, calls: [] });
  });

  jqTest("stops when services run different tags and the stack has pre-deploy tasks", () => {
    const result = runStep({ web: "abc", api: "def" }, { "api-migrate": {} });
    expect(result).toMatchObject({ status: 1, calls: [] });
    expect(result.stdout).toContain("::error::shop-dev's services run different image tags (abc def)");
  });

  jqTest("lets bin/predeploy.sh report 'none' when tags differ but the stack has no tasks", () => {
    expect(runStep({ web: "abc", api: "def" }, {})).toMatchObject({ status: 0, calls: ["predeploy --stack shop-dev --image-tag abc"] });
  });
});
