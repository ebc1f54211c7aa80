/**
 * AWS naming and value rules, one pure function each: undefined when `value` is valid, else what
 * is allowed (with the limit), for messages. Used by the schema for typed fields and by rules for
 * names the platform derives (a default built from `app` must follow them too).
 */

/** Characters every tagging service accepts (EC2 is the narrowest): letters, digits, spaces, `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]*$/u;

export function tagKeyProblem(key: string): string | undefined {
  if (key.length < 1 || key.length > 128) return "must be 1–128 characters (tag keys)";
  if (/^aws:/i.test(key)) return "must not start with aws: (reserved for AWS's own tags)";
  if (!TAG_TEXT.test(key)) return "must hold only letters, digits, spaces and _ . : / = + - @ (tag keys)";
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  if (value.length > 256) return "must be at most 256 characters (tag values)";
  if (!TAG_TEXT.test(value)) return "must hold only letters, digits, spaces and _ . : / = + - @ (tag values)";
  return undefined;
}

/** General purpose S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function s3BucketNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return "must be 3–63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit (S3 bucket names)";
  if (name.includes("..")) return "must not contain two adjacent periods (S3 bucket names)";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not look like an IP address (S3 bucket names)";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return "must not start with xn--, sthree- or amzn-s3-demo- (reserved by S3)";
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return "must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3 (reserved by S3)";
  return undefined;
}

/** VPC security group names: 1–255 characters of a set, not `sg-…`, not `default`. */
export function securityGroupNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 255) return "must be 1–255 characters (security group names)";
  if (!/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/.test(name)) return "must hold only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (security group names)";
  if (/^sg-/i.test(name)) return "must not start with sg- (reserved: it looks like a group ID)";
  if (name.toLowerCase() === "default") return "must not be 'default' (the VPC's own group)";
  return undefined;
}

/** RDS DB instance identifiers (also the base of snapshot and parameter group names). */
export function rdsIdentifierProblem(id: string): string | undefined {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(id)) return "must be 1–63 lowercase letters, digits or '-', starting with a letter (RDS identifiers)";
  if (id.includes("--")) return "must not contain two consecutive hyphens (RDS identifiers)";
  if (id.endsWith("-")) return "must not end with a hyphen (RDS identifiers)";
  return undefined;
}

/**
 * SSM parameter names the stack creates (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html).
 * The 1011-character limit counts the ARN before the name too (`arn:aws:ssm:<region>:<account>:parameter`).
 */
export function ssmParameterNameProblem(name: string, arnPrefixLength = 0): string | undefined {
  const max = 1011 - arnPrefixLength;
  if (name.length > max) return `must be at most ${max} characters (SSM's 1011 count the ${arnPrefixLength}-character ARN before the name)`;
  if (!/^\/?[A-Za-z0-9_.\-/]+$/.test(name)) return "must hold only letters, digits and _ . - / (SSM parameter names)";
  if (/^\/?(aws|ssm)/i.test(name)) return "must not start with aws or ssm, in any case (reserved by SSM)";
  if (name.split("/").filter(Boolean).length > 15) return "must have at most 15 levels (SSM parameter hierarchies)";
  return undefined;
}

/** Secrets Manager secret names (out-of-band SecureString parameters): at most 512 of letters, digits and / _ + = . @ -. */
export function secretNameProblem(name: string): string | undefined {
  if (name.length > 512) return "must be at most 512 characters (an out-of-band SecureString is a Secrets Manager secret of this name)";
  if (!/^[A-Za-z0-9/_+=.@-]+$/.test(name)) return "must hold only letters, digits and / _ + = . @ - (Secrets Manager names)";
  return undefined;
}

/** A DNS host name: labels of 1–63 characters, 253 in all. */
export function dnsNameProblem(name: string): string | undefined {
  if (name.length > 253) return "must be at most 253 characters (DNS names)";
  const long = name.split(".").find((label) => label.length > 63);
  return long ? `must have DNS labels of at most 63 characters (one has ${long.length})` : undefined;
}

/** ALB health check success codes: 200–499, as codes, ranges (low-high) or a comma-separated list. */
export function albMatcherProblem(matcher: string): string | undefined {
  for (const part of matcher.split(",")) {
    const [low, high = low] = part.split("-").map(Number);
    if (low < 200 || high > 499) return `must be HTTP codes from 200 to 499 (ALB success codes; ${part} is outside)`;
    if (low > high) return `must give a range as low-high (${part})`;
  }
  return undefined;
}
