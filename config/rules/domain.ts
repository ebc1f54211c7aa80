import { stackRule } from "./rule";

export const domainZoneRequired = stackRule("domain-zone-required", "A domain names the hosted zone its records go to.", ({ env, envPath }, report) => {
  if (env.domain && !env.domain.zone) {
    report(`${envPath}.domain.zone`, undefined, "is required with domain.name (the existing Route 53 hosted zone to create records in)");
  }
});

export const domainNamesInZone = stackRule("domain-names-in-zone", "Every host name is inside the hosted zone.", ({ stack, envPath }, report) => {
  const domain = stack.domain;
  if (!domain) return;
  for (const [i, host] of [domain.name, ...domain.alternativeNames].entries()) {
    if (host !== domain.zone && !host.endsWith(`.${domain.zone}`)) {
      const field = i === 0 ? "domain.name" : `domain.alternativeNames[${i - 1}]`;
      report(`${envPath}.${field}`, host, `must be inside the hosted zone ${domain.zone}`);
    }
  }
});
