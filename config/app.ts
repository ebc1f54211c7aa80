/**
 * The default application shipped with the project: a web front end and an API backed by
 * PostgreSQL, in a dev and a prod environment. Copy this file to describe your own application,
 * or point ECS_PLATFORM_CONFIG at another config module (see examples/).
 *
 * Account IDs and the state bucket are placeholders: replace them before a real deploy.
 */
import { defineApp } from "./index";

export default defineApp({
  app: "shop",
  services: {
    web: {
      containerPort: 3000,
      cpu: 256,
      memory: 512,
      healthCheck: { path: "/api/health" },
      routing: { default: true },
      environment: { NODE_ENV: "production" },
      secrets: { API_URL: { parameter: "api-url" } },
    },
    api: {
      containerPort: 8080,
      cpu: 512,
      memory: 1024,
      healthCheck: { path: "/actuator/health" },
      routing: { pathPatterns: ["/api/*"], priority: 100 },
      databaseEnv: {
        DB_HOST: "host",
        DB_PORT: "port",
        DB_NAME: "name",
        DB_USER: "username",
        DB_PASSWORD: "password",
      },
      secrets: { PAYMENT_API_KEY: { parameter: "payment-api-key" } },
    },
  },
  database: {
    engineVersion: "16",
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
  },
  parameters: {
    "api-url": { type: "String", valueFrom: { loadBalancer: "url", suffix: "/api" }, description: "Public API base URL" },
    "payment-api-key": { type: "SecureString", description: "Payment provider API key (set out of band)" },
  },
  environments: {
    dev: {
      region: "eu-west-1",
      allowedAccountIds: ["111111111111"],
      tags: { "cost-center": "shop-dev" },
      network: { cidr: "10.10.0.0/16", azCount: 2, natGateways: "instance" },
      state: { bucket: "shop-terraform-state-111111111111" },
      logRetentionDays: 14,
      // Every dev task on Fargate Spot (~30% of the on-demand price): an interrupted task is
      // replaced by ECS within minutes, which dev can live with (README, "Cost").
      capacityProviderStrategy: [{ provider: "FARGATE_SPOT", weight: 1, base: 0 }],
      ci: { githubRepository: "acme/shop-infra" },
    },
    prod: {
      region: "eu-west-1",
      allowedAccountIds: ["222222222222"],
      tags: { "cost-center": "shop" },
      network: { cidr: "10.20.0.0/16", azCount: 3, natGateways: "perAz", vpcEndpoints: true },
      state: { bucket: "shop-terraform-state-222222222222" },
      logRetentionDays: 90,
      domain: { zone: "example.com", name: "shop.example.com" },
      services: {
        // ECS-native releases in production; alarm rollback is on by default here (config/defaults.ts).
        // Shift plus bake stay under the 10 minutes the image deploy waits for a stable service.
        web: { desiredCount: 2, minCount: 2, maxCount: 6, release: { strategy: "blueGreen", bakeTimeMinutes: 5 } },
        api: {
          desiredCount: 2, minCount: 2, maxCount: 10, cpu: 1024, memory: 2048,
          release: { strategy: "canary", canary: { percent: 10, bakeTimeMinutes: 2 }, bakeTimeMinutes: 3, testTraffic: { priority: 99 }, rollback: { latencyMs: 2000 } },
        },
      },
      database: { instanceClass: "db.t4g.medium" },
      alarms: { email: "oncall@example.com" },
      ci: { githubRepository: "acme/shop-infra", applyEnvironment: "production" },
    },
  },
});
