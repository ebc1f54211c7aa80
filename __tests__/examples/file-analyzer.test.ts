/**
 * examples/file-analyzer (seed 001): the console tutorial's exact names and values — VPC, security
 * groups, roles, ECR, RDS, cluster, log groups, ALB, target groups, listener rule, task
 * definitions, Parameter Store names and services — are visible in the synthesized stack.
 */
import config from "../../examples/file-analyzer/config";
import { parsedAttribute, policyStatements, refOf, resourceAt, resourceList, synth } from "../helpers";
import { container, ecsService, environmentOf, ingressOf, parameterArn, secretsOf, securityGroupId, targetGroup, taskDefinition } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);
const TUTORIAL_HEALTH = { healthy_threshold: 2, unhealthy_threshold: 2, timeout: 5, interval: 30, matcher: "200" };

describe("examples/file-analyzer: network", () => {
  it("is one prod stack in us-east-1", () => {
    expect(settings.stackName).toBe("file-analyzer-prod");
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, { region: "us-east-1", allowed_account_ids: ["123456789012"] });
  });

  it("creates ecs-production-vpc, 10.0.0.0/16 with DNS hostnames", () => {
    expect(resourceAt(tf, "aws_vpc", "network/vpc")).toMatchObject({
      cidr_block: "10.0.0.0/16",
      enable_dns_hostnames: true,
      tags: { Name: "ecs-production-vpc" },
    });
  });

  it("spreads public and private subnets over us-east-1a and us-east-1b like the VPC wizard", () => {
    const subnets = (kind: string) =>
      [0, 1].map((i) => resourceAt(tf, "aws_subnet", `network/${kind}-subnet-${i}`)).map((s) => [s.availability_zone, s.cidr_block]);
    expect(subnets("public")).toEqual([["us-east-1a", "10.0.0.0/20"], ["us-east-1b", "10.0.16.0/20"]]);
    expect(subnets("private")).toEqual([["us-east-1a", "10.0.128.0/20"], ["us-east-1b", "10.0.144.0/20"]]);
  });

  it("creates one NAT gateway per AZ, each in its public subnet", () => {
    expect(resourceList(tf, "aws_nat_gateway").map((n) => n.subnet_id)).toEqual([
      refOf(tf, "aws_subnet", "network/public-subnet-0", "id"),
      refOf(tf, "aws_subnet", "network/public-subnet-1", "id"),
    ]);
  });
});

describe("examples/file-analyzer: security groups", () => {
  it("names them ALB-SG, ECS-SG and RDS-SG", () => {
    expect(resourceAt(tf, "aws_security_group", "security-groups/alb").name).toBe("ALB-SG");
    expect(resourceAt(tf, "aws_security_group", "security-groups/tasks").name).toBe("ECS-SG");
    expect(resourceAt(tf, "aws_security_group", "security-groups/database").name).toBe("RDS-SG");
  });

  // The tutorial also opens 443, but its ALB has no HTTPS listener (no domain): the platform opens
  // 443 only when it serves HTTPS, so nothing is reachable that nothing answers.
  it("opens ALB-SG to HTTP from the internet (443 only once a domain adds HTTPS)", () => {
    expect(ingressOf(tf, "alb")).toEqual([{ port: 80, from: "0.0.0.0/0" }]);
  });

  it("admits 80 and 3001 into ECS-SG from ALB-SG (and from ECS-SG itself, for Service Connect)", () => {
    const alb = securityGroupId(tf, "alb");
    const tasks = securityGroupId(tf, "tasks");
    expect(ingressOf(tf, "tasks")).toEqual(
      [{ port: 80, from: alb }, { port: 80, from: tasks }, { port: 3001, from: alb }, { port: 3001, from: tasks }].sort(
        (a, b) => a.port - b.port || a.from.localeCompare(b.from),
      ),
    );
  });

  it("admits PostgreSQL 5432 into RDS-SG from ECS-SG only", () => {
    expect(ingressOf(tf, "database")).toEqual([{ port: 5432, from: securityGroupId(tf, "tasks") }]);
  });
});

