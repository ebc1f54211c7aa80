/**
 * Availability zones per region (as AWS lists them for new accounts), used to reject an azCount
 * the region cannot satisfy before anything is synthesized. The stack also asserts the count at
 * plan time against the aws_availability_zones data source, so a stale entry here cannot slip by.
 */
const AZ_COUNT: Record<string, number> = {
  "us-east-1": 6, "us-east-2": 3, "us-west-1": 2, "us-west-2": 4,
  "ca-central-1": 3, "ca-west-1": 3, "mx-central-1": 3, "sa-east-1": 3,
  "eu-west-1": 3, "eu-west-2": 3, "eu-west-3": 3, "eu-central-1": 3, "eu-central-2": 3,
  "eu-north-1": 3, "eu-south-1": 3, "eu-south-2": 3,
  "af-south-1": 3, "il-central-1": 3, "me-south-1": 3, "me-central-1": 3,
  "ap-east-1": 3, "ap-east-2": 3, "ap-south-1": 3, "ap-south-2": 3,
  "ap-southeast-1": 3, "ap-southeast-2": 3, "ap-southeast-3": 3, "ap-southeast-4": 3,
  "ap-southeast-5": 3, "ap-southeast-7": 3,
  "ap-northeast-1": 3, "ap-northeast-2": 4, "ap-northeast-3": 3,
};

/** Unknown regions are assumed to have 3 zones, the minimum AWS builds new regions with. */
export function azCountLimit(region: string): { count: number; known: boolean } {
  const count = AZ_COUNT[region];
  return count === undefined ? { count: 3, known: false } : { count, known: true };
}
