/** `environments.<env>`: where and how one environment of the application runs. */
import * as z from "zod/mini";
import { dnsNameProblem } from "../aws-formats";
import {
  accountId, bool, capacityStrategy, checked, cidr, dnsName, field, githubRepository, instanceClass, int, matching,
  NAT_STRATEGIES, nonEmpty, optional, positiveInt, region, repositoryName, retentionDays, s3BucketName, tags, withDefault,
} from "./primitives";
// --- issue 14 ---
import { releaseSchema } from "./release";
import { wafSchema } from "./waf";
import { existingNetworkSchema, securityGroupId } from "./edge";
// --- end issue 14 ---

const SUBNETS_ALLOWED = "one per AZ, inside the VPC CIDR, /28 or larger, none overlapping";
const RETENTION_ALLOWED = "a CloudWatch Logs retention period (0 = never expire, 1, 3, 5, 7, 14, 30, 60, 90, … days)";
const TWO_AZS = "the load balancer (and a database's subnet group) need subnets in two availability zones";

export const networkSchema = z.strictObject({
  cidr: field(withDefault(cidr, "10.0.0.0/16"), { description: "VPC CIDR", allowed: "/16–/24, no host bits set" }),
  // Optional rather than defaulted, so an explicit azCount can be checked against availabilityZones.
  azCount: field(optional(z.int().check(z.minimum(2, TWO_AZS), z.maximum(6))), {
    description: "AZs to use (at most the region's AZ count)",
    defaultText: "`2`, or the number of `availabilityZones`",
  }),
  availabilityZones: field(
    optional(z.array(matching(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "must be an AZ name such as eu-west-1a")).check(z.minLength(2, TWO_AZS))),
    { description: "explicit AZ names (otherwise the first `azCount` available zones)", defaultText: "data source" },
  ),
  natGateways: field(optional(z.enum(NAT_STRATEGIES)), { description: "NAT gateways: none (VPC endpoints only), one shared, one per AZ, or `instance`: one t4g.nano NAT instance (~$4/month instead of ~$36; minutes without egress while a failed instance is replaced)", profile: "natGateways" }),
  publicSubnets: field(optional(z.array(cidr)), { description: "explicit public subnet CIDRs, one per AZ", defaultText: "carved from the VPC CIDR", allowed: SUBNETS_ALLOWED }),
  privateSubnets: field(optional(z.array(cidr)), { description: "explicit private subnet CIDRs, one per AZ", defaultText: "carved from the VPC CIDR", allowed: SUBNETS_ALLOWED }),
  subnetNewBits: field(withDefault(int(1, 12), 4), "bits added to the VPC prefix for carved subnets (public blocks from 0, private from the middle)"),
  flowLogs: field(withDefault(bool, true), "VPC flow logs to CloudWatch (role scoped to the log group)"),
  flowLogRetentionDays: field(optional(retentionDays), { description: "flow log retention", defaultText: "`logRetentionDays`", allowed: RETENTION_ALLOWED }),
  vpcEndpoints: field(
    withDefault(bool, false),
    "S3 gateway + ECR api/dkr, logs, SSM, Secrets Manager interface endpoints (+ ssmmessages with ECS Exec); required with `natGateways: none`",
  ),
  // --- issue 14 ---
  existing: field(optional(existingNetworkSchema), { description: "use an existing VPC and subnets instead of creating them", defaultText: "a new VPC" }),
  // --- end issue 14 ---
});

const stateSchema = z.strictObject({
  bucket: field(s3BucketName, {
    description: "S3 bucket of the Terraform state (created by the bootstrap stack)",
    allowed: "an S3 bucket name: 3–63 lowercase letters, digits, `.`, `-`; no `..`, no IP form, no reserved prefix or suffix",
  }),
  keyPrefix: field(
    withDefault(matching(/^([A-Za-z0-9_.-]+\/)*$/, "must be empty or end with '/' (e.g. 'teams/payments/')"), ""),
    { description: "prefix before `<app>/<env>/terraform.tfstate`", allowed: "empty, or path segments of letters, digits, `_ . -` ending in `/`" },
  ),
  region: field(optional(region), { description: "region of the state bucket", defaultText: "the environment's region", allowed: "a region of `config/regions.ts` (dated list)" }),
  locking: field(withDefault(bool, true), "S3-native locking (`use_lockfile`, Terraform ≥ 1.10)"),
});

const scalingOverrideSchema = z.strictObject({
  desiredCount: field(optional(int(0, 1000)), { description: "initial task count in this environment", defaultText: "the service's" }),
  minCount: field(optional(int(0, 1000)), { description: "autoscaling minimum", defaultText: "the desired count" }),
  maxCount: field(optional(int(1, 1000)), { description: "autoscaling maximum", defaultText: "`max(4 × desired, 2)`" }),
  cpu: field(optional(positiveInt), { description: "task CPU units in this environment", defaultText: "the service's" }),
  memory: field(optional(positiveInt), { description: "task memory (MiB) in this environment", defaultText: "the service's" }),
  repositoryName: field(optional(repositoryName), {
    description: "ECR repository name in this environment (two environments in one account and region need different repositories)",
    defaultText: "the service's `repository.name`",
  }),
  // --- issue 14: release strategy per environment ---
  release: field(optional(releaseSchema), { description: "release strategy in this environment (replaces the service's `release` as a whole)", defaultText: "the service's" }),
  // --- end issue 14 ---
});

