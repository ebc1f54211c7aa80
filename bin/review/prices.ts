/**
 * The price table behind `npm run cost` (bin/review/cost.ts). ESTIMATES: AWS list prices in USD
 * for us-east-1 (on-demand, Linux, PostgreSQL single-AZ), written down from AWS's public pricing
 * pages on PRICES_DATE and not queried live; other regions are approximated by one factor each.
 * Refresh the numbers and the date together when AWS changes them. Only fixed, always-on charges
 * are here: usage (data transfer, NAT and LCU processing, requests, log ingestion, storage growth)
 * depends on traffic and is left out, and says so in every report.
 */
export const PRICES_DATE = "2025-06-01";
export const PRICES_REGION = "us-east-1";
export const HOURS_PER_MONTH = 730;

export const PRICES = Object.freeze({
  natGatewayHour: 0.045,
  publicIpv4Hour: 0.005,
  albHour: 0.0225,
  nlbHour: 0.0225,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  fargateArmVcpuHour: 0.03238,
  fargateArmGbHour: 0.00356,
  /** Fargate Spot varies by hour and region; 30% of the on-demand price is assumed. */
  fargateSpotFactor: 0.3,
  interfaceEndpointAzHour: 0.01,
  rdsGp3GbMonth: 0.115,
  rdsGp2GbMonth: 0.115,
  rdsIo1GbMonth: 0.125,
  ebsGp3GbMonth: 0.08,
  ebsGp2GbMonth: 0.1,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  kmsKeyMonth: 1,
  alarmMonth: 0.1,
  secretMonth: 0.4,
});

/** RDS PostgreSQL single-AZ on-demand, USD per hour (Multi-AZ doubles it). */
export const RDS_INSTANCE_HOUR: Readonly<Record<string, number>> = Object.freeze({
  "db.t3.micro": 0.018, "db.t3.small": 0.036, "db.t3.medium": 0.072, "db.t3.large": 0.145,
  "db.t4g.micro": 0.016, "db.t4g.small": 0.032, "db.t4g.medium": 0.065, "db.t4g.large": 0.129, "db.t4g.xlarge": 0.258,
  "db.m5.large": 0.178, "db.m6g.large": 0.159, "db.m6i.large": 0.178, "db.m7g.large": 0.168, "db.m7g.xlarge": 0.337,
  "db.r5.large": 0.25, "db.r6g.large": 0.225, "db.r7g.large": 0.239,
});

/** EC2 Linux on-demand, USD per hour. */
export const EC2_INSTANCE_HOUR: Readonly<Record<string, number>> = Object.freeze({
  "t3.micro": 0.0104, "t3.small": 0.0208, "t3.medium": 0.0416, "t3.large": 0.0832, "t3.xlarge": 0.1664,
  "t4g.nano": 0.0042, "t4g.micro": 0.0084, "t4g.small": 0.0168, "t4g.medium": 0.0336, "t4g.large": 0.0672,
  "m5.large": 0.096, "m6i.large": 0.096, "m6g.large": 0.077, "m7g.large": 0.0816, "m7i.large": 0.1008,
  "c5.large": 0.085, "c6i.large": 0.085, "c6g.large": 0.068, "c7g.large": 0.0725,
  "r6i.large": 0.126, "r7g.large": 0.1071,
});

/**
 * Region price factor against us-east-1: one approximate multiplier per region (AWS's regional
 * differences vary by service by a few percent around it). An unlisted region is priced at 1.0 and
 * the report says so.
 */
export const REGION_FACTORS: Readonly<Record<string, number>> = Object.freeze({
  "us-east-1": 1, "us-east-2": 1, "us-west-2": 1, "us-west-1": 1.15, "ca-central-1": 1.1,
  "eu-west-1": 1.1, "eu-west-2": 1.15, "eu-west-3": 1.15, "eu-central-1": 1.15, "eu-north-1": 1.05, "eu-south-1": 1.15,
  "ap-south-1": 1.1, "ap-southeast-1": 1.2, "ap-southeast-2": 1.2, "ap-northeast-1": 1.25, "ap-northeast-2": 1.2,
  "sa-east-1": 1.5,
});
