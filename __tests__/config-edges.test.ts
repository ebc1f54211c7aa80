/**
 * Valid edge cases the rules must not reject, synthesized: the longest allowed names, and counts
 * just under each quota. Each is the valid side of a case in validation-cases.ts.
 */
import { Testing } from "cdktf";
import { validateApp } from "../config";
import { PlatformStack } from "../stacks/platform-stack";
import { resourceList, sampleConfig, synth } from "./helpers";

const long = (n: number, c = "a") => c.repeat(n);
/** A DNS name of 253 characters (DNS's limit) under example.com, with labels of 63 (the label limit). */
const LONGEST_DNS_NAME = `${Array(3).fill(long(63, "d")).join(".")}.${long(49, "d")}.example.com`;

describe("valid edge cases still synthesize", () => {
  it("the longest allowed names", () => {
    const config = sampleConfig() as any;
    config.app = `a${long(22, "b")}z`; // 24
    const key = `s${long(22, "e")}x`; // 24
    config.services = {
      [key]: {
        containerPort: 8080,
        routing: { default: true },
        autoscaling: { enabled: false }, // so the ECS service name may use all 255 characters
        names: { service: long(255, "n"), taskFamily: long(255, "f"), container: long(255, "c"), logGroup: `/${long(511, "l")}`, targetGroup: long(32, "t"), taskRole: long(64, "r") },
        repository: { name: long(256, "p") },
      },
    };
    config.names = { vpc: long(256, "v"), cluster: long(255, "k"), albSecurityGroup: long(255, "g"), taskSecurityGroup: long(255, "h"), databaseSecurityGroup: long(255, "i"), executionRole: long(64, "x"), executionSecretsPolicy: long(128, "y") };
    config.database = { identifier: long(63, "d") };
    // 967 characters in 15 levels: SSM's 1011 less the 44 of `arn:aws:ssm:eu-west-1:<account>:parameter`.
    config.parameters = { key: { type: "String", name: `/${Array.from({ length: 15 }, (_, i) => long(i === 0 ? 70 : 63, "q")).join("/")}` } };
    expect(config.parameters.key.name).toHaveLength(967);
    const env = config.environments.dev;
    config.environments = { [long(10, "e")]: env };
    env.tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`${i}`.padStart(128, "k"), long(256, "v")]));
    env.loadBalancer = { name: long(32, "b") };
    env.domain = { zone: "example.com", name: LONGEST_DNS_NAME };
    expect(env.domain.name).toHaveLength(253);
    const { tf, settings } = synth(config);
    expect(settings.services[0].names.service).toHaveLength(255);
    expect(resourceList(tf, "aws_ecs_service")).toHaveLength(1);
    expect(resourceList(tf, "aws_ssm_parameter")[0].name).toHaveLength(config.parameters.key.name.length);
  });

  it("counts just under each quota: 100 target groups (99 rules), 30 task ports, 5 condition values and wildcards", () => {
    const config = sampleConfig() as any;
    config.database = undefined;
    config.services = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `s${i}`,
        { containerPort: 8000 + (i % 30), routing: i === 0 ? { default: true } : { pathPatterns: [`/s${i}/*`, "/a/*", "/b/*"], hostHeaders: ["*.example.com", "x?.example.com"], priority: i } },
      ]),
    );
    config.environments = { dev: config.environments.dev };
    const [settings] = validateApp(config).stacks;
    const json = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), "edge", { settings })));
    expect(Object.keys(json.resource.aws_lb_target_group)).toHaveLength(100);
    expect(Object.keys(json.resource.aws_lb_listener_rule)).toHaveLength(99);
    const taskInbound = Object.keys(json.resource.aws_vpc_security_group_ingress_rule).filter((id) => id.includes("tasks-from"));
    expect(taskInbound).toHaveLength(60);
  });

  it("30 ingress CIDRs with HTTPS (60 rules), 10 certificate names, a 4 KB literal, a task definition near 64 KiB", () => {
    const config = sampleConfig() as any;
    const dev = config.environments.dev;
    dev.loadBalancer = { ingressCidrs: Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`) };
    dev.domain = { zone: "example.com", name: "app.example.com", alternativeNames: Array.from({ length: 9 }, (_, i) => `a${i}.example.com`) };
    config.parameters = { big: { type: "String", valueFrom: { literal: "é".repeat(2048) } } };
    config.services.web.environment = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`V${i}`, "x".repeat(2000)]));
    const { tf } = synth(config);
    expect(resourceList<{ cidr_ipv4?: string }>(tf, "aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv4?.startsWith("10."))).toHaveLength(60);
    expect(resourceList<{ subject_alternative_names: string[] }>(tf, "aws_acm_certificate")[0].subject_alternative_names).toHaveLength(9);
    expect(Buffer.byteLength(resourceList<{ value: string }>(tf, "aws_ssm_parameter")[0].value)).toBe(4096);
    const web = resourceList<{ family: string; container_definitions: string }>(tf, "aws_ecs_task_definition").find((t) => t.family === "demo-dev-web");
    expect(Buffer.byteLength(web!.container_definitions)).toBeLessThan(65536);
  });

  it("a name override equal to another service's key, where nothing collides", () => {
    const config = sampleConfig() as any;
    config.services.web.names = { taskFamily: "api", container: "api", logGroup: "api", targetGroup: "api", taskRole: "api" };
    expect(() => validateApp(config)).not.toThrow();
  });

  it("EC2 tasks that fill an instance, and SSH from a /16", () => {
    const config = sampleConfig() as any;
    config.services.api = { ...config.services.api, capacity: "ec2", cpu: 2048, memory: 1945 };
    for (const env of Object.values(config.environments) as any[]) env.ec2Capacity = { instanceType: "t3.small", sshCidr: "10.1.0.0/16", keyName: "admin" };
    expect(validateApp(config).warnings).toEqual([]);
  });
});
