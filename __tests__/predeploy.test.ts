/**
 * bin/predeploy.sh against a recorded AWS CLI and Terraform on PATH (__tests__/fixtures/fake-cli):
 * success, a non-zero exit, a timeout, and a stack without pre-deploy tasks.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const FAKES = path.join(__dirname, "fixtures", "fake-cli");

const TASK = {
  cluster: "demo-dev",
  task_family: "demo-dev-web-predeploy",
  container: "web",
  repository_url: "111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web",
  log_group: "/ecs/demo-dev/web",
  log_stream_prefix: "ecs",
  subnets: ["subnet-a", "subnet-b"],
  security_groups: ["sg-tasks"],
  capacity_provider_strategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
  timeout_seconds: 600,
};
const WITH_TASK = { predeploy_tasks: { value: { web: TASK } } };

interface Scenario {
  outputs: object;
  stopAfterPolls: number | null;
  exitCode?: number;
}

function predeploy(scenario: Scenario, extra: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "predeploy-"));
  const scenarioFile = path.join(dir, "scenario.json");
  const logFile = path.join(dir, "calls.log");
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
  const result = spawnSync("bash", ["bin/predeploy.sh", "--stack", "demo-dev", "--image-tag", "abc123", ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: `${FAKES}:${process.env.PATH}`, FAKE_SCENARIO: scenarioFile, FAKE_LOG: logFile, PREDEPLOY_POLL_SECONDS: "0.05" },
  });
  const calls: string[][] = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").map((line) => JSON.parse(line)) : [];
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, commands: calls.map((c) => c.slice(0, 2).join(" ")) };
}

describe("bin/predeploy.sh", () => {
  it("GIVEN a task that exits 0 THEN it registers the new image, runs it on the service's network, waits, deregisters and exits 0", () => {
    const r = predeploy({ outputs: WITH_TASK, stopAfterPolls: 2, exitCode: 0 });
    expect(r.status).toBe(0);
    expect(r.commands).toEqual([
      "terraform -chdir=cdktf.out/stacks/demo-dev",
      "ecs describe-task-definition",
      "ecs register-task-definition",
      "ecs run-task",
      "ecs describe-tasks",
      "ecs describe-tasks",
      "ecs deregister-task-definition",
    ]);
    const registered = JSON.parse(r.calls[2][r.calls[2].indexOf("--cli-input-json") + 1]);
    expect(registered.containerDefinitions[0]).toMatchObject({ name: "web", image: `${TASK.repository_url}:abc123`, command: ["migrate"] });
    expect(registered).not.toHaveProperty("revision");
    const runTask = r.calls[3];
    expect(runTask).toEqual(expect.arrayContaining(["--cluster", "demo-dev", "--task-definition", "arn:aws:ecs:eu-west-1:111111111111:task-definition/demo-dev-web-predeploy:4"]));
    expect(JSON.parse(runTask[runTask.indexOf("--network-configuration") + 1])).toEqual({ awsvpcConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-tasks"], assignPublicIp: "DISABLED" } });
    expect(r.stdout).toMatch(/predeploy web: succeeded/);
  });

  it("GIVEN a task that exits 3 THEN it exits 1, names the log group and stream, and says the services were not changed", () => {
    const r = predeploy({ outputs: WITH_TASK, stopAfterPolls: 1, exitCode: 3 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pre-deploy task web of demo-dev: exited 3; logs: group \/ecs\/demo-dev\/web, stream ecs\/web\/0123456789abcdef\. The deploy stops here; the services were not changed\./);
    expect(r.commands.at(-1)).toBe("ecs deregister-task-definition");
  });

  it("GIVEN a task that does not stop in time THEN it stops the task and exits 1 with the log location", () => {
    const r = predeploy({ outputs: WITH_TASK, stopAfterPolls: null }, ["--timeout", "1"]);
    expect(r.status).toBe(1);
    expect(r.commands).toContain("ecs stop-task");
    expect(r.stderr).toMatch(/timed out after 1 s; the task was stopped; logs: group \/ecs\/demo-dev\/web, stream ecs\/web\/0123456789abcdef/);
  });

  it("GIVEN a stack without pre-deploy tasks THEN it calls no AWS API and exits 0", () => {
    const r = predeploy({ outputs: { cluster_name: { value: "demo-dev" } }, stopAfterPolls: null });
    expect(r.status).toBe(0);
    expect(r.commands).toEqual(["terraform -chdir=cdktf.out/stacks/demo-dev"]);
    expect(r.stdout).toMatch(/has no pre-deploy tasks/);
  });
});
