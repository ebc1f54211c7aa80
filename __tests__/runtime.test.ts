import { sampleConfig, synth, resourceList, resourceAt, refOf, policyStatement, containers, dataAt } from "./helpers";

interface ScalingPolicyJson {
  name: string;
  target_tracking_scaling_policy_configuration: { predefined_metric_specification: { predefined_metric_type: string; resource_label?: string } };
}

const dev = synth(sampleConfig(), "dev");
const prod = synth(sampleConfig(), "prod");

function withDomain(ipv6 = false) {
  const config = sampleConfig();
  config.environments.prod.domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["www.example.com"], ipv6 };
  return synth(config, "prod");
}
const tls = withDomain();

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

  it("reaches the app as environment values and as secrets from the managed secret's JSON keys", () => {
    const [api] = containers(dev.tf, "api");
    const secretArn = refOf(dev.tf, "aws_db_instance", "database/instance", "master_user_secret[0].secret_arn");
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

  it("creates out-of-band parameters with a placeholder Terraform never resets", () => {
    expect(resourceAt(tf, "aws_ssm_parameter", "parameters/api-key")).toMatchObject({
      name: "/demo/dev/api-key",
      type: "SecureString",
      value: "set-out-of-band",
      lifecycle: { ignore_changes: ["value"] },
    });
  });

  it("wires stack values into parameters and keeps them in sync", () => {
    const host = resourceAt(tf, "aws_ssm_parameter", "parameters/db-host");
    expect(host).toMatchObject({ name: "/ecs/backend/DB_HOST", type: "String", value: refOf(tf, "aws_db_instance", "database/instance", "address") });
    expect(host.lifecycle).toBeUndefined();
    expect(resourceAt(tf, "aws_ssm_parameter", "parameters/public-url").value).toBe(`http://${refOf(tf, "aws_lb", "load-balancer/alb", "dns_name")}/api`);
  });

  it("turns each into a container secret the execution role can read", () => {
    const [web] = containers(tf, "web");
    const arns = ["api-key", "db-host", "public-url"].map((k) => refOf(tf, "aws_ssm_parameter", `parameters/${k}`, "arn"));
    expect(web.secrets.map((s) => s.valueFrom).sort()).toEqual([...arns].sort());
    const read = policyStatement(tf, "execution-role/read-secrets-document", "ReadParameters");
    expect([...read.resources].sort()).toEqual([...arns].sort());
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

  it("logs ECS Exec sessions when exec is on (dev) and has no exec configuration in prod", () => {
    expect(resourceAt<{ configuration: { execute_command_configuration: unknown } }>(dev.tf, "aws_ecs_cluster", "cluster/cluster").configuration.execute_command_configuration).toEqual({
      logging: "OVERRIDE",
      log_configuration: { cloud_watch_log_group_name: refOf(dev.tf, "aws_cloudwatch_log_group", "cluster/exec-log-group", "name"), cloud_watch_encryption_enabled: false },
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
      execution_role_arn: refOf(dev.tf, "aws_iam_role", "execution-role/role", "arn"),
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

describe("load balancer", () => {
  const alb = resourceAt(dev.tf, "aws_lb", "load-balancer/alb");

  it("is internet-facing in the public subnets, drops invalid headers, protected in prod", () => {
    expect(alb).toMatchObject({
      internal: false,
      load_balancer_type: "application",
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      idle_timeout: 60,
      subnets: [refOf(dev.tf, "aws_subnet", "network/public-subnet-0", "id"), refOf(dev.tf, "aws_subnet", "network/public-subnet-1", "id")],
      security_groups: [refOf(dev.tf, "aws_security_group", "security-groups/alb", "id")],
    });
    expect(resourceAt(prod.tf, "aws_lb", "load-balancer/alb").enable_deletion_protection).toBe(true);
  });

  it("writes access logs to a private SSE-S3 bucket in prod", () => {
    expect(alb.access_logs).toBeUndefined();
    const prodAlb = resourceAt(prod.tf, "aws_lb", "load-balancer/alb");
    expect(prodAlb.access_logs).toEqual({ bucket: refOf(prod.tf, "aws_s3_bucket", "access-logs/bucket", "id"), prefix: "alb", enabled: true });
    expect(resourceAt(prod.tf, "aws_s3_bucket_server_side_encryption_configuration", "access-logs/encryption").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(resourceAt(prod.tf, "aws_s3_bucket_public_access_block", "access-logs/public-access-block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("has one IP target group per service with its health check and a 30 s deregistration delay", () => {
    expect(resourceAt(dev.tf, "aws_lb_target_group", "load-balancer/target-group-web")).toMatchObject({
      name: "demo-dev-web",
      target_type: "ip",
      port: 3000,
      protocol: "HTTP",
      deregistration_delay: "30",
      health_check: { path: "/health", matcher: "200", interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: "traffic-port" },
    });
  });

  it("wires service → target group → listener rule → ALB", () => {
    const targetGroup = refOf(dev.tf, "aws_lb_target_group", "load-balancer/target-group-api", "arn");
    expect(resourceAt(dev.tf, "aws_ecs_service", "service-api/service").load_balancer).toEqual([
      { target_group_arn: targetGroup, container_name: "api", container_port: 8080 },
    ]);
    const rule = resourceAt(dev.tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(rule).toMatchObject({
      listener_arn: refOf(dev.tf, "aws_lb_listener", "load-balancer/http-listener", "arn"),
      priority: 100,
      condition: [{ path_pattern: { values: ["/api/*"] } }],
      action: [{ type: "forward", target_group_arn: targetGroup }],
    });
    expect(resourceAt(dev.tf, "aws_lb_listener", "load-balancer/http-listener").load_balancer_arn).toBe(refOf(dev.tf, "aws_lb", "load-balancer/alb", "arn"));
  });

  it("forwards HTTP:80 to the default service without a domain", () => {
    expect(resourceAt(dev.tf, "aws_lb_listener", "load-balancer/http-listener")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "forward", target_group_arn: refOf(dev.tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn") }],
    });
    expect(resourceList(dev.tf, "aws_lb_listener")).toHaveLength(1);
  });

  it("supports host-header rules", () => {
    const config = sampleConfig();
    config.services.api.routing = { hostHeaders: ["api.example.com"], pathPatterns: ["/v1/*"], priority: 5 };
    const rule = resourceAt(synth(config, "dev").tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(rule.condition).toEqual([{ path_pattern: { values: ["/v1/*"] } }, { host_header: { values: ["api.example.com"] } }]);
  });
});

describe("TLS and DNS", () => {
  it("serves HTTPS:443 with the TLS 1.3 policy and the validated certificate", () => {
    expect(resourceAt(tls.tf, "aws_lb_listener", "load-balancer/https-listener")).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: refOf(tls.tf, "aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
    });
  });

  it("redirects HTTP:80 to HTTPS with a 301", () => {
    expect(resourceAt(tls.tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
    ]);
    expect(resourceAt(tls.tf, "aws_lb_listener_rule", "load-balancer/rule-api").listener_arn).toBe(refOf(tls.tf, "aws_lb_listener", "load-balancer/https-listener", "arn"));
  });

  it("looks up the existing hosted zone and validates the certificate through DNS", () => {
    expect(dataAt(tls.tf, "aws_route53_zone", "certificate/zone")).toMatchObject({ name: "example.com", private_zone: false });
    expect(resourceAt(tls.tf, "aws_acm_certificate", "certificate/certificate")).toMatchObject({
      domain_name: "app.example.com",
      subject_alternative_names: ["www.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
    const validationRecords = resourceList(tls.tf, "aws_route53_record").filter((r) => String(r.name).includes("domain_validation_options"));
    expect(validationRecords).toHaveLength(2);
    expect(resourceAt(tls.tf, "aws_acm_certificate_validation", "certificate/validation").validation_record_fqdns).toHaveLength(2);
  });

  it("points alias A records at the ALB, following target health", () => {
    const record = resourceAt(tls.tf, "aws_route53_record", "dns/app-example-com-a");
    expect(record).toMatchObject({
      name: "app.example.com",
      type: "A",
      zone_id: refOf(tls.tf, "aws_route53_zone", "certificate/zone", "zone_id", true),
      alias: { name: refOf(tls.tf, "aws_lb", "load-balancer/alb", "dns_name"), zone_id: refOf(tls.tf, "aws_lb", "load-balancer/alb", "zone_id"), evaluate_target_health: true },
    });
    expect(resourceList(tls.tf, "aws_route53_record").filter((r) => r.type === "AAAA")).toHaveLength(0);
  });

  it("adds AAAA records and a dual-stack ALB when IPv6 is on", () => {
    const v6 = withDomain(true);
    expect(resourceAt(v6.tf, "aws_route53_record", "dns/app-example-com-aaaa")).toMatchObject({ type: "AAAA", name: "app.example.com" });
    expect(resourceAt(v6.tf, "aws_lb", "load-balancer/alb").ip_address_type).toBe("dualstack");
    expect(resourceAt(v6.tf, "aws_vpc", "network/vpc").assign_generated_ipv6_cidr_block).toBe(true);
  });

  it("reports the HTTPS URL", () => {
    expect(tls.tf.output?.url.value).toBe("https://app.example.com");
  });
});

describe("alarms", () => {
  const alarms = resourceList<{ metric_name: string; namespace: string; alarm_actions: string[] }>(dev.tf, "aws_cloudwatch_metric_alarm");
  const topic = refOf(dev.tf, "aws_sns_topic", "alarms/topic", "arn");
  const byMetric = (metric: string) => alarms.filter((a) => a.metric_name === metric);

  it("covers ALB 5xx, unhealthy targets, service CPU/memory and RDS CPU/storage", () => {
    expect(byMetric("HTTPCode_ELB_5XX_Count")).toHaveLength(1);
    expect(byMetric("UnHealthyHostCount")).toHaveLength(2);
    expect(byMetric("CPUUtilization").map((a) => a.namespace).sort()).toEqual(["AWS/ECS", "AWS/ECS", "AWS/RDS"]);
    expect(byMetric("MemoryUtilization")).toHaveLength(2);
    expect(byMetric("FreeStorageSpace")).toEqual([expect.objectContaining({ comparison_operator: "LessThanThreshold", threshold: 2147483648 })]);
  });

  it("notifies the SNS topic, with an optional e-mail subscription", () => {
    expect(alarms.every((a) => a.alarm_actions[0] === topic)).toBe(true);
    expect(resourceList(dev.tf, "aws_sns_topic_subscription")).toHaveLength(0);
    const config = sampleConfig();
    config.environments.dev.alarms = { email: "ops@example.com" };
    expect(resourceList(synth(config, "dev").tf, "aws_sns_topic_subscription")).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: "ops@example.com" }),
    ]);
  });
});

describe("runtime outputs", () => {
  it("exposes URL, ALB, cluster, services and database endpoint and secret", () => {
    expect(Object.keys(dev.tf.output ?? {})).toEqual(
      expect.arrayContaining(["url", "alb_dns_name", "cluster_name", "service_names", "db_endpoint", "db_secret_arn", "image_tags"]),
    );
  });
});
