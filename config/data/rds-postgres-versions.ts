/**
 * PostgreSQL engine versions Amazon RDS offers for new DB instances, to reject a version RDS does
 * not offer at synth time instead of at CreateDBInstance ("Cannot find version 16.99 for
 * postgres").
 *
 * As of 2025-12-01 (the era of the pinned AWS provider 6.25.0), compiled from the Amazon RDS for
 * PostgreSQL release calendar and its deprecation notices
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html);
 * not queried from the API, since nothing here calls AWS. To refresh it, with credentials:
 *   aws rds describe-db-engine-versions --engine postgres --query "DBEngineVersions[].EngineVersion"
 * Majors 12 and 13 are past standard support: RDS still creates them, enrolled in (paid) RDS
 * Extended Support. RDS retires minors a few times a year, so the list errs on the inclusive side
 * (a retired minor still fails at apply); refresh it, and its date, when a version you need is
 * missing, and prefer a major-only `engineVersion`, which RDS resolves to its current default.
 */
export const RDS_POSTGRES_VERSIONS_AS_OF = "2025-12-01";

export const RDS_POSTGRES_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  "12": ["12.22"],
  "13": ["13.15", "13.16", "13.17", "13.18", "13.20", "13.21", "13.22", "13.23"],
  "14": ["14.12", "14.13", "14.14", "14.15", "14.17", "14.18", "14.19", "14.20"],
  "15": ["15.7", "15.8", "15.9", "15.10", "15.12", "15.13", "15.14", "15.15"],
  "16": ["16.3", "16.4", "16.5", "16.6", "16.8", "16.9", "16.10", "16.11"],
  "17": ["17.1", "17.2", "17.4", "17.5", "17.6", "17.7"],
  "18": ["18.1"],
};

/** Whether RDS offers `version` (a major such as "16", or major.minor such as "16.4"). */
export function isOfferedPostgresVersion(version: string): boolean {
  const [major, minor] = version.split(".");
  const minors = Object.hasOwn(RDS_POSTGRES_VERSIONS, major) ? RDS_POSTGRES_VERSIONS[major] : undefined;
  if (!minors) return false;
  return minor === undefined || minors.includes(version);
}

/** The versions offered, for messages: "12, 13, …, 18 (or one of their minors, e.g. 16.11)". */
export function describeOfferedVersions(version: string): string {
  const majors = Object.keys(RDS_POSTGRES_VERSIONS);
  const minors = RDS_POSTGRES_VERSIONS[version.split(".")[0]];
  const detail = minors ? `; ${version.split(".")[0]}.x offered: ${minors.join(", ")}` : "";
  return `a major version ${majors.join(", ")} or a minor RDS offers${detail} (list as of ${RDS_POSTGRES_VERSIONS_AS_OF}, config/data/rds-postgres-versions.ts)`;
}
