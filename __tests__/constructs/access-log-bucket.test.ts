/** constructs/access-log-bucket.ts: who may write the ALB's logs, where, and for how long they are kept. */
import { AccessLogBucket, type AccessLogBucketProps } from "../../constructs/access-log-bucket";
import { addressOf, policyStatement, refOf, resourceAt, synthScope } from "../helpers";

const BASE: AccessLogBucketProps = { bucketPrefix: "demo-dev-alb-logs-", logPrefix: "alb", accountId: "111111111111", partition: "aws", retentionDays: 90, forceDestroy: false };
const bucket = (props: Partial<AccessLogBucketProps> = {}) => synthScope((scope) => new AccessLogBucket(scope, "access-logs", { ...BASE, ...props })).tf;
const DOCUMENT = "access-logs/policy-document";

describe("AccessLogBucket", () => {
  const tf = bucket();
  const objects = `${refOf(tf, "aws_s3_bucket", "access-logs/bucket", "arn")}/alb/AWSLogs/111111111111/*`;

  it("GIVEN the log prefix and account THEN the log-delivery service may put objects only under <prefix>/AWSLogs/<account>/", () => {
    expect(policyStatement(tf, DOCUMENT, "ElbLogDeliveryService")).toEqual({
      sid: "ElbLogDeliveryService",
      actions: ["s3:PutObject"],
      resources: [objects],
      principals: [{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }],
    });
  });

  it("GIVEN an older region THEN its regional ELB account may put the same objects", () => {
    expect(policyStatement(tf, DOCUMENT, "ElbRegionalAccount")).toMatchObject({
      resources: [objects],
      principals: [{ type: "AWS", identifiers: [refOf(tf, "aws_elb_service_account", "access-logs/elb-account", "arn", true)] }],
    });
  });

  it("GIVEN any request not over TLS THEN the bucket refuses it", () => {
    expect(policyStatement(tf, DOCUMENT, "DenyInsecureTransport")).toMatchObject({ effect: "Deny", condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] });
  });

  it("GIVEN a new bucket THEN the policy waits for the public access block (S3 rejects both at once)", () => {
    expect(resourceAt(tf, "aws_s3_bucket_policy", "access-logs/policy").depends_on).toEqual([addressOf(tf, "aws_s3_bucket_public_access_block", "access-logs/public-access-block")]);
  });

  it("GIVEN a retention THEN logs expire after it", () => {
    expect(resourceAt(bucket({ retentionDays: 30 }), "aws_s3_bucket_lifecycle_configuration", "access-logs/lifecycle").rule).toEqual([
      expect.objectContaining({ status: "Enabled", expiration: [{ days: 30 }] }),
    ]);
  });

  it("GIVEN forceDestroy THEN the bucket can be destroyed with logs in it", () => {
    expect(resourceAt(bucket({ forceDestroy: true }), "aws_s3_bucket", "access-logs/bucket")).toEqual({ bucket_prefix: "demo-dev-alb-logs-", force_destroy: true });
  });
});
