/** Issue 13 in the synthesized stack: service kinds, jobs on EventBridge Scheduler, pre-deploy tasks, runtime settings. */
import type { AppConfigInput } from "../config";
import { containers, policyStatement, refOf, resourceAt, resourceList, resources, synth, type TerraformJson } from "./helpers";

const ENV = { region: "eu-west-1", allowedAccountIds: ["111111111111"], state: { bucket: "demo-state" } };

function app(services: AppConfigInput["services"]): AppConfigInput {
  return { app: "demo", services, environments: { dev: ENV } };
}

const count = (tf: TerraformJson, type: string) => Object.keys(resources(tf, type)).length;

describe("GIVEN an application of a web service, an internal API, a worker and a nightly job", () => {
  const { tf } = synth(
    app({
      web: { containerPort: 3000, preDeploy: { command: ["npx", "prisma", "migrate", "deploy"], timeoutSeconds: 600 } },
      api: { kind: "internal", containerPort: 8080 },
      worker: { kind: "worker", command: ["node", "worker.js"], stopTimeout: 90, ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }] },
      nightly: { kind: "job", command: ["node", "report.js"], schedule: { expression: "cron(0 3 * * ? *)", timezone: "Europe/Berlin", flexibleWindowMinutes: 15 } },
    }),
  );
  const service = (key: string) => resourceAt(tf, "aws_ecs_service", `service-${key}/service`);

  it("THEN only the web service is behind the load balancer: one target group, a load_balancer block on web only", () => {
    expect(count(tf, "aws_lb")).toBe(1);
    expect(Object.keys(resources(tf, "aws_lb_target_group"))).toHaveLength(1);
    expect(service("web").load_balancer).toHaveLength(1);
    expect(service("api").load_balancer).toBeUndefined();
    expect(service("worker").load_balancer).toBeUndefined();
  });

  it("THEN the internal API publishes itself on Service Connect, the worker has no port and publishes nothing", () => {
    expect(service("api").service_connect_configuration).toMatchObject({ enabled: true, service: [{ discovery_name: "api", client_alias: { port: 8080 } }] });
    expect(service("worker").service_connect_configuration).toMatchObject({ enabled: true });
    expect((service("worker").service_connect_configuration as { service?: unknown }).service).toBeUndefined();
    expect(containers(tf, "worker")[0].portMappings).toEqual([]);
  });

  it("THEN the ALB reaches only the web port; the API port is open to other tasks only", () => {
    const ingress = resourceList<{ from_port: number; referenced_security_group_id?: string }>(tf, "aws_vpc_security_group_ingress_rule");
    const alb = refOf(tf, "aws_security_group", "security-groups/alb", "id");
    const tasks = refOf(tf, "aws_security_group", "security-groups/tasks", "id");
    expect(ingress.filter((r) => r.referenced_security_group_id === alb).map((r) => r.from_port)).toEqual([3000]);
    expect(ingress.filter((r) => r.referenced_security_group_id === tasks).map((r) => r.from_port).sort()).toEqual([3000, 8080]);
  });

  it("THEN the worker's container carries its command, stop timeout and ulimits", () => {
    expect(containers(tf, "worker")[0]).toMatchObject({ command: ["node", "worker.js"], stopTimeout: 90, ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }] });
  });

  it("THEN the job has no ECS service, its own task definition and a schedule with its time zone and window", () => {
    expect(Object.keys(resources(tf, "aws_ecs_service")).some((id) => id.includes("nightly"))).toBe(false);
    const schedule = resourceAt(tf, "aws_scheduler_schedule", "job-nightly/schedule");
    expect(schedule).toMatchObject({
      name: "demo-dev-nightly",
      schedule_expression: "cron(0 3 * * ? *)",
      schedule_expression_timezone: "Europe/Berlin",
      flexible_time_window: { mode: "FLEXIBLE", maximum_window_in_minutes: 15 },
      target: {
        arn: refOf(tf, "aws_ecs_cluster", "cluster/cluster", "arn"),
        role_arn: refOf(tf, "aws_iam_role", "job-nightly/role", "arn"),
        ecs_parameters: { task_definition_arn: refOf(tf, "aws_ecs_task_definition", "job-nightly/task-definition", "arn"), task_count: 1 },
        retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
        dead_letter_config: { arn: refOf(tf, "aws_sqs_queue", "job-nightly/dead-letter-queue", "arn") },
      },
    });
    expect(resourceAt(tf, "aws_ecs_task_definition", "job-nightly/task-definition")).toMatchObject({ family: "demo-dev-nightly" });
  });

  it("THEN the scheduler role may run exactly the job's family in this cluster and pass exactly its two roles", () => {
    const run = policyStatement(tf, "job-nightly/permissions", "RunJobTask");
    expect(run.actions).toEqual(["ecs:RunTask"]);
    expect(run.resources).toEqual([
      expect.stringMatching(/^arn:aws:ecs:eu-west-1:\$\{data\.aws_caller_identity\.caller\.account_id\}:task-definition\/demo-dev-nightly$/),
      expect.stringMatching(/task-definition\/demo-dev-nightly:\*$/),
    ]);
    expect(run.condition).toEqual([{ test: "ArnEquals", variable: "ecs:cluster", values: [refOf(tf, "aws_ecs_cluster", "cluster/cluster", "arn")] }]);
    const pass = policyStatement(tf, "job-nightly/permissions", "PassJobRoles");
    expect(pass.resources).toEqual([refOf(tf, "aws_iam_role", "execution-role-nightly/role", "arn"), refOf(tf, "aws_iam_role", "task-role-nightly/role", "arn")]);
    expect(policyStatement(tf, "job-nightly/trust", "AllowServiceToAssume").principals).toEqual([{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }]);
  });

  it("THEN the dead-letter queue is encrypted and its depth raises an alarm", () => {
    expect(resourceAt(tf, "aws_sqs_queue", "job-nightly/dead-letter-queue")).toMatchObject({ name: "demo-dev-nightly-dlq", sqs_managed_sse_enabled: true });
    expect(resourceAt(tf, "aws_cloudwatch_metric_alarm", "alarms/nightly-dead-letters")).toMatchObject({
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: refOf(tf, "aws_sqs_queue", "job-nightly/dead-letter-queue", "name") },
    });
  });

  it("THEN the web service's pre-deploy task has its own family, the migration command, no port, and is an output", () => {
    const pre = resourceAt(tf, "aws_ecs_task_definition", "service-web/predeploy-task-definition");
    expect(pre.family).toBe("demo-dev-web-predeploy");
    const [container] = JSON.parse(pre.container_definitions as string);
    expect(container).toMatchObject({ command: ["npx", "prisma", "migrate", "deploy"], portMappings: [] });
    expect(container.image).toBe(containers(tf, "web")[0].image);
    expect(tf.output?.predeploy_tasks.value).toMatchObject({ web: { task_family: "demo-dev-web-predeploy", container: "web", timeout_seconds: 600, log_stream_prefix: "ecs" } });
    expect(tf.output?.run_job_commands.value).toMatchObject({ nightly: expect.stringMatching(/^aws ecs run-task --cluster .* --task-definition demo-dev-nightly /) });
  });
});

