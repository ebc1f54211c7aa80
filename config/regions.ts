/**
 * AWS regions and their availability zones (as AWS lists them for new accounts), as of
 * 2025-12-01, from https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html.
 * Used to reject a region name AWS does not have (a typo would otherwise fail only at plan time,
 * against the provider) and an azCount the region cannot satisfy. The stack also asserts the AZ
 * count at plan time against the aws_availability_zones data source, so a stale entry here cannot
 * slip by. A region launched after this date must be added here before it can be used.
 */
export const REGIONS_AS_OF = "2025-12-01";

const AZ_COUNT: Record<string, number> = {
  "us-east-1": 6, "us-east-2": 3, "us-west-1": 2, "us-west-2": 4,
  "ca-central-1": 3, "ca-west-1": 3, "mx-central-1": 3, "sa-east-1": 3,
  "eu-west-1": 3, "eu-west-2": 3, "eu-west-3": 3, "eu-central-1": 3, "eu-central-2": 3,
  "eu-north-1": 3, "eu-south-1": 3, "eu-south-2": 3,
  "af-south-1": 3, "il-central-1": 3, "me-south-1": 3, "me-central-1": 3,
  "ap-east-1": 3, "ap-east-2": 3, "ap-south-1": 3, "ap-south-2": 3,
  "ap-southeast-1": 3, "ap-southeast-2": 3, "ap-southeast-3": 3, "ap-southeast-4": 3,
  "ap-southeast-5": 3, "ap-southeast-6": 3, "ap-southeast-7": 3,
  "ap-northeast-1": 3, "ap-northeast-2": 4, "ap-northeast-3": 3,
  "us-gov-west-1": 3, "us-gov-east-1": 3,
  "cn-north-1": 3, "cn-northwest-1": 3,
};

export const KNOWN_REGIONS: readonly string[] = Object.keys(AZ_COUNT);

export function isKnownRegion(region: string): boolean {
  return Object.hasOwn(AZ_COUNT, region);
}

/** The region's AZ count; undefined for a region not in the list (a rule rejects it). */
export function azCountOf(region: string): number | undefined {
  return isKnownRegion(region) ? AZ_COUNT[region] : undefined;
}

/** The partition of a region, known statically so no data source is needed. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The known region closest to a misspelt one, for "did you mean" hints. */
export function closestRegion(region: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of KNOWN_REGIONS) {
    const distance = editDistance(region, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= 2 ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
