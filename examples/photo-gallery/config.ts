/**
 * Every workload kind in one application (issue 13): a photo gallery.
 *
 * - `web`: the Next.js front end, the only service behind the load balancer (HTTPS on
 *   gallery.example.com); it calls the API over Service Connect (`http://api:8080`).
 * - `api` (`internal`): the REST API — no load balancer rule. Before each release
 *   `bin/predeploy.sh` runs `prisma migrate deploy` with the new image; its logs go through
 *   FireLens (AWS for Fluent Bit), traces through an OpenTelemetry collector sidecar it waits for;
 *   uploaded originals live on EFS (`/data/uploads`, an access point of its own), `/tmp` is scratch
 *   space because the root file system is read-only.
 * - `thumbnails` (`worker`): no port; consumes the `gallery-prod-thumbnails` SQS queue, scaled on
 *   its backlog per task down to zero, capped at night by scheduled scaling; reads the uploads
 *   read-only from EFS.
 * - `cleanup` (`job`): every night at 03:00 Berlin time on EventBridge Scheduler, deletes expired
 *   drafts; a dead-letter queue with an alarm catches runs the scheduler could not start.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/photo-gallery/config.ts npm run synth
 *   → cdktf.out/stacks/gallery-prod/cdk.tf.json (see examples/README.md).
 */
import { defineApp } from "../../config";

const OTEL_COLLECTOR = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1";

export default defineApp({
  app: "gallery",
  services: {
    web: {
      containerPort: 3000,
      routing: { default: true },
      healthCheck: { path: "/api/health" },
      environment: { API_URL: "http://api:8080" },
      readonlyRootFilesystem: true,
      volumes: { tmp: { scratch: {} } },
      mountPoints: [{ volume: "tmp", containerPath: "/tmp" }],
    },
    api: {
      kind: "internal",
      containerPort: 8080,
      cpu: 1024,
      memory: 2048,
      databaseEnv: { DATABASE_URL: "url", DB_USER: "username", DB_PASSWORD: "password" },
      environment: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4317", UPLOAD_DIR: "/data/uploads" },
      containerHealthCheck: { command: "curl -fsS http://localhost:8080/health || exit 1" },
      readonlyRootFilesystem: true,
      initProcessEnabled: true,
      preDeploy: { command: ["npx", "prisma", "migrate", "deploy"], timeoutSeconds: 600 },
      firelens: {},
      dependsOn: [{ container: "otel", condition: "HEALTHY" }],
      sidecars: {
        otel: {
          image: { external: OTEL_COLLECTOR },
          command: ["--config=/etc/ecs/ecs-default-config.yaml"],
          ports: [4317],
          cpu: 128,
          memoryReservation: 256,
          healthCheck: { command: "/healthcheck", startPeriod: 10 },
        },
      },
      volumes: { uploads: { efs: { uid: 1000, gid: 1000 } }, tmp: { scratch: {} } },
      mountPoints: [
        { volume: "uploads", containerPath: "/data/uploads" },
        { volume: "tmp", containerPath: "/tmp" },
      ],
      taskRole: { statements: [{ sid: "SendThumbnailJobs", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:eu-central-1:123456789012:gallery-prod-thumbnails"] }] },
    },
    thumbnails: {
      kind: "worker",
      cpu: 1024,
      memory: 2048,
      command: ["node", "dist/thumbnail-worker.js"],
      // Spot can stop a worker with two minutes' notice: finish the current image, then exit.
      stopTimeout: 120,
      ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
      ephemeralStorageGiB: 50,
      environment: { QUEUE_URL: "https://sqs.eu-central-1.amazonaws.com/123456789012/gallery-prod-thumbnails", UPLOAD_DIR: "/data/uploads" },
      volumes: { uploads: { efs: { rootDirectory: "/api/uploads", uid: 1000, gid: 1000 } } },
      mountPoints: [{ volume: "uploads", containerPath: "/data/uploads", readOnly: true }],
      capacityProviderStrategy: [{ provider: "FARGATE_SPOT", weight: 1 }],
      autoscaling: {
        queue: { name: "gallery-prod-thumbnails", backlogPerTask: 20 },
        schedules: {
          night: { expression: "cron(0 22 * * ? *)", timezone: "Europe/Berlin", maxCount: 2 },
          morning: { expression: "cron(0 6 * * ? *)", timezone: "Europe/Berlin", maxCount: 20 },
        },
      },
      taskRole: {
        statements: [{ sid: "ConsumeThumbnailJobs", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"], resources: ["arn:aws:sqs:eu-central-1:123456789012:gallery-prod-thumbnails"] }],
      },
    },
    cleanup: {
      kind: "job",
      command: ["node", "dist/cleanup.js", "--older-than=30d"],
      databaseEnv: { DATABASE_URL: "url", DB_USER: "username", DB_PASSWORD: "password" },
      schedule: { expression: "cron(0 3 * * ? *)", timezone: "Europe/Berlin", flexibleWindowMinutes: 15, retries: 2 },
    },
  },
  database: {},
  environments: {
    prod: {
      region: "eu-central-1",
      allowedAccountIds: ["123456789012"],
      state: { bucket: "gallery-terraform-state" },
      containerInsights: true,
      domain: { zone: "example.com", name: "gallery.example.com" },
      services: { thumbnails: { minCount: 0, desiredCount: 0, maxCount: 20 } },
    },
  },
});
