/**
 * main.yml: synthesize once without any token, then per environment in order: plan and apply
 * (terraform only, from the artifact), production behind its GitHub environment's reviewers.
 */
import { READ_IMAGE_TAGS, awsCredentials, checkSynthesizedStack, checkout, download, env, predeployDeployedTags, setupNode, setupTerraform, upload } from "./steps";
import type { Target } from "./targets";
import { commented, spaced, yamlText } from "./yaml-text";

const RUN_URL = "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}";

/** Plan with the deployed image tags; writes plan.txt, status.txt and the `changes` output. */
function planScript(lock: "take" | "none"): string {
  const lockFlag = lock === "take" ? "-lock-timeout=5m" : "-lock=false";
  return `status=failure
trap 'echo "$status" > status.txt' EXIT
terraform init -no-color -input=false ${lockFlag}
${READ_IMAGE_TAGS}
set +e
terraform plan -no-color -input=false ${lockFlag} -detailed-exitcode -out=tfplan -var-file=image-tags.tfvars.json 2>&1 | tee plan.log
code=\${PIPESTATUS[0]}
set -e
if [ "$code" -eq 1 ]; then cp plan.log plan.txt; exit 1; fi
echo "changes=$([ "$code" -eq 2 ] && echo true || echo false)" >> "$GITHUB_OUTPUT"
terraform show -no-color tfplan > plan.txt
status=success
`;
}

const NO_LOCK_NOTE =
  "The plan role may not write the state lock file: this plan takes no lock. Applying the saved plan\ntakes it, and Terraform refuses the plan if the state changed since (\"Saved plan is stale\").";

/** Steps every Terraform job starts with: the artifact, its check, Terraform. */
const terraformPrelude = (stackDir: string) => [
  commented("The repository only for bin/predeploy.sh: no npm and no synth in a job that holds a token.", checkout()),
  { name: "Download the synthesized stacks", ...download("cdktf-out", "cdktf.out") },
  checkSynthesizedStack(`${stackDir}/cdk.tf.json`),
  setupTerraform(),
];

/** A job without a token that renders a plan into the run's summary (bin/plan-comment.ts needs npm). */
function showJob(t: Target, needs: string, artifact?: string) {
  const args = artifact ? ` --artifact ${artifact}` : "";
  return {
    name: `Show the plan of ${t.stack}`,
    needs,
    if: `always() && needs.${needs}.result != 'skipped'`,
    "runs-on": "ubuntu-latest",
    "timeout-minutes": 10,
    permissions: { contents: "read" },
    env: { STACK: t.stack, RUN_URL },
    steps: [
      checkout(),
      setupNode(),
      { run: "npm ci" },
      { name: "Download the plan text", "continue-on-error": true, ...download(`plan-${t.stack}`, "plan") },
      {
        name: artifact ? "Job summary (what the reviewers approve)" : "Job summary",
        run: [
          "mkdir -p plan",
          "status=$(cat plan/status.txt 2>/dev/null || echo failure)",
          '[ -f plan/plan.txt ] || echo "Error: the plan job left no plan text; see its log." > plan/plan.txt',
          `render() { node --import tsx bin/plan-comment.ts --stack "$STACK" --plan plan/plan.txt --status "$status" --run-url "$RUN_URL"${args} "$@"; }`,
          '{ render --summary --header; echo; render; } >> "$GITHUB_STEP_SUMMARY"',
          "",
        ].join("\n"),
      },
    ],
  };
}

const concurrency = (t: Target) => ({ group: `terraform-${t.stack}`, "cancel-in-progress": false });
const planText = (t: Target, stackDir: string) => ({
  name: "Upload the plan text",
  if: "always()",
  ...upload(`plan-${t.stack}`, `${stackDir}/plan.txt\n${stackDir}/status.txt\n`, { "if-no-files-found": "warn", "retention-days": 30 }),
});

/** dev-like: one job plans with the apply role and applies the saved plan. */
function applyInPlace(t: Target, needs: Needs) {
  const stackDir = `cdktf.out/stacks/${t.stack}`;
  return {
    [t.environment]: {
      name: `Plan and apply ${t.stack}`,
      ...needs,
      "runs-on": "ubuntu-latest",
      "timeout-minutes": 90,
      concurrency: commented(
        `No \`environment:\` on purpose: this apply role trusts pushes to the apply branch, and an\nenvironment would change the OIDC subject. Applies to one stack never overlap.`,
        concurrency(t),
      ),
      permissions: { contents: "read", "id-token": "write" },
      env: { STACK: t.stack, STACK_DIR: stackDir },
      steps: [
        ...terraformPrelude("${{ env.STACK_DIR }}"),
        awsCredentials({ role: `\${{ vars.${t.applyRoleVar} }}`, session: `apply-${t.stack}-\${{ github.run_id }}`, region: t.region, long: true }),
        { name: "Terraform plan", id: "plan", "working-directory": "${{ env.STACK_DIR }}", run: planScript("take") },
        planText(t, "${{ env.STACK_DIR }}"),
        { ...predeployDeployedTags(), if: "steps.plan.outputs.changes == 'true'" },
        {
          name: "Terraform apply",
          if: "steps.plan.outputs.changes == 'true'",
          "working-directory": "${{ env.STACK_DIR }}",
          run: "terraform apply -no-color -input=false -lock-timeout=5m tfplan",
        },
      ],
    },
    [`show-${t.environment}`]: showJob(t, t.environment),
  };
}

