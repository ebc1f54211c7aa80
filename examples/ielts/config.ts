/**
 * Seed tutorial 002 — "ECS & Container Setup" of the IELTS Self-Learning Web System ("Bandup"):
 * a Next.js frontend and a Spring Boot backend on Fargate (+ Fargate Spot), the frontend behind
 * the ALB, the two talking over Service Connect, with Container Insights and autoscaling.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/ielts/config.ts npm run synth
 *   → cdktf.out/stacks/ielts-prod/cdk.tf.json (see examples/README.md).
 *
 * Replicas — "2 active in AZ-1 + 1 standby in AZ-2" per service. ECS has no active/passive mode:
 * every running task of a service receives traffic. The honest ECS equivalent is 3 tasks per
 * service spread over both AZs (Fargate spreads a service's tasks across the subnets' AZs, and
 * AZ rebalancing — always on in the platform — moves them back after an AZ recovers). That is the
 * same 3 tasks of capacity, but all three serve, and losing either AZ leaves at least one task
 * running while ECS replaces the rest in the surviving AZ, instead of waiting for a failover.
 */
import { defineApp } from "../../config";

const THREE_TASKS = { desiredCount: 3, minCount: 3, maxCount: 6 };

export default defineApp({
  app: "ielts",
  services: {
    frontend: {
      containerPort: 3000,
      cpu: 512, // 0.5 vCPU
      memory: 1024,
      repository: { name: "ielts-frontend" }, // scan on push is always on
      healthCheck: { path: "/api/health" },
      // Public entry point: the ALB's default action.
      routing: { default: true },
      // Service Connect: the platform publishes every service as `<service key>:<container port>`
      // in the cluster's namespace, so server-side Next.js code reaches Spring Boot by name.
      environment: { BACKEND_URL: "http://backend:8080" },
    },
    backend: {
      containerPort: 8080,
      cpu: 1024, // 1 vCPU
      memory: 2048,
      repository: { name: "ielts-backend" },
      // Internal only: reached from the frontend over Service Connect, not through the ALB. The
      // tutorial gives the backend no public path, and a path rule such as /api/* would steal
      // the frontend's own Next.js API routes (its health check is /api/health). To expose it,
      // add `routing: { hostHeaders: ["api.<domain>"], priority: 100 }` with a domain.
      // Without a target group, /actuator/health is checked by ECS inside the container (the
      // image needs curl, as eclipse-temurin images have); `healthCheck` is kept for the day the
      // backend gets a route.
      healthCheck: { path: "/actuator/health" },
      containerHealthCheck: {
        command: "curl -fsS http://localhost:8080/actuator/health || exit 1",
        // Spring Boot 3 on 1 vCPU: give it 90 s to start before failures count.
        startPeriod: 90,
      },
    },
  },
  environments: {
    prod: {
      // The tutorial names no region. It is written in the format of the AWS Vietnam "First Cloud
      // Journey" workshops, which mostly deploy to Singapore: ap-southeast-1 is a mature region
      // near its users with Fargate Spot, Service Connect and 3 AZs. Any such region works.
      region: "ap-southeast-1",
      allowedAccountIds: ["123456789012"], // placeholder
      state: { bucket: "ielts-terraform-state-123456789012" }, // placeholder
      network: { azCount: 2 }, // "Multi-AZ": AZ-1 and AZ-2
      // "Cluster capacity providers (Fargate, Fargate Spot)". The first two tasks of each service
      // always run on on-demand Fargate; the third and any scaled-out tasks share Fargate and
      // Fargate Spot, so a Spot interruption never takes a service below two tasks.
      capacityProviderStrategy: [
        { provider: "FARGATE", base: 2, weight: 1 },
        { provider: "FARGATE_SPOT", weight: 1 },
      ],
      containerInsights: true, // "Enable container insights for monitoring"
      // No domain in the tutorial: the ALB serves HTTP:80. Add `domain` for HTTPS + Route 53.
      services: {
        // "Auto Scaling based on metrics": CPU, memory and ALB request-count target tracking,
        // never below the 3 tasks above.
        frontend: THREE_TASKS,
        backend: THREE_TASKS,
      },
    },
  },
});
