import type { StackProps } from "aws-cdk-lib";

/**
 * The shipped application (config/app.ts: `shop`, services `web` and `api`, PostgreSQL, `dev` and
 * `prod`) with the defaults ecs-platform resolves for it, written out for the AWS CDK peer app.
 */
export interface ServiceSettings {
  readonly name: string;
  readonly containerPort: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly healthCheckPath: string;
  /** Path patterns of its listener rule; none: the listener's default. */
  readonly pathPatterns?: string[];
  readonly priority?: number;
  readonly environment: Record<string, string>;
  /** Container secret name → key of `parameters`. */
  readonly parameterSecrets: Record<string, string>;
  readonly databaseEnv: boolean;
}

export interface EnvironmentSettings {
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly production: boolean;
  readonly cidr: string;
  readonly availabilityZones: string[];
  readonly natGateways: number;
  readonly vpcEndpoints: boolean;
  readonly logRetentionDays: number;
  readonly domain?: { readonly zone: string; readonly name: string };
  readonly alarmEmail?: string;
  readonly databaseInstanceType: string;
  readonly stateBucket: string;
  readonly githubRepository: string;
  readonly tags: Record<string, string>;
  readonly services: ServiceSettings[];
}

const web = (production: boolean): ServiceSettings => ({
  name: "web",
  containerPort: 3000,
  cpu: 256,
  memoryMiB: 512,
  desiredCount: production ? 2 : 1,
  minCount: production ? 2 : 1,
  maxCount: production ? 6 : 4,
  healthCheckPath: "/api/health",
  environment: { NODE_ENV: "production" },
  parameterSecrets: { API_URL: "api-url" },
  databaseEnv: false,
});

const api = (production: boolean): ServiceSettings => ({
  name: "api",
  containerPort: 8080,
  cpu: production ? 1024 : 512,
  memoryMiB: production ? 2048 : 1024,
  desiredCount: production ? 2 : 1,
  minCount: production ? 2 : 1,
  maxCount: production ? 10 : 4,
  healthCheckPath: "/actuator/health",
  pathPatterns: ["/api/*"],
  priority: 100,
  environment: {},
  parameterSecrets: { PAYMENT_API_KEY: "payment-api-key" },
  databaseEnv: true,
});

export const ENVIRONMENTS: EnvironmentSettings[] = [
  {
    env: "dev",
    account: "111111111111",
    region: "eu-west-1",
    production: false,
    cidr: "10.10.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: 1,
    vpcEndpoints: false,
    logRetentionDays: 14,
    databaseInstanceType: "t4g.micro",
    stateBucket: "shop-terraform-state-111111111111",
    githubRepository: "acme/shop-infra",
    tags: { "cost-center": "shop-dev" },
    services: [web(false), api(false)],
  },
  {
    env: "prod",
    account: "222222222222",
    region: "eu-west-1",
    production: true,
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    natGateways: 3,
    vpcEndpoints: true,
    logRetentionDays: 90,
    domain: { zone: "example.com", name: "shop.example.com" },
    alarmEmail: "oncall@example.com",
    databaseInstanceType: "t4g.medium",
    stateBucket: "shop-terraform-state-222222222222",
    githubRepository: "acme/shop-infra",
    tags: { "cost-center": "shop" },
    services: [web(true), api(true)],
  },
];

/** What both stacks of an environment take. */
export interface EnvironmentStackProps extends StackProps {
  readonly settings: EnvironmentSettings;
}
