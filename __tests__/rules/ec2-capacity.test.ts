/** Rules in config/rules/capacity.ts about the environment's EC2 container instances. */
import { describeRule, dev, onEc2 } from "./support";

describeRule("ec2-capacity-required", {
  valid: [
    ["an EC2 service with ec2Capacity", (c) => onEc2(c)],
    ["Fargate services only, no ec2Capacity", () => {}],
  ],
  invalid: [
    [
      "an EC2 service without ec2Capacity",
      (c) => (c.services.web.capacity = "ec2"),
      [{ path: "environments.dev.ec2Capacity", message: 'missing is not allowed; required because service web uses capacity "ec2"' }],
    ],
  ],
});

describeRule("ec2-capacity-provider-name", {
  valid: [
    ["an app name ECS does not reserve", (c) => onEc2(c)],
    ["a reserved prefix without EC2 services (no capacity provider)", (c) => (c.app = "ecs-demo")],
  ],
  invalid: [
    [
      "an app name starting with ecs and an EC2 service",
      (c) => {
        c.app = "ecs-demo";
        onEc2(c);
      },
      [
        {
          path: "app",
          message:
            '"ecs-demo" is not allowed; the EC2 capacity provider would be named "ecs-demo-dev-ec2", but ECS reserves names starting with "aws", "ecs" or "fargate"; choose an app name that does not start with them',
        },
      ],
    ],
  ],
});

describeRule("ec2-capacity-bounds", {
  valid: [["minSize equal to maxSize", (c) => (dev(c).ec2Capacity = { minSize: 2, maxSize: 2 })]],
  invalid: [
    [
      "minSize above maxSize",
      (c) => (dev(c).ec2Capacity = { minSize: 3, maxSize: 2 }),
      [{ path: "environments.dev.ec2Capacity.minSize", message: "3 is not allowed; must be ≤ maxSize (2)" }],
    ],
  ],
});

describeRule("ssh-not-from-internet", {
  valid: [
    ["SSH from one admin address", (c) => (dev(c).ec2Capacity = { sshCidr: "203.0.113.10/32" })],
    ["no SSH (Session Manager)", (c) => (dev(c).ec2Capacity = {})],
  ],
  invalid: [
    [
      "SSH from 0.0.0.0/0",
      (c) => (dev(c).ec2Capacity = { sshCidr: "0.0.0.0/0" }),
      [
        {
          path: "environments.dev.ec2Capacity.sshCidr",
          message: '"0.0.0.0/0" is not allowed; SSH from a /0 is not allowed; allowed: an admin CIDR of /16 or narrower (e.g. 203.0.113.10/32), or omit it and use Session Manager',
        },
      ],
    ],
  ],
});
