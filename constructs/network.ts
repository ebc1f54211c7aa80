import { Construct } from "constructs";
import { Fn } from "cdktf";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { NetworkSettings } from "../config";
import { policyDocument, serviceTrustPolicy } from "./policy";

/** Interface endpoints tasks need to start without NAT: image pulls, logs, parameters and secrets. */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "ssm", "secretsmanager"] as const;

export interface NetworkProps {
  readonly settings: NetworkSettings;
  readonly region: string;
  readonly accountId: string;
  /** Prefix of generated names, e.g. `shop-dev`. */
  readonly namePrefix: string;
  /** Extra interface endpoints (e.g. ssmmessages for ECS Exec). @default none */
  readonly extraInterfaceEndpoints?: readonly string[];
  /** Amazon-provided IPv6 block on the VPC and public subnets, for a dual-stack ALB. @default false */
  readonly ipv6?: boolean;
}

/**
 * A VPC with public and private subnets in each AZ. Private subnets route only through NAT (or
 * nowhere, with VPC endpoints); they never get a route to the internet gateway.
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly publicSubnets: Subnet[] = [];
  public readonly privateSubnets: Subnet[] = [];
  public readonly natGateways: NatGateway[] = [];
  public readonly privateRouteTables: RouteTable[] = [];
  public readonly publicRouteTable: RouteTable;
  public readonly flowLogGroup?: CloudwatchLogGroup;
  public readonly endpointSecurityGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { settings, namePrefix } = props;
    const azs = this.availabilityZones(settings);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: settings.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      assignGeneratedIpv6CidrBlock: props.ipv6 ? true : undefined,
      tags: { Name: settings.name },
    });

    // Adopt the default security group and strip its allow-all rules: nothing should use it.
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${namePrefix}-default-unused` },
    });

    const igw = new InternetGateway(this, "internet-gateway", { vpcId: this.vpc.id, tags: { Name: namePrefix } });
    this.publicRouteTable = new RouteTable(this, "public-route-table", { vpcId: this.vpc.id, tags: { Name: `${namePrefix}-public` } });
    new Route(this, "public-default-route", {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    if (props.ipv6) {
      new Route(this, "public-default-route-ipv6", {
        routeTableId: this.publicRouteTable.id,
        destinationIpv6CidrBlock: "::/0",
        gatewayId: igw.id,
      });
    }

    for (let i = 0; i < settings.azCount; i++) {
      const publicSubnet = new Subnet(this, `public-subnet-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: settings.publicSubnets[i],
        availabilityZone: azs[i],
        mapPublicIpOnLaunch: false,
        ipv6CidrBlock: props.ipv6 ? Fn.cidrsubnet(this.vpc.ipv6CidrBlock, 8, i) : undefined,
        tags: { Name: `${namePrefix}-public-${i}`, tier: "public" },
      });
      new RouteTableAssociation(this, `public-route-association-${i}`, {
        subnetId: publicSubnet.id,
        routeTableId: this.publicRouteTable.id,
      });
      this.publicSubnets.push(publicSubnet);

      const privateSubnet = new Subnet(this, `private-subnet-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: settings.privateSubnets[i],
        availabilityZone: azs[i],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${namePrefix}-private-${i}`, tier: "private" },
      });
      // One private route table per AZ whatever the NAT strategy, so switching strategy
      // only changes routes, never re-creates tables or associations.
      const routeTable = new RouteTable(this, `private-route-table-${i}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${namePrefix}-private-${i}` },
      });
      new RouteTableAssociation(this, `private-route-association-${i}`, { subnetId: privateSubnet.id, routeTableId: routeTable.id });
      this.privateSubnets.push(privateSubnet);
      this.privateRouteTables.push(routeTable);
    }

    const natCount = settings.natGateways === "perAz" ? settings.azCount : settings.natGateways === "single" ? 1 : 0;
    for (let i = 0; i < natCount; i++) {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: "vpc", tags: { Name: `${namePrefix}-nat-${i}` } });
      this.natGateways.push(
        new NatGateway(this, `nat-gateway-${i}`, {
          allocationId: eip.allocationId,
          subnetId: this.publicSubnets[i].id,
          tags: { Name: `${namePrefix}-${i}` },
          dependsOn: [igw],
        }),
      );
    }
    this.privateRouteTables.forEach((table, i) => {
      if (this.natGateways.length === 0) return;
      new Route(this, `private-nat-route-${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
      });
    });

    if (settings.flowLogs) this.flowLogGroup = this.addFlowLogs(props);
    if (settings.vpcEndpoints) this.endpointSecurityGroup = this.addEndpoints(props);
  }

  private availabilityZones(settings: NetworkSettings): string[] {
    if (settings.availabilityZones) return [...settings.availabilityZones];
    // No state filter: an AZ that turns "impaired" would drop out of the list, shift every later
    // index and make Terraform want to replace subnets. Opt-in status keeps the list stable.
    const available = new DataAwsAvailabilityZones(this, "available-zones", {
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${settings.azCount}}`,
            errorMessage: `network.azCount is ${settings.azCount} but the region has fewer available AZs.`,
          },
        ],
      },
    });
    return Array.from({ length: settings.azCount }, (_, i) => Fn.element(available.names, i));
  }

  private addFlowLogs(props: NetworkProps): CloudwatchLogGroup {
    const logGroup = new CloudwatchLogGroup(this, "flow-log-group", {
      name: `/aws/vpc-flow-logs/${props.namePrefix}`,
      retentionInDays: props.settings.flowLogRetentionDays,
    });
    const role = new IamRole(this, "flow-log-role", {
      name: `${props.namePrefix}-vpc-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy(this, "flow-log-trust", "vpc-flow-logs.amazonaws.com", props.accountId).json,
    });
    new IamRolePolicy(this, "flow-log-role-policy", {
      name: "write-flow-logs",
      role: role.id,
      policy: policyDocument(this, "flow-log-permissions", [
        {
          sid: "WriteFlowLogs",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ]).json,
    });
    new FlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: props.namePrefix },
    });
    return logGroup;
  }

  private addEndpoints(props: NetworkProps): SecurityGroup {
    new VpcEndpoint(this, "endpoint-s3", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: this.privateRouteTables.map((t) => t.id),
      tags: { Name: `${props.namePrefix}-s3` },
    });
    const securityGroup = new SecurityGroup(this, "endpoint-security-group", {
      name: `${props.namePrefix}-endpoints`,
      description: "Interface VPC endpoints: HTTPS from inside the VPC",
      vpcId: this.vpc.id,
      tags: { Name: `${props.namePrefix}-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "endpoint-https-from-vpc", {
      securityGroupId: securityGroup.id,
      description: "HTTPS to AWS APIs from resources in the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.settings.cidr,
    });
    for (const service of [...DEFAULT_INTERFACE_ENDPOINTS, ...(props.extraInterfaceEndpoints ?? [])]) {
      new VpcEndpoint(this, `endpoint-${service.replace(".", "-")}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((s) => s.id),
        securityGroupIds: [securityGroup.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
    return securityGroup;
  }
}
