/** Rules in config/rules/ci.ts: the apply role's trust conditions. */
import { describeRule, dev } from "./support";

describeRule("ci-refs-exact", {
  valid: [
    ["an exact branch and environment", (c) => (dev(c).ci = { githubRepository: "acme/infra", applyBranch: "release-1", applyEnvironment: "production" })],
    ["no CI", () => {}],
  ],
  invalid: [
    [
      "a wildcard branch",
      (c) => (dev(c).ci = { githubRepository: "acme/infra", applyBranch: "release/*" }),
      [{ path: "environments.dev.ci.applyBranch", message: '"release/*" is not allowed; must be an exact name without wildcards or spaces' }],
    ],
    [
      "an environment name with a space",
      (c) => (dev(c).ci = { githubRepository: "acme/infra", applyEnvironment: "prod env" }),
      [{ path: "environments.dev.ci.applyEnvironment", message: '"prod env" is not allowed; must be an exact name without wildcards or spaces' }],
    ],
  ],
});
