/**
 * The steps the workflows share: pinned actions (a full commit SHA with its version in a comment,
 * written next to the SHA by the YAML as `uses: <action>@<sha> # <version>`), and the shell that
 * reads the deployed image tags so an infrastructure plan never rolls an image back.
 */
import { commented } from "./yaml-text";

/** Versions every workflow installs. Saved plans are bound to the Terraform version that made them. */
export const TOOL_VERSIONS = { node: "20", terraform: "1.11.4", awsProvider: "6.25.0" } as const;

const ACTIONS = {
  checkout: ["actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"],
  setupNode: ["actions/setup-node", "49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0"],
  setupTerraform: ["hashicorp/setup-terraform", "b9cd54a3c349d3f38e8881555d616ced269862dd", "v3.1.2"],
  awsCredentials: ["aws-actions/configure-aws-credentials", "b47578312673ae6fa5b5096b330d9fbac3d116df", "v4.2.1"],
  ecrLogin: ["aws-actions/amazon-ecr-login", "062b18b96a7aff071d4dc91bc00c4c1a7945b076", "v2.0.1"],
  uploadArtifact: ["actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"],
  downloadArtifact: ["actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"],
  githubScript: ["actions/github-script", "60a0d83039c74a4aee543508d2ffcb1c3799cdea", "v7.0.1"],
} as const;

export type ActionName = keyof typeof ACTIONS;

/**
 * `uses:` value of a pinned action. The version comment is appended after rendering (see
 * pinComments): a YAML comment cannot follow a plain scalar through the document model.
 */
export const uses = (action: ActionName) => `${ACTIONS[action][0]}@${ACTIONS[action][1]}`;

/** Adds `# vX.Y.Z` after every pinned SHA, as the workflow tests and Dependabot expect. */
export function pinComments(text: string): string {
  let out = text;
  for (const [name, sha, version] of Object.values(ACTIONS)) out = out.split(`${name}@${sha}\n`).join(`${name}@${sha} # ${version}\n`);
  return out;
}

export const env = {
  NODE_VERSION: TOOL_VERSIONS.node,
  TF_VERSION: commented("The same version everywhere: saved plans are bound to the version that made them.", TOOL_VERSIONS.terraform),
  TF_IN_AUTOMATION: "1",
  TF_INPUT: "0",
};

export const checkout = (extra: Record<string, unknown> = {}) => ({ uses: uses("checkout"), with: { ...extra, "persist-credentials": false } });

export const setupNode = (lockFile?: string) => ({
  uses: uses("setupNode"),
  with: { "node-version": "${{ env.NODE_VERSION }}", cache: "npm", "cache-dependency-path": lockFile },
});

export const setupTerraform = () => ({
  uses: uses("setupTerraform"),
  with: { terraform_version: "${{ env.TF_VERSION }}", terraform_wrapper: false },
});

export function awsCredentials(options: { id?: string; role: string; session: string; region: string; long?: boolean; continueOnError?: string }) {
  return {
    id: options.id,
    "continue-on-error": options.continueOnError ? commented(options.continueOnError, true) : undefined,
    uses: uses("awsCredentials"),
    with: {
      "role-to-assume": options.role,
      "role-session-name": options.session,
      "role-duration-seconds": options.long ? commented("Credentials must outlive the longest apply (RDS); the role allows 2 h.", 7200) : undefined,
      "aws-region": options.region,
    },
  };
}

export const upload = (name: string, path: string, extra: Record<string, unknown> = {}) => ({
  uses: uses("uploadArtifact"),
  with: { name, path, "if-no-files-found": "error", "retention-days": 7, ...extra },
});

export const download = (name: string, path: string) => ({ uses: uses("downloadArtifact"), with: { name, path } });

/**
 * Checks, before any credential is configured, that the synthesized JSON needs only the pinned AWS
 * provider and runs no program: only `aws_*` resources and data sources (no `external`, `http`,
 * `terraform_data`, whose providers Terraform would install unasked), no provisioner, no module. The
 * JSON comes from an artifact made by a job without a token; this keeps code that job could have
 * planted from running next to the token.
 */
export function checkSynthesizedStack(stackFile: string) {
  return {
    name: "Check the stack uses only the pinned AWS provider and runs no program",
    env: { STACK_FILE: stackFile, AWS_PROVIDER: TOOL_VERSIONS.awsProvider },
    run: [
      'jq -e --arg v "$AWS_PROVIDER" \'',
      '  (.terraform.required_providers | keys) == ["aws"]',
      '  and .terraform.required_providers.aws.version == $v',
      '  and ([(.resource // {} | keys[]), (.data // {} | keys[])] | all(startswith("aws_")))',
      '  and ([.. | objects | select(has("provisioner"))] | length) == 0',
      '  and ((.module // {}) | length) == 0',
      "' \"$STACK_FILE\" > /dev/null || { echo \"::error::$STACK_FILE needs more than the AWS provider $AWS_PROVIDER, or runs a program\"; exit 1; }",
      "",
    ].join("\n"),
  };
}

/** Shell that writes image-tags.tfvars.json from the stack's `image_tags` output (first deploy: none yet). */
export const READ_IMAGE_TAGS = [
  "# Keep the image tags deployed now (first deploy: none yet, the config's tags apply).",
  "if terraform output -no-color -json image_tags > image-tags.json 2> output-error.log; then :",
  "elif grep -q 'Output \"image_tags\" not found' output-error.log; then echo '{}' > image-tags.json",
  "else cat output-error.log >&2; exit 1",
  "fi",
  "jq 'with_entries(.key |= \"image_tag_\" + .)' image-tags.json > image-tags.tfvars.json",
].join("\n");

/**
 * The stack's pre-deploy tasks (issue 13: migrations) with the image tag being deployed, run with
 * AWS credentials before the apply, from the directory holding cdktf.out (bin/predeploy.sh reads
 * `terraform -chdir=cdktf.out/stacks/<stack> output`); it exits 0 when the stack has none and
 * non-zero (deploy stopped, services untouched) when one fails.
 */
export const predeploy = (imageTag: string, workingDirectory?: string) => ({
  name: "Run the stack's pre-deploy tasks",
  "working-directory": workingDirectory,
  run: `bash bin/predeploy.sh --stack "$STACK" --image-tag "${imageTag}"\n`,
});

/**
 * main.yml's pre-deploy step. An infrastructure apply keeps every service on the tag it runs
 * (image-tags.json), so the tasks run with that tag. bin/predeploy.sh takes one tag per stack:
 * when services run different tags and the stack has pre-deploy tasks, the apply stops rather
 * than migrate with the wrong image. A first deploy has nothing to run before the apply.
 */
export const predeployDeployedTags = () => ({
  name: "Run the stack's pre-deploy tasks",
  run: String.raw`tags=$(jq -r '[.[]] | unique | join(" ")' "$STACK_DIR/image-tags.json")
set -- $tags
if [ "$#" -eq 0 ]; then
  echo "No image deployed yet (first deploy): no pre-deploy task to run before this apply."
elif [ "$#" -eq 1 ]; then
  bash bin/predeploy.sh --stack "$STACK" --image-tag "$1"
elif terraform -chdir="$STACK_DIR" output -json predeploy_tasks 2>/dev/null | jq -e 'length > 0' > /dev/null; then
  echo "::error::$STACK's services run different image tags ($tags); its pre-deploy tasks need one. Ship the image with deploy-image.yml, then re-run."
  exit 1
else
  bash bin/predeploy.sh --stack "$STACK" --image-tag "$1"
fi
`,
});