const databaseOverrideSchema = z.strictObject({
  instanceClass: field(optional(instanceClass), { description: "instance class in this environment", defaultText: "the database's", allowed: "`db.<class>.<size>`" }),
  allocatedStorage: field(optional(int(20, 65536)), { description: "GiB of gp3 storage in this environment", defaultText: "the database's" }),
  maxAllocatedStorage: field(optional(int(0, 65536)), { description: "storage autoscaling ceiling (GiB, 0 = off)", defaultText: "the database's" }),
  multiAz: field(optional(bool), { description: "standby in a second AZ", profile: "databaseMultiAz" }),
  deletionProtection: field(optional(bool), { description: "RDS deletion protection", profile: "databaseDeletionProtection" }),
  finalSnapshot: field(optional(bool), { description: "snapshot when the instance is destroyed", profile: "databaseFinalSnapshot" }),
  backupRetentionDays: field(optional(int(0, 35)), { description: "automated backup retention (days)", defaultText: "the database's" }),
  performanceInsights: field(optional(bool), { description: "Performance Insights (7-day retention)", defaultText: "the database's" }),
});

export const loadBalancerSchema = z.strictObject({
  name: field(
    optional(matching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "must be 1–32 letters, digits or '-', not starting or ending with '-'")),
    { description: "ALB name", defaultText: "`<app>-<env>` (≤ 32 chars)", allowed: "1–32 letters, digits, `-`; not starting with `internal-`" },
  ),
  ingressCidrs: field(withDefault(z.array(cidr).check(z.minLength(1)), ["0.0.0.0/0"]), {
    description: "who may reach 80/443",
    allowed: "distinct; each CIDR takes one inbound rule per listener port of the ALB group's 60",
  }),
  idleTimeout: field(withDefault(int(1, 4000), 60), "seconds an idle connection is kept"),
  deletionProtection: field(optional(bool), { description: "ALB deletion protection", profile: "loadBalancerDeletionProtection" }),
  accessLogs: field(optional(bool), { description: "access logs to a private SSE-S3 bucket", profile: "accessLogs" }),
  accessLogRetentionDays: field(withDefault(int(1, 3650), 90), "days before access logs expire"),
  // --- issue 14: the edge ---
  scheme: field(withDefault(z.enum(["internet-facing", "internal"]), "internet-facing"), "`internal`: in the private subnets, reachable only from `ingressCidrs`/`ingressSecurityGroups` (set them to your networks)"),
  ingressSecurityGroups: field(withDefault(z.array(securityGroupId), []), "security groups whose members may reach 80/443 (e.g. a VPN or bastion group)"),
  waf: field(withDefault(wafSchema, { mode: "block", rateLimit: 2000, logging: true, logRetentionDays: 30 }), "WAFv2 web ACL (managed rule groups, rate limit per IP, logging)"),
  // --- end issue 14 ---
});