describe("GIVEN an application of workers and jobs only", () => {
  const { tf } = synth(
    app({
      worker: { kind: "worker", environmentFiles: ["s3://demo-config/worker.env"] },
      nightly: { kind: "job", schedule: { expression: "rate(1 day)" } },
    }),
  );

  it("THEN it has no load balancer, ALB security group, listener, target group, certificate or access-log bucket", () => {
    for (const type of ["aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_acm_certificate", "aws_s3_bucket", "aws_route53_record"]) expect([type, count(tf, type)]).toEqual([type, 0]);
    expect(Object.keys(resources(tf, "aws_security_group")).some((id) => id.includes("alb"))).toBe(false);
    expect(tf.output?.url).toBeUndefined();
  });

  it("THEN the worker's execution role reads exactly the worker's environment file", () => {
    expect(policyStatement(tf, "execution-role-worker/read-secrets-document", "ReadEnvironmentFiles")).toMatchObject({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::demo-config/worker.env"] });
    expect(containers(tf, "worker")[0]).toMatchObject({ environmentFiles: [{ value: "arn:aws:s3:::demo-config/worker.env", type: "s3" }] });
  });
});

describe("GIVEN a web service with an OpenTelemetry collector sidecar and FireLens", () => {
  const { tf } = synth(
    app({
      web: {
        containerPort: 3000,
        cpu: 512,
        memory: 1024,
        firelens: {},
        dependsOn: [{ container: "otel", condition: "HEALTHY" }],
        sidecars: {
          otel: {
            image: { external: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1" },
            essential: false,
            ports: [4317],
            cpu: 64,
            memoryReservation: 128,
            healthCheck: { command: "/healthcheck" },
            secrets: { TOKEN: { ssmParameter: "/demo/otel-token" } },
          },
        },
      },
    }),
  );
  const [main, router, otel] = containers(tf, "web") as unknown as Record<string, any>[];

  it("THEN the task has the main container, the log router and the sidecar, in that order", () => {
    expect([main.name, router.name, otel.name]).toEqual(["web", "log-router", "otel"]);
  });

  it("THEN the main container logs through FireLens to its log group and waits for the log router and a healthy collector", () => {
    expect(main.logConfiguration).toEqual({
      logDriver: "awsfirelens",
      options: { Name: "cloudwatch_logs", region: "eu-west-1", log_group_name: refOf(tf, "aws_cloudwatch_log_group", "log-group-web", "name"), log_stream_prefix: "ecs/", auto_create_group: "false" },
    });
    expect(main.dependsOn).toEqual([{ containerName: "otel", condition: "HEALTHY" }, { containerName: "log-router", condition: "START" }]);
  });

  it("THEN the router is AWS for Fluent Bit with its own log group, and the task role may write the app's log group", () => {
    expect(router).toMatchObject({ image: expect.stringMatching(/^public\.ecr\.aws\/aws-observability\/aws-for-fluent-bit:/), essential: true, firelensConfiguration: { type: "fluentbit" } });
    expect(router.logConfiguration.options["awslogs-group"]).toBe(refOf(tf, "aws_cloudwatch_log_group", "log-group-web-firelens", "name"));
    expect(resourceAt(tf, "aws_cloudwatch_log_group", "log-group-web-firelens").name).toBe("/ecs/demo-dev/web/firelens");
    expect(policyStatement(tf, "task-role-web/policy-document", "FirelensLogs").resources[0]).toBe(refOf(tf, "aws_cloudwatch_log_group", "log-group-web", "arn"));
  });

  it("THEN the sidecar carries its port, reservations, health check, secret and read-only root", () => {
    expect(otel).toMatchObject({
      essential: false,
      cpu: 64,
      memoryReservation: 128,
      portMappings: [{ containerPort: 4317, hostPort: 4317, protocol: "tcp" }],
      healthCheck: { command: ["CMD-SHELL", "/healthcheck"] },
      readonlyRootFilesystem: true,
      secrets: [{ name: "TOKEN", valueFrom: expect.stringMatching(/:parameter\/demo\/otel-token$/) }],
    });
  });
});

describe("GIVEN a service with EFS uploads (read-write) and a scratch /tmp under a read-only root", () => {
  const { tf } = synth(
    app({
      web: {
        containerPort: 3000,
        readonlyRootFilesystem: true,
        volumes: { uploads: { efs: { uid: 1000, gid: 1000 } }, tmp: { scratch: {} } },
        mountPoints: [{ volume: "uploads", containerPath: "/data/uploads" }, { volume: "tmp", containerPath: "/tmp" }],
      },
    }),
  );
  const fileSystem = (attribute: string) => refOf(tf, "aws_efs_file_system", "file-system/file-system", attribute);
  const efsGroup = refOf(tf, "aws_security_group", "file-system/security-group", "id");
  const tasksGroup = refOf(tf, "aws_security_group", "security-groups/tasks", "id");

  it("THEN the file system is encrypted and backed up, with a mount target per private subnet", () => {
    expect(resourceAt(tf, "aws_efs_file_system", "file-system/file-system")).toMatchObject({ encrypted: true });
    expect(resourceAt(tf, "aws_efs_backup_policy", "file-system/backup")).toMatchObject({ backup_policy: { status: "ENABLED" } });
    expect(resourceList<{ subnet_id: string; security_groups: string[] }>(tf, "aws_efs_mount_target")).toEqual([
      expect.objectContaining({ subnet_id: refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), security_groups: [efsGroup] }),
      expect.objectContaining({ subnet_id: refOf(tf, "aws_subnet", "network/private-subnet-1", "id"), security_groups: [efsGroup] }),
    ]);
  });

  it("THEN NFS 2049 reaches the file system from the task security group only", () => {
    const ingress = resourceList<{ security_group_id: string; from_port: number; referenced_security_group_id?: string; cidr_ipv4?: string }>(tf, "aws_vpc_security_group_ingress_rule");
    expect(ingress.filter((r) => r.security_group_id === efsGroup)).toEqual([expect.objectContaining({ from_port: 2049, to_port: 2049, referenced_security_group_id: tasksGroup })]);
    expect(ingress.filter((r) => r.security_group_id === efsGroup && r.cidr_ipv4)).toEqual([]);
  });

  it("THEN the task mounts it through its own access point with TLS and IAM, and the task role may mount and write exactly that", () => {
    const accessPoint = resourceAt(tf, "aws_efs_access_point", "file-system/access-point-web-uploads");
    expect(accessPoint).toMatchObject({ posix_user: { uid: 1000, gid: 1000 }, root_directory: { path: "/web/uploads", creation_info: { owner_uid: 1000, permissions: "0750" } } });
    expect(resourceAt(tf, "aws_ecs_task_definition", "service-web/task-definition").volume).toEqual([
      { name: "uploads", efs_volume_configuration: { file_system_id: fileSystem("id"), transit_encryption: "ENABLED", authorization_config: { access_point_id: refOf(tf, "aws_efs_access_point", "file-system/access-point-web-uploads", "id"), iam: "ENABLED" } } },
      { name: "tmp" },
    ]);
    expect(containers(tf, "web")[0].mountPoints).toEqual([
      { sourceVolume: "uploads", containerPath: "/data/uploads", readOnly: false },
      { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
    ]);
    expect(policyStatement(tf, "task-role-web/policy-document", "FileSystem0")).toMatchObject({
      actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      resources: [fileSystem("arn")],
      condition: [{ test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: [refOf(tf, "aws_efs_access_point", "file-system/access-point-web-uploads", "arn")] }],
    });
  });
});
