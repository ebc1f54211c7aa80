import { Construct } from "constructs";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Lb } from "@cdktf/provider-aws/lib/lb";

export interface AliasRecordsProps {
  readonly zoneId: string;
  readonly names: readonly string[];
  readonly alb: Lb;
  /** Also AAAA records (the ALB must be dual-stack). @default false */
  readonly ipv6?: boolean;
}

/** Alias A (and AAAA) records pointing host names at the ALB, following its health. */
export class AliasRecords extends Construct {
  public readonly records: Route53Record[] = [];

  constructor(scope: Construct, id: string, props: AliasRecordsProps) {
    super(scope, id);
    const types = props.ipv6 ? ["A", "AAAA"] : ["A"];
    for (const name of props.names) {
      for (const type of types) {
        this.records.push(
          new Route53Record(this, `${name.replace(/\*/g, "wildcard").replace(/\./g, "-")}-${type.toLowerCase()}`, {
            zoneId: props.zoneId,
            name,
            type,
            alias: { name: props.alb.dnsName, zoneId: props.alb.zoneId, evaluateTargetHealth: true },
          }),
        );
      }
    }
  }
}
