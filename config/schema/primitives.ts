/**
 * Building blocks of the configuration schema, and `field()`, which attaches each field's
 * documentation to the schema itself: README's configuration reference and the JSON Schema for
 * editors are generated from it (`npm run docs`), so a field's meaning and default live once.
 *
 * Written with zod/mini, not zod's classic API: a schema is one object per call instead of one per
 * chained method, which more than halves the cost of building the schema (paid at every synth).
 * zod/mini loads no locale, so a check without a message would report just "Invalid input": every
 * check whose message can reach ../errors.ts carries one, worded as zod's English locale words it.
 */
import * as z from "zod/mini";
import { parseCidr } from "../cidr";
import { albMatcherProblem, dnsNameProblem, s3BucketNameProblem, securityGroupNameProblem, tagKeyProblem, tagValueProblem } from "../aws-formats";
import type { ProfileKey } from "../defaults";

/** Documentation of one configuration field, stored as schema metadata. */
export interface FieldDoc {
  /** What the field does (README's "meaning" column and the JSON Schema description). */
  readonly description: string;
  /** The default, in words, when it is derived rather than a literal, e.g. "`<app>-<env>`". */
  readonly defaultText?: string;
  /** The production profile entry (config/defaults.ts) that supplies this field's default. */
  readonly profile?: ProfileKey;
  /** What is allowed, in words, where the schema's own bounds do not say it (patterns, lists, AWS limits). */
  readonly allowed?: string;
}

/** Metadata registry of the configuration schema's fields. */
export const fieldDocs = z.registry<FieldDoc>();

/** `schema`, documented. Cloned first: building blocks are shared between fields. */
export function field<T extends z.ZodMiniType>(schema: T, doc: FieldDoc | string): T {
  const documented: z.ZodMiniType = schema.clone();
  documented.register(fieldDocs, typeof doc === "string" ? { description: doc } : doc);
  return documented as T;
}

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy). 0 = never expire. */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const NAT_STRATEGIES = ["none", "single", "perAz", "instance"] as const;
export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;
export const DATABASE_VALUES = ["host", "port", "name", "username", "password", "url", "jdbcUrl"] as const;
export type DatabaseValue = (typeof DATABASE_VALUES)[number];

// zod schemas are immutable, so one instance can serve many fields.
export const withDefault = z._default;
export const optional = z.optional;
export const bool = z.boolean();
/** An integer from `min` to `max`, inclusive. */
export const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
export const nonEmpty = z.string().check(z.minLength(1));
/** A string matching `pattern`; `message` says what is allowed. */
export const matching = (pattern: RegExp, message: string) => z.string().check(z.regex(pattern, message));
/** A string that `problem` (../aws-formats.ts) accepts; otherwise reported with what `problem` says is allowed. */
export const checked = (problem: (value: string) => string | undefined, base: z.ZodMiniString<string> = z.string()) =>
  base.check(
    z.check<string>((ctx) => {
      const found = problem(ctx.value);
      if (found) ctx.issues.push({ code: "custom", message: found, input: ctx.value });
    }),
  );
/** A string matching `pattern`, reported with zod's own English wording. */
export const matchingPattern = (pattern: RegExp) => matching(pattern, `Invalid string: must match pattern ${pattern}`);

const NAME_RULE = "lowercase letters, digits and '-', starting with a letter, 2–24 characters";
export const resourceName = matching(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, `must be ${NAME_RULE}`);
export const envVarName = matching(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
export const cidr = z.string().check(
  z.refine<string>((v) => parseCidr(v) !== undefined, {
    message: "must be an IPv4 CIDR block with no host bits set, e.g. 10.0.0.0/16",
  }),
);
export const port = int(1, 65535);
export const retentionDays = z.number().check(
  z.refine<number>((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")}`,
  }),
);
export const accountId = matching(/^\d{12}$/, "must be a 12-digit AWS account ID");
export const region = matching(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region code such as eu-west-1");
export const tags = z.record(checked(tagKeyProblem), checked(tagValueProblem));
/** A Name tag value. */
export const tagValue = checked(tagValueProblem, z.string().check(z.minLength(1), z.maxLength(256)));
export const securityGroupName = checked(securityGroupNameProblem, z.string().check(z.minLength(1), z.maxLength(255)));
export const s3BucketName = checked(s3BucketNameProblem);
export const albMatcher = checked(albMatcherProblem, matching(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, "must be HTTP codes like 200, 200-299 or 200,302"));
/** A fully qualified DNS name (a leading `*.` for a wildcard), within DNS's length limits. */
export const dnsName = checked(dnsNameProblem, matching(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a fully qualified DNS name such as app.example.com"));
/** A positive integer (sizes: CPU units, MiB). */
export const positiveInt = z.int().check(z.minimum(1));
export const instanceClass = matching(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.micro");
export const iamRoleName = matching(/^[\w+=,.@-]{1,64}$/, "must be a valid IAM role name");
export const absolutePath = matching(/^\//, "must start with '/'");
export const utilisation = z.number().check(z.minimum(10), z.maximum(95));
export const repositoryName = matching(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "must be a valid ECR repository name (lowercase, digits, '.', '_', '-', '/')").check(
  z.minLength(2),
  z.maxLength(256),
);
/** An SSM parameter this stack reads: a name (letters, digits, _ . - /) or an ARN. */
export const ssmParameterRef = matching(/^(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+|\/?[A-Za-z0-9_.\-/]{1,2048})$/, "must be an SSM parameter name (letters, digits, _ . - /) or ARN");
/** A Secrets Manager secret this stack reads: a name (letters, digits, / _ + = . @ -, ≤ 512) or an ARN. */
export const secretRef = matching(/^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512})$/, "must be a Secrets Manager secret name (letters, digits, / _ + = . @ -, at most 512) or ARN");
export const githubRepository = (example: string) => matching(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, `must be owner/name, e.g. ${example}`);

export const capacityStrategy = z
  .array(
    z.strictObject({
      provider: field(z.enum(CAPACITY_PROVIDERS), "capacity provider"),
      weight: field(withDefault(int(0, 1000), 1), "relative share of tasks"),
      base: field(withDefault(int(0, 100000), 0), "tasks placed on this provider first"),
    }),
  )
  .check(z.minLength(1));
