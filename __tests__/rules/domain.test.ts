/** Rules in config/rules/domain.ts: the domain and its hosted zone. */
import { describeRule, dev } from "./support";

describeRule("domain-zone-required", {
  valid: [
    ["a domain with its zone", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com" })],
    ["no domain", () => {}],
  ],
  invalid: [
    [
      "a domain without a zone",
      (c) => (dev(c).domain = { name: "app.example.com" }),
      [{ path: "environments.dev.domain.zone", message: "missing is not allowed; is required with domain.name (the existing Route 53 hosted zone to create records in)" }],
    ],
  ],
});

describeRule("domain-names-in-zone", {
  valid: [
    ["a name in the zone and a wildcard alternative", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["*.example.com"] })],
    ["the zone apex itself", (c) => (dev(c).domain = { zone: "example.com", name: "example.com" })],
  ],
  invalid: [
    [
      "a name in another zone",
      (c) => (dev(c).domain = { zone: "example.com", name: "app.example.org" }),
      [{ path: "environments.dev.domain.name", message: '"app.example.org" is not allowed; must be inside the hosted zone example.com' }],
    ],
    [
      "an alternative name that only ends like the zone",
      (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["www.example.com", "badexample.com"] }),
      [{ path: "environments.dev.domain.alternativeNames[1]", message: '"badexample.com" is not allowed; must be inside the hosted zone example.com' }],
    ],
  ],
});
