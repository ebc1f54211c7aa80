/** The sample stacks from the internet in: load balancer, TLS and DNS; and what operators get: alarms, outputs. */
import { sampleConfig, synth, resourceList, resourceAt, refOf, dataAt } from "./helpers";

const dev = synth(sampleConfig(), "dev");
const prod = synth(sampleConfig(), "prod");

function withDomain(ipv6 = false) {
  const config = sampleConfig();
  config.environments.prod.domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["www.example.com"], ipv6 };
  return synth(config, "prod");
}
const tls = withDomain();

describe("load balancer", () => {
  const alb = resourceAt(dev.tf, "aws_lb", "load-balancer/alb");

  it("is internet-facing in the public subnets, drops invalid headers, protected in prod", () => {
    expect(alb).toMatchObject({
      internal: false,
      load_balancer_type: "application",
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      idle_timeout: 60,
      subnets: [refOf(dev.tf, "aws_subnet", "network/public-subnet-0", "id"), refOf(dev.tf, "aws_subnet", "network/public-subnet-1", "id")],
      security_groups: [refOf(dev.tf, "aws_security_group", "security-groups/alb", "id")],
    });
    expect(resourceAt(prod.tf, "aws_lb", "load-balancer/alb").enable_deletion_protection).toBe(true);
  });

  it("writes access logs to a private SSE-S3 bucket in prod", () => {
    expect(alb.access_logs).toBeUndefined();
    const prodAlb = resourceAt(prod.tf, "aws_lb", "load-balancer/alb");
    expect(prodAlb.access_logs).toEqual({ bucket: refOf(prod.tf, "aws_s3_bucket", "access-logs/bucket", "id"), prefix: "alb", enabled: true });
    expect(resourceAt(prod.tf, "aws_s3_bucket_server_side_encryption_configuration", "access-logs/encryption").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(resourceAt(prod.tf, "aws_s3_bucket_public_access_block", "access-logs/public-access-block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("has one IP target group per service with its health check and a 30 s deregistration delay", () => {
    expect(resourceAt(dev.tf, "aws_lb_target_group", "load-balancer/target-group-web")).toMatchObject({
      name: "demo-dev-web",
      target_type: "ip",
      port: 3000,
      protocol: "HTTP",
      deregistration_delay: "30",
      health_check: { path: "/health", matcher: "200", interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: "traffic-port" },
    });
  });

  it("wires service → target group → listener rule → ALB", () => {
    const targetGroup = refOf(dev.tf, "aws_lb_target_group", "load-balancer/target-group-api", "arn");
    expect(resourceAt(dev.tf, "aws_ecs_service", "service-api/service").load_balancer).toEqual([
      { target_group_arn: targetGroup, container_name: "api", container_port: 8080 },
    ]);
    const rule = resourceAt(dev.tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(rule).toMatchObject({
      listener_arn: refOf(dev.tf, "aws_lb_listener", "load-balancer/http-listener", "arn"),
      priority: 100,
      condition: [{ path_pattern: { values: ["/api/*"] } }],
      action: [{ type: "forward", target_group_arn: targetGroup }],
    });
    expect(resourceAt(dev.tf, "aws_lb_listener", "load-balancer/http-listener").load_balancer_arn).toBe(refOf(dev.tf, "aws_lb", "load-balancer/alb", "arn"));
  });

  it("forwards HTTP:80 to the default service without a domain", () => {
    expect(resourceAt(dev.tf, "aws_lb_listener", "load-balancer/http-listener")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "forward", target_group_arn: refOf(dev.tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn") }],
    });
    expect(resourceList(dev.tf, "aws_lb_listener")).toHaveLength(1);
  });

  it("supports host-header rules", () => {
    const config = sampleConfig();
    config.services.api.routing = { hostHeaders: ["api.example.com"], pathPatterns: ["/v1/*"], priority: 5 };
    const rule = resourceAt(synth(config, "dev").tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(rule.condition).toEqual([{ path_pattern: { values: ["/v1/*"] } }, { host_header: { values: ["api.example.com"] } }]);
  });
});

describe("TLS and DNS", () => {
  it("serves HTTPS:443 with the TLS 1.3 policy and the validated certificate", () => {
    expect(resourceAt(tls.tf, "aws_lb_listener", "load-balancer/https-listener")).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: refOf(tls.tf, "aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
    });
  });

  it("redirects HTTP:80 to HTTPS with a 301", () => {
    expect(resourceAt(tls.tf, "aws_lb_listener", "load-balancer/http-listener").default_action).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
    ]);
    expect(resourceAt(tls.tf, "aws_lb_listener_rule", "load-balancer/rule-api").listener_arn).toBe(refOf(tls.tf, "aws_lb_listener", "load-balancer/https-listener", "arn"));
  });

  it("looks up the existing hosted zone and validates the certificate through DNS", () => {
    expect(dataAt(tls.tf, "aws_route53_zone", "certificate/zone")).toMatchObject({ name: "example.com", private_zone: false });
    expect(resourceAt(tls.tf, "aws_acm_certificate", "certificate/certificate")).toMatchObject({
      domain_name: "app.example.com",
      subject_alternative_names: ["www.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
    const validationRecords = resourceList(tls.tf, "aws_route53_record").filter((r) => String(r.name).includes("domain_validation_options"));
    expect(validationRecords).toHaveLength(2);
    expect(resourceAt(tls.tf, "aws_acm_certificate_validation", "certificate/validation").validation_record_fqdns).toHaveLength(2);
  });

  it("points alias A records at the ALB, following target health", () => {
    const record = resourceAt(tls.tf, "aws_route53_record", "dns/app-example-com-a");
    expect(record).toMatchObject({
      name: "app.example.com",
      type: "A",
      zone_id: refOf(tls.tf, "aws_route53_zone", "certificate/zone", "zone_id", true),
      alias: { name: refOf(tls.tf, "aws_lb", "load-balancer/alb", "dns_name"), zone_id: refOf(tls.tf, "aws_lb", "load-balancer/alb", "zone_id"), evaluate_target_health: true },
    });
    expect(resourceList(tls.tf, "aws_route53_record").filter((r) => r.type === "AAAA")).toHaveLength(0);
  });

  it("adds AAAA records and a dual-stack ALB when IPv6 is on", () => {
    const v6 = withDomain(true);
    expect(resourceAt(v6.tf, "aws_route53_record", "dns/app-example-com-aaaa")).toMatchObject({ type: "AAAA", name: "app.example.com" });
    expect(resourceAt(v6.tf, "aws_lb", "load-balancer/alb").ip_address_type).toBe("dualstack");
    expect(resourceAt(v6.tf, "aws_vpc", "network/vpc").assign_generated_ipv6_cidr_block).toBe(true);
  });

  it("reports the HTTPS URL", () => {
    expect(tls.tf.output?.url.value).toBe("https://app.example.com");
  });
});

describe("alarms", () => {
  const alarms = resourceList<{ metric_name: string; namespace: string; alarm_actions: string[] }>(dev.tf, "aws_cloudwatch_metric_alarm");
  const topic = refOf(dev.tf, "aws_sns_topic", "alarms/topic", "arn");
  const byMetric = (metric: string) => alarms.filter((a) => a.metric_name === metric);

  it("covers ALB 5xx, unhealthy targets, service CPU/memory and RDS CPU/storage", () => {
    expect(byMetric("HTTPCode_ELB_5XX_Count")).toHaveLength(1);
    expect(byMetric("UnHealthyHostCount")).toHaveLength(2);
    expect(byMetric("CPUUtilization").map((a) => a.namespace).sort()).toEqual(["AWS/ECS", "AWS/ECS", "AWS/RDS"]);
    expect(byMetric("MemoryUtilization")).toHaveLength(2);
    expect(byMetric("FreeStorageSpace")).toEqual([expect.objectContaining({ comparison_operator: "LessThanThreshold", threshold: 2147483648 })]);
  });

  it("notifies the SNS topic, with an optional e-mail subscription", () => {
    expect(alarms.every((a) => a.alarm_actions[0] === topic)).toBe(true);
    expect(resourceList(dev.tf, "aws_sns_topic_subscription")).toHaveLength(0);
    const config = sampleConfig();
    config.environments.dev.alarms = { email: "ops@example.com" };
    expect(resourceList(synth(config, "dev").tf, "aws_sns_topic_subscription")).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: "ops@example.com" }),
    ]);
  });
});

describe("runtime outputs", () => {
  it("exposes URL, ALB, cluster, services and database endpoint and secret", () => {
    expect(Object.keys(dev.tf.output ?? {})).toEqual(
      expect.arrayContaining(["url", "alb_dns_name", "cluster_name", "service_names", "db_endpoint", "db_secret_arn", "image_tags"]),
    );
  });
});