describe("examples/file-analyzer: IAM", () => {
  it("names one execution role per service after ecsTaskExecutionRole, each with the inline policy ParameterStoreAccess", () => {
    for (const service of ["frontend", "backend"]) {
      expect(resourceAt(tf, "aws_iam_role", `execution-role-${service}/role`).name).toBe(`ecsTaskExecutionRole-${service}-execution`);
      expect(resourceAt(tf, "aws_iam_role_policy", `execution-role-${service}/read-secrets`)).toMatchObject({
        name: "ParameterStoreAccess",
        role: refOf(tf, "aws_iam_role", `execution-role-${service}/role`, "id"),
      });
    }
  });

  it("lets each ParameterStoreAccess read exactly its service's parameters and secret, not ssm:* on *", () => {
    const keys = ["backend-db-host", "backend-db-name", "backend-db-port", "backend-db-user", "backend-frontend-url"];
    expect(policyStatements(tf, "execution-role-backend/read-secrets-document")).toEqual([
      { sid: "ReadParameters", actions: ["ssm:GetParameters"], resources: keys.map((k) => parameterArn(tf, k)) },
      { sid: "ReadSecrets", actions: ["secretsmanager:GetSecretValue"], resources: [dbPasswordSecretArn()] },
    ]);
    expect(policyStatements(tf, "execution-role-frontend/read-secrets-document")).toEqual([
      { sid: "ReadParameters", actions: ["ssm:GetParameters"], resources: [parameterArn(tf, "frontend-api-url")] },
    ]);
  });

  it("attaches no AmazonECSTaskExecutionRolePolicy (scoped pull/log permissions instead)", () => {
    expect(resourceList(tf, "aws_iam_role_policy_attachment")).toHaveLength(0);
  });

  it("uses frontendTaskRole and backendTaskRole as the task roles", () => {
    expect(resourceAt(tf, "aws_iam_role", "task-role-frontend/role").name).toBe("frontendTaskRole");
    expect(resourceAt(tf, "aws_iam_role", "task-role-backend/role").name).toBe("backendTaskRole");
    expect(taskDefinition(tf, "frontend").task_role_arn).toBe(refOf(tf, "aws_iam_role", "task-role-frontend/role", "arn"));
    expect(taskDefinition(tf, "backend").task_role_arn).toBe(refOf(tf, "aws_iam_role", "task-role-backend/role", "arn"));
    expect(taskDefinition(tf, "backend").execution_role_arn).toBe(refOf(tf, "aws_iam_role", "execution-role-backend/role", "arn"));
  });
});

/** The out-of-band DB_PASSWORD: a Secrets Manager secret, not an SSM parameter. */
function dbPasswordSecretArn(): string {
  return refOf(tf, "aws_secretsmanager_secret", "parameters/backend-db-password", "arn");
}

describe("examples/file-analyzer: ECR", () => {
  it.each(["frontend", "backend"])("creates %s-repo: mutable tags, scan on push, keep the last 10 images", (service) => {
    expect(resourceAt(tf, "aws_ecr_repository", `repository-${service}/repository`)).toMatchObject({
      name: `${service}-repo`,
      image_tag_mutability: "MUTABLE",
      image_scanning_configuration: { scan_on_push: true },
    });
    const policy = parsedAttribute<{ rules: unknown[] }>(resourceAt(tf, "aws_ecr_lifecycle_policy", `repository-${service}/lifecycle`), "policy");
    expect(policy.rules).toContainEqual(expect.objectContaining({ selection: expect.objectContaining({ countType: "imageCountMoreThan", countNumber: 10 }) }));
  });
});

describe("examples/file-analyzer: RDS", () => {
  it("creates ecs-postgres-db: PostgreSQL 15, db.t3.medium, gp3 20 GB autoscaling, fileanalyzer, postgres, 7-day backups", () => {
    expect(resourceAt(tf, "aws_db_instance", "database/instance")).toMatchObject({
      identifier: "ecs-postgres-db",
      engine: "postgres",
      engine_version: "15",
      instance_class: "db.t3.medium",
      storage_type: "gp3",
      allocated_storage: 20,
      max_allocated_storage: 100,
      db_name: "fileanalyzer",
      username: "postgres",
      backup_retention_period: 7,
      auto_minor_version_upgrade: true,
      publicly_accessible: false,
      vpc_security_group_ids: [securityGroupId(tf, "database")],
    });
  });

  it("places it in ecs-db-subnet-group over both private subnets", () => {
    expect(resourceAt(tf, "aws_db_subnet_group", "database/subnet-group")).toMatchObject({
      name: "ecs-db-subnet-group",
      subnet_ids: [refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(tf, "aws_subnet", "network/private-subnet-1", "id")],
    });
  });
});

