/** The stack's network layer as props: which ports each security group opens, for whom. */
import { validateApp } from "../../config";
import { securityGroupsProps, type SecurityGroupWiring } from "../../stacks/network-wiring";
import { sampleConfig } from "../helpers";

const settingsOf = (mutate: (config: any) => void = () => undefined) => {
  const config = sampleConfig() as any;
  mutate(config);
  return validateApp(config).stacks[0];
};
const wiringOf = (s: ReturnType<typeof settingsOf>, ipv6 = false): SecurityGroupWiring => ({
  vpcId: "vpc-1",
  ipv6,
  web: s.services.some((svc) => svc.kind === "web"),
  routed: s.services.filter((svc) => svc.routing),
  ec2Services: s.services.filter((svc) => svc.capacity === "ec2"),
});

describe("securityGroupsProps", () => {
  it("opens each web port to the ALB once, ordered by port, with the services behind it", () => {
    const s = settingsOf((c) => (c.services.web.containerPort = 8080));
    const props = securityGroupsProps(s, wiringOf(s));
    expect(props.tasks.ports).toEqual([{ port: 8080, services: ["api", "web"] }]);
    expect(props.tasks.internalPorts).toEqual([]);
  });

  it("an internal service's port is open only between tasks, unless a web service shares it", () => {
    const s = settingsOf((c) => {
      c.services.queue = { kind: "internal", containerPort: 9000 };
      c.services.shared = { kind: "internal", containerPort: 3000 };
    });
    const props = securityGroupsProps(s, wiringOf(s));
    expect(props.tasks.ports.map((p) => p.port)).toEqual([3000, 8080]);
    expect(props.tasks.internalPorts).toEqual([{ port: 9000, services: ["queue"] }]);
  });

  it("no ALB group without a web service; IPv6 from anywhere only on a dual-stack ALB open to 0.0.0.0/0", () => {
    const s = settingsOf();
    expect(securityGroupsProps(s, { ...wiringOf(s), web: false }).alb).toBeUndefined();
    expect(securityGroupsProps(s, wiringOf(s, true)).alb).toMatchObject({ ipv6FromAnywhere: true, https: false });
    const closed = settingsOf((c) => (c.environments.dev.loadBalancer = { ingressCidrs: ["10.0.0.0/8"] }));
    expect(securityGroupsProps(closed, wiringOf(closed, true)).alb).toMatchObject({ ipv6FromAnywhere: false, ingressCidrs: ["10.0.0.0/8"] });
  });

  it("the instance group exists only with EC2 services, and opens their bridge host ports", () => {
    const s = settingsOf();
    expect(securityGroupsProps(s, wiringOf(s)).instances).toBeUndefined();
    const ec2 = settingsOf((c) => {
      c.services.api = { ...c.services.api, capacity: "ec2", networkMode: "bridge", hostPort: 8081 };
      for (const env of Object.values(c.environments) as any[]) env.ec2Capacity = { sshCidr: "10.1.0.0/16" };
    });
    // The instance group opens the host port (not the container port 8080), only for routed services.
    expect(securityGroupsProps(ec2, wiringOf(ec2)).instances).toEqual({ name: ec2.names.instanceSecurityGroup, ports: [{ port: 8081, services: ["api"] }], sshCidr: "10.1.0.0/16" });
    expect(securityGroupsProps(ec2, { ...wiringOf(ec2), routed: [] }).instances!.ports).toEqual([]);
  });
});
