/** Rules in config/rules/names.ts: resolved names are unique. */
import { addServices, describeRule } from "./support";

describeRule("unique-service-names", {
  valid: [["two services with generated names", (c) => addServices(c, { api: { containerPort: 8080 } })]],
  invalid: [
    [
      "two services named alike",
      (c) => {
        c.services.web.names = { service: "frontend" };
        addServices(c, { api: { containerPort: 8080, names: { service: "frontend" } } });
      },
      [{ path: "services.api.names.service", message: '"frontend" is not allowed; must be unique; service web already uses it' }],
    ],
    [
      "a log group override equal to another service's generated one",
      (c) => addServices(c, { api: { containerPort: 8080, names: { logGroup: "/ecs/demo-dev/web" } } }),
      [{ path: "services.api.names.logGroup", message: '"/ecs/demo-dev/web" is not allowed; must be unique; service web already uses it' }],
    ],
    [
      "two services pushing to one repository",
      (c) => {
        c.services.web.repository = { name: "shared" };
        addServices(c, { api: { containerPort: 8080, repository: { name: "shared" } } });
      },
      [{ path: "services.api.repository.name", message: '"shared" is not allowed; must be unique; service web already uses it' }],
    ],
  ],
});
