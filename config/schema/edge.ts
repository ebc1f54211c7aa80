/**
 * Issue 14, the edge: bring your own network (`network.existing`), an internal load balancer
 * (`loadBalancer.scheme`, `loadBalancer.ingressSecurityGroups`, `domain.privateZone`) and sign-in
 * at the load balancer per route (`routing.authenticate`).
 */
import * as z from "zod/mini";
import { field, matching, nonEmpty, optional, secretRef, tags, withDefault } from "./primitives";

const subnetId = matching(/^subnet-[0-9a-f]{8,17}$/, "must be a subnet ID such as subnet-0123456789abcdef0");
export const securityGroupId = matching(/^sg-[0-9a-f]{8,17}$/, "must be a security group ID such as sg-0123456789abcdef0");

export const existingNetworkSchema = z.strictObject({
  vpcId: field(matching(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC ID such as vpc-0123456789abcdef0"), "the existing VPC (the stack creates no VPC, subnets, NAT, endpoints or flow logs)"),
  privateSubnetIds: field(optional(z.array(subnetId)), {
    description: "subnets for tasks, the database and an internal ALB (with egress to ECR/logs/SSM through NAT or endpoints)",
    defaultText: "looked up by `privateSubnetTags`",
    allowed: "at least 2, in different AZs, distinct",
  }),
  publicSubnetIds: field(optional(z.array(subnetId)), {
    description: "subnets of an internet-facing ALB",
    defaultText: "looked up by `publicSubnetTags`; none needed for an internal ALB",
    allowed: "at least 2, in different AZs, distinct",
  }),
  privateSubnetTags: field(optional(tags), { description: "tags that find the private subnets in the VPC", defaultText: "none" }),
  publicSubnetTags: field(optional(tags), { description: "tags that find the public subnets in the VPC", defaultText: "none" }),
});

const httpsUrl = matching(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%\/-]*)?$/, "must be an https:// URL (host, optional port and path)");

const oidcSchema = z.strictObject({
  issuer: field(httpsUrl, "OIDC issuer (`iss`)"),
  authorizationEndpoint: field(httpsUrl, "authorization endpoint"),
  tokenEndpoint: field(httpsUrl, "token endpoint"),
  userInfoEndpoint: field(httpsUrl, "user info endpoint"),
  clientId: field(nonEmpty, "client ID registered with the identity provider"),
  clientSecret: field(z.strictObject({
    secretsManager: field(secretRef, "Secrets Manager secret (name or ARN) holding the client secret"),
    jsonKey: field(optional(matching(/^[A-Za-z0-9_.-]{1,128}$/, "must be a JSON key of letters, digits, _ . -")), { description: "key of the client secret when the secret is a JSON object", defaultText: "the whole secret string" }),
  }), {
    description: "where the client secret is kept: `{ secretsManager: <name or ARN>, jsonKey? }`; set on the load balancer after apply, never in configuration, plan or state (README: Sign-in)",
  }),
  scope: field(withDefault(nonEmpty, "openid"), "scopes requested"),
});

const cognitoSchema = z.strictObject({
  userPoolArn: field(matching(/^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/, "must be a Cognito user pool ARN"), "user pool"),
  userPoolClientId: field(matching(/^[\w+]{1,128}$/, "must be a user pool app client ID"), "app client (with a secret, the ALB's callback URL allowed)"),
  userPoolDomain: field(matching(/^[a-z0-9-]{1,63}$/, "must be a Cognito domain prefix"), "the user pool's domain prefix"),
});

/** One of the two (a rule checks that exactly one is given). */
export const authenticateSchema = z.strictObject({
  oidc: field(optional(oidcSchema), { description: "an OpenID Connect identity provider", defaultText: "none" }),
  cognito: field(optional(cognitoSchema), { description: "a Cognito user pool", defaultText: "none" }),
});
export type AuthenticateConfig = z.infer<typeof authenticateSchema>;
