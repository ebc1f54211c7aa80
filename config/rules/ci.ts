import { stackRule } from "./rule";

export const ciRefsExact = stackRule(
  "ci-refs-exact",
  "The apply branch and environment are exact names: the apply role's trust compares them with StringEquals.",
  ({ stack, envPath }, report) => {
    const ci = stack.ci;
    if (!ci) return;
    // A wildcard would silently match nothing under StringEquals (or, under StringLike, too much).
    for (const [field, value] of [["applyBranch", ci.applyBranch], ["applyEnvironment", ci.applyEnvironment]] as const) {
      if (value !== undefined && /[*?\s]/.test(value)) report(`${envPath}.ci.${field}`, value, "must be an exact name without wildcards or spaces");
    }
  },
);