const domainSchema = z.strictObject({
  zone: field(
    optional(checked(dnsNameProblem, matching(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a DNS zone name such as example.com"))),
    { description: "existing public Route 53 hosted zone (looked up by name)", defaultText: "required with `domain`", allowed: "labels ≤ 63, ≤ 253 characters" },
  ),
  name: field(dnsName, { description: "host name served (HTTPS with an ACM certificate, HTTP → HTTPS 301)", allowed: "labels ≤ 63, ≤ 253 characters" }),
  alternativeNames: field(withDefault(z.array(dnsName), []), {
    description: "extra names on the certificate and alias records",
    allowed: "≤ 9 (ACM: 10 names per certificate); distinct",
  }),
  ipv6: field(withDefault(bool, false), "dual-stack ALB, IPv6 on the VPC/public subnets, AAAA records"),
  // --- issue 14 ---
  privateZone: field(withDefault(bool, false), "alias records in the private hosted zone of this name (associated with the VPC); the certificate is still validated in the public zone of the same name"),
  // --- end issue 14 ---
});

const ec2CapacitySchema = z.strictObject({
  instanceType: field(withDefault(matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.small"), "t3.small"), {
    description: "EC2 instance type",
    allowed: "`<family>.<size>`; tasks must fit it (sizes known for the common types of config/data/instance-types.ts)",
  }),
  minSize: field(withDefault(int(0, 100), 1), "Auto Scaling group minimum (the capacity provider manages the count)"),
  maxSize: field(withDefault(int(1, 100), 2), "Auto Scaling group maximum"),
  rootVolumeSize: field(withDefault(int(30, 16384), 30), "GiB, encrypted gp3 (the ECS-optimized AMI needs ≥ 30)"),
  targetCapacity: field(withDefault(int(1, 100), 100), "managed scaling target (%)"),
  sshCidr: field(optional(cidr), { description: "SSH only from this admin CIDR; use Session Manager instead", defaultText: "none", allowed: "/16 or narrower" }),
  keyName: field(optional(matching(/^[\x20-\x7e]{1,255}$/, "must be an EC2 key pair name (1–255 ASCII characters)")), {
    description: "existing key pair",
    defaultText: "none",
    allowed: "only with `sshCidr`",
  }),
  amiParameter: field(
    withDefault(matching(/^[A-Za-z0-9_.\-/]{1,2048}$/, "must be an SSM parameter name (1–2048 letters, digits, _ . - /), e.g. /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"), "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    { description: "public SSM parameter with the ECS-optimized AMI", allowed: "an SSM parameter name: letters, digits, `_ . - /`" },
  ),
});

export const ciSchema = z.strictObject({
  githubRepository: field(githubRepository("acme/shop-infra"), { description: "repository allowed to assume the CI roles (bootstrap stack)", allowed: "`owner/name`" }),
  applyBranch: field(withDefault(nonEmpty, "main"), { description: "branch allowed to assume the apply role", allowed: "an exact name: no wildcards or spaces" }),
  applyEnvironment: field(optional(nonEmpty), {
    description: "GitHub environment that apply jobs must run in (then only it may assume the apply role)",
    defaultText: "none",
    allowed: "an exact name: no wildcards or spaces",
  }),
  createOidcProvider: field(withDefault(bool, true), "create the account's GitHub OIDC provider (false: look up the existing one)"),
  deployRepositories: field(
    withDefault(z.array(githubRepository("acme/shop-api")), []),
    { description: "application repositories whose image pipelines (calling this repository's `deploy-image.yml`) may assume the deploy role `<app>-<env>-ci-deploy` (same branch/environment rule); never the apply role", allowed: "`owner/name` each" },
  ),
});

const alarmsSchema = z.strictObject({
  enabled: field(withDefault(bool, true), "CloudWatch alarms to an SNS topic"),
  email: field(optional(z.email("Invalid email address")), { description: "e-mail subscribed to the alarm topic (AWS sends a confirmation)", defaultText: "none", allowed: "an e-mail address" }),
});

export const environmentSchema = z.strictObject({
  region: field(region, { description: "AWS region", allowed: "a region of `config/regions.ts` (dated list)" }),
  allowedAccountIds: field(z.array(accountId).check(z.minLength(1)), "provider `allowed_account_ids`: Terraform refuses any other account"),
  production: field(optional(bool), { description: "switches on the production profile (the defaults marked \"in production\")", defaultText: "`true` when the environment is named `prod`" }),
  tags: field(withDefault(tags, {}), {
    description: "extra `default_tags`; `app`, `environment`, `managed-by` are always set (and cannot be given here)",
    allowed: "≤ 45 (AWS allows 50 per resource, the platform sets up to 5); keys 1–128, values ≤ 256 characters of letters, digits, spaces, `_ . : / = + - @`; no `aws:` prefix",
  }),
  network: field(withDefault(networkSchema, networkSchema.parse({})), "the VPC"),
  state: field(stateSchema, "where Terraform keeps this environment's state"),
  logRetentionDays: field(withDefault(retentionDays, 30), { description: "retention of service, exec and database log groups", allowed: RETENTION_ALLOWED }),
  capacityProviderStrategy: field(optional(capacityStrategy), {
    description: "default strategy of Fargate services (`[{ provider, weight, base }]`)",
    profile: "capacityProviderStrategy",
  }),
  containerInsights: field(optional(bool), { description: "CloudWatch Container Insights", profile: "containerInsights" }),
  ecsExec: field(optional(bool), { description: "ECS Exec with session logging to `/ecs/<cluster>/exec`", profile: "ecsExec" }),
  loadBalancer: field(withDefault(loadBalancerSchema, loadBalancerSchema.parse({})), "the Application Load Balancer"),
  domain: field(optional(domainSchema), { description: "serve a host name over HTTPS", defaultText: "none (HTTP on the ALB's name)" }),
  services: field(withDefault(z.record(z.string(), scalingOverrideSchema), {}), "per-service overrides of count, scaling bounds and size"),
  database: field(withDefault(databaseOverrideSchema, {}), "per-environment database overrides"),
  ec2Capacity: field(optional(ec2CapacitySchema), {
    description: "EC2 container instances; required when a service uses `capacity: \"ec2\"`",
    defaultText: "none",
  }),
  ci: field(optional(ciSchema), { description: "GitHub OIDC roles for CI, created by the bootstrap stack", defaultText: "no CI roles" }),
  alarms: field(withDefault(alarmsSchema, { enabled: true }), "operational alarms"),
});
