/** Rules in config/rules/references.ts: what a service or parameter refers to exists. */
import { addServices, describeRule, routedPair } from "./support";

describeRule("variables-defined-once", {
  valid: [
    [
      "distinct names in environment, secrets and databaseEnv",
      (c) => {
        c.database = {};
        Object.assign(c.services.web, { environment: { MODE: "x" }, secrets: { TOKEN: { ssmParameter: "/token" } }, databaseEnv: { DB_HOST: "host" } });
      },
    ],
  ],
  invalid: [
    [
      "a secret with the name of an environment variable",
      (c) => Object.assign(c.services.web, { environment: { TOKEN: "x" }, secrets: { TOKEN: { ssmParameter: "/token" } } }),
      [{ path: "services.web.secrets.TOKEN", message: '"TOKEN" is not allowed; is already defined in services.web.environment; a variable may be set only once' }],
    ],
    [
      "a database value with the name of a secret",
      (c) => {
        c.database = {};
        Object.assign(c.services.web, { secrets: { DB_USER: { ssmParameter: "/user" } }, databaseEnv: { DB_USER: "username" } });
      },
      [{ path: "services.web.databaseEnv.DB_USER", message: '"DB_USER" is not allowed; is already defined in services.web.secrets; a variable may be set only once' }],
    ],
  ],
});

describeRule("secrets-name-declared-parameters", {
  valid: [
    [
      "a secret from a declared parameter",
      (c) => {
        c.parameters = { "api-key": {} };
        c.services.web.secrets = { API_KEY: { parameter: "api-key" } };
      },
    ],
  ],
  invalid: [
    [
      "a secret from an undeclared parameter, none declared",
      (c) => (c.services.web.secrets = { API_KEY: { parameter: "api-key" } }),
      [{ path: "services.web.secrets.API_KEY.parameter", message: '"api-key" is not allowed; must be a key of parameters (declared: none)' }],
    ],
    [
      "a secret from an undeclared parameter, others declared",
      (c) => {
        c.parameters = { token: {}, url: {} };
        c.services.web.secrets = { API_KEY: { parameter: "api-key" } };
      },
      [{ path: "services.web.secrets.API_KEY.parameter", message: '"api-key" is not allowed; must be a key of parameters (declared: token, url)' }],
    ],
  ],
});

describeRule("database-values-need-database", {
  valid: [
    [
      "database values with a database",
      (c) => {
        c.database = {};
        c.services.web.databaseEnv = { DB_HOST: "host" };
        c.parameters = { "db-host": { valueFrom: { database: "host" } } };
      },
    ],
  ],
  invalid: [
    [
      "a service's database values without a database",
      (c) => (c.services.web.databaseEnv = { DB_HOST: "host" }),
      [{ path: "services.web.databaseEnv", message: '{"DB_HOST":"host"} is not allowed; needs a database section (database values come from the stack\'s RDS instance)' }],
    ],
    [
      "a parameter holding a database value without a database",
      (c) => (c.parameters = { "db-host": { valueFrom: { database: "host" } } }),
      [{ path: "parameters.db-host.valueFrom.database", message: '"host" is not allowed; needs a database section' }],
    ],
  ],
});

const urlParameter = { url: { valueFrom: { loadBalancer: "url" as const } } };

describeRule("load-balancer-url-needs-route", {
  valid: [
    ["the URL with a lone service (routed by itself)", (c) => (c.parameters = urlParameter)],
    [
      "the URL with one of two services routed",
      (c) => {
        routedPair(c);
        c.parameters = urlParameter;
      },
    ],
  ],
  invalid: [
    [
      "the URL with two services, neither routed",
      (c) => {
        addServices(c, { worker: { containerPort: 9000 } });
        c.parameters = urlParameter;
      },
      [{ path: "parameters.url.valueFrom.loadBalancer", message: '"url" is not allowed; needs at least one service behind the load balancer (routing)' }],
    ],
  ],
});
