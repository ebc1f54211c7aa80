/** Rules in config/rules/capacity.ts about where tasks run: task size, networking, host ports, strategies. */
import { addServices, describeRule, dev, onEc2, type Change } from "./support";

describeRule("fargate-task-size", {
  valid: [
    ["the smallest Fargate size, 256/512", () => {}],
    ["an EC2 service with a size Fargate does not offer", (c) => onEc2(c, { cpu: 300, memory: 700 })],
  ],
  invalid: [
    [
      "memory that cpu 256 does not allow",
      (c) => Object.assign(c.services.web, { cpu: 256, memory: 4096 }),
      [{ path: "services.web.memory", message: "4096 is not allowed; not valid with cpu 256 (Fargate allows 512 or 1024–2048 in 1024 steps MiB)" }],
    ],
    [
      "a cpu value Fargate does not offer",
      (c) => (c.services.web.cpu = 300),
      [{ path: "services.web.cpu", message: "300 is not allowed; cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384" }],
    ],
    [
      "an environment's size override Fargate rejects",
      (c) => (dev(c).services = { web: { cpu: 1024, memory: 1024 } }),
      [{ path: "environments.dev.services.web.memory", message: "1024 is not allowed; not valid with cpu 1024 (Fargate allows 2048–8192 in 1024 steps MiB)" }],
    ],
  ],
});

describeRule("fargate-network-mode", {
  valid: [["bridge networking on EC2", (c) => onEc2(c, { networkMode: "bridge" })]],
  invalid: [
    [
      "bridge networking on Fargate",
      (c) => (c.services.web.networkMode = "bridge"),
      [{ path: "services.web.networkMode", message: '"bridge" is not allowed; Fargate supports only "awsvpc"; use capacity: "ec2" for bridge networking' }],
    ],
  ],
});

describeRule("ec2-task-memory", {
  valid: [["an EC2 task reserving 6 MiB", (c) => onEc2(c, { memory: 6 })]],
  invalid: [["an EC2 task reserving 4 MiB", (c) => onEc2(c, { memory: 4 }), [{ path: "services.web.memory", message: "4 is not allowed; must be at least 6 MiB" }]]],
});

describeRule("ec2-services-on-ec2-only", {
  valid: [
    ["an EC2 service without its own strategy", (c) => onEc2(c)],
    ["a Fargate service on Fargate Spot", (c) => (c.services.web.capacityProviderStrategy = [{ provider: "FARGATE_SPOT" }])],
  ],
  invalid: [
    [
      "an EC2 service that names Fargate Spot",
      (c) => onEc2(c, { capacityProviderStrategy: [{ provider: "FARGATE_SPOT", weight: 1 }] }),
      [
        {
          path: "services.web.capacityProviderStrategy[0].provider",
          message: '"FARGATE_SPOT" is not allowed; a service with capacity "ec2" runs only on the environment\'s EC2 capacity provider; remove Fargate/Fargate Spot entries',
        },
      ],
    ],
  ],
});

/** `web` and `api`, both bridge-mode on EC2, on host ports `web` and `api`. */
const bridgePair = (web: number, api: number): Change => (c) => {
  onEc2(c, { networkMode: "bridge", hostPort: web });
  addServices(c, { api: { containerPort: 8080, capacity: "ec2", networkMode: "bridge", hostPort: api } });
};

describeRule("unique-host-ports", {
  valid: [
    ["bridge-mode services on different host ports", bridgePair(8081, 8082)],
    [
      "awsvpc EC2 services on the same container port (each task has its own address)",
      (c) => {
        onEc2(c);
        addServices(c, { api: { containerPort: 3000, capacity: "ec2" } });
      },
    ],
  ],
  invalid: [
    [
      "bridge-mode services on the same host port",
      bridgePair(8081, 8081),
      [{ path: "services.api.hostPort", message: "8081 is not allowed; clashes with service web on the same EC2 instances; choose another host port" }],
    ],
  ],
});

describeRule("host-port-needs-bridge", {
  valid: [["a host port in bridge mode", (c) => onEc2(c, { networkMode: "bridge", hostPort: 8081 })]],
  invalid: [
    [
      "a host port with awsvpc networking",
      (c) => (c.services.web.hostPort = 8081),
      [{ path: "services.web.hostPort", message: '8081 is not allowed; only allowed with networkMode "bridge" (awsvpc uses the container port)' }],
    ],
  ],
});

describeRule("capacity-strategy-shape", {
  valid: [
    ["the profile's strategy", () => {}],
    ["a service's own single-provider strategy", (c) => (c.services.web.capacityProviderStrategy = [{ provider: "FARGATE", base: 1 }])],
  ],
  invalid: [
    [
      "an environment strategy naming a provider twice",
      (c) => (dev(c).capacityProviderStrategy = [{ provider: "FARGATE" }, { provider: "FARGATE" }]),
      [{ path: "environments.dev.capacityProviderStrategy", message: '["FARGATE","FARGATE"] is not allowed; each capacity provider may appear once' }],
    ],
    [
      "an environment strategy with two bases",
      (c) => (dev(c).capacityProviderStrategy = [{ provider: "FARGATE", base: 1 }, { provider: "FARGATE_SPOT", base: 1 }]),
      [
        {
          path: "environments.dev.capacityProviderStrategy",
          message: '[{"provider":"FARGATE","weight":1,"base":1},{"provider":"FARGATE_SPOT","weigh... is not allowed; only one capacity provider may have a base > 0',
        },
      ],
    ],
    [
      "a service strategy without weight",
      (c) => (c.services.web.capacityProviderStrategy = [{ provider: "FARGATE", weight: 0 }]),
      [{ path: "services.web.capacityProviderStrategy", message: '[{"provider":"FARGATE","weight":0,"base":0}] is not allowed; at least one capacity provider needs a weight > 0' }],
    ],
  ],
});
