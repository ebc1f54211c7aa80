/** Rules in config/rules/network.ts: zones, CIDRs, subnets and private egress. */
import { describeRule, dev, problemsOf, type Change, type NetworkInput } from "./support";

const network =
  (settings: NetworkInput): Change =>
  (c) => {
    dev(c).network = settings;
  };

describeRule("availability-zones-match-region", {
  valid: [
    ["two zones of the region", network({ availabilityZones: ["eu-west-1a", "eu-west-1b"] })],
    ["three zones and a matching azCount", network({ availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], azCount: 3 })],
  ],
  invalid: [
    [
      "a zone of another region",
      network({ availabilityZones: ["eu-west-1a", "us-east-1b"] }),
      [{ path: "environments.dev.network.availabilityZones[1]", message: '"us-east-1b" is not allowed; must be an AZ of the environment\'s region eu-west-1' }],
    ],
    [
      "a zone given twice",
      network({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }),
      [{ path: "environments.dev.network.availabilityZones", message: '["eu-west-1a","eu-west-1a"] is not allowed; must not repeat an AZ' }],
    ],
    [
      "an azCount other than the number of zones",
      network({ availabilityZones: ["eu-west-1a", "eu-west-1b"], azCount: 3 }),
      [{ path: "environments.dev.network.azCount", message: "3 is not allowed; must match the 2 availabilityZones given (or be omitted)" }],
    ],
  ],
});

describe("rule availability-zones-match-region: an explicit azCount of 2", () => {
  // An explicit azCount that disagrees with the zones given is reported, whatever its value.
  test("GIVEN azCount 2 and three zones THEN it reports azCount", () => {
    const problems = problemsOf("availability-zones-match-region", network({ availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], azCount: 2 }));
    expect(problems.map((p) => p.path)).toEqual(["environments.dev.network.azCount"]);
  });
});

describeRule("az-count-within-region", {
  valid: [
    ["all three zones of eu-west-1", network({ azCount: 3 })],
    // An unknown region is known-regions' problem, never assumed to have some number of zones.
    [
      "four zones in a region the table does not know",
      (c) => {
        dev(c).region = "xx-west-9";
        dev(c).network = { azCount: 4 };
      },
    ],
  ],
  invalid: [
    [
      "more zones than the region has",
      network({ azCount: 5 }),
      [{ path: "environments.dev.network.azCount", message: "5 is not allowed; region eu-west-1 has 3 availability zones; allowed: 2–3" }],
    ],
  ],
});

describeRule("vpc-cidr-size", {
  valid: [
    ["a /16", network({ cidr: "10.0.0.0/16" })],
    ["a /24", network({ cidr: "10.0.0.0/24" })],
  ],
  invalid: [
    ["a /8", network({ cidr: "10.0.0.0/8" }), [{ path: "environments.dev.network.cidr", message: '"10.0.0.0/8" is not allowed; AWS VPCs must be between /16 and /24' }]],
    ["a /25", network({ cidr: "10.0.0.0/25" }), [{ path: "environments.dev.network.cidr", message: '"10.0.0.0/25" is not allowed; AWS VPCs must be between /16 and /24' }]],
  ],
});

const explicitSubnets = { publicSubnets: ["10.0.0.0/26", "10.0.0.64/26"], privateSubnets: ["10.0.0.128/26", "10.0.0.192/26"] };

describeRule("carved-subnets-fit", {
  valid: [
    ["/28 subnets carved from a /24", network({ cidr: "10.0.0.0/24", subnetNewBits: 4 })],
    ["explicit subnets (nothing is carved)", network({ cidr: "10.0.0.0/24", subnetNewBits: 5, ...explicitSubnets })],
  ],
  invalid: [
    [
      "subnets smaller than /28",
      network({ cidr: "10.0.0.0/24", subnetNewBits: 5 }),
      [{ path: "environments.dev.network.subnetNewBits", message: "5 is not allowed; with 10.0.0.0/24 subnets would be smaller than /28; allowed: at most 4" }],
    ],
    [
      "too few blocks for the zones",
      network({ azCount: 3, subnetNewBits: 1 }),
      [{ path: "environments.dev.network.subnetNewBits", message: "1 is not allowed; too few blocks for 3 public + 3 private subnets; allowed: at least 3" }],
    ],
  ],
});

describeRule("subnet-layout", {
  valid: [
    ["carved subnets", () => {}],
    ["explicit subnets inside the VPC", network({ cidr: "10.0.0.0/24", ...explicitSubnets })],
  ],
  invalid: [
    [
      "one public subnet for two zones",
      network({ publicSubnets: ["10.0.0.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }),
      [{ path: "environments.dev.network.publicSubnets", message: '["10.0.0.0/24"] is not allowed; needs exactly one CIDR per AZ (2)' }],
    ],
    [
      "a subnet outside the VPC",
      network({ publicSubnets: ["10.1.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }),
      [{ path: "environments.dev.network.publicSubnets[0]", message: '"10.1.0.0/24" is not allowed; must be inside the VPC CIDR 10.0.0.0/16' }],
    ],
    [
      "a subnet smaller than /28",
      network({ publicSubnets: ["10.0.0.0/29", "10.0.1.0/24"], privateSubnets: ["10.0.2.0/24", "10.0.3.0/24"] }),
      [{ path: "environments.dev.network.publicSubnets[0]", message: '"10.0.0.0/29" is not allowed; subnets must be /28 or larger' }],
    ],
    [
      "overlapping subnets",
      network({ publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.1.0/24", "10.0.2.0/24"] }),
      [
        {
          path: "environments.dev.network.privateSubnets[0]",
          message: '"10.0.1.0/24" is not allowed; overlaps environments.dev.network.publicSubnets[1] (10.0.1.0/24); subnets must not overlap',
        },
      ],
    ],
  ],
});

describeRule("private-egress", {
  valid: [
    ["no NAT, with VPC endpoints", network({ natGateways: "none", vpcEndpoints: true })],
    ["one NAT gateway", network({ natGateways: "single" })],
  ],
  invalid: [
    [
      "no NAT and no VPC endpoints",
      network({ natGateways: "none" }),
      [
        {
          path: "environments.dev.network.natGateways",
          message: '"none" is not allowed; tasks in private subnets then cannot reach ECR, CloudWatch Logs or SSM; set network.vpcEndpoints: true or use "single" / "perAz"',
        },
      ],
    ],
  ],
});
