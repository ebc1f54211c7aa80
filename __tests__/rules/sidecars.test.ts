/** Rules in config/rules/sidecars.ts: sidecar names and images, dependsOn, and that sidecars fit the task. */
import { describeRule } from "./support";

const OTEL = { image: { external: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1" } };

describeRule("sidecar-names", {
  valid: [["an OpenTelemetry collector", (c) => (c.services.web.sidecars = { otel: OTEL })]],
  invalid: [
    ["a sidecar named like the main container", (c) => (c.services.web.sidecars = { web: OTEL }), [{ path: "services.web.sidecars.web", message: '"web" is not allowed; must differ from the main container\'s name (web)' }]],
    [
      "a sidecar from an unknown service's repository",
      (c) => (c.services.web.sidecars = { agent: { image: { repository: "agent" } } }),
      [{ path: "services.web.sidecars.agent.image.repository", message: '"agent" is not allowed; must be a service key whose ECR repository to use (defined: web)' }],
    ],
  ],
});

describeRule("container-dependencies", {
  valid: [["the main container waits for a healthy collector", (c) => ((c.services.web.sidecars = { otel: { ...OTEL, healthCheck: { command: "true" } } }), (c.services.web.dependsOn = [{ container: "otel", condition: "HEALTHY" }]))]],
  invalid: [
    ["a dependency on an unknown container", (c) => (c.services.web.dependsOn = [{ container: "proxy" }]), [{ path: "services.web.dependsOn[0].container", message: '"proxy" is not allowed; must be a container of this task (web)' }]],
    [
      "a cycle between the main container and a sidecar",
      (c) => ((c.services.web.sidecars = { otel: { ...OTEL, dependsOn: [{ container: "web" }] } }), (c.services.web.dependsOn = [{ container: "otel" }])),
      [{ path: "services.web.dependsOn", message: '"web → otel → web" is not allowed; must not form a cycle: ECS could start none of these containers' }],
    ],
    [
      "HEALTHY on a container without a health check, SUCCESS on an essential one",
      (c) => ((c.services.web.sidecars = { otel: OTEL, init: { ...OTEL } }), (c.services.web.dependsOn = [{ container: "otel", condition: "HEALTHY" }, { container: "init", condition: "SUCCESS" }])),
      [
        { path: "services.web.dependsOn[0].condition", message: '"HEALTHY" is not allowed; container otel has no health check; give it one or use START' },
        { path: "services.web.dependsOn[1].condition", message: '"SUCCESS" is not allowed; container init is essential, so the task stops when it exits; make it essential: false or use START/HEALTHY' },
      ],
    ],
  ],
});

describeRule("sidecars-fit-task", {
  valid: [["a 64-unit, 128 MiB collector in a 256/512 task", (c) => (c.services.web.sidecars = { otel: { ...OTEL, cpu: 64, memoryReservation: 128 } })]],
  invalid: [
    [
      "sidecars larger than the task",
      (c) => (c.services.web.sidecars = { otel: { ...OTEL, cpu: 256, memory: 512 } }),
      [
        { path: "services.web.sidecars", message: '"256 CPU units" is not allowed; the sidecars reserve 256 of the task\'s 256 CPU units, leaving nothing for the main container; at most 255 together' },
        { path: "services.web.sidecars", message: '"512 MiB" is not allowed; the sidecars reserve 512 of the task\'s 512 MiB, leaving nothing for the main container; below 512 together' },
      ],
    ],
  ],
});
