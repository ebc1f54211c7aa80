/** The runtime path of the sample stacks: database, parameters and secrets, cluster, task definitions, services. Load balancing, DNS, alarms: edge.test.ts. */
import { sampleConfig, synth, resourceList, resourceAt, refOf, policyStatement, containers } from "./helpers";

interface ScalingPolicyJson {
  name: string;
  target_tracking_scaling_policy_configuration: { predefined_metric_specification: { predefined_metric_type: string; resource_label?: string } };
}

const dev = synth(sampleConfig(), "dev");
const prod = synth(sampleConfig(), "prod");

describe("database", () => {
  const db = resourceAt(dev.tf, "aws_db_instance", "database/instance");

  it("is private, encrypted PostgreSQL on gp3 with storage autoscaling", () => {
    expect(db).toMatchObject({
      engine: "postgres",
      engine_version: "16",
      storage_type: "gp3",
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_encrypted: true,
      publicly_accessible: false,
      db_subnet_group_name: refOf(dev.tf, "aws_db_subnet_group", "database/subnet-group", "name"),
      vpc_security_group_ids: [refOf(dev.tf, "aws_security_group", "security-groups/database", "id")],
    });
  });

  it("lets RDS manage the master password in Secrets Manager; no password anywhere", () => {
    expect(db.manage_master_user_password).toBe(true);
    expect(db.password).toBeUndefined();
    expect(dev.json).not.toMatch(/"password"\s*:/);
  });

  it("spans only the private subnets", () => {
    expect(resourceAt(dev.tf, "aws_db_subnet_group", "database/subnet-group").subnet_ids).toEqual([
      refOf(dev.tf, "aws_subnet", "network/private-subnet-0", "id"),
      refOf(dev.tf, "aws_subnet", "network/private-subnet-1", "id"),
    ]);
  });

  it("forces TLS through its parameter group", () => {
    const group = resourceAt(dev.tf, "aws_db_parameter_group", "database/parameter-group");
    expect(group).toMatchObject({ family: "postgres16", parameter: [{ name: "rds.force_ssl", value: "1", apply_method: "immediate" }], lifecycle: { create_before_destroy: true } });
    expect(db.parameter_group_name).toBe(refOf(dev.tf, "aws_db_parameter_group", "database/parameter-group", "name"));
  });

  it("keeps backups, upgrades minors, copies tags, exports logs and has Performance Insights", () => {
    expect(db).toMatchObject({
      backup_retention_period: 7,
      auto_minor_version_upgrade: true,
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
      performance_insights_enabled: true,
    });
  });

  it("is single-AZ and disposable in dev, multi-AZ and protected in prod", () => {
    expect(db).toMatchObject({ multi_az: false, deletion_protection: false, skip_final_snapshot: true });
    expect(resourceAt(prod.tf, "aws_db_instance", "database/instance")).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "demo-prod-final",
    });
  });

  it("reaches the app as environment values and as secrets from its own database secret's JSON keys", () => {
    const [api] = containers(dev.tf, "api");
    // The service's own database credentials, never the RDS master secret.
    const secretArn = refOf(dev.tf, "aws_secretsmanager_secret", "database-credentials/api", "arn");
    expect(api.environment).toEqual([
      { name: "DB_HOST", value: refOf(dev.tf, "aws_db_instance", "database/instance", "address") },
      { name: "DB_NAME", value: "demo" },
      { name: "DB_PORT", value: "5432" },
    ]);
    expect(api.secrets).toEqual([
      { name: "DB_PASSWORD", valueFrom: `${secretArn}:password::` },
      { name: "DB_USER", valueFrom: `${secretArn}:username::` },
    ]);
  });

  it("supports Spring's JDBC URL naming", () => {
    const config = sampleConfig();
    config.services.api.databaseEnv = { SPRING_DATASOURCE_URL: "jdbcUrl", SPRING_DATASOURCE_USERNAME: "username", SPRING_DATASOURCE_PASSWORD: "password" };
    const { tf } = synth(config, "dev");
    const [api] = containers(tf, "api");
    const address = refOf(tf, "aws_db_instance", "database/instance", "address");
    expect(api.environment).toEqual([{ name: "SPRING_DATASOURCE_URL", value: `jdbc:postgresql://${address}:5432/demo` }]);
    expect(api.secrets.map((s) => s.name)).toEqual(["SPRING_DATASOURCE_PASSWORD", "SPRING_DATASOURCE_USERNAME"]);
  });
});