describe("examples/file-analyzer: cluster and logs", () => {
  it("creates ecs-production-cluster with Container Insights off", () => {
    expect(resourceAt(tf, "aws_ecs_cluster", "cluster/cluster")).toMatchObject({
      name: "ecs-production-cluster",
      setting: [{ name: "containerInsights", value: "disabled" }],
    });
  });

  it.each([["frontend", "/ecs/frontend"], ["backend", "/ecs/backend"]])("logs %s to %s, kept 30 days", (service, group) => {
    expect(resourceAt(tf, "aws_cloudwatch_log_group", `log-group-${service}`)).toMatchObject({ name: group, retention_in_days: 30 });
    expect(container(tf, service).logConfiguration).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": refOf(tf, "aws_cloudwatch_log_group", `log-group-${service}`, "name"), "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" },
    });
  });
});

describe("examples/file-analyzer: load balancer", () => {
  it("creates ecs-alb, internet-facing, IPv4, in the public subnets with ALB-SG", () => {
    expect(resourceAt(tf, "aws_lb", "load-balancer/alb")).toMatchObject({
      name: "ecs-alb",
      internal: false,
      load_balancer_type: "application",
      ip_address_type: "ipv4",
      security_groups: [securityGroupId(tf, "alb")],
      subnets: [refOf(tf, "aws_subnet", "network/public-subnet-0", "id"), refOf(tf, "aws_subnet", "network/public-subnet-1", "id")],
    });
  });

  it("creates frontend-tg: IP targets, HTTP 80, health / with thresholds 2/2, timeout 5, interval 30, 200", () => {
    expect(targetGroup(tf, "frontend")).toMatchObject({
      name: "frontend-tg",
      target_type: "ip",
      protocol: "HTTP",
      port: 80,
      health_check: { protocol: "HTTP", path: "/", ...TUTORIAL_HEALTH },
    });
  });

  it("creates backend-tg: IP targets, HTTP 3001, health /api/health", () => {
    expect(targetGroup(tf, "backend")).toMatchObject({
      name: "backend-tg",
      target_type: "ip",
      protocol: "HTTP",
      port: 3001,
      health_check: { protocol: "HTTP", path: "/api/health", ...TUTORIAL_HEALTH },
    });
  });

  it("listens on HTTP:80 only, forwarding to frontend-tg by default", () => {
    const listeners = resourceList(tf, "aws_lb_listener");
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "forward", target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-frontend", "arn") }],
    });
  });

  it("routes /api/* to backend-tg with priority 100", () => {
    expect(resourceList(tf, "aws_lb_listener_rule")).toEqual([
      expect.objectContaining({
        listener_arn: refOf(tf, "aws_lb_listener", "load-balancer/http-listener", "arn"),
        priority: 100,
        condition: [{ path_pattern: { values: ["/api/*"] } }],
        action: [{ type: "forward", target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-backend", "arn") }],
      }),
    ]);
  });
});

describe("examples/file-analyzer: Parameter Store", () => {
  const parameter = (key: string) => resourceAt(tf, "aws_ssm_parameter", `parameters/${key}`);
  const albUrl = `http://${refOf(tf, "aws_lb", "load-balancer/alb", "dns_name")}`;

  it("creates the tutorial's parameters with their exact names and types", () => {
    const byName = Object.fromEntries(resourceList(tf, "aws_ssm_parameter").map((p) => [p.name, p.type]));
    expect(byName).toEqual({
      "/ecs/frontend/API_URL": "String",
      "/ecs/backend/DB_HOST": "String",
      "/ecs/backend/DB_PORT": "String",
      "/ecs/backend/DB_NAME": "String",
      "/ecs/backend/DB_USER": "SecureString",
      "/ecs/backend/FRONTEND_URL": "String",
    });
  });

  it("wires the values the stack knows: DB endpoint, port, name, user and the ALB URL", () => {
    expect(parameter("backend-db-host").value).toBe(refOf(tf, "aws_db_instance", "database/instance", "address"));
    expect(parameter("backend-db-port").value).toBe("5432");
    expect(parameter("backend-db-name").value).toBe("fileanalyzer");
    expect(parameter("backend-db-user").value).toBe("postgres");
    expect(parameter("backend-frontend-url").value).toBe(albUrl);
    expect(parameter("frontend-api-url").value).toBe(`${albUrl}/api`);
  });

  it("leaves DB_PASSWORD to be set out of band: a Secrets Manager secret of the tutorial's name with no Terraform-managed value", () => {
    expect(resourceAt(tf, "aws_secretsmanager_secret", "parameters/backend-db-password")).toEqual({ name: "/ecs/backend/DB_PASSWORD", description: "RDS master password (set out of band)" });
    expect(resourceList(tf, "aws_secretsmanager_secret_version")).toHaveLength(0);
  });
});

