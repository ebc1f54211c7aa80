import { Construct } from "constructs";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";

/** Subnets by ID, or found by tags in the VPC. */
export type SubnetLookup = { readonly ids: readonly string[] } | { readonly tags: Readonly<Record<string, string>> };

export interface ExistingNetworkProps {
  readonly vpcId: string;
  readonly privateSubnets: SubnetLookup;
  /** @default - no public subnets (an internal load balancer) */
  readonly publicSubnets?: SubnetLookup;
}

/**
 * A VPC and subnets the stack does not own, read with data sources. Plan-time checks stand in for
 * what configuration cannot know: each listed subnet is in the VPC, a tag lookup finds subnets in
 * at least two AZs (the ALB and the database subnet group need two).
 */
export class ExistingNetwork extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  public readonly privateSubnetIds: string[];
  public readonly publicSubnetIds: string[];

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    const vpc = new DataAwsVpc(this, "vpc", { id: props.vpcId });
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.privateSubnetIds = this.subnets("private", props.vpcId, props.privateSubnets);
    this.publicSubnetIds = props.publicSubnets ? this.subnets("public", props.vpcId, props.publicSubnets) : [];
  }

  private subnets(tier: string, vpcId: string, lookup: SubnetLookup): string[] {
    if ("ids" in lookup) {
      const subnets = lookup.ids.map(
        (subnetId) =>
          new DataAwsSubnet(this, `${tier}-${subnetId}`, {
            id: subnetId,
            lifecycle: { postcondition: [{ condition: `\${self.vpc_id == "${vpcId}"}`, errorMessage: `${subnetId} is not in ${vpcId}.` }] },
          }),
      );
      return subnets.map((s) => s.id);
    }
    const found = new DataAwsSubnets(this, `${tier}-subnets`, {
      filter: [{ name: "vpc-id", values: [vpcId] }, ...Object.entries(lookup.tags).map(([key, value]) => ({ name: `tag:${key}`, values: [value] }))],
      lifecycle: { postcondition: [{ condition: "${length(self.ids) >= 2}", errorMessage: `The ${tier} subnet tags find fewer than two subnets in ${vpcId}.` }] },
    });
    return found.ids;
  }
}
