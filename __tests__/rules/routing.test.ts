/** Rules in config/rules/routing.ts: the listener's default action and its rules. */
import { addServices, describeRule, routedPair } from "./support";

describeRule("one-default-route", {
  valid: [
    ["one default and one rule", routedPair],
    ["a lone unrouted service (the default by itself)", () => {}],
  ],
  invalid: [
    [
      "two services that are both the default",
      (c) => {
        c.services.web.routing = { default: true };
        addServices(c, { api: { containerPort: 8080, routing: { default: true } } });
      },
      [{ path: "services.api.routing.default", message: "true is not allowed; only one service may be the listener's default action (already: web)" }],
    ],
  ],
});

describeRule("default-route-chosen", {
  valid: [
    ["one default and one rule", routedPair],
    ["a lone service routed by path only", (c) => (c.services.web.routing = { pathPatterns: ["/app/*"], priority: 1 })],
    ["two services, neither routed", (c) => addServices(c, { worker: { containerPort: 9000 } })],
  ],
  invalid: [
    [
      "two routed services, neither the default",
      (c) => {
        routedPair(c);
        c.services.web.routing = { pathPatterns: ["/"], priority: 20 };
      },
      [{ path: "services.*.routing.default", message: "false is not allowed; exactly one routed service must set routing.default: true (it answers requests no rule matches)" }],
    ],
  ],
});

describeRule("rules-have-conditions", {
  valid: [
    ["a default route without conditions", routedPair],
    ["a default route with a host condition and a priority", (c) => (c.services.web.routing = { default: true, hostHeaders: ["www.example.com"], priority: 5 })],
  ],
  invalid: [
    [
      "a non-default route without conditions",
      (c) => {
        routedPair(c);
        c.services.api.routing = { priority: 10 };
      },
      [{ path: "services.api.routing", message: '{"priority":10,"default":false} is not allowed; a non-default route needs pathPatterns and/or hostHeaders' }],
    ],
    [
      "a path rule without a priority",
      (c) => {
        routedPair(c);
        c.services.api.routing = { pathPatterns: ["/api/*"] };
      },
      [{ path: "services.api.routing.priority", message: "missing is not allowed; a rule needs an explicit priority 1–50000 (unique per listener)" }],
    ],
  ],
});

describeRule("unique-rule-priorities", {
  valid: [["rules at different priorities", (c) => {
    routedPair(c);
    c.services.web.routing = { default: true, hostHeaders: ["www.example.com"], priority: 20 };
  }]],
  invalid: [
    [
      "two rules at the same priority",
      (c) => {
        routedPair(c);
        c.services.web.routing = { default: true, hostHeaders: ["www.example.com"], priority: 10 };
      },
      [{ path: "services.api.routing.priority", message: "10 is not allowed; must be unique; service web already uses it" }],
    ],
  ],
});
