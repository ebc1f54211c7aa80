import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import {
  sampleConfig, synth, resourceList, resourceAt, refOf, policyStatement, policyStatements, dataAt, parsedAttribute,
  type SecurityGroupRuleJson, type TerraformJson,
} from "./helpers";

// The pin is the engine's (tools/engine.js): cdktf's AWS provider 6.25.0, or CDK Terrain's.
const { ENGINES, engineName } = require("../tools/engine") as { ENGINES: Record<string, { pins: { providerSource: string; provider: string } }>; engineName: () => string };
const pins = ENGINES[engineName()].pins;

interface LifecyclePolicyJson {
  rules: { rulePriority: number; selection: { countNumber: number } }[];
}

const dev = synth(sampleConfig(), "dev");
const prod = synth(sampleConfig(), "prod");

describe("stack: provider and backend", () => {
  it("pins the AWS provider and sets default tags and allowed accounts", () => {
    expect(dev.tf.terraform.required_providers?.aws).toEqual({ source: pins.providerSource, version: pins.provider });
    expect(dev.json).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-west-1",
      allowed_account_ids: ["111111111111"],
      default_tags: [{ tags: { app: "demo", environment: "dev", "managed-by": "ecs-platform-cdktf" } }],
    });
  });

  it("keeps state in S3, encrypted, S3-locked, keyed <app>/<env>/terraform.tfstate", () => {
    expect(prod.tf.terraform.backend).toEqual({
      s3: { bucket: "demo-state-prod", key: "demo/prod/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });

  it("applies the key prefix and the state region", () => {
    const config = sampleConfig();
    config.environments.dev.state = { bucket: "b-state", keyPrefix: "teams/x/", region: "us-east-1", locking: false };
    const { tf } = synth(config, "dev");
    expect(tf.terraform.backend?.s3).toEqual({ bucket: "b-state", key: "teams/x/demo/dev/terraform.tfstate", region: "us-east-1", encrypt: true });
  });
});

describe("network", () => {
  it("creates a VPC with DNS support and hostnames", () => {
    expect(dev.json).toHaveResourceWithProperties(Vpc, {
      cidr_block: "10.0.0.0/16",
      enable_dns_hostnames: true,
      enable_dns_support: true,
    });
  });

  it("creates public and private subnets per AZ without public IPs", () => {
    const subnets = resourceList(dev.tf, "aws_subnet");
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual(["10.0.0.0/20", "10.0.128.0/20", "10.0.144.0/20", "10.0.16.0/20"]);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(resourceAt(dev.tf, "aws_subnet", "network/public-subnet-1").availability_zone).toMatch(/element\(data\.aws_availability_zones\..*\.names, 1\)/);
  });

  it("uses explicit AZs when configured", () => {
    const config = sampleConfig();
    config.environments.dev.network = { availabilityZones: ["eu-west-1b", "eu-west-1c"] };
    const { tf } = synth(config, "dev");
    expect(resourceAt(tf, "aws_subnet", "network/private-subnet-0").availability_zone).toBe("eu-west-1b");
    expect(tf.data?.aws_availability_zones).toBeUndefined();
  });

  it("routes public subnets to the internet gateway and private subnets only to NAT", () => {
    const igw = refOf(dev.tf, "aws_internet_gateway", "network/internet-gateway", "id");
    const routes = resourceList(dev.tf, "aws_route");
    const publicRoute = resourceAt(dev.tf, "aws_route", "network/public-default-route");
    expect(publicRoute).toMatchObject({ destination_cidr_block: "0.0.0.0/0", gateway_id: igw });
    const privateRoutes = routes.filter((r) => r !== publicRoute);
    expect(privateRoutes).toHaveLength(2);
    for (const route of privateRoutes) {
      expect(route.gateway_id).toBeUndefined();
      expect(route.nat_gateway_id).toMatch(/aws_nat_gateway/);
    }
  });

  it("has one NAT gateway with a VPC EIP for the single strategy and one per AZ in prod", () => {
    expect(resourceList(dev.tf, "aws_nat_gateway")).toHaveLength(1);
    expect(resourceList(prod.tf, "aws_nat_gateway")).toHaveLength(2);
    expect(resourceList(prod.tf, "aws_eip").every((e) => e.domain === "vpc")).toBe(true);
    const natIds = resourceList(prod.tf, "aws_route").map((r) => r.nat_gateway_id).filter(Boolean);
    expect(new Set(natIds).size).toBe(2);
  });

  it("has no NAT and no private default route with natGateways none + endpoints", () => {
    const config = sampleConfig();
    config.environments.dev.network = { natGateways: "none", vpcEndpoints: true };
    const { tf } = synth(config, "dev");
    expect(resourceList(tf, "aws_nat_gateway")).toHaveLength(0);
    expect(resourceList(tf, "aws_eip")).toHaveLength(0);
    expect(resourceList(tf, "aws_route")).toHaveLength(1);
    const endpoints = resourceList(tf, "aws_vpc_endpoint").map((e) => `${e.service_name}:${e.vpc_endpoint_type}`);
    expect(endpoints.sort()).toEqual(
      [
        "com.amazonaws.eu-west-1.s3:Gateway",
        "com.amazonaws.eu-west-1.ecr.api:Interface",
        "com.amazonaws.eu-west-1.ecr.dkr:Interface",
        "com.amazonaws.eu-west-1.logs:Interface",
        "com.amazonaws.eu-west-1.ssm:Interface",
        "com.amazonaws.eu-west-1.secretsmanager:Interface",
        "com.amazonaws.eu-west-1.ssmmessages:Interface",
      ].sort(),
    );
    expect(resourceList(tf, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface").every((e) => e.private_dns_enabled === true)).toBe(true);
  });

  it("takes over the default security group with no rules", () => {
    expect(dev.json).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });

  it("sends flow logs to CloudWatch through a role only VPC Flow Logs can assume", () => {
    const flowLog = resourceList(dev.tf, "aws_flow_log")[0];
    expect(flowLog).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    const trust = policyStatements(dev.tf, "network/flow-log-trust");
    expect(trust[0].principals).toEqual([{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }]);
    expect(trust[0].condition?.[0]).toMatchObject({ test: "StringEquals", variable: "aws:SourceAccount" });
  });

  it("can turn flow logs off", () => {
    const config = sampleConfig();
    config.environments.dev.network = { flowLogs: false };
    expect(resourceList(synth(config, "dev").tf, "aws_flow_log")).toHaveLength(0);
  });
});

describe("security groups", () => {
  const rules = (tf: TerraformJson, kind: "ingress" | "egress") => resourceList<SecurityGroupRuleJson>(tf, `aws_vpc_security_group_${kind}_rule`);
  const sg = (tf: TerraformJson, name: string) => refOf(tf, "aws_security_group", `security-groups/${name}`, "id");

  it("defines no inline rules on any group", () => {
    for (const group of resourceList(dev.tf, "aws_security_group")) {
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    }
  });

  it("gives every standalone rule a description", () => {
    for (const rule of [...rules(dev.tf, "ingress"), ...rules(dev.tf, "egress")]) expect(rule.description).toMatch(/\w+/);
  });

  it("opens the ALB on 80, and on 443 only when it serves HTTPS", () => {
    const albIngress = (tf: TerraformJson) => rules(tf, "ingress").filter((r) => r.security_group_id === sg(tf, "alb")).map((r) => [r.from_port, r.cidr_ipv4]);
    expect(albIngress(dev.tf)).toEqual([[80, "0.0.0.0/0"]]);
    const config = sampleConfig();
    config.environments.dev.domain = { zone: "example.com", name: "app.example.com" };
    expect(albIngress(synth(config, "dev").tf)).toEqual([
      [80, "0.0.0.0/0"],
      [443, "0.0.0.0/0"],
    ]);
  });

  it("lets the ALB send only to the task group on the service ports", () => {
    const albEgress = rules(dev.tf, "egress").filter((r) => r.security_group_id === sg(dev.tf, "alb"));
    expect(albEgress.map((r) => [r.from_port, r.referenced_security_group_id])).toEqual([
      [3000, sg(dev.tf, "tasks")],
      [8080, sg(dev.tf, "tasks")],
    ]);
    expect(albEgress.some((r) => r.cidr_ipv4)).toBe(false);
  });

  it("admits tasks traffic only from the ALB and other tasks, on each container port", () => {
    const taskIngress = rules(dev.tf, "ingress").filter((r) => r.security_group_id === sg(dev.tf, "tasks"));
    expect(taskIngress.every((r) => [sg(dev.tf, "alb"), sg(dev.tf, "tasks")].includes(r.referenced_security_group_id ?? ""))).toBe(true);
    expect(taskIngress.map((r) => r.from_port).sort()).toEqual([3000, 3000, 8080, 8080]);
  });

  it("admits the database port only from the task group", () => {
    const dbIngress = rules(dev.tf, "ingress").filter((r) => r.security_group_id === sg(dev.tf, "database"));
    expect(dbIngress).toEqual([expect.objectContaining({ from_port: 5432, to_port: 5432, ip_protocol: "tcp", referenced_security_group_id: sg(dev.tf, "tasks") })]);
    expect(rules(dev.tf, "egress").filter((r) => r.security_group_id === sg(dev.tf, "database"))).toHaveLength(0);
  });

  it("restricts the ALB to configured CIDRs", () => {
    const config = sampleConfig();
    config.environments.dev.loadBalancer = { ingressCidrs: ["203.0.113.0/24"] };
    const { tf } = synth(config, "dev");
    const albIngress = rules(tf, "ingress").filter((r) => r.security_group_id === sg(tf, "alb"));
    expect(albIngress.map((r) => [r.from_port, r.cidr_ipv4])).toEqual([[80, "203.0.113.0/24"]]);
  });
});

describe("IAM", () => {
  it("trusts only ecs-tasks.amazonaws.com from this account for the execution and task roles", () => {
    for (const path of ["execution-role-api/trust", "execution-role-web/trust", "task-role-api/trust", "task-role-web/trust"]) {
      const [statement] = policyStatements(dev.tf, path);
      expect(statement.actions).toEqual(["sts:AssumeRole"]);
      expect(statement.principals).toEqual([{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }]);
      expect(statement.condition).toEqual([
        { test: "StringEquals", variable: "aws:SourceAccount", values: [refOf(dev.tf, "aws_caller_identity", "caller", "account_id", true)] },
      ]);
    }
  });

  it("gives each service its own execution role, which pulls only its repository and writes only its log group", () => {
    const statements = policyStatements(dev.tf, "execution-role-api/pull-and-log-document");
    const pull = policyStatement(dev.tf, "execution-role-api/pull-and-log-document", "PullImages");
    expect(pull.resources).toEqual([refOf(dev.tf, "aws_ecr_repository", "repository-api/repository", "arn")]);
    const logs = policyStatement(dev.tf, "execution-role-api/pull-and-log-document", "WriteLogs");
    expect(logs.resources).toEqual([`${refOf(dev.tf, "aws_cloudwatch_log_group", "log-group-api", "arn")}:log-stream:*`]);
    expect(resourceAt(dev.tf, "aws_iam_role", "execution-role-web/role").name).toBe("demo-dev-web-execution");
    // Only GetAuthorizationToken, which has no resource-level permissions, uses "*".
    expect(statements.filter((s) => s.resources.includes("*")).map((s) => s.actions)).toEqual([["ecr:GetAuthorizationToken"]]);
  });

  it("lets the execution role read exactly the referenced parameters and secrets", () => {
    const config = sampleConfig();
    config.parameters = { token: { type: "SecureString" } };
    config.services.web.secrets = {
      TOKEN: { parameter: "token" },
      LEGACY: { ssmParameter: "/legacy/value" },
      STRIPE: { secretsManager: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:stripe-AbCdEf", jsonKey: "key" },
    };
    const { tf } = synth(config, "dev");
    const statements = policyStatements(tf, "execution-role-web/read-secrets-document");
    const parameters = policyStatement(tf, "execution-role-web/read-secrets-document", "ReadParameters");
    expect(parameters.actions).toEqual(["ssm:GetParameters"]);
    expect([...parameters.resources].sort()).toEqual(
      [
        `arn:aws:ssm:eu-west-1:${refOf(tf, "aws_caller_identity", "caller", "account_id", true)}:parameter/legacy/value`,
      ].sort(),
    );
    const secrets = policyStatement(tf, "execution-role-web/read-secrets-document", "ReadSecrets");
    expect([...secrets.resources].sort()).toEqual(
      ["arn:aws:secretsmanager:eu-west-1:111111111111:secret:stripe-AbCdEf", refOf(tf, "aws_secretsmanager_secret", "parameters/token", "arn")].sort(),
    );
    // api's own database secret is read by api's execution role only.
    const apiSecrets = policyStatement(tf, "execution-role-api/read-secrets-document", "ReadSecrets").resources;
    expect(apiSecrets).toEqual([refOf(tf, "aws_secretsmanager_secret", "database-credentials/api", "arn")]);
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  it("looks up the ARN of a secret referenced by name", () => {
    const config = sampleConfig();
    config.services.web.secrets = { STRIPE: { secretsManager: "prod/stripe" } };
    const { tf } = synth(config, "dev");
    expect(dataAt(tf, "aws_secretsmanager_secret", "secret-prod-stripe").name).toBe("prod/stripe");
  });

  it("gives task roles no permissions by default and the configured ones when asked", () => {
    const config = sampleConfig();
    config.services.api.taskRole = {
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::uploads/*"] }],
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
    };
    config.environments.dev.ecsExec = false;
    const { tf } = synth(config, "dev");
    expect(() => resourceAt(tf, "aws_iam_role_policy", "task-role-web/policy")).toThrow(/found 0/);
    expect(policyStatements(tf, "task-role-api/policy-document")).toEqual([
      { sid: "App0", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::uploads/*"] },
      {
        sid: "ConnectAsOwnDatabaseUser",
        actions: ["rds-db:connect"],
        resources: [`arn:aws:rds-db:eu-west-1:${refOf(tf, "aws_caller_identity", "caller", "account_id", true)}:dbuser:${refOf(tf, "aws_db_instance", "database/instance", "resource_id")}/api`],
      },
    ]);
    expect(resourceAt(tf, "aws_iam_role_policy_attachment", "task-role-api/managed-AmazonSESFullAccess").policy_arn).toBe("arn:aws:iam::aws:policy/AmazonSESFullAccess");
  });
});

describe("ECR", () => {
  it("scans on push, encrypts, expires untagged images and keeps the last N tagged", () => {
    const repo = resourceAt(dev.tf, "aws_ecr_repository", "repository-api/repository");
    expect(repo).toMatchObject({
      name: "demo/api",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS" }],
      image_tag_mutability: "MUTABLE",
      force_delete: true,
    });
    const policy = parsedAttribute<LifecyclePolicyJson>(resourceAt(dev.tf, "aws_ecr_lifecycle_policy", "repository-api/lifecycle"), "policy");
    expect(policy.rules).toEqual([
      expect.objectContaining({ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 } }),
      expect.objectContaining({ rulePriority: 2, selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 20 } }),
    ]);
  });

  it("makes tags immutable and refuses force-delete in prod", () => {
    expect(resourceAt(prod.tf, "aws_ecr_repository", "repository-api/repository")).toMatchObject({ image_tag_mutability: "IMMUTABLE", force_delete: false });
  });

  it("honours repository settings from config", () => {
    const config = sampleConfig();
    config.services.api.repository = { name: "backend-repo", tagMutability: "IMMUTABLE", keepTaggedImages: 10 };
    const { tf } = synth(config, "dev");
    expect(resourceAt(tf, "aws_ecr_repository", "repository-api/repository")).toMatchObject({ name: "backend-repo", image_tag_mutability: "IMMUTABLE" });
    expect(parsedAttribute<LifecyclePolicyJson>(resourceAt(tf, "aws_ecr_lifecycle_policy", "repository-api/lifecycle"), "policy").rules[1].selection.countNumber).toBe(10);
  });
});

describe("CloudWatch logs", () => {
  it("creates a log group per service with the environment's retention (default 30 days)", () => {
    expect(resourceAt(dev.tf, "aws_cloudwatch_log_group", "log-group-api")).toEqual(expect.objectContaining({ name: "/ecs/demo-dev/api", retention_in_days: 30 }));
    const config = sampleConfig();
    config.environments.dev.logRetentionDays = 90;
    expect(resourceAt(synth(config, "dev").tf, "aws_cloudwatch_log_group", "log-group-web").retention_in_days).toBe(90);
  });
});

describe("outputs", () => {
  it("exposes network, security group, registry and role identifiers", () => {
    expect(Object.keys(dev.tf.output ?? {}).sort()).toEqual(
      expect.arrayContaining(["vpc_id", "public_subnet_ids", "private_subnet_ids", "security_group_ids", "ecr_repository_urls", "execution_role_arns", "task_role_arns"]),
    );
  });
});
