/** constructs/certificate.ts: a DNS-validated certificate, one validation record per name. */
import { Certificate } from "../../constructs/certificate";
import { refOf, resourceAt, resourceList, synthScope } from "../helpers";

const certificate = (alternativeNames: string[] = []) =>
  synthScope((scope) => new Certificate(scope, "certificate", { zone: "example.com", name: "app.example.com", alternativeNames })).tf;

describe("Certificate", () => {
  it("GIVEN alternative names THEN they are on the certificate and each name gets a validation record keyed by name", () => {
    const tf = certificate(["www.example.com", "*.example.com"]);
    expect(resourceAt(tf, "aws_acm_certificate", "certificate/certificate").subject_alternative_names).toEqual(["www.example.com", "*.example.com"]);
    for (const id of ["validation-app-example-com", "validation-www-example-com", "validation-wildcard-example-com"]) {
      expect(resourceAt(tf, "aws_route53_record", `certificate/${id}`)).toMatchObject({ zone_id: refOf(tf, "aws_route53_zone", "certificate/zone", "zone_id", true), ttl: 60 });
    }
    expect(resourceAt(tf, "aws_acm_certificate_validation", "certificate/validation").validation_record_fqdns).toHaveLength(3);
  });

  it("GIVEN no alternative names THEN the certificate lists none and one record validates it", () => {
    const tf = certificate();
    expect(resourceAt(tf, "aws_acm_certificate", "certificate/certificate")).not.toHaveProperty("subject_alternative_names");
    expect(resourceList(tf, "aws_route53_record")).toHaveLength(1);
  });
});
