"""Pre-deploy tasks: run each of a stack's one-off tasks with the new image and wait for it.

Reads the stack's `predeploy_tasks` Terraform output (stacks/outputs.ts), so it needs the stack
synthesized and initialised (`terraform -chdir=cdktf.out/stacks/<stack> init`). For each task it
registers a revision of the task's family (created by Terraform) with the image tag being deployed,
runs it with `aws ecs run-task` on the service's subnets and security group, waits until it stops
or the timeout passes, and deregisters that revision again. Only the AWS CLI and Terraform are used.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# Fields register-task-definition takes back from describe-task-definition.
REGISTER_FIELDS = (
    "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes", "placementConstraints",
    "requiresCompatibilities", "cpu", "memory", "runtimePlatform", "ephemeralStorage", "pidMode", "ipcMode", "proxyConfiguration",
)


class PreDeployError(Exception):
    pass


def run(args, what):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise PreDeployError(f"{what} failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout


def aws(*args):
    return json.loads(run([os.environ.get("AWS_CLI", "aws"), *args, "--output", "json"], f"aws {args[0]} {args[1]}") or "{}")


def stack_tasks(stack):
    """The stack's pre-deploy tasks from its Terraform outputs; {} when it has none (or was never applied)."""
    outputs = json.loads(run([os.environ.get("TERRAFORM_CLI", "terraform"), f"-chdir=cdktf.out/stacks/{stack}", "output", "-json"], "terraform output") or "{}")
    return outputs.get("predeploy_tasks", {}).get("value", {})


def register(task, image_tag):
    current = aws("ecs", "describe-task-definition", "--task-definition", task["task_family"])["taskDefinition"]
    definition = {k: current[k] for k in REGISTER_FIELDS if k in current}
    image = f"{task['repository_url']}:{image_tag}"
    for container in definition["containerDefinitions"]:
        if container["name"] == task["container"]:
            container["image"] = image
    registered = aws("ecs", "register-task-definition", "--cli-input-json", json.dumps(definition))
    return registered["taskDefinition"]["taskDefinitionArn"]


def start(task, definition_arn):
    network = {"awsvpcConfiguration": {"subnets": task["subnets"], "securityGroups": task["security_groups"], "assignPublicIp": "DISABLED"}}
    args = ["ecs", "run-task", "--cluster", task["cluster"], "--task-definition", definition_arn, "--started-by", "predeploy",
            "--network-configuration", json.dumps(network)]
    if task["capacity_provider_strategy"]:
        args += ["--capacity-provider-strategy", json.dumps(task["capacity_provider_strategy"])]
    started = aws(*args)
    if started.get("failures") or not started.get("tasks"):
        raise PreDeployError(f"run-task could not start the task: {json.dumps(started.get('failures'))}")
    return started["tasks"][0]["taskArn"]


def wait(task, task_arn, timeout, poll):
    """The main container's exit code once the task stops; raises on timeout (after stopping it)."""
    deadline = time.monotonic() + timeout
    while True:
        described = aws("ecs", "describe-tasks", "--cluster", task["cluster"], "--tasks", task_arn)["tasks"][0]
        if described.get("lastStatus") == "STOPPED":
            container = next((c for c in described.get("containers", []) if c["name"] == task["container"]), {})
            if "exitCode" not in container:
                raise PreDeployError(f"the task stopped without running its command: {described.get('stoppedReason', 'no reason given')}")
            return container["exitCode"]
        if time.monotonic() >= deadline:
            aws("ecs", "stop-task", "--cluster", task["cluster"], "--task", task_arn, "--reason", f"pre-deploy timeout after {timeout} s")
            raise PreDeployError(f"timed out after {timeout} s; the task was stopped")
        time.sleep(poll)


def run_task(key, task, image_tag, timeout, poll):
    log = lambda arn: f"logs: group {task['log_group']}, stream {task['log_stream_prefix']}/{task['container']}/{arn.rsplit('/', 1)[-1]}"
    definition_arn = register(task, image_tag)
    try:
        task_arn = start(task, definition_arn)
        print(f"predeploy {key}: started {task_arn} ({definition_arn}); waiting up to {timeout} s", flush=True)
        try:
            exit_code = wait(task, task_arn, timeout, poll)
        except PreDeployError as error:
            raise PreDeployError(f"{error}; {log(task_arn)}") from None
        if exit_code != 0:
            raise PreDeployError(f"exited {exit_code}; {log(task_arn)}")
        print(f"predeploy {key}: succeeded", flush=True)
    finally:
        aws("ecs", "deregister-task-definition", "--task-definition", definition_arn)


def main(argv):
    parser = argparse.ArgumentParser(description="Run a stack's pre-deploy tasks before its services roll out.")
    parser.add_argument("--stack", required=True)
    parser.add_argument("--image-tag", required=True)
    parser.add_argument("--timeout", type=int, help="seconds per task (default: the task's timeoutSeconds)")
    options = parser.parse_args(argv)
    poll = float(os.environ.get("PREDEPLOY_POLL_SECONDS", "10"))
    try:
        tasks = stack_tasks(options.stack)
        if not tasks:
            print(f"predeploy: stack {options.stack} has no pre-deploy tasks (or has not been applied yet); nothing to run")
            return 0
        for key, task in sorted(tasks.items()):
            try:
                run_task(key, task, options.image_tag, options.timeout or task["timeout_seconds"], poll)
            except PreDeployError as error:
                raise PreDeployError(f"pre-deploy task {key} of {options.stack}: {error}") from None
    except PreDeployError as error:
        print(f"predeploy: {error}. The deploy stops here; the services were not changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