describe("parameters and secrets", () => {
  const config = sampleConfig();
  config.parameters = {
    "api-key": { type: "SecureString", description: "set by ops" },
    "db-host": { type: "String", name: "/ecs/backend/DB_HOST", valueFrom: { database: "host" } },
    "public-url": { type: "String", valueFrom: { loadBalancer: "url", suffix: "/api" } },
  };
  config.services.web.secrets = { API_KEY: { parameter: "api-key" }, DB_HOST: { parameter: "db-host" }, API_URL: { parameter: "public-url" } };
  const { tf } = synth(config, "dev");

  it("creates an out-of-band SecureString as a Secrets Manager secret without any value Terraform knows", () => {
    expect(resourceAt(tf, "aws_secretsmanager_secret", "parameters/api-key")).toMatchObject({ name: "/demo/dev/api-key", description: "set by ops" });
    expect(resourceList(tf, "aws_secretsmanager_secret_version")).toHaveLength(0);
    expect(JSON.stringify(resourceAt(tf, "aws_secretsmanager_secret", "parameters/api-key"))).not.toMatch(/secret_string|value/);
  });

  it("wires stack values into parameters and keeps them in sync", () => {
    const host = resourceAt(tf, "aws_ssm_parameter", "parameters/db-host");
    expect(host).toMatchObject({ name: "/ecs/backend/DB_HOST", type: "String", value: refOf(tf, "aws_db_instance", "database/instance", "address") });
    expect(host.lifecycle).toBeUndefined();
    expect(resourceAt(tf, "aws_ssm_parameter", "parameters/public-url").value).toBe(`http://${refOf(tf, "aws_lb", "load-balancer/alb", "dns_name")}/api`);
  });

  it("turns each into a container secret the execution role can read", () => {
    const [web] = containers(tf, "web");
    const arns = ["db-host", "public-url"].map((k) => refOf(tf, "aws_ssm_parameter", `parameters/${k}`, "arn"));
    const secret = refOf(tf, "aws_secretsmanager_secret", "parameters/api-key", "arn");
    expect(web.secrets.map((s) => s.valueFrom).sort()).toEqual([...arns, secret].sort());
    const read = policyStatement(tf, "execution-role-web/read-secrets-document", "ReadParameters");
    expect([...read.resources].sort()).toEqual([...arns].sort());
    expect(policyStatement(tf, "execution-role-web/read-secrets-document", "ReadSecrets").resources).toContain(secret);
  });
});

