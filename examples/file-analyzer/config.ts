/**
 * Seed tutorial 001 — "AWS ECS Infrastructure, Complete Tutorial Guide": the "file analyzer"
 * (Next.js frontend + Node.js/TypeScript backend + PostgreSQL), built in the console step by step.
 * Every name and value the tutorial gives is adopted verbatim; comments mark where the platform
 * does something safer than the console steps.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/file-analyzer/config.ts npm run synth
 *   → cdktf.out/stacks/file-analyzer-prod/cdk.tf.json (see examples/README.md).
 */
import { defineApp } from "../../config";

/** The tutorial's console defaults "Healthy threshold 2, Unhealthy 2, Timeout 5 s, Interval 30 s, Success codes 200". */
const TARGET_HEALTH = { healthyThreshold: 2, unhealthyThreshold: 2, timeout: 5, interval: 30, matcher: "200" };

export default defineApp({
  app: "file-analyzer",
  // Shared resources keep the tutorial's names (VPC "Name" tag, security groups, cluster, roles).
  names: {
    vpc: "ecs-production-vpc",
    cluster: "ecs-production-cluster",
    albSecurityGroup: "ALB-SG",
    taskSecurityGroup: "ECS-SG",
    databaseSecurityGroup: "RDS-SG",
    // The tutorial attaches AmazonECSTaskExecutionRolePolicy (ECR pulls and log writes on "*") plus an inline
    // ParameterStoreAccess policy. The platform grants the same abilities scoped to this stack:
    // pulls from frontend-repo/backend-repo, writes to /ecs/frontend and /ecs/backend, and
    // ssm:GetParameters on exactly the parameters below — in the inline policy of that name.
    executionRole: "ecsTaskExecutionRole",
    executionSecretsPolicy: "ParameterStoreAccess",
  },
  services: {
    frontend: {
      containerPort: 80,
      cpu: 512, // 0.5 vCPU
      memory: 1024, // 1 GB
      names: {
        service: "frontend-service",
        taskFamily: "frontend-task",
        container: "frontend",
        logGroup: "/ecs/frontend",
        targetGroup: "frontend-tg",
        // "optional CloudWatch permissions": none are needed (awslogs writes with the execution role).
        taskRole: "frontendTaskRole",
      },
      // "Tag immutability: Mutable" (kept, though the CI pushes git-SHA tags, so IMMUTABLE would be
      // safer), "Scan on push: Enable" (always on), "Keep last 10 images".
      repository: { name: "frontend-repo", tagMutability: "MUTABLE", keepTaggedImages: 10 },
      healthCheck: { path: "/", ...TARGET_HEALTH },
      // The listener's default action: "Verify default rule forwards to frontend-tg".
      routing: { default: true },
      // Note: Next.js inlines NEXT_PUBLIC_* at build time; injected at run time it only reaches
      // server-side code. Kept as the tutorial has it.
      secrets: { NEXT_PUBLIC_API_URL: { parameter: "frontend-api-url" } },
      desiredCount: 2, // "Desired tasks: 2"
    },
    backend: {
      containerPort: 3001,
      cpu: 1024, // 1 vCPU
      memory: 2048, // 2 GB
      names: {
        service: "backend-service",
        taskFamily: "backend-task",
        container: "backend-app",
        logGroup: "/ecs/backend",
        targetGroup: "backend-tg",
        taskRole: "backendTaskRole",
      },
      repository: { name: "backend-repo", tagMutability: "MUTABLE", keepTaggedImages: 10 },
      // The tutorial gives backend-tg only its path; the other settings follow frontend-tg's rather
      // than the console defaults (healthy threshold 5 would slow every deployment down).
      healthCheck: { path: "/api/health", ...TARGET_HEALTH },
      routing: { pathPatterns: ["/api/*"], priority: 100 },
      environment: { PORT: "3001" },
      secrets: {
        DB_HOST: { parameter: "backend-db-host" },
        DB_PORT: { parameter: "backend-db-port" },
        DB_NAME: { parameter: "backend-db-name" },
        DB_USER: { parameter: "backend-db-user" },
        DB_PASSWORD: { parameter: "backend-db-password" },
        // Safer alternative to the copied password (drop DB_PASSWORD above and the parameter
        // below): the backend's own database user and secret (/<app>/<env>/backend/database,
        // created without a value; docs/deploy.md), never the master user's.
        //   databaseEnv: { DB_PASSWORD: "password" },
        FRONTEND_URL: { parameter: "backend-frontend-url" },
      },
      desiredCount: 2, // "Desired tasks: 2"
    },
  },
  // Step 5: the PostgreSQL database. gp3 storage, encryption, private subnets, "Public access: No"
  // and auto minor version upgrades are always on in the platform.
  database: {
    identifier: "ecs-postgres-db",
    subnetGroupName: "ecs-db-subnet-group",
    engineVersion: "15", // "Latest stable (e.g., PostgreSQL 15.x)"; major-only, so minors auto-upgrade
    instanceClass: "db.t3.medium",
    allocatedStorage: 20,
    // "Storage autoscaling: Enable": the tutorial gives no ceiling; 100 GiB (5× the start) is ours.
    maxAllocatedStorage: 100,
    databaseName: "fileanalyzer",
    // "Master password: Create a strong password": the platform never takes one. RDS generates
    // the password and keeps (and rotates) it in a Secrets Manager secret it manages.
    masterUsername: "postgres",
    backupRetentionDays: 7,
  },
  // Step 10: Parameter Store, with the tutorial's exact names and types. Values the stack knows are
  // wired and kept in sync by Terraform, instead of being copied by hand from the console.
  parameters: {
    "frontend-api-url": {
      name: "/ecs/frontend/API_URL",
      type: "String",
      description: "ALB DNS name + /api",
      valueFrom: { loadBalancer: "url", suffix: "/api" },
    },
    "backend-db-host": { name: "/ecs/backend/DB_HOST", type: "String", description: "RDS database endpoint", valueFrom: { database: "host" } },
    "backend-db-port": { name: "/ecs/backend/DB_PORT", type: "String", description: "RDS database port", valueFrom: { database: "port" } },
    "backend-db-name": { name: "/ecs/backend/DB_NAME", type: "String", description: "RDS database name", valueFrom: { database: "name" } },
    "backend-db-user": { name: "/ecs/backend/DB_USER", type: "SecureString", description: "RDS master username", valueFrom: { database: "username" } },
    // No valueFrom: a SecureString set out of band is a Secrets Manager secret of this name that
    // Terraform creates without a value (so the value is never in config, state or a plan):
    //   aws secretsmanager put-secret-value --secret-id /ecs/backend/DB_PASSWORD --secret-string "$(
    //     aws secretsmanager get-secret-value --secret-id <db_secret_arn output> --query SecretString --output text | jq -r .password)"
    // It must be repeated after every rotation of the master secret; see the safer
    // alternative at the backend's secrets above.
    "backend-db-password": { name: "/ecs/backend/DB_PASSWORD", type: "SecureString", description: "RDS master password (set out of band)" },
    "backend-frontend-url": { name: "/ecs/backend/FRONTEND_URL", type: "String", description: "ALB DNS name", valueFrom: { loadBalancer: "url" } },
  },
  environments: {
    // "ecs-production-*": the production environment (Multi-AZ RDS as the "Production" template,
    // deletion protection, ALB access logs, Fargate on-demand only).
    prod: {
      region: "us-east-1", // "Availability Zones: Select both AZs (us-east-1a, us-east-1b)"
      allowedAccountIds: ["123456789012"], // placeholder (the tutorial's example account)
      state: { bucket: "file-analyzer-terraform-state-123456789012" }, // placeholder
      network: {
        cidr: "10.0.0.0/16",
        // "Number of Availability Zones: 2". The carved subnets equal the "VPC and more" wizard's:
        // public 10.0.0.0/20, 10.0.16.0/20; private 10.0.128.0/20, 10.0.144.0/20.
        availabilityZones: ["us-east-1a", "us-east-1b"],
        natGateways: "perAz", // "NAT gateways: 1 per AZ"
      },
      // "CloudWatch Container Insights: Leave unchecked (optional, adds cost)".
      containerInsights: false,
      logRetentionDays: 30, // "/ecs/frontend", "/ecs/backend": 30 days
      // "Load balancer name: ecs-alb". The tutorial has no domain, so the ALB serves HTTP:80 only
      // (ALB-SG opens 80; 443 only once a domain adds an HTTPS listener); add `domain` for HTTPS.
      loadBalancer: { name: "ecs-alb" },
      services: {
        // "Desired tasks: 2". The tutorial adds no scaling policy; the platform's target tracking
        // keeps 2 as the floor and may add up to 2 more per service under load.
        frontend: { minCount: 2, maxCount: 4 },
        backend: { minCount: 2, maxCount: 4 },
      },
    },
  },
});
