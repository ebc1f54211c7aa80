/** constructs/application-service.ts on its own: task definition, service, route, autoscaling and alarms of one service. */
import type { Construct } from "constructs";
import { Alarms } from "../../constructs/alarms";
import { ApplicationService, type ApplicationServiceProps } from "../../constructs/application-service";
import { Cluster } from "../../constructs/cluster";
import type { LoadBalancer } from "../../constructs/load-balancer";
import { addressOf, parsedAttribute, refOf, resourceAt, resourceList, synthScope, type ContainerJson, type TerraformJson } from "../helpers";
import { API_ROUTE, CONTAINER, DEFAULT_ROUTE, loadBalancer } from "./support";

/** What the service plugs into, created next to it in the test stack. */
interface Fixture {
  readonly lb: LoadBalancer;
  readonly cluster: Cluster;
  readonly alarms: Alarms;
}

const TASK: ApplicationServiceProps["task"] = {
  taskFamily: "demo-dev-web",
  cpu: 256,
  memory: 512,
  architecture: "X86_64",
  launchType: "FARGATE",
  networkMode: "awsvpc",
  container: CONTAINER,
  executionRoleArn: "arn:aws:iam::111111111111:role/demo-dev-execution",
  taskRoleArn: "arn:aws:iam::111111111111:role/demo-dev-web-task",
};

function baseProps({ lb, cluster }: Fixture): ApplicationServiceProps {
  return {
    key: "web",
    serviceName: "web",
    task: TASK,
    clusterArn: cluster.cluster.arn,
    clusterName: "demo-dev",
    desiredCount: 1,
    capacityProviderStrategy: [{ provider: "FARGATE", weight: 1, base: 1 }, { provider: "FARGATE_SPOT", weight: 3, base: 0 }],
    network: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-tasks"] },
    serviceConnect: { namespaceArn: cluster.namespace.arn, publish: true },
    enableExecuteCommand: false,
    after: { listener: lb.listener, capacityProviders: cluster.capacityProviders },
    release: { strategy: "ROLLING", bakeTimeMinutes: 10, hooks: [] },
  };
}

function serviceWith(change: (fixture: Fixture) => Partial<ApplicationServiceProps> = () => ({})) {
  return synthScope((scope: Construct) => {
    const fixture: Fixture = {
      lb: loadBalancer(scope),
      cluster: new Cluster(scope, "cluster", { name: "demo-dev", containerInsights: false, defaultCapacityProviderStrategy: [], extraCapacityProviders: [] }),
      alarms: new Alarms(scope, "alarms", { topicName: "demo-dev-alarms", partition: "aws", region: "eu-west-1", accountId: "111111111111", keyDeletionWindowDays: 7 }),
    };
    return new ApplicationService(scope, "service-web", { ...baseProps(fixture), ...change(fixture) });
  });
}

const routed = (route = DEFAULT_ROUTE) => (f: Fixture): Partial<ApplicationServiceProps> => ({ loadBalancing: { loadBalancer: f.lb, route, healthCheckGracePeriod: 90 } });
const AUTOSCALING = { minCount: 1, maxCount: 4, cpuTarget: 60, memoryTarget: 70, requestsPerTarget: 500 };

const ecsService = (tf: TerraformJson) => resourceAt(tf, "aws_ecs_service", "service-web/service");
const targetGroup = (tf: TerraformJson, key = "web") => refOf(tf, "aws_lb_target_group", `load-balancer/target-group-${key}`, "arn_suffix");
interface PolicyJson {
  name: string;
  target_tracking_scaling_policy_configuration: { target_value: number; predefined_metric_specification: { predefined_metric_type: string; resource_label?: string } };
}
const policies = (tf: TerraformJson) => resourceList<PolicyJson>(tf, "aws_appautoscaling_policy");

describe("ApplicationService: task definition", () => {
  it("GIVEN the task's size, roles and architecture THEN the task definition carries them, sizes as strings", () => {
    const { tf } = serviceWith(() => ({ task: { ...TASK, architecture: "ARM64", cpu: 1024, memory: 2048 } }));
    expect(resourceAt(tf, "aws_ecs_task_definition", "service-web/task-definition")).toMatchObject({
      family: "demo-dev-web",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "1024",
      memory: "2048",
      execution_role_arn: "arn:aws:iam::111111111111:role/demo-dev-execution",
      task_role_arn: "arn:aws:iam::111111111111:role/demo-dev-web-task",
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "ARM64" },
    });
  });

  it("GIVEN a key THEN the container's port mapping is named <key>-http", () => {
    const { tf } = serviceWith();
    const [container] = parsedAttribute<ContainerJson[]>(resourceAt(tf, "aws_ecs_task_definition", "service-web/task-definition"), "container_definitions");
    expect(container.portMappings.map((p) => p.name)).toEqual(["web-http"]);
  });
});

