import { Construct } from "constructs";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";

export interface ContainerRepositoryProps {
  readonly name: string;
  /** IMMUTABLE: a pushed tag can never point at another image. */
  readonly tagMutability: "MUTABLE" | "IMMUTABLE";
  /** Tagged images kept; older ones expire. */
  readonly keepTaggedImages: number;
  /** Days after which untagged images expire. */
  readonly untaggedExpiryDays: number;
  /** Allow `destroy` while images remain; keep false where images matter. */
  readonly forceDelete: boolean;
}

/** A private ECR repository: scan on push, KMS encryption, and a lifecycle policy. */
export class ContainerRepository extends Construct {
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    this.repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability: props.tagMutability,
      imageScanningConfiguration: { scanOnPush: true },
      // KMS with the AWS-managed aws/ecr key: encrypted at rest without a key to manage.
      encryptionConfiguration: [{ encryptionType: "KMS" }],
      forceDelete: props.forceDelete,
    });

    const lifecyclePolicy = {
      rules: [
        {
          rulePriority: 1,
          description: "Expire untagged images",
          selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: props.untaggedExpiryDays },
          action: { type: "expire" },
        },
        {
          rulePriority: 2,
          description: `Keep the last ${props.keepTaggedImages} tagged images`,
          selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: props.keepTaggedImages },
          action: { type: "expire" },
        },
      ],
    };
    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: this.repository.name,
      policy: JSON.stringify(lifecyclePolicy),
    });
  }
}
