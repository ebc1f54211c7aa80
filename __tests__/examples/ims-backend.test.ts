/**
 * examples/ims-backend (seed 000): every value the tutorial states is visible in the synthesized
 * stack — ECR ims-production, 0.5 vCPU, port 8080, /actuator/health, RDS PostgreSQL in private
 * subnets, SPRING_DATASOURCE_* from the RDS-managed secret, /ecs/ims-backend, ALB + Route 53,
 * ap-southeast-1 and account 638389534958.
 */
import config from "../../examples/ims-backend/config";
import { dataAt, policyStatements, refOf, resourceAt, resourceList, synth } from "../helpers";
import { container, ecsService, environmentOf, ingressOf, secretsOf, securityGroupId, targetGroup, taskDefinition } from "./support";

// GIVEN the example configuration WHEN it is synthesized
const { json, tf, settings } = synth(config);
const dbAddress = refOf(tf, "aws_db_instance", "database/instance", "address");
// The backend's own database credentials (constructs/database-credentials.ts), not the RDS master secret.
const dbSecret = refOf(tf, "aws_secretsmanager_secret", "database-credentials/backend", "arn");

describe("examples/ims-backend", () => {
  it("is one prod stack in ap-southeast-1, limited to the tutorial's account", () => {
    expect(settings.stackName).toBe("ims-prod");
    expect(settings.production).toBe(true);
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, {
      region: "ap-southeast-1",
      allowed_account_ids: ["638389534958"],
    });
  });

  it("pulls from the ECR repository ims-production, scanned on push", () => {
    expect(json).toHaveResourceWithProperties({ tfResourceType: "aws_ecr_repository" }, {
      name: "ims-production",
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(container(tf, "backend").image).toBe(`${refOf(tf, "aws_ecr_repository", "repository-backend/repository", "repository_url")}:\${var.image_tag_backend}`);
  });

  it("runs a Fargate task of 0.5 vCPU and 2 GB with the container on 8080", () => {
    expect(taskDefinition(tf, "backend")).toMatchObject({ cpu: "512", memory: "2048", requires_compatibilities: ["FARGATE"], network_mode: "awsvpc" });
    expect(container(tf, "backend").portMappings).toEqual([expect.objectContaining({ containerPort: 8080, protocol: "tcp" })]);
  });

  it("logs to the log group /ecs/ims-backend", () => {
    expect(resourceAt(tf, "aws_cloudwatch_log_group", "log-group-backend").name).toBe("/ecs/ims-backend");
    expect(container(tf, "backend").logConfiguration.options).toMatchObject({
      "awslogs-group": refOf(tf, "aws_cloudwatch_log_group", "log-group-backend", "name"),
      "awslogs-region": "ap-southeast-1",
    });
  });

  it("puts the service behind the ALB with the /actuator/health check", () => {
    expect(targetGroup(tf, "backend")).toMatchObject({
      port: 8080,
      protocol: "HTTP",
      target_type: "ip",
      health_check: { path: "/actuator/health", matcher: "200" },
    });
    expect(ecsService(tf, "backend")).toMatchObject({
      load_balancer: [{ container_name: "backend", container_port: 8080, target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-backend", "arn") }],
      health_check_grace_period_seconds: 120,
      network_configuration: { assign_public_ip: false },
    });
    expect(resourceList(tf, "aws_lb")).toEqual([expect.objectContaining({ internal: false, load_balancer_type: "application" })]);
  });

  it("provisions RDS PostgreSQL in the private subnets, reachable only from the tasks", () => {
    expect(resourceAt(tf, "aws_db_instance", "database/instance")).toMatchObject({
      engine: "postgres",
      publicly_accessible: false,
      manage_master_user_password: true,
      storage_encrypted: true,
    });
    expect(resourceAt(tf, "aws_db_subnet_group", "database/subnet-group").subnet_ids).toEqual([
      refOf(tf, "aws_subnet", "network/private-subnet-0", "id"),
      refOf(tf, "aws_subnet", "network/private-subnet-1", "id"),
    ]);
    expect(ingressOf(tf, "database")).toEqual([{ port: 5432, from: securityGroupId(tf, "tasks") }]);
  });

  it("maps its own database secret to SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD", () => {
    const backend = container(tf, "backend");
    expect(environmentOf(backend)).toEqual({ SPRING_DATASOURCE_URL: `jdbc:postgresql://${dbAddress}:5432/ims` });
    expect(secretsOf(backend)).toEqual({
      SPRING_DATASOURCE_USERNAME: `${dbSecret}:username::`,
      SPRING_DATASOURCE_PASSWORD: `${dbSecret}:password::`,
    });
    // The execution role reads exactly that secret, listed once for both variables.
    expect(policyStatements(tf, "execution-role-backend/read-secrets-document")).toEqual([
      { sid: "ReadSecrets", actions: ["secretsmanager:GetSecretValue"], resources: [dbSecret] },
    ]);
  });

  it("serves api.example.com over HTTPS with HTTP redirected, and a Route 53 alias to the ALB", () => {
    expect(dataAt(tf, "aws_route53_zone", "certificate/zone")).toMatchObject({ name: "example.com", private_zone: false });
    expect(resourceAt(tf, "aws_acm_certificate", "certificate/certificate")).toMatchObject({ domain_name: "api.example.com", validation_method: "DNS" });
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/https-listener")).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      default_action: [{ type: "forward", target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-backend", "arn") }],
    });
    expect(resourceAt(tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
    ]);
    expect(resourceAt(tf, "aws_route53_record", "dns/api-example-com-a")).toMatchObject({
      name: "api.example.com",
      type: "A",
      alias: { name: refOf(tf, "aws_lb", "load-balancer/alb", "dns_name"), evaluate_target_health: true },
    });
  });

  it("lets the backend send mail through SES only as the verified identity", () => {
    expect(policyStatements(tf, "task-role-backend/policy-document")).toEqual([
      {
        sid: "SendMailAsVerifiedIdentity",
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: ["arn:aws:ses:ap-southeast-1:638389534958:identity/example.com"],
      },
      {
        sid: "ConnectAsOwnDatabaseUser",
        actions: ["rds-db:connect"],
        resources: [`arn:aws:rds-db:ap-southeast-1:${refOf(tf, "aws_caller_identity", "caller", "account_id", true)}:dbuser:${refOf(tf, "aws_db_instance", "database/instance", "resource_id")}/backend`],
      },
    ]);
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