/** prod-like: plan with the plan role, show it, apply exactly that plan in the GitHub environment. */
function applyAfterReview(t: Target, needs: Needs, environment: string) {
  const stackDir = `cdktf.out/stacks/${t.stack}`;
  const plan = `plan-${t.environment}`;
  const show = `show-${t.environment}`;
  return {
    [plan]: {
      name: `Plan ${t.stack}`,
      ...needs,
      "runs-on": "ubuntu-latest",
      "timeout-minutes": 30,
      concurrency: concurrency(t),
      permissions: { contents: "read", "id-token": "write" },
      env: { STACK: t.stack, STACK_DIR: stackDir },
      outputs: { changes: "${{ steps.plan.outputs.changes }}" },
      steps: [
        ...terraformPrelude("${{ env.STACK_DIR }}").slice(1),
        awsCredentials({ role: `\${{ vars.${t.planRoleVar} }}`, session: `plan-${t.stack}-\${{ github.run_id }}`, region: t.region }),
        { name: "Terraform plan", id: "plan", "working-directory": "${{ env.STACK_DIR }}", run: commented(NO_LOCK_NOTE, planScript("none")) },
        planText(t, "${{ env.STACK_DIR }}"),
        {
          name: "Upload the saved plan for the apply job",
          ...upload(
            `tfplan-${t.stack}`,
            "${{ env.STACK_DIR }}/cdk.tf.json\n${{ env.STACK_DIR }}/.terraform.lock.hcl\n${{ env.STACK_DIR }}/tfplan\n${{ env.STACK_DIR }}/plan.txt\n${{ env.STACK_DIR }}/image-tags.json\n",
            { "include-hidden-files": true },
          ),
        },
      ],
    },
    [show]: showJob(t, plan, `tfplan-${t.stack}`),
    [`apply-${t.environment}`]: {
      name: `Apply ${t.stack}`,
      needs: [plan, show],
      if: `needs.${plan}.outputs.changes == 'true'`,
      "runs-on": "ubuntu-latest",
      "timeout-minutes": 120,
      environment: commented(
        `Required reviewers approve here, after reading ${show}'s summary. This apply role trusts only\nrepo:<owner>/<repo>:environment:${environment}.`,
        environment,
      ),
      concurrency: concurrency(t),
      permissions: { contents: "read", "id-token": "write" },
      env: { STACK: t.stack, STACK_DIR: stackDir },
      steps: [
        commented("The repository only for bin/predeploy.sh: no npm and no synth in a job that holds a token.", checkout()),
        commented("tfplan holds the configuration and variable values; the lock file pins the providers init installs.", {
          name: "Download the reviewed plan",
          ...download(`tfplan-${t.stack}`, "${{ env.STACK_DIR }}"),
        }),
        checkSynthesizedStack("${{ env.STACK_DIR }}/cdk.tf.json"),
        setupTerraform(),
        awsCredentials({ role: `\${{ vars.${t.applyRoleVar} }}`, session: `apply-${t.stack}-\${{ github.run_id }}`, region: t.region, long: true }),
        { name: "Terraform init", "working-directory": "${{ env.STACK_DIR }}", run: "terraform init -no-color -input=false -lock-timeout=5m\n" },
        predeployDeployedTags(),
        {
          name: "Terraform apply (the saved plan)",
          "working-directory": "${{ env.STACK_DIR }}",
          run: commented(
            'Terraform refuses a plan whose state changed since it was made ("Saved plan is stale"),\ne.g. by an image deploy in between: re-run the workflow to plan again.',
            "terraform apply -no-color -input=false -lock-timeout=5m tfplan\n",
          ),
        },
      ],
    },
  };
}

interface Needs {
  readonly needs: string | string[];
  readonly if?: string;
}

export function mainWorkflow(targets: readonly Target[]): string {
  const synth = {
    name: "Synthesize",
    "runs-on": "ubuntu-latest",
    "timeout-minutes": 20,
    permissions: { contents: "read" },
    steps: [checkout(), setupNode(), { run: "npm ci" }, { run: "npm run synth" }, upload("cdktf-out", "cdktf.out")],
  };
  let jobs: Record<string, unknown> = { synth };
  let needs: Needs = { needs: "synth" };
  for (const t of targets) {
    if (t.applyEnvironment) {
      jobs = { ...jobs, ...applyAfterReview(t, needs, t.applyEnvironment) };
      const plan = `plan-${t.environment}`;
      const apply = `apply-${t.environment}`;
      // The apply is skipped when the plan has no changes; the next environment still follows.
      needs = { needs: [plan, apply], if: `always() && needs.${plan}.result == 'success' && (needs.${apply}.result == 'success' || needs.${apply}.result == 'skipped')` };
    } else {
      jobs = { ...jobs, ...applyInPlace(t, needs) };
      needs = { needs: t.environment };
    }
  }
  const order = targets.map((t) => t.environment).join(" → ");
  const header = `Generated by \`npm run workflows\` from the configuration: edit tools/workflows/, not this file.

Applies main to every environment in order (${order}). Synthesis and \`npm ci\` run only in jobs
without an AWS token; the Terraform jobs download cdktf.out and run terraform (and bin/predeploy.sh).

${targets
  .map((t) =>
    t.applyEnvironment
      ? `  ${t.stack}: plan (${t.planRoleVar}) → summary → apply that saved plan in the \`${t.applyEnvironment}\` environment (${t.applyRoleVar})`
      : `  ${t.stack}: plan → apply the saved plan (${t.applyRoleVar}; trusts pushes to the apply branch)`,
  )
  .join("\n")}

Every plan passes the image tags running now back in (\`terraform output -json image_tags\`), so an
infrastructure apply never rolls back an image shipped by deploy-image.yml. Needs (docs/deploy.md):
the repository variables above and each GitHub environment with required reviewers.`;
  return yamlText(
    header,
    spaced({
      name: "main",
      on: { push: { branches: ["main"] } },
      permissions: {},
      env,
      jobs: spaced(jobs),
    }),
  );
}