describe("examples/file-analyzer: task definitions", () => {
  it("defines frontend-task: 512/1024, container frontend on 80, NEXT_PUBLIC_API_URL from /ecs/frontend/API_URL", () => {
    expect(taskDefinition(tf, "frontend")).toMatchObject({
      family: "frontend-task",
      cpu: "512",
      memory: "1024",
      requires_compatibilities: ["FARGATE"],
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" },
    });
    const frontend = container(tf, "frontend");
    expect(frontend).toMatchObject({ name: "frontend", essential: true, portMappings: [expect.objectContaining({ containerPort: 80, protocol: "tcp" })] });
    expect(secretsOf(frontend)).toEqual({ NEXT_PUBLIC_API_URL: parameterArn(tf, "frontend-api-url") });
  });

  it("defines backend-task: 1024/2048, container backend-app on 3001, PORT=3001", () => {
    expect(taskDefinition(tf, "backend")).toMatchObject({ family: "backend-task", cpu: "1024", memory: "2048", requires_compatibilities: ["FARGATE"] });
    const backend = container(tf, "backend");
    expect(backend).toMatchObject({ name: "backend-app", essential: true, portMappings: [expect.objectContaining({ containerPort: 3001, protocol: "tcp" })] });
    expect(environmentOf(backend)).toEqual({ PORT: "3001" });
  });

  it("injects DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD and FRONTEND_URL from /ecs/backend/<NAME>", () => {
    expect(secretsOf(container(tf, "backend"))).toEqual({
      DB_HOST: parameterArn(tf, "backend-db-host"),
      DB_PORT: parameterArn(tf, "backend-db-port"),
      DB_NAME: parameterArn(tf, "backend-db-name"),
      DB_USER: parameterArn(tf, "backend-db-user"),
      DB_PASSWORD: dbPasswordSecretArn(),
      FRONTEND_URL: parameterArn(tf, "backend-frontend-url"),
    });
    for (const name of ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "FRONTEND_URL"]) {
      const key = `backend-${name.toLowerCase().replace(/_/g, "-")}`;
      expect(resourceAt(tf, "aws_ssm_parameter", `parameters/${key}`).name).toBe(`/ecs/backend/${name}`);
    }
  });
});

describe("examples/file-analyzer: services", () => {
  it.each([
    ["frontend", "frontend-service", "frontend", 80],
    ["backend", "backend-service", "backend-app", 3001],
  ])("runs %s as %s: 2 tasks, rolling 100/200 with circuit-breaker rollback, private subnets, ECS-SG", (key, name, containerName, port) => {
    expect(ecsService(tf, key)).toMatchObject({
      name,
      cluster: refOf(tf, "aws_ecs_cluster", "cluster/cluster", "arn"),
      task_definition: refOf(tf, "aws_ecs_task_definition", `service-${key}/task-definition`, "arn"),
      desired_count: 2,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1, base: 0 }],
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      network_configuration: {
        assign_public_ip: false,
        security_groups: [securityGroupId(tf, "tasks")],
        subnets: [refOf(tf, "aws_subnet", "network/private-subnet-0", "id"), refOf(tf, "aws_subnet", "network/private-subnet-1", "id")],
      },
      load_balancer: [{ container_name: containerName, container_port: port, target_group_arn: refOf(tf, "aws_lb_target_group", `load-balancer/target-group-${key}`, "arn") }],
    });
    expect(resourceAt(tf, "aws_appautoscaling_target", `service-${key}/scaling-target`)).toMatchObject({ min_capacity: 2, max_capacity: 4 });
  });
});

describe("examples/file-analyzer", () => {
  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
