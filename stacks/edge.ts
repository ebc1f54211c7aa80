import type { Construct } from "constructs";
import type { StackSettings } from "../config";
import { Certificate } from "../constructs/certificate";
import { AliasRecords } from "../constructs/alias-records";
import { AccessLogBucket } from "../constructs/access-log-bucket";
import { LoadBalancer, ACCESS_LOG_PREFIX } from "../constructs/load-balancer";

/** What the edge plugs into. */
export interface EdgeWiring {
  readonly accountId: string;
  readonly partition: string;
  readonly ipv6: boolean;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly securityGroupId: string;
}

/** The public edge: certificate, access-log bucket, load balancer and DNS aliases. */
export function publicEdge(scope: Construct, s: StackSettings, at: EdgeWiring): LoadBalancer {
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
    publicSubnetIds: at.publicSubnetIds,
    securityGroupId: at.securityGroupId,
    idleTimeout: s.loadBalancer.idleTimeout,
    deletionProtection: s.loadBalancer.deletionProtection,
    certificateArn: certificate?.validation.certificateArn,
    accessLogs,
    ipv6,
  });
  if (s.domain && certificate) {
    new AliasRecords(scope, "dns", {
      zoneId: certificate.zone.zoneId,
      names: [s.domain.name, ...s.domain.alternativeNames],
      alb: loadBalancer.alb,
      ipv6: s.domain.ipv6,
    });
  }
  return loadBalancer;
}
