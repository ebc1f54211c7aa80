import { Construct } from "constructs";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface CertificateProps {
  /** Existing public Route 53 hosted zone, looked up by name. */
  readonly zone: string;
  /** Host name on the certificate. */
  readonly name: string;
  /** Further names on the certificate (same zone). */
  readonly alternativeNames: readonly string[];
}

/**
 * An ACM certificate for the service's host names, validated through DNS records in the existing
 * Route 53 hosted zone. `certificateArn` resolves only once validation has succeeded.
 */
export class Certificate extends Construct {
  public readonly zone: DataAwsRoute53Zone;
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const domain = props;
    this.zone = new DataAwsRoute53Zone(this, "zone", { name: domain.zone, privateZone: false });
    // create_before_destroy: a changed name list gets its new certificate attached before the old one goes.
    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: domain.name,
      subjectAlternativeNames: domain.alternativeNames.length > 0 ? [...domain.alternativeNames] : undefined,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });

    // One record per name, keyed by name so the addresses are known at synth time.
    const records = [domain.name, ...domain.alternativeNames].map((name, i) => {
      const option = this.certificate.domainValidationOptions.get(i);
      return new Route53Record(this, `validation-${name.replace(/\*/g, "wildcard").replace(/\./g, "-")}`, {
        zoneId: this.zone.zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 60,
        allowOverwrite: true,
      });
    });
    this.validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: records.map((r) => r.fqdn),
    });
  }
}
