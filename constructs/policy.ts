import { Construct } from "constructs";
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

/** An IAM policy document rendered by Terraform (aws_iam_policy_document), never a hand-built JSON string. */
export function policyDocument(scope: Construct, id: string, statements: PolicyStatement[]): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, { statement: statements });
}

/**
 * Trust policy for an AWS service principal, limited to requests made on behalf of this
 * account (aws:SourceAccount) to prevent the confused-deputy problem.
 */
export function serviceTrustPolicy(scope: Construct, id: string, service: string, accountId: string): DataAwsIamPolicyDocument {
  return policyDocument(scope, id, [
    {
      sid: "AllowServiceToAssume",
      effect: "Allow",
      actions: ["sts:AssumeRole"],
      principals: [{ type: "Service", identifiers: [service] }],
      condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] }],
    },
  ]);
}
