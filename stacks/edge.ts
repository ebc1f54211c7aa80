import type { Construct } from "constructs";
import type { StackSettings } from "../config";
import { Certificate } from "../constructs/certificate";
import { AliasRecords } from "../constructs/alias-records";
import { AccessLogBucket } from "../constructs/access-log-bucket";
import { LoadBalancer, ACCESS_LOG_PREFIX } from "../constructs/load-balancer";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { addWaf } from "./release-edge";

/** What the edge plugs into. */
export interface EdgeWiring {
  readonly accountId: string;
  readonly partition: string;
  readonly ipv6: boolean;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly securityGroupId: string;
}

/** The edge: certificate, access-log bucket, load balancer (internet-facing or internal), its WAF and DNS aliases. */
export function edge(scope: Construct, s: StackSettings, at: EdgeWiring): LoadBalancer {
  const { accountId, partition, ipv6 } = at;
  const names = s.names;
  const certificate = s.domain ? new Certificate(scope, "certificate", s.domain) : undefined;
  const accessLogs = s.loadBalancer.accessLogs
    ? new AccessLogBucket(scope, "access-logs", {
        bucketPrefix: names.accessLogBucketPrefix,
        logPrefix: ACCESS_LOG_PREFIX,
        accountId,
        partition,
        retentionDays: s.loadBalancer.accessLogRetentionDays,
        forceDestroy: s.deleteDataOnDestroy,
      })
    : undefined;
  const loadBalancer = new LoadBalancer(scope, "load-balancer", {
    name: names.loadBalancer,
    vpcId: at.vpcId,
    // An internal ALB sits in the private subnets.
    subnetIds: s.loadBalancer.internal ? at.privateSubnetIds : at.publicSubnetIds,
    internal: s.loadBalancer.internal,
    securityGroupId: at.securityGroupId,
    idleTimeout: s.loadBalancer.idleTimeout,
    deletionProtection: s.loadBalancer.deletionProtection,
    certificateArn: certificate?.validation.certificateArn,
    accessLogs,
    ipv6,
    region: s.region,
  });
  if (s.loadBalancer.waf) addWaf(scope, s.loadBalancer.waf, loadBalancer.alb.arn);
  if (s.domain && certificate) {
    // An internal ALB's names resolve in the VPC's private zone; the certificate validates publicly.
    const privateZone = s.domain.privateZone ? new DataAwsRoute53Zone(scope, "private-zone", { name: s.domain.zone, privateZone: true, vpcId: at.vpcId }) : undefined;
    new AliasRecords(scope, "dns", {
      zoneId: privateZone ? privateZone.zoneId : certificate.zone.zoneId,
      names: [s.domain.name, ...s.domain.alternativeNames],
      alb: loadBalancer.alb,
      ipv6: s.domain.ipv6,
    });
  }
  return loadBalancer;
}
