/**
 * examples/photo-gallery (issue 13): a web front end, an internal API with a migration before each
 * deploy, FireLens and an OpenTelemetry collector, a queue worker scaled to zero, a nightly job and
 * EFS uploads, in eu-central-1.
 */
import config from "../../examples/photo-gallery/config";
import { containers, policyStatement, refOf, resourceAt, resourceList, resources, synth } from "../helpers";
import { ecsService } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);

describe("examples/photo-gallery", () => {
  it("is one prod stack in eu-central-1", () => {
    expect(settings.stackName).toBe("gallery-prod");
  });

  it("routes only the web front end; the API is internal and the worker has no load_balancer block", () => {
    expect(Object.keys(resources(tf, "aws_lb_target_group"))).toEqual([expect.stringContaining("target-group-web")]);
    expect(ecsService(tf, "web").load_balancer).toHaveLength(1);
    expect(ecsService(tf, "api").load_balancer).toBeUndefined();
    expect(ecsService(tf, "thumbnails").load_balancer).toBeUndefined();
    expect(Object.keys(resources(tf, "aws_ecs_service")).some((id) => id.includes("cleanup"))).toBe(false);
  });

  it("runs the API with the log router and a collector it waits for, and a migration task definition", () => {
    expect(containers(tf, "api").map((c) => c.name)).toEqual(["api", "log-router", "otel"]);
    expect(resourceAt(tf, "aws_ecs_task_definition", "service-api/predeploy-task-definition").family).toBe("gallery-prod-api-predeploy");
    expect(tf.output?.predeploy_tasks.value).toMatchObject({ api: { task_family: "gallery-prod-api-predeploy", timeout_seconds: 600 } });
  });

  it("scales the worker on its queue backlog per task down to zero, with night and morning bounds", () => {
    expect(resourceAt(tf, "aws_appautoscaling_target", "service-thumbnails/scaling-target")).toMatchObject({ min_capacity: 0, max_capacity: 20 });
    const queue = resourceAt(tf, "aws_appautoscaling_policy", "service-thumbnails/scale-on-queue") as any;
    expect(queue.target_tracking_scaling_policy_configuration.target_value).toBe(20);
    expect(queue.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics.map((m: any) => m.expression ?? m.metric_stat.metric.metric_name)).toEqual([
      "ApproximateNumberOfMessagesVisible",
      "RunningTaskCount",
      "IF(tasks > 0, visible / tasks, visible)",
    ]);
    expect(resourceAt(tf, "aws_appautoscaling_scheduled_action", "service-thumbnails/scheduled-scaling-night")).toMatchObject({
      schedule: "cron(0 22 * * ? *)",
      timezone: "Europe/Berlin",
      scalable_target_action: { max_capacity: "2" },
    });
  });

  it("runs the nightly cleanup on EventBridge Scheduler with a role that runs only its task", () => {
    expect(resourceAt(tf, "aws_scheduler_schedule", "job-cleanup/schedule")).toMatchObject({ schedule_expression: "cron(0 3 * * ? *)", schedule_expression_timezone: "Europe/Berlin" });
    expect(policyStatement(tf, "job-cleanup/permissions", "RunJobTask").resources).toEqual([expect.stringMatching(/task-definition\/gallery-prod-cleanup$/), expect.stringMatching(/task-definition\/gallery-prod-cleanup:\*$/)]);
  });

  it("keeps uploads on EFS reachable from the task security group only; the worker mounts them read-only", () => {
    const efs = refOf(tf, "aws_security_group", "file-system/security-group", "id");
    const rules = resourceList<{ security_group_id: string; referenced_security_group_id?: string }>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === efs);
    expect(rules.map((r) => r.referenced_security_group_id)).toEqual([refOf(tf, "aws_security_group", "security-groups/tasks", "id")]);
    expect(policyStatement(tf, "task-role-thumbnails/policy-document", "FileSystem0").actions).toEqual(["elasticfilesystem:ClientMount"]);
    expect(containers(tf, "thumbnails")[0].mountPoints).toEqual([{ sourceVolume: "uploads", containerPath: "/data/uploads", readOnly: true }]);
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
