import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { loadApp } from "../../config";
import { loadConfigModule } from "../../main";
import { PlatformStack } from "../../stacks/platform-stack";
import { buildGraph, STORE_TYPES, storeName } from "../../bin/review/architecture";
import { toDot, toMermaid } from "../../bin/review/diagram";
import { toSvg } from "../../bin/review/svg";
import { resources, type StackJson } from "../../bin/review/stack-json";

const ROOT = path.resolve(__dirname, "..", "..");
const configs = ["config/app.ts", ...fs.readdirSync(path.join(ROOT, "examples")).filter((n) => fs.existsSync(path.join(ROOT, "examples", n, "config.ts"))).map((n) => `examples/${n}/config.ts`)];
const stacks = configs.flatMap((config) =>
  loadApp(loadConfigModule(path.join(ROOT, config))).map((settings) => [settings.stackName, JSON.parse(Testing.synth(new PlatformStack(Testing.app(), settings.stackName, { settings }))) as StackJson] as const),
);

describe.each(stacks)("diagram of %s", (name, tf) => {
  const graph = buildGraph(name, tf);
  const mermaid = toMermaid(graph);

  it("names every ECS service and every data store", () => {
    const services = resources(tf, "aws_ecs_service").map((s) => String(s.value.name));
    const stores = Object.keys(STORE_TYPES).flatMap((type) => resources(tf, type).map(storeName));
    expect(services.length).toBeGreaterThan(0);
    for (const label of [...services.map((s) => `${resources(tf, "aws_ecs_service").find((r) => r.value.name === s)!.value.load_balancer ? "service" : "worker"} ${s}`), ...stores]) {
      expect(mermaid).toContain(label);
    }
  });

  it("draws internet → ALB (only an internet-facing one) → every routed service, and subnets per AZ", () => {
    const alb = graph.nodes.find((n) => n.kind === "lb")!;
    const internal = resources(tf, "aws_lb").every((lb) => lb.value.internal === true);
    expect(graph.edges.some((e) => e.from === "internet" && e.to === alb.id)).toBe(!internal);
    for (const svc of graph.nodes.filter((n) => n.kind === "service")) expect(graph.edges.some((e) => e.from === alb.id && e.to === svc.id)).toBe(true);
    expect(graph.nodes.filter((n) => n.kind === "subnet")).toHaveLength(resources(tf, "aws_subnet").length);
    expect(mermaid).toMatch(/^flowchart LR\n/);
  });
});

describe("diagram: generic pieces and rendering", () => {
  const tf: StackJson = {
    resource: {
      aws_ecs_cluster: { c: { name: "c" } },
      aws_ecs_task_definition: { worker: { cpu: "256", memory: "512", task_role_arn: "${aws_iam_role.worker.arn}" }, job: { cpu: "1024", memory: "2048" } },
      aws_iam_role: { worker: {} },
      aws_iam_role_policy: { worker: { role: "${aws_iam_role.worker.id}", policy: "${data.aws_iam_policy_document.worker.json}" } },
      aws_sqs_queue: { jobs: { name: "jobs-queue" } },
      aws_ecs_service: { worker: { name: "mailer", desired_count: 2, task_definition: "${aws_ecs_task_definition.worker.arn}" } },
      aws_scheduler_schedule: { nightly: { name: "nightly-report", schedule_expression: "cron(0 3 * * ? *)", target: { arn: "${aws_ecs_cluster.c.arn}", ecs_parameters: { task_definition_arn: "${aws_ecs_task_definition.job.arn}", task_count: 1 } } } },
    },
    data: { aws_iam_policy_document: { worker: { statement: [{ actions: ["sqs:ReceiveMessage"], resources: ["${aws_sqs_queue.jobs.arn}"] }] } } },
  };
  const graph = buildGraph("jobs", tf);

  it("draws workers, scheduled jobs and the stores a task reaches through its role's policies", () => {
    const mermaid = toMermaid(graph);
    expect(mermaid).toContain('[/"worker mailer<br/>Fargate ×2 · 0.25 vCPU / 0.5 GB"/]');
    expect(mermaid).toContain('{{"job nightly-report<br/>cron(0 3 * * ? *) · 1 task(s)"}}');
    const worker = graph.nodes.find((n) => n.kind === "worker")!;
    const queue = graph.nodes.find((n) => n.kind === "store")!;
    expect(queue.lines[0]).toBe("SQS jobs-queue");
    expect(graph.edges).toContainEqual({ from: worker.id, to: queue.id });
  });

  it("escapes quotes in Mermaid and DOT labels", () => {
    const quoted = buildGraph("q", { resource: { aws_s3_bucket: { b: { bucket: 'say "hi" #1' } } } });
    expect(toMermaid(quoted)).toContain('S3 say #quot;hi#quot; #35;1');
    expect(toDot(quoted)).toContain('label="S3 say \\"hi\\" #1"');
  });

  it("renders SVG with Graphviz (@viz-js/viz)", async () => {
    const svg = await toSvg(buildGraph(stacks[0][0], stacks[0][1]));
    expect(svg).toMatch(/<svg[\s>]/);
    expect(svg).toContain("service api");
  });
});
