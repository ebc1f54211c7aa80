/**
 * GitHub Actions workflows: schema-valid (action-validator), every action pinned, OIDC token only
 * where AWS credentials are configured, no static AWS keys, and the job/trust contract with the
 * bootstrap stack's roles.
 *
 * Jobs are found by indentation (two spaces under `jobs:`), which is how every workflow here is
 * written; the "finds the jobs" test keeps that assumption honest.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const WORKFLOW_DIR = path.join(__dirname, "..", ".github", "workflows");
const VALIDATOR = path.join(path.dirname(require.resolve("@action-validator/cli/package.json")), "cli.mjs");
const files = fs.readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file: string) => fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");

/** Lines that are not YAML comments (the docs inside workflow headers show example `uses:` lines). */
function codeLines(text: string): string[] {
  return text.split("\n").filter((line) => !/^\s*#/.test(line));
}

interface Job {
  readonly name: string;
  readonly text: string;
}

/** Top-level text before `jobs:` and each job's block of lines. */
function splitJobs(text: string): { header: string; jobs: Job[] } {
  const lines = codeLines(text);
  const start = lines.findIndex((line) => /^jobs:\s*$/.test(line));
  if (start < 0) return { header: lines.join("\n"), jobs: [] };
  const jobs: { name: string; lines: string[] }[] = [];
  for (const line of lines.slice(start + 1)) {
    const key = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (key) jobs.push({ name: key[1], lines: [] });
    else if (/^\S/.test(line)) break;
    else jobs[jobs.length - 1]?.lines.push(line);
  }
  return { header: lines.slice(0, start).join("\n"), jobs: jobs.map((j) => ({ name: j.name, text: j.lines.join("\n") })) };
}

const usesConfigureCredentials = (job: Job) => /^\s*(-\s+)?uses:\s*aws-actions\/configure-aws-credentials@/m.test(job.text);
const grantsIdToken = (text: string) => /^\s*id-token:\s*write\s*$/m.test(text);
const grantsPullRequestWrite = (text: string) => /^\s*pull-requests:\s*write\s*$/m.test(text);

test("the workflows exist", () => {
  expect(files).toEqual(expect.arrayContaining(["deploy-image.yml", "main.yml", "pull-request.yml"]));
});

test("the job splitter finds the jobs", () => {
  expect(splitJobs(read("pull-request.yml")).jobs.map((j) => j.name)).toEqual(["test", "plan", "comment"]);
  expect(splitJobs(read("main.yml")).jobs.map((j) => j.name)).toEqual(["synth", "dev", "show-dev", "plan-prod", "show-prod", "apply-prod"]);
  expect(splitJobs(read("deploy-image.yml")).jobs.map((j) => j.name)).toEqual(["synth", "deploy"]);
});

describe.each(files)("%s", (file) => {
  const text = read(file);

  test("passes action-validator", () => {
    const result = spawnSync(process.execPath, [VALIDATOR, path.join(WORKFLOW_DIR, file)], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`action-validator ${file} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  });

  test("pins every action to a full version tag or a commit SHA", () => {
    const refs = codeLines(text).flatMap((line) => /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/.exec(line)?.[1] ?? []);
    expect(refs.length).toBeGreaterThan(0);
    const unpinned = refs.filter((ref) => !ref.startsWith("./") && !/@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/.test(ref));
    expect(unpinned).toEqual([]);
  });

  test("SHA pins name their version in a comment", () => {
    const shaPins = codeLines(text).filter((line) => /uses:\s*\S+@[0-9a-f]{40}/.test(line));
    expect(shaPins.filter((line) => !/@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+\s*$/.test(line))).toEqual([]);
  });

  test("grants nothing at the top level", () => {
    const { header } = splitJobs(text);
    expect(header).toMatch(/^permissions: \{\}\s*$/m);
    expect(grantsIdToken(header)).toBe(false);
  });

  test("grants id-token: write exactly to the jobs that configure AWS credentials", () => {
    for (const job of splitJobs(text).jobs) {
      expect({ job: job.name, idToken: grantsIdToken(job.text) }).toEqual({ job: job.name, idToken: usesConfigureCredentials(job) });
    }
  });

  test("grants pull-requests: write only to jobs that post a comment", () => {
    for (const job of splitJobs(text).jobs.filter((j) => grantsPullRequestWrite(j.text))) {
      expect({ job: job.name, comments: /createComment|updateComment/.test(job.text) }).toEqual({ job: job.name, comments: true });
    }
  });

  test("uses no static AWS keys", () => {
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/i);
  });

  const terraformTest = /hashicorp\/setup-terraform@/.test(text) ? test : test.skip;
  terraformTest("installs Terraform ≥ 1.10 (S3 lock files) without the output-capturing wrapper", () => {
    const version = /TF_VERSION:\s*"?(\d+)\.(\d+)\.(\d+)"?/.exec(text);
    expect(version).not.toBeNull();
    const [major, minor] = [Number(version![1]), Number(version![2])];
    expect(major === 1 && minor >= 10).toBe(true);
    expect(text.match(/terraform_wrapper: false/g)?.length).toBe(text.match(/hashicorp\/setup-terraform@/g)?.length);
  });
});

describe("the contract with the bootstrap stack's roles", () => {
  test("pull requests only ever use the plan roles", () => {
    const text = read("pull-request.yml");
    expect(text).not.toMatch(/APPLY_ROLE_ARN/);
    expect(text).toContain("role_var: PLAN_ROLE_ARN_DEV");
    expect(text).toContain("role_var: PLAN_ROLE_ARN_PROD");
  });

  test("the dev apply job runs outside any environment (its role trusts ref:refs/heads/main)", () => {
    const dev = splitJobs(read("main.yml")).jobs.find((j) => j.name === "dev")!;
    expect(dev.text).toContain("vars.APPLY_ROLE_ARN_DEV");
    expect(dev.text).not.toMatch(/^\s{4}environment:/m);
  });

  test("the prod apply runs in `production`; its plan runs outside it with the plan role", () => {
    const jobs = splitJobs(read("main.yml")).jobs;
    const apply = jobs.find((j) => j.name === "apply-prod")!;
    const plan = jobs.find((j) => j.name === "plan-prod")!;
    expect(apply.text).toMatch(/^\s{4}environment: production\s*$/m);
    expect(apply.text).toContain("vars.APPLY_ROLE_ARN_PROD");
    expect(apply.text).toMatch(/terraform apply .*tfplan$/m);
    expect(plan.text).toContain("vars.PLAN_ROLE_ARN_PROD");
    expect(plan.text).not.toMatch(/^\s{4}environment:/m);
  });

  test("applies to one stack never overlap", () => {
    const groups = (file: string) => [...read(file).matchAll(/group: (terraform-[^\n]+)\n\s+cancel-in-progress: (\w+)/g)].map((m) => [m[1], m[2]]);
    expect(groups("main.yml")).toEqual([
      ["terraform-shop-dev", "false"],
      ["terraform-shop-prod", "false"],
      ["terraform-shop-prod", "false"],
    ]);
    expect(groups("deploy-image.yml")).toEqual([["terraform-${{ inputs.stack }}", "false"]]);
  });

  test("every plan passes the deployed image tags back", () => {
    for (const file of files) {
      const plans = read(file).match(/terraform plan -(?:[^\n]*\\\n)*[^\n]*/g) ?? [];
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) expect(plan).toContain("-var-file=image-tags.tfvars.json");
    }
  });
});