describe("ECS cluster", () => {
  it("turns Container Insights on in prod only", () => {
    expect(resourceAt(dev.tf, "aws_ecs_cluster", "cluster/cluster").setting).toEqual([{ name: "containerInsights", value: "disabled" }]);
    expect(resourceAt(prod.tf, "aws_ecs_cluster", "cluster/cluster").setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  it("offers Fargate and Fargate Spot with a per-environment default strategy", () => {
    expect(resourceAt(dev.tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers")).toMatchObject({
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
      default_capacity_provider_strategy: [
        { capacity_provider: "FARGATE", weight: 1, base: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3, base: 0 },
      ],
    });
    expect(resourceAt(prod.tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers").default_capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", weight: 1, base: 0 },
    ]);
  });

  it("has a Service Connect namespace", () => {
    expect(resourceAt(dev.tf, "aws_service_discovery_http_namespace", "cluster/namespace").name).toBe("demo-dev");
    expect(resourceAt(dev.tf, "aws_ecs_cluster", "cluster/cluster").service_connect_defaults).toEqual({
      namespace: refOf(dev.tf, "aws_service_discovery_http_namespace", "cluster/namespace", "arn"),
    });
  });

  it("logs ECS Exec sessions, encrypted, when exec is on (dev) and has no exec configuration in prod", () => {
    expect(resourceAt<{ configuration: { execute_command_configuration: unknown } }>(dev.tf, "aws_ecs_cluster", "cluster/cluster").configuration.execute_command_configuration).toEqual({
      logging: "OVERRIDE",
      log_configuration: { cloud_watch_log_group_name: refOf(dev.tf, "aws_cloudwatch_log_group", "cluster/exec-log-group", "name"), cloud_watch_encryption_enabled: true },
    });
    expect(resourceAt(prod.tf, "aws_ecs_cluster", "cluster/cluster").configuration).toBeUndefined();
  });
});

describe("task definitions", () => {
  const task = resourceAt(dev.tf, "aws_ecs_task_definition", "service-api/task-definition");
  const [container] = containers(dev.tf, "api");

  it("is a Fargate awsvpc task with validated size and platform", () => {
    expect(task).toMatchObject({
      family: "demo-dev-api",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "512",
      memory: "1024",
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" },
      execution_role_arn: refOf(dev.tf, "aws_iam_role", "execution-role-api/role", "arn"),
      task_role_arn: refOf(dev.tf, "aws_iam_role", "task-role-api/role", "arn"),
    });
    expect(typeof task.container_definitions).toBe("string");
  });

  it("runs the ECR image at the tag given by the image_tag variable", () => {
    expect(container.image).toBe(`${refOf(dev.tf, "aws_ecr_repository", "repository-api/repository", "repository_url")}:\${var.image_tag_api}`);
    expect(dev.tf.variable?.image_tag_api).toMatchObject({ type: "string", default: "latest" });
  });

  it("names the port mapping for Service Connect and logs to the service's log group", () => {
    expect(container.portMappings).toEqual([{ name: "api-http", containerPort: 8080, hostPort: 8080, protocol: "tcp", appProtocol: "http" }]);
    expect(container.logConfiguration).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": refOf(dev.tf, "aws_cloudwatch_log_group", "log-group-api", "name"), "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "ecs" },
    });
  });

  it("supports a container health check, read-only root filesystem, non-root user and ARM64", () => {
    const config = sampleConfig();
    Object.assign(config.services.web, {
      containerHealthCheck: { command: "wget -qO- http://localhost:3000/health || exit 1" },
      readonlyRootFilesystem: true,
      user: "1000:1000",
      architecture: "ARM64",
      environment: { GREETING: "hello ${name}" },
    });
    const { tf } = synth(config, "dev");
    const [web] = containers(tf, "web");
    expect(web).toMatchObject({
      healthCheck: { command: ["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 60 },
      readonlyRootFilesystem: true,
      user: "1000:1000",
    });
    // "${" in config reaches the container verbatim instead of becoming a Terraform interpolation.
    expect(web.environment).toEqual([{ name: "GREETING", value: "hello $${name}" }]);
    expect(resourceAt<{ runtime_platform: { cpu_architecture: string } }>(tf, "aws_ecs_task_definition", "service-web/task-definition").runtime_platform.cpu_architecture).toBe("ARM64");
  });
});

describe("image deploys", () => {
  // A deploy sets -var image_tag_<service>; whatever reads the variable is what a deploy changes.
  it("changes only the task definition of that service (and so its service), nothing else", () => {
    const readers: string[] = [];
    for (const [type, byId] of Object.entries(dev.tf.resource)) {
      for (const [id, body] of Object.entries(byId)) if (JSON.stringify(body).includes("var.image_tag_api")) readers.push(`${type}.${dev.tf.paths[id]}`);
    }
    expect(readers).toEqual(["aws_ecs_task_definition.demo-dev/service-api/task-definition"]);
    expect(resourceAt(dev.tf, "aws_ecs_service", "service-api/service").task_definition).toBe(
      refOf(dev.tf, "aws_ecs_task_definition", "service-api/task-definition", "arn"),
    );
    expect(dev.tf.output?.image_tags.value).toEqual({ api: "${var.image_tag_api}", web: "${var.image_tag_web}" });
  });
});

describe("services", () => {
  const service = resourceAt(dev.tf, "aws_ecs_service", "service-api/service");

  it("runs in private subnets without public IPs, behind the task security group", () => {
    expect(service.network_configuration).toEqual({
      subnets: [refOf(dev.tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(dev.tf, "aws_subnet", "network/private-subnet-1", "id")],
      security_groups: [refOf(dev.tf, "aws_security_group", "security-groups/tasks", "id")],
      assign_public_ip: false,
    });
  });

  it("deploys with zero downtime and rolls back failed deployments", () => {
    expect(service).toMatchObject({
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      health_check_grace_period_seconds: 60,
      propagate_tags: "SERVICE",
      availability_zone_rebalancing: "ENABLED",
      desired_count: 1,
      enable_execute_command: true,
    });
    expect(resourceAt(prod.tf, "aws_ecs_service", "service-api/service")).toMatchObject({ desired_count: 2, enable_execute_command: false });
  });

  it("uses the environment's capacity provider strategy", () => {
    expect(service.capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", weight: 1, base: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 3, base: 0 },
    ]);
    expect(service.launch_type).toBeUndefined();
  });

  it("publishes itself through Service Connect", () => {
    expect(service.service_connect_configuration).toEqual({
      enabled: true,
      namespace: refOf(dev.tf, "aws_service_discovery_http_namespace", "cluster/namespace", "arn"),
      service: [{ port_name: "api-http", discovery_name: "api", client_alias: { port: 8080, dns_name: "api" } }],
    });
  });

  it("leaves desired_count to autoscaling after creation", () => {
    expect(service.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
    const config = sampleConfig();
    config.services.api.autoscaling = { enabled: false };
    expect(resourceAt(synth(config, "dev").tf, "aws_ecs_service", "service-api/service").lifecycle).toBeUndefined();
  });

  it("scales on CPU, memory and ALB requests per target within per-environment bounds", () => {
    expect(resourceAt(prod.tf, "aws_appautoscaling_target", "service-api/scaling-target")).toMatchObject({
      min_capacity: 2,
      max_capacity: 8,
      scalable_dimension: "ecs:service:DesiredCount",
      service_namespace: "ecs",
    });
    const policies = resourceList<ScalingPolicyJson>(prod.tf, "aws_appautoscaling_policy").filter((p) => p.name.startsWith("api-"));
    expect(policies.map((p) => p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type).sort()).toEqual([
      "ALBRequestCountPerTarget",
      "ECSServiceAverageCPUUtilization",
      "ECSServiceAverageMemoryUtilization",
    ]);
    const requests = policies.find((p) => p.name === "api-requests");
    expect(requests?.target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label).toBe(
      `${refOf(prod.tf, "aws_lb", "load-balancer/alb", "arn_suffix")}/${refOf(prod.tf, "aws_lb_target_group", "load-balancer/target-group-api", "arn_suffix")}`,
    );
  });
});
