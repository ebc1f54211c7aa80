/**
 * examples/internal-tool (issue 14): an internal ALB in an existing VPC's private subnets, reached
 * only from the corporate CIDR and the VPN's security group, OIDC sign-in ahead of the forward
 * with the client secret set from Secrets Manager after apply, alias records in the private zone.
 */
import config from "../../examples/internal-tool/config";
import { SIGN_IN_SECRET_PLACEHOLDER } from "../../constructs/sign-in-client-secret";
import { dataAt, refOf, resourceAt, resourceList, synth, type Attributes } from "../helpers";

const { json, tf, settings } = synth(config);
const SUBNETS = ["subnet-0a1b2c3d4e5f60701", "subnet-0a1b2c3d4e5f60702"];
const subnetRefs = () => SUBNETS.map((id) => refOf(tf, "aws_subnet", `network/private-${id}`, "id", true));

describe("examples/internal-tool", () => {
  it("is one prod stack that creates no network of its own", () => {
    expect(settings.stackName).toBe("ops-console-prod");
    for (const type of ["aws_vpc", "aws_subnet", "aws_nat_gateway", "aws_flow_log", "aws_vpc_endpoint", "aws_route_table"]) expect(resourceList(tf, type)).toEqual([]);
    expect(dataAt(tf, "aws_vpc", "network/vpc").id).toBe("vpc-0a1b2c3d4e5f60718");
  });

  it("checks at plan time that each subnet is in the VPC", () => {
    expect(dataAt<{ lifecycle: { postcondition: Attributes[] } }>(tf, "aws_subnet", `network/private-${SUBNETS[0]}`).lifecycle.postcondition).toEqual([
      { condition: '${self.vpc_id == "vpc-0a1b2c3d4e5f60718"}', error_message: `${SUBNETS[0]} is not in vpc-0a1b2c3d4e5f60718.` },
    ]);
  });

  it("puts an internal ALB and the tasks in the existing private subnets", () => {
    expect(resourceAt(tf, "aws_lb", "load-balancer/alb")).toMatchObject({ internal: true, subnets: subnetRefs() });
    expect(resourceAt(tf, "aws_ecs_service", "service-console/service")).toMatchObject({ network_configuration: { subnets: subnetRefs(), assign_public_ip: false } });
  });

  it("lets only the corporate CIDR and the VPN group reach the ALB", () => {
    const alb = refOf(tf, "aws_security_group", "security-groups/alb", "id");
    const ingress = resourceList<Attributes>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === alb);
    expect(ingress.map((r) => `${r.from_port} ${r.cidr_ipv4 ?? r.referenced_security_group_id}`).sort()).toEqual([
      "443 10.0.0.0/8", "443 sg-0a1b2c3d4e5f60799", "80 10.0.0.0/8", "80 sg-0a1b2c3d4e5f60799",
    ]);
  });

  it("signs every request in with OIDC before forwarding; Terraform sends a placeholder, the secret is set from Secrets Manager after apply", () => {
    const listener = resourceAt<{ default_action: Attributes[] }>(tf, "aws_lb_listener", "load-balancer/https-listener");
    expect(listener.default_action).toEqual([
      {
        type: "authenticate-oidc",
        order: 1,
        authenticate_oidc: {
          issuer: "https://login.example.com",
          authorization_endpoint: "https://login.example.com/oauth2/v1/authorize",
          token_endpoint: "https://login.example.com/oauth2/v1/token",
          user_info_endpoint: "https://login.example.com/oauth2/v1/userinfo",
          client_id: "ops-console",
          client_secret: SIGN_IN_SECRET_PLACEHOLDER,
          scope: "openid email",
          on_unauthenticated_request: "authenticate",
        },
      },
      { type: "forward", order: 2, target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-console", "arn") },
    ]);
    const step = resourceAt<{ provisioner: { "local-exec": { environment: Record<string, string> } }[] }>(tf, "terraform_data", "load-balancer/sign-in-secret-console-listener/step");
    expect(step.provisioner[0]["local-exec"].environment).toMatchObject({
      SIGN_IN_TARGET_KIND: "listener",
      SIGN_IN_TARGET_ARN: refOf(tf, "aws_lb_listener", "load-balancer/https-listener", "arn"),
      SIGN_IN_SECRET_ID: "ops-console/oidc",
      SIGN_IN_SECRET_JSON_KEY: "client_secret",
    });
    // Nothing reads the secret at plan time (plan roles may not), so no plan or state holds it.
    expect(Object.keys(tf.data ?? {})).not.toContain("aws_secretsmanager_secret_version");
  });

  it("publishes the name in the private zone of the VPC, validating the certificate in the public zone", () => {
    expect(dataAt(tf, "aws_route53_zone", "private-zone")).toEqual({ name: "corp.example.com", private_zone: true, vpc_id: refOf(tf, "aws_vpc", "network/vpc", "id", true) });
    expect(resourceAt(tf, "aws_route53_record", "dns/ops-corp-example-com-a")).toMatchObject({ zone_id: refOf(tf, "aws_route53_zone", "private-zone", "zone_id", true) });
    expect(dataAt(tf, "aws_route53_zone", "certificate/zone")).toMatchObject({ private_zone: false });
  });

  it("matches the snapshot", () => {
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
