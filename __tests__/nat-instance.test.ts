/** Issue 14: natGateways "instance", one Graviton NAT instance as the private subnets' default route. */
import { natUserData } from "../constructs/nat-instance";
import { refOf, resourceAt, resourceList, sampleConfig, synth, type Attributes } from "./helpers";

function withNatInstance() {
  const config = sampleConfig();
  config.environments.dev.network = { natGateways: "instance" };
  return synth(config, "dev").tf;
}

describe("NAT instance", () => {
  const tf = withNatInstance();
  const eni = refOf(tf, "aws_network_interface", "network/nat-instance/network-interface", "id");

  it("GIVEN natGateways instance THEN every private route table's default route goes to the NAT instance's interface, and no NAT gateway exists", () => {
    const routes = resourceList<Attributes>(tf, "aws_route").filter((r) => String(r.route_table_id).includes("private-route-table"));
    expect(routes.map((r) => [r.destination_cidr_block, r.network_interface_id])).toEqual([["0.0.0.0/0", eni], ["0.0.0.0/0", eni]]);
    expect(resourceList(tf, "aws_nat_gateway")).toEqual([]);
  });

  it("GIVEN the interface THEN source/destination checking is off, in a public subnet, with an Elastic IP", () => {
    expect(resourceAt(tf, "aws_network_interface", "network/nat-instance/network-interface")).toMatchObject({
      source_dest_check: false,
      subnet_id: refOf(tf, "aws_subnet", "network/public-subnet-0", "id"),
    });
    expect(resourceAt(tf, "aws_eip", "network/nat-instance/eip")).toMatchObject({ network_interface: eni });
  });

  it("GIVEN the launch template THEN a Graviton instance on that interface, Session Manager only, no key pair, IMDSv2", () => {
    const template = resourceAt<Attributes>(tf, "aws_launch_template", "network/nat-instance/launch-template");
    expect(template).toMatchObject({
      instance_type: "t4g.nano",
      network_interfaces: [{ network_interface_id: eni, device_index: 0 }],
      metadata_options: { http_tokens: "required" },
    });
    expect(template.user_data).toBe(`\${base64encode(${JSON.stringify(natUserData("10.0.0.0/16"))})}`);
    expect(template.key_name).toBeUndefined();
    expect(resourceAt(tf, "aws_iam_role_policy_attachment", "network/nat-instance/ssm")).toMatchObject({ policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
    expect(resourceAt(tf, "aws_autoscaling_group", "network/nat-instance/auto-scaling-group")).toMatchObject({ min_size: 1, max_size: 1 });
  });

  it("GIVEN its security group THEN it accepts only the VPC and has no SSH rule", () => {
    const ingress = resourceList<Attributes>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === refOf(tf, "aws_security_group", "network/nat-instance/security-group", "id"));
    expect(ingress.map((r) => [r.cidr_ipv4, r.ip_protocol])).toEqual([["10.0.0.0/16", "-1"]]);
  });

  it("GIVEN user data THEN forwarding is on and the VPC's traffic is masqueraded", () => {
    expect(natUserData("10.0.0.0/16")).toMatch(/net\.ipv4\.ip_forward = 1[\s\S]*-t nat -A POSTROUTING -o \$IFACE -s 10\.0\.0\.0\/16 -j MASQUERADE/);
  });
});
