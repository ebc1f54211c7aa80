/**
 * The bench's large application: SERVICES services in ENVIRONMENTS environments (defaults 40 × 4,
 * ≈3,400 Terraform resources), generated here rather than committed as data. Services alternate
 * between a front end and an API with database variables and secrets; one is the listener default,
 * the others route by path. The last environment is production.
 */
const ENVIRONMENT_NAMES = ["dev", "test", "stage", "prod"];

function service(i) {
  const name = `svc${String(i + 1).padStart(2, "0")}`;
  const api = i % 2 === 1;
  return [
    name,
    {
      // Ten ports shared by the services: 40 distinct ports would exceed the security group rule quota.
      containerPort: 8000 + (i % 10),
      cpu: api ? 512 : 256,
      memory: api ? 1024 : 512,
      healthCheck: { path: `/${name}/health` },
      routing: i === 0 ? { default: true } : { pathPatterns: [`/${name}/*`], priority: 100 + i },
      environment: { SERVICE: name },
      ...(api
        ? {
            databaseEnv: { DB_HOST: "host", DB_PORT: "port", DB_NAME: "name", DB_USER: "username", DB_PASSWORD: "password" },
            secrets: { API_KEY: { parameter: `${name}-api-key` } },
          }
        : {}),
    },
  ];
}

function environment(name, i, production) {
  const account = String(100000000000 + (i + 1) * 111111111);
  return [
    name,
    {
      region: "eu-west-1",
      allowedAccountIds: [account],
      production,
      network: { cidr: `10.${30 + i}.0.0/16`, azCount: production ? 3 : 2, natGateways: production ? "perAz" : "single" },
      state: { bucket: `big-terraform-state-${account}` },
      ci: { githubRepository: "acme/big-infra" },
    },
  ];
}

/** The application definition, as a config module would export it. */
function largeApp(services = 40, environments = 4) {
  if (environments > ENVIRONMENT_NAMES.length) throw new Error(`at most ${ENVIRONMENT_NAMES.length} environments`);
  const entries = Array.from({ length: services }, (_, i) => service(i));
  const names = ENVIRONMENT_NAMES.slice(ENVIRONMENT_NAMES.length - environments);
  return {
    app: "big",
    services: Object.fromEntries(entries),
    database: {},
    parameters: Object.fromEntries(entries.filter(([, s]) => s.secrets).map(([name]) => [`${name}-api-key`, { description: `${name} API key (set out of band)` }])),
    environments: Object.fromEntries(names.map((name, i) => environment(name, i, i === names.length - 1))),
  };
}

module.exports = { largeApp };
