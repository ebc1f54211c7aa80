import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { policyDocument } from "./policy";
import { denyInsecureTransport, privateBucketBaseline } from "./private-bucket";

export interface AccessLogBucketProps {
  /** Bucket name prefix (a random suffix keeps names globally unique). */
  readonly bucketPrefix: string;
  /** Key prefix ALB writes under. */
  readonly logPrefix: string;
  readonly accountId: string;
  readonly partition: string;
  readonly retentionDays: number;
  /** Allow destroying the bucket with logs in it. */
  readonly forceDestroy: boolean;
}

/**
 * Private SSE-S3 bucket for ALB access logs (ALB log delivery supports only SSE-S3), writable by
 * the regional ELB log-delivery principals, TLS-only, expiring old logs.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** Resources ALB access logging depends on (the bucket policy must exist first). */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucketPrefix: props.bucketPrefix, forceDestroy: props.forceDestroy });
    const { encryption, publicAccessBlock } = privateBucketBaseline(this, this.bucket);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    // Older regions deliver logs as the regional ELB account; newer ones as the log-delivery service.
    const elbAccount = new DataAwsElbServiceAccount(this, "elb-account", {});
    const objects = `${this.bucket.arn}/${props.logPrefix}/AWSLogs/${props.accountId}/*`;
    const policy = new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: policyDocument(this, "policy-document", [
        {
          sid: "ElbLogDeliveryService",
          actions: ["s3:PutObject"],
          resources: [objects],
          principals: [{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }],
        },
        {
          sid: "ElbRegionalAccount",
          actions: ["s3:PutObject"],
          resources: [objects],
          principals: [{ type: "AWS", identifiers: [elbAccount.arn] }],
        },
        denyInsecureTransport(this.bucket),
      ]).json,
      // S3 rejects concurrent PutPublicAccessBlock and PutBucketPolicy on a new bucket (OperationAborted).
      dependsOn: [publicAccessBlock],
    });
    this.ready = [policy, encryption];
  }
}
