/** constructs/network.ts on its own: NAT strategies, AZ source, flow logs, endpoints, IPv6. */
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Network, type NetworkProps } from "../../constructs/network";
import { addressOf, dataAt, policyStatement, policyStatements, refOf, resourceAt, resourceList, synthScope, type TerraformJson } from "../helpers";

const BASE: NetworkProps = {
  partition: "aws",
  permissionsBoundaryArn: "arn:aws:iam::111111111111:policy/demo-dev-permissions-boundary", 
  cidr: "10.0.0.0/16",
  azCount: 2,
  publicSubnets: ["10.0.0.0/20", "10.0.16.0/20"],
  privateSubnets: ["10.0.128.0/20", "10.0.144.0/20"],
  natGateways: "single",
  region: "eu-west-1",
  accountId: "111111111111",
  vpcName: "demo-dev",
  namePrefix: "demo-dev",
  ipv6: false,
};
const THREE_AZS: Partial<NetworkProps> = {
  azCount: 3,
  publicSubnets: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"],
  privateSubnets: ["10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20"],
};

function network(props: Partial<NetworkProps> = {}) {
  return synthScope((scope) => new Network(scope, "network", { ...BASE, ...props }));
}

interface RouteJson {
  route_table_id: string;
  destination_cidr_block?: string;
  destination_ipv6_cidr_block?: string;
  nat_gateway_id?: string;
  gateway_id?: string;
}
/** The NAT route of each private route table, by table index (undefined: no route). */
function natTargets(tf: TerraformJson, azCount: number): (string | undefined)[] {
  const routes = resourceList<RouteJson>(tf, "aws_route");
  return Array.from({ length: azCount }, (_, i) => {
    const table = refOf(tf, "aws_route_table", `network/private-route-table-${i}`, "id");
    return routes.find((r) => r.route_table_id === table)?.nat_gateway_id;
  });
}
const natGatewayId = (tf: TerraformJson, i: number) => refOf(tf, "aws_nat_gateway", `network/nat-gateway-${i}`, "id");

describe("Network: NAT strategies", () => {
  it.each([
    ["none", 2, 0],
    ["single", 2, 1],
    ["perAz", 2, 2],
    ["perAz", 3, 3],
  ] as const)("GIVEN natGateways %s in %i AZs THEN it creates %i NAT gateways with a VPC EIP each", (natGateways, azCount, count) => {
    const { tf } = network({ ...(azCount === 3 ? THREE_AZS : {}), natGateways });
    expect(resourceList(tf, "aws_nat_gateway")).toHaveLength(count);
    expect(resourceList(tf, "aws_eip")).toEqual(Array.from({ length: count }, () => expect.objectContaining({ domain: "vpc" })));
  });

  it.each(["none", "single", "perAz"] as const)("GIVEN natGateways %s THEN there is still one private route table per AZ", (natGateways) => {
    const { tf } = network({ ...THREE_AZS, natGateways });
    expect(resourceList(tf, "aws_route_table")).toHaveLength(4); // 3 private + 1 public
    expect(resourceList(tf, "aws_route_table_association")).toHaveLength(6);
  });

  it("GIVEN natGateways none THEN no private route table has a route", () => {
    const { tf } = network({ natGateways: "none" });
    expect(natTargets(tf, 2)).toEqual([undefined, undefined]);
    expect(resourceList(tf, "aws_route")).toHaveLength(1); // the public default route
  });

  it("GIVEN natGateways single THEN every private route table routes to the one NAT gateway in public subnet 0", () => {
    const { tf } = network({ ...THREE_AZS, natGateways: "single" });
    expect(natTargets(tf, 3)).toEqual([natGatewayId(tf, 0), natGatewayId(tf, 0), natGatewayId(tf, 0)]);
    expect(resourceAt(tf, "aws_nat_gateway", "network/nat-gateway-0").subnet_id).toBe(refOf(tf, "aws_subnet", "network/public-subnet-0", "id"));
  });

  it("GIVEN natGateways perAz THEN each private route table routes to the NAT gateway of its own AZ", () => {
    const { tf } = network({ ...THREE_AZS, natGateways: "perAz" });
    expect(natTargets(tf, 3)).toEqual([natGatewayId(tf, 0), natGatewayId(tf, 1), natGatewayId(tf, 2)]);
    expect(resourceAt(tf, "aws_nat_gateway", "network/nat-gateway-2").subnet_id).toBe(refOf(tf, "aws_subnet", "network/public-subnet-2", "id"));
  });

  it("GIVEN a NAT gateway THEN it waits for the internet gateway", () => {
    const { tf } = network();
    expect(resourceAt(tf, "aws_nat_gateway", "network/nat-gateway-0").depends_on).toEqual([addressOf(tf, "aws_internet_gateway", "network/internet-gateway")]);
  });
});

