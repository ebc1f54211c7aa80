import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { policyDocument } from "./policy";
import { denyInsecureTransport, privateBucketBaseline } from "./private-bucket";

export interface StateBucketProps {
  /** Globally unique bucket name (`state.bucket` of the environment). */
  readonly bucketName: string;
  /** Days a superseded state version is kept before S3 deletes it. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before S3 discards the parts of an unfinished multipart upload. */
  readonly abortIncompleteMultipartUploadDays: number;
  /** Refuse `terraform destroy` of the bucket (Terraform `prevent_destroy`). */
  readonly preventDestroy: boolean;
}

/**
 * Private, versioned, TLS-only S3 bucket for Terraform state with S3-native locking
 * (`use_lockfile`: the lock is a `<key>.tflock` object next to the state, no DynamoDB table).
 *
 * Encryption is SSE-S3 (AES256), not SSE-KMS with the AWS-managed `aws/s3` key: the S3 backend's
 * `encrypt = true` asks for AES256 on every PutObject anyway, so an `aws:kms` bucket default would
 * never apply to state objects; and `aws/s3` adds no access control (any principal of the account
 * that may read the object may decrypt it) while adding KMS request cost and throttling. Access is
 * controlled by IAM and this bucket's policy. A customer-managed key would be the step up, at the
 * price of key policy and kms:* grants for every CI role.
 */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionExpirationDays;
    const abortDays = props.abortIncompleteMultipartUploadDays;

    // Losing the state bucket orphans every resource of every environment stored in it.
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    const { publicAccessBlock } = privateBucketBaseline(this, this.bucket);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }],
        },
      ],
    });

    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: policyDocument(this, "policy-document", [
        denyInsecureTransport(this.bucket),
      ]).json,
      // S3 rejects concurrent PutPublicAccessBlock and PutBucketPolicy on a new bucket (OperationAborted).
      dependsOn: [publicAccessBlock],
    });
  }
}
