/** constructs/alias-records.ts: alias records per name (A, and AAAA with IPv6), keyed by name. */
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { AliasRecords } from "../../constructs/alias-records";
import { refOf, resourceAt, resourceList, synthScope } from "../helpers";

function aliases(ipv6?: boolean) {
  return synthScope((scope) => {
    const alb = new Lb(scope, "alb", { name: "demo-dev" });
    return new AliasRecords(scope, "dns", { zoneId: "Z123", names: ["app.example.com", "*.example.com"], alb, ipv6 });
  }).tf;
}

describe("AliasRecords", () => {
  it("GIVEN names THEN each gets an A alias to the ALB that follows its health, keyed by name", () => {
    const tf = aliases();
    expect(resourceAt(tf, "aws_route53_record", "dns/wildcard-example-com-a")).toEqual({
      zone_id: "Z123",
      name: "*.example.com",
      type: "A",
      alias: { name: refOf(tf, "aws_lb", "alb", "dns_name"), zone_id: refOf(tf, "aws_lb", "alb", "zone_id"), evaluate_target_health: true },
    });
    expect(resourceList(tf, "aws_route53_record")).toHaveLength(2);
  });

  it("GIVEN ipv6 THEN each name also gets an AAAA alias", () => {
    const tf = aliases(true);
    expect(resourceList<{ name: string; type: string }>(tf, "aws_route53_record").map((r) => `${r.name} ${r.type}`).sort()).toEqual([
      "*.example.com A",
      "*.example.com AAAA",
      "app.example.com A",
      "app.example.com AAAA",
    ]);
  });
});
