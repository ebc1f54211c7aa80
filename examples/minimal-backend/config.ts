/**
 * Seed tutorial 004 — "Deploying a backend service on AWS" (multicorn, lesson 4 of 7): the
 * minimum viable path for a containerised Node.js backend — ECR, a Fargate task of 0.25 vCPU /
 * 0.5 GB, an internet-facing ALB with an IP target group, HTTPS with an ACM certificate, HTTP
 * redirected to HTTPS, and a Route 53 alias record.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/minimal-backend/config.ts npm run synth
 *   → cdktf.out/stacks/my-backend-prod/cdk.tf.json (see examples/README.md).
 */
import { defineApp } from "../../config";

export default defineApp({
  app: "my-backend", // the tutorial's image and repository name
  services: {
    backend: {
      // "EXPOSE 3000" / "set the container port to whatever port your application listens on (e.g. 3000)".
      containerPort: 3000,
      // "Set CPU to 0.25 vCPU and memory to 0.5 GB. This is the smallest (and cheapest) configuration."
      cpu: 256,
      memory: 512,
      repository: { name: "my-backend" },
      // "Set the health check path to a route your application responds to (e.g. /health or just /)".
      // The target group is always of type IP on Fargate (awsvpc).
      healthCheck: { path: "/health" },
      // "Set the desired number of tasks to 1 (you can scale up later)". Scaling up later is
      // automatic: target tracking may add up to 3 more tasks under load, never fewer than 1.
      desiredCount: 1,
      // No `routing`: the only service is the listener's default action.
    },
  },
  environments: {
    // The tutorial deploys the real (production) backend of the course's app.
    prod: {
      region: "ap-southeast-2", // the tutorial's push commands use ap-southeast-2
      allowedAccountIds: ["123456789012"], // placeholder for YOUR_ACCOUNT_ID
      state: { bucket: "my-backend-terraform-state-123456789012" }, // placeholder
      network: {
        azCount: 2, // "select at least two in different availability zones"
        // One task has no redundancy to protect, so one shared NAT gateway instead of the
        // production default of one per AZ (one NAT gateway less, roughly US$45 a month here).
        natGateways: "single",
      },
      // Production runs on on-demand Fargate only (the default): Fargate Spot could stop the only task.
      services: { backend: { minCount: 1, maxCount: 4 } },
      // "Request a certificate in ACM for your domain", "Add an HTTPS listener ... Redirect the
      // HTTP listener (port 80) to HTTPS", "create an A record with an alias pointing to the load
      // balancer". The tutorial names no domain: example.com stands in for your existing public
      // hosted zone, api.example.com for the backend's host name. The certificate is validated by
      // DNS in that zone, in the ALB's region as the tutorial notes.
      domain: { zone: "example.com", name: "api.example.com" },
    },
  },
});
