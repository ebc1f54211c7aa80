import * as cdk from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { EnvironmentStackProps } from "./settings";

/** State bucket and GitHub OIDC plan/apply roles (stacks/bootstrap-stack.ts's resources). */
export class BootstrapStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const bucket = new s3.Bucket(this, "StateBucket", {
      bucketName: s.stateBucket,
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // L1 on purpose: the L2 OpenIdConnectProvider is a custom resource with a Lambda asset.
    const provider = new iam.CfnOIDCProvider(this, "GithubOidc", {
      url: "https://token.actions.githubusercontent.com",
      clientIdList: ["sts.amazonaws.com"],
    });
    const principal = (subject: string) =>
      new iam.FederatedPrincipal(
        provider.attrArn,
        {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": subject },
        },
        "sts:AssumeRoleWithWebIdentity",
      );
    const plan = new iam.Role(this, "PlanRole", {
      roleName: `shop-${s.env}-plan`,
      assumedBy: principal(`repo:${s.githubRepository}:*`),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
    });
    bucket.grantRead(plan);
    const apply = new iam.Role(this, "ApplyRole", {
      roleName: `shop-${s.env}-apply`,
      assumedBy: principal(`repo:${s.githubRepository}:ref:refs/heads/main`),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("PowerUserAccess")],
    });
    apply.addToPolicy(
      new iam.PolicyStatement({
        actions: ["iam:CreateRole", "iam:DeleteRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PassRole", "iam:TagRole"],
        resources: [`arn:aws:iam::${s.account}:role/shop-${s.env}-*`],
      }),
    );
    bucket.grantReadWrite(apply);
    new cdk.CfnOutput(this, "StateBucketName", { value: bucket.bucketName });
    new cdk.CfnOutput(this, "PlanRoleArn", { value: plan.roleArn });
    new cdk.CfnOutput(this, "ApplyRoleArn", { value: apply.roleArn });
  }
}
