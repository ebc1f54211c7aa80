/**
 * An internal-only tool (issue 14): an admin UI for staff, never reachable from the internet. It
 * runs in the company's existing VPC (no VPC, subnets, NAT or endpoints created), behind an
 * internal ALB in the private subnets that only the corporate network and the VPN's security group
 * may reach, and every request signs in at the load balancer with the company's OIDC identity
 * provider before it reaches a task. The host name resolves in the private hosted zone; its
 * certificate is validated in the public zone of the same name (split-horizon DNS).
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/internal-tool/config.ts npm run synth
 *   → cdktf.out/stacks/ops-console-prod/cdk.tf.json (see examples/README.md).
 */
import { defineApp } from "../../config";

export default defineApp({
  app: "ops-console",
  services: {
    console: {
      containerPort: 8080,
      cpu: 256,
      memory: 512,
      healthCheck: { path: "/healthz" },
      routing: {
        default: true,
        // The client secret stays in Secrets Manager: it is set on the ALB after apply, never in
        // configuration, plan or state (README: "Internal load balancer, private DNS, sign-in").
        authenticate: {
          oidc: {
            issuer: "https://login.example.com",
            authorizationEndpoint: "https://login.example.com/oauth2/v1/authorize",
            tokenEndpoint: "https://login.example.com/oauth2/v1/token",
            userInfoEndpoint: "https://login.example.com/oauth2/v1/userinfo",
            clientId: "ops-console",
            clientSecret: { secretsManager: "ops-console/oidc", jsonKey: "client_secret" },
            scope: "openid email",
          },
        },
      },
      // A staff tool: one task is enough; rolling releases, alarm rollback (production default).
      desiredCount: 1,
    },
  },
  environments: {
    prod: {
      region: "eu-west-1",
      allowedAccountIds: ["333333333333"],
      state: { bucket: "ops-console-terraform-state-333333333333" },
      network: {
        // The platform team's shared VPC; tasks reach ECR, logs and SSM through its NAT.
        existing: {
          vpcId: "vpc-0a1b2c3d4e5f60718",
          privateSubnetIds: ["subnet-0a1b2c3d4e5f60701", "subnet-0a1b2c3d4e5f60702"],
        },
      },
      loadBalancer: {
        scheme: "internal",
        ingressCidrs: ["10.0.0.0/8"], // the corporate network, routed to the VPC
        ingressSecurityGroups: ["sg-0a1b2c3d4e5f60799"], // the client VPN endpoint's group
        // Staff traffic only: the internet-facing threats WAF filters do not reach an internal ALB.
        waf: { enabled: false },
      },
      domain: { zone: "corp.example.com", name: "ops.corp.example.com", privateZone: true },
      services: { console: { minCount: 1, maxCount: 2 } },
    },
  },
});