describe("ApplicationService: placement", () => {
  it("GIVEN awsvpc networking THEN tasks get private subnets and groups, no public IP", () => {
    expect(ecsService(serviceWith().tf).network_configuration).toEqual({ subnets: ["subnet-a", "subnet-b"], security_groups: ["sg-tasks"], assign_public_ip: false });
  });

  it("GIVEN EC2 in bridge mode THEN tasks spread over AZs and have no network configuration", () => {
    const service = ecsService(serviceWith(() => ({ task: { ...TASK, launchType: "EC2", networkMode: "bridge" }, network: undefined })).tf);
    expect(service.ordered_placement_strategy).toEqual([{ type: "spread", field: "attribute:ecs.availability-zone" }]);
    expect(service).not.toHaveProperty("network_configuration");
  });

  it("GIVEN Fargate THEN there is no placement strategy and the capacity provider strategy is passed on", () => {
    const service = ecsService(serviceWith().tf);
    expect(service).not.toHaveProperty("ordered_placement_strategy");
    expect(service.capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", weight: 1, base: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 3, base: 0 },
    ]);
  });
});

describe("ApplicationService: load balancing", () => {
  it("GIVEN a route THEN the service registers its container port with the route's target group after the grace period", () => {
    const { tf } = serviceWith(routed());
    expect(ecsService(tf)).toMatchObject({
      load_balancer: [{ target_group_arn: refOf(tf, "aws_lb_target_group", "load-balancer/target-group-web", "arn"), container_name: "web", container_port: 3000 }],
      health_check_grace_period_seconds: 90,
    });
  });

  it("GIVEN no route THEN there is no target group, load_balancer block or grace period", () => {
    const { tf } = serviceWith();
    expect(resourceList(tf, "aws_lb_target_group")).toHaveLength(0);
    expect(ecsService(tf)).not.toHaveProperty("load_balancer");
    expect(ecsService(tf)).not.toHaveProperty("health_check_grace_period_seconds");
  });

  it("GIVEN a route with a listener rule THEN the service waits for the listener, the rule and the capacity providers", () => {
    const { tf } = serviceWith(routed({ ...API_ROUTE }));
    expect(ecsService(tf).depends_on).toEqual([
      addressOf(tf, "aws_lb_listener", "load-balancer/http-listener"),
      addressOf(tf, "aws_lb_listener_rule", "load-balancer/rule-web"),
      addressOf(tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers"),
    ]);
  });

  it("GIVEN no route THEN the service still waits for the listener and the capacity providers", () => {
    const { tf } = serviceWith();
    expect(ecsService(tf).depends_on).toEqual([
      addressOf(tf, "aws_lb_listener", "load-balancer/http-listener"),
      addressOf(tf, "aws_ecs_cluster_capacity_providers", "cluster/capacity-providers"),
    ]);
  });
});

describe("ApplicationService: Service Connect", () => {
  it("GIVEN publish THEN the service is reachable as <key>:<container port> in the namespace", () => {
    const { tf } = serviceWith();
    expect(ecsService(tf).service_connect_configuration).toEqual({
      enabled: true,
      namespace: refOf(tf, "aws_service_discovery_http_namespace", "cluster/namespace", "arn"),
      service: [{ port_name: "web-http", discovery_name: "web", client_alias: { port: 3000, dns_name: "web" } }],
    });
  });

  it("GIVEN no publish THEN the service is a client of the namespace only", () => {
    const { tf } = serviceWith((f) => ({ serviceConnect: { namespaceArn: f.cluster.namespace.arn, publish: false } }));
    expect(ecsService(tf).service_connect_configuration).toEqual({ enabled: true, namespace: refOf(tf, "aws_service_discovery_http_namespace", "cluster/namespace", "arn") });
  });
});

describe("ApplicationService: autoscaling", () => {
  it("GIVEN autoscaling THEN a scaling target covers the service between min and max", () => {
    const { tf } = serviceWith(() => ({ autoscaling: AUTOSCALING }));
    expect(resourceAt(tf, "aws_appautoscaling_target", "service-web/scaling-target")).toEqual({
      service_namespace: "ecs",
      scalable_dimension: "ecs:service:DesiredCount",
      resource_id: `service/demo-dev/${refOf(tf, "aws_ecs_service", "service-web/service", "name")}`,
      min_capacity: 1,
      max_capacity: 4,
    });
  });

  it("GIVEN autoscaling on a routed service THEN it tracks CPU, memory and requests per target of its target group", () => {
    const { tf } = serviceWith((f) => ({ ...routed()(f), autoscaling: AUTOSCALING }));
    expect(policies(tf).map((p) => [p.name, p.target_tracking_scaling_policy_configuration.target_value])).toEqual([
      ["web-cpu", 60],
      ["web-memory", 70],
      ["web-requests", 500],
    ]);
    expect(resourceAt<PolicyJson>(tf, "aws_appautoscaling_policy", "service-web/scale-on-requests").target_tracking_scaling_policy_configuration.predefined_metric_specification).toEqual({
      predefined_metric_type: "ALBRequestCountPerTarget",
      resource_label: `${refOf(tf, "aws_lb", "load-balancer/alb", "arn_suffix")}/${targetGroup(tf)}`,
    });
  });

  it("GIVEN autoscaling with a request target but no route THEN it tracks only CPU and memory", () => {
    expect(policies(serviceWith(() => ({ autoscaling: AUTOSCALING })).tf).map((p) => p.name)).toEqual(["web-cpu", "web-memory"]);
  });

  it("GIVEN a routed service without a request target THEN it tracks only CPU and memory", () => {
    const { tf } = serviceWith((f) => ({ ...routed()(f), autoscaling: { ...AUTOSCALING, requestsPerTarget: undefined } }));
    expect(policies(tf).map((p) => p.name)).toEqual(["web-cpu", "web-memory"]);
  });

  it("GIVEN autoscaling THEN scaling out is quicker than scaling in", () => {
    const cpu = resourceAt(serviceWith(() => ({ autoscaling: AUTOSCALING })).tf, "aws_appautoscaling_policy", "service-web/scale-on-cpu");
    expect(cpu.target_tracking_scaling_policy_configuration).toMatchObject({ scale_in_cooldown: 300, scale_out_cooldown: 60 });
  });

  it("GIVEN autoscaling THEN applies leave desired_count to it", () => {
    expect(ecsService(serviceWith(() => ({ autoscaling: AUTOSCALING })).tf).lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  it("GIVEN no autoscaling THEN desired_count is Terraform's and there is no scaling target or policy", () => {
    const { tf } = serviceWith();
    expect(ecsService(tf)).not.toHaveProperty("lifecycle");
    expect(resourceList(tf, "aws_appautoscaling_target")).toHaveLength(0);
    expect(policies(tf)).toHaveLength(0);
  });
});

describe("ApplicationService: alarms", () => {
  const alarmNames = (tf: TerraformJson) => resourceList<{ alarm_name: string }>(tf, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name).sort();

  it("GIVEN alarms and a route THEN it adds the unhealthy-target alarm of its target group to CPU and memory", () => {
    const { tf } = serviceWith((f) => ({ ...routed()(f), alarms: f.alarms }));
    expect(alarmNames(tf)).toEqual(["demo-dev-alarms-web-cpu-high", "demo-dev-alarms-web-memory-high", "demo-dev-alarms-web-unhealthy-targets"]);
    expect(resourceAt(tf, "aws_cloudwatch_metric_alarm", "alarms/web-unhealthy-targets").dimensions).toEqual({
      LoadBalancer: refOf(tf, "aws_lb", "load-balancer/alb", "arn_suffix"),
      TargetGroup: targetGroup(tf),
    });
  });

  it("GIVEN alarms and no route THEN it watches CPU and memory only", () => {
    expect(alarmNames(serviceWith((f) => ({ alarms: f.alarms })).tf)).toEqual(["demo-dev-alarms-web-cpu-high", "demo-dev-alarms-web-memory-high"]);
  });

  it("GIVEN no alarms THEN it adds none", () => {
    expect(alarmNames(serviceWith().tf)).toEqual([]);
  });
});
