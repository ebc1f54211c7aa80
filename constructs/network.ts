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
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "./policy";
import { NatInstance } from "./nat-instance";

/** Interface endpoints tasks need to start without NAT: image pulls, logs, parameters and secrets. */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "ssm", "secretsmanager"] as const;

export type NatStrategy = "none" | "single" | "perAz" | "instance";

export interface NetworkProps {
  readonly partition: string;
  /** Permissions boundary (bootstrap stack) the role carries: the apply role may create roles only with it. */
  readonly permissionsBoundaryArn: string;
  /** VPC CIDR block. */
  readonly cidr: string;
  readonly azCount: number;
  /** Explicit AZ names. @default - the region's first `azCount` zones that need no opt-in */
  readonly availabilityZones?: readonly string[];
  /** One CIDR per AZ. */
  readonly publicSubnets: readonly string[];
  /** One CIDR per AZ. */
  readonly privateSubnets: readonly string[];
  /** none (endpoints only), one shared NAT gateway, one per AZ, or one NAT instance. */
  readonly natGateways: NatStrategy;
  /** Name and partition of the NAT instance (`natGateways: "instance"`). @default - no NAT instance */
  readonly natInstance?: { readonly name: string; readonly partition: string };
  /** VPC flow logs to CloudWatch. @default - no flow logs */
  readonly flowLogs?: { readonly logGroupName: string; readonly roleName: string; readonly retentionDays: number };
  /** VPC endpoints so tasks reach AWS APIs without NAT. @default - no endpoints */
  readonly endpoints?: {
    readonly securityGroupName: string;
    /** Interface endpoints beyond DEFAULT_INTERFACE_ENDPOINTS (e.g. ssmmessages for ECS Exec). */
    readonly extraInterfaceEndpoints: readonly string[];
  };
  readonly region: string;
  readonly accountId: string;
  /** Name tag of the VPC. */
  readonly vpcName: string;
  /** Prefix of the other Name tags, e.g. `shop-dev`. */
  readonly namePrefix: string;
  /** Amazon-provided IPv6 block on the VPC and public subnets, for a dual-stack ALB. */
  readonly ipv6: boolean;
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
  public readonly natInstance?: NatInstance;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { namePrefix } = props;
    const azs = this.availabilityZones(props);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      assignGeneratedIpv6CidrBlock: props.ipv6 ? true : undefined,
      tags: { Name: props.vpcName },
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

    for (let i = 0; i < props.azCount; i++) {
      const publicSubnet = new Subnet(this, `public-subnet-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: props.publicSubnets[i],
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
        cidrBlock: props.privateSubnets[i],
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

    const natCount = props.natGateways === "perAz" ? props.azCount : props.natGateways === "single" ? 1 : 0;
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
    if (props.natGateways === "instance" && props.natInstance) {
      const nat = new NatInstance(this, "nat-instance", { ...props.natInstance, vpcId: this.vpc.id, vpcCidr: props.cidr, publicSubnetId: this.publicSubnets[0].id });
      this.natInstance = nat;
      // Same addresses as the NAT gateway routes: switching strategy changes the route in place.
      this.privateRouteTables.forEach((table, i) => {
        new Route(this, `private-nat-route-${i}`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: nat.networkInterface.id });
      });
    }
    this.privateRouteTables.forEach((table, i) => {
      if (this.natGateways.length === 0) return;
      new Route(this, `private-nat-route-${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
      });
    });

    if (props.flowLogs) this.flowLogGroup = this.addFlowLogs(props, props.flowLogs);
    if (props.endpoints) this.endpointSecurityGroup = this.addEndpoints(props, props.endpoints);
  }

  private availabilityZones(props: NetworkProps): string[] {
    if (props.availabilityZones) return [...props.availabilityZones];
    // No state filter: an AZ that turns "impaired" would drop out of the list, shift every later
    // index and make Terraform want to replace subnets. Opt-in status keeps the list stable.
    const available = new DataAwsAvailabilityZones(this, "available-zones", {
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${props.azCount}}`,
            errorMessage: `network.azCount is ${props.azCount} but the region has fewer available AZs.`,
          },
        ],
      },
    });
    return Array.from({ length: props.azCount }, (_, i) => Fn.element(available.names, i));
  }

  private addFlowLogs(props: NetworkProps, flowLogs: NonNullable<NetworkProps["flowLogs"]>): CloudwatchLogGroup {
    const logGroup = new CloudwatchLogGroup(this, "flow-log-group", {
      name: flowLogs.logGroupName,
      retentionInDays: flowLogs.retentionDays,
    });
    const role = new IamRole(this, "flow-log-role", {
      name: flowLogs.roleName,
      permissionsBoundary: props.permissionsBoundaryArn,
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

  private addEndpoints(props: NetworkProps, endpoints: NonNullable<NetworkProps["endpoints"]>): SecurityGroup {
    // Endpoints serve only this account's principals: a stolen foreign credential cannot use them
    // to move data out of the VPC.
    const ownAccount: PolicyStatement = {
      sid: "OwnAccountOnly",
      actions: ["*"],
      resources: ["*"],
      principals: [{ type: "*", identifiers: ["*"] }],
      condition: [{ test: "StringEquals", variable: "aws:PrincipalAccount", values: [props.accountId] }],
    };
    const s3Policy = policyDocument(this, "endpoint-s3-policy", [
      ownAccount,
      // ECR serves image layers as presigned URLs of its own bucket, signed by AWS, not by this account.
      {
        sid: "EcrImageLayers",
        actions: ["s3:GetObject"],
        resources: [`arn:${props.partition}:s3:::prod-${props.region}-starport-layer-bucket/*`],
        principals: [{ type: "*", identifiers: ["*"] }],
      },
    ]);
    const interfacePolicy = policyDocument(this, "endpoint-policy", [ownAccount]);
    new VpcEndpoint(this, "endpoint-s3", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: this.privateRouteTables.map((t) => t.id),
      policy: s3Policy.json,
      tags: { Name: `${props.namePrefix}-s3` },
    });
    const securityGroup = new SecurityGroup(this, "endpoint-security-group", {
      name: endpoints.securityGroupName,
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
      cidrIpv4: props.cidr,
    });
    for (const service of [...DEFAULT_INTERFACE_ENDPOINTS, ...endpoints.extraInterfaceEndpoints]) {
      new VpcEndpoint(this, `endpoint-${service.replace(".", "-")}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((s) => s.id),
        securityGroupIds: [securityGroup.id],
        policy: interfacePolicy.json,
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
    return securityGroup;
  }
}
