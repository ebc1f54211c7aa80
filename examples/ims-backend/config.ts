/**
 * Seed tutorial 000 — "5.4 Backend on ECS, ECR & RDS": the Spring Boot backend of an
 * inventory/production management system (IMS) on Fargate behind an ALB, with RDS PostgreSQL in
 * private subnets and Route 53 in front: Client → Route 53 → ALB → ECS (Spring Boot) → RDS.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/ims-backend/config.ts npm run synth
 *   → cdktf.out/stacks/ims-prod/cdk.tf.json (see examples/README.md).
 */
import { defineApp } from "../../config";

/** The account the tutorial pushes images to (638389534958.dkr.ecr.ap-southeast-1.amazonaws.com). */
const ACCOUNT_ID = "638389534958";
const REGION = "ap-southeast-1";

export default defineApp({
  app: "ims",
  services: {
    backend: {
      // "Container port (e.g., 8080)" — Spring Boot's default server.port.
      containerPort: 8080,
      // "0.5 vCPU / 1–2 GB RAM": 512 CPU units with 2048 MiB rather than 1024. The JVM sizes its
      // default max heap at 25 % of the container's memory, so 1 GB leaves Spring Boot + Hibernate +
      // Flyway a 256 MB heap (OOM-prone under load); 2 GB gives 512 MB without JVM tuning, for a few
      // dollars a month more. With 1024 you would also set JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.
      cpu: 512,
      memory: 2048,
      // Image built by CodeBuild and pushed as ims-production:<git-sha>. The repository keeps the
      // production default of IMMUTABLE tags, so the buildspec's extra `:latest` push must go (a tag
      // cannot be re-pushed); deploys pin the SHA with `-var image_tag_backend=<sha>`.
      repository: { name: "ims-production" },
      names: { logGroup: "/ecs/ims-backend" },
      // "Configure health checks (e.g., /actuator/health if enabled)": needs spring-boot-starter-actuator.
      // /actuator/health also reports the database, so a long RDS failover can mark every task unhealthy;
      // /actuator/health/liveness avoids that once the app enables Boot's health probes.
      healthCheck: { path: "/actuator/health" },
      // Spring Boot runs its Flyway migrations on start-up; on 0.5 vCPU that can take well over the
      // platform's 60 s default before /actuator/health answers, so ECS waits 120 s.
      healthCheckGracePeriod: 120,
      // "Store database credentials in AWS Secrets Manager" and map them into the task: the URL is
      // not secret (a plain environment variable); username and password come from the backend's
      // own Secrets Manager secret /ims/prod/backend/database (never the RDS master user's),
      // created without a value and filled once after creating the user (docs/deploy.md).
      databaseEnv: {
        SPRING_DATASOURCE_URL: "jdbcUrl",
        SPRING_DATASOURCE_USERNAME: "username",
        SPRING_DATASOURCE_PASSWORD: "password",
      },
      // "Sending OTP emails and notifications via SES": the task role may send mail only as the
      // (placeholder) verified SES domain identity, never ses:* on "*".
      taskRole: {
        statements: [
          {
            sid: "SendMailAsVerifiedIdentity",
            actions: ["ses:SendEmail", "ses:SendRawEmail"],
            resources: [`arn:aws:ses:${REGION}:${ACCOUNT_ID}:identity/example.com`],
          },
        ],
      },
      // No `routing`: a single service becomes the ALB listener's default action.
    },
  },
  // "Provision a PostgreSQL database in Amazon RDS inside your VPC private subnets". The tutorial
  // names no version, class or size, so the platform defaults apply (PostgreSQL 16, 20 GiB gp3
  // autoscaling to 100 GiB, 7-day backups; db.t4g.medium and Multi-AZ because the env is prod).
  // Only the tasks' security group may reach it — the tutorial's optional bastion is left out.
  database: {},
  environments: {
    // ECR repository "ims-production" → the production environment.
    prod: {
      region: REGION,
      allowedAccountIds: [ACCOUNT_ID],
      // Placeholder: the state bucket made by the bootstrap stack in this account.
      state: { bucket: "ims-terraform-state-638389534958" },
      // The tutorial names no domain. example.com stands in for the real public hosted zone (it
      // must already exist in Route 53); the API is served at api.example.com over HTTPS, with an
      // ACM certificate validated in that zone and HTTP redirected to HTTPS.
      domain: { zone: "example.com", name: "api.example.com" },
    },
  },
});