describe("Network: availability zones", () => {
  it("GIVEN explicit AZs THEN subnets are placed in them and no AZ data source is read", () => {
    const { tf } = network({ availabilityZones: ["eu-west-1b", "eu-west-1c"] });
    expect(resourceAt(tf, "aws_subnet", "network/public-subnet-1").availability_zone).toBe("eu-west-1c");
    expect(resourceAt(tf, "aws_subnet", "network/private-subnet-0").availability_zone).toBe("eu-west-1b");
    expect(tf.data?.aws_availability_zones).toBeUndefined();
  });

  it("GIVEN no AZs THEN it reads the zones that need no opt-in (not by state) and asserts there are azCount of them", () => {
    const { tf } = network({ ...THREE_AZS });
    expect(dataAt(tf, "aws_availability_zones", "network/available-zones")).toEqual({
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      lifecycle: { postcondition: [{ condition: "${length(self.names) >= 3}", error_message: "network.azCount is 3 but the region has fewer available AZs." }] },
    });
    const names = refOf(tf, "aws_availability_zones", "network/available-zones", "names", true).slice(2, -1);
    expect(resourceAt(tf, "aws_subnet", "network/private-subnet-2").availability_zone).toBe(`\${element(${names}, 2)}`);
  });
});

describe("Network: flow logs", () => {
  const flowLogs = { logGroupName: "/aws/vpc-flow-logs/demo-dev", roleName: "demo-dev-vpc-flow-logs", retentionDays: 14 };

  it("GIVEN no flowLogs THEN there is no flow log, log group or role", () => {
    const { tf } = network();
    for (const type of ["aws_flow_log", "aws_cloudwatch_log_group", "aws_iam_role", "aws_iam_role_policy"]) expect(resourceList(tf, type)).toHaveLength(0);
  });

  it("GIVEN flowLogs THEN all traffic goes to the named log group with its retention", () => {
    const { tf } = network({ flowLogs });
    expect(resourceAt(tf, "aws_cloudwatch_log_group", "network/flow-log-group")).toEqual({ name: "/aws/vpc-flow-logs/demo-dev", retention_in_days: 14 });
    expect(resourceAt(tf, "aws_flow_log", "network/flow-log")).toMatchObject({
      vpc_id: refOf(tf, "aws_vpc", "network/vpc", "id"),
      traffic_type: "ALL",
      log_destination: refOf(tf, "aws_cloudwatch_log_group", "network/flow-log-group", "arn"),
      iam_role_arn: refOf(tf, "aws_iam_role", "network/flow-log-role", "arn"),
      max_aggregation_interval: 60,
    });
  });

  it("GIVEN flowLogs THEN the role may write only to that log group", () => {
    const { tf } = network({ flowLogs });
    const logGroup = refOf(tf, "aws_cloudwatch_log_group", "network/flow-log-group", "arn");
    expect(policyStatement(tf, "network/flow-log-permissions", "WriteFlowLogs").resources).toEqual([logGroup, `${logGroup}:*`]);
    expect(resourceAt(tf, "aws_iam_role", "network/flow-log-role").name).toBe("demo-dev-vpc-flow-logs");
  });
});

describe("Network: VPC endpoints", () => {
  const endpoints = { securityGroupName: "demo-dev-endpoints", extraInterfaceEndpoints: [] };
  const endpointList = (tf: TerraformJson) => resourceList<{ service_name: string; vpc_endpoint_type: string }>(tf, "aws_vpc_endpoint");

  it("GIVEN no endpoints THEN there is no endpoint and no endpoint security group", () => {
    const { tf } = network();
    expect(endpointList(tf)).toHaveLength(0);
    expect(resourceList(tf, "aws_security_group")).toHaveLength(0);
  });

  it("GIVEN endpoints THEN the S3 gateway endpoint serves every private route table", () => {
    const { tf } = network({ endpoints });
    expect(resourceAt(tf, "aws_vpc_endpoint", "network/endpoint-s3")).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: [0, 1].map((i) => refOf(tf, "aws_route_table", `network/private-route-table-${i}`, "id")),
    });
  });

  it("GIVEN endpoints THEN each endpoint's policy admits only this account's principals (and ECR's layer bucket on S3)", () => {
    const { tf } = network({ endpoints });
    const ownAccount = {
      sid: "OwnAccountOnly",
      actions: ["*"],
      resources: ["*"],
      principals: [{ type: "*", identifiers: ["*"] }],
      condition: [{ test: "StringEquals", variable: "aws:PrincipalAccount", values: ["111111111111"] }],
    };
    expect(policyStatements(tf, "network/endpoint-policy")).toEqual([ownAccount]);
    expect(policyStatements(tf, "network/endpoint-s3-policy")).toEqual([
      ownAccount,
      { sid: "EcrImageLayers", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*"], principals: [{ type: "*", identifiers: ["*"] }] },
    ]);
    expect(resourceAt(tf, "aws_vpc_endpoint", "network/endpoint-s3").policy).toBe(refOf(tf, "aws_iam_policy_document", "network/endpoint-s3-policy", "json", true));
    for (const endpoint of resourceList<{ vpc_endpoint_type: string; policy: string }>(tf, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface")) {
      expect(endpoint.policy).toBe(refOf(tf, "aws_iam_policy_document", "network/endpoint-policy", "json", true));
    }
  });

  it("GIVEN endpoints THEN the default interface endpoints sit in the private subnets behind the endpoint group", () => {
    const { tf } = network({ endpoints });
    expect(resourceAt(tf, "aws_vpc_endpoint", "network/endpoint-ecr-dkr")).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.ecr.dkr",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      subnet_ids: [0, 1].map((i) => refOf(tf, "aws_subnet", `network/private-subnet-${i}`, "id")),
      security_group_ids: [refOf(tf, "aws_security_group", "network/endpoint-security-group", "id")],
    });
    expect(endpointList(tf).map((e) => e.service_name.replace("com.amazonaws.eu-west-1.", "")).sort()).toEqual(["ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager", "ssm"]);
  });

  it("GIVEN extra interface endpoints THEN they are added to the defaults", () => {
    const { tf } = network({ endpoints: { ...endpoints, extraInterfaceEndpoints: ["ssmmessages"] } });
    expect(resourceAt(tf, "aws_vpc_endpoint", "network/endpoint-ssmmessages")).toMatchObject({ service_name: "com.amazonaws.eu-west-1.ssmmessages", vpc_endpoint_type: "Interface" });
    expect(endpointList(tf)).toHaveLength(7);
  });

  it("GIVEN endpoints THEN their group admits HTTPS from the VPC CIDR only", () => {
    const { tf } = network({ endpoints });
    expect(resourceList(tf, "aws_vpc_security_group_ingress_rule")).toEqual([
      expect.objectContaining({ security_group_id: refOf(tf, "aws_security_group", "network/endpoint-security-group", "id"), from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/16" }),
    ]);
  });
});

describe("Network: IPv6", () => {
  it("GIVEN ipv6 THEN the VPC gets an Amazon-provided block and each public subnet a /64 of it", () => {
    const { json, tf } = network({ ipv6: true });
    expect(json).toHaveResourceWithProperties(Vpc, { assign_generated_ipv6_cidr_block: true });
    const block = refOf(tf, "aws_vpc", "network/vpc", "ipv6_cidr_block").slice(2, -1);
    expect(resourceAt(tf, "aws_subnet", "network/public-subnet-1").ipv6_cidr_block).toBe(`\${cidrsubnet(${block}, 8, 1)}`);
    expect(resourceAt(tf, "aws_subnet", "network/private-subnet-1").ipv6_cidr_block).toBeUndefined();
  });

  it("GIVEN ipv6 THEN the public route table has an IPv6 default route to the internet gateway", () => {
    const { json, tf } = network({ ipv6: true });
    expect(json).toHaveResourceWithProperties(Route, {
      route_table_id: refOf(tf, "aws_route_table", "network/public-route-table", "id"),
      destination_ipv6_cidr_block: "::/0",
      gateway_id: refOf(tf, "aws_internet_gateway", "network/internet-gateway", "id"),
    });
  });

  it("GIVEN no ipv6 THEN there is no IPv6 block or route", () => {
    const { tf } = network();
    expect(resourceAt(tf, "aws_vpc", "network/vpc").assign_generated_ipv6_cidr_block).toBeUndefined();
    expect(resourceList<RouteJson>(tf, "aws_route").filter((r) => r.destination_ipv6_cidr_block)).toHaveLength(0);
  });
});
