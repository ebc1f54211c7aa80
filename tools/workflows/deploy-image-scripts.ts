/**
 * The shell of deploy-image.yml's steps, kept apart from the job layout (./deploy-image.ts).
 * Every script runs under GitHub's `bash -e`.
 */

export const CHECK_INPUTS = `[[ "$SERVICE" =~ ^[a-z][a-z0-9-]{0,22}[a-z0-9]$ ]] || { echo "::error::service: '$SERVICE' is not a service key (lowercase letters, digits, '-')"; exit 1; }
[[ "$STACK" =~ ^[a-z][a-z0-9-]*$ ]] || { echo "::error::stack: '$STACK' is not a stack name such as shop-dev"; exit 1; }
[[ "$IMAGE_TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "::error::image-tag: '$IMAGE_TAG' is not a valid image tag"; exit 1; }
`;

export const READ_CURRENT = `terraform init -no-color -input=false -lock-timeout=5m
if terraform output -no-color -json image_tags > image-tags.json 2> output-error.log; then :
elif grep -q 'Output "image_tags" not found' output-error.log; then echo '{}' > image-tags.json
else cat output-error.log >&2; exit 1
fi
# The other services keep their tags; this file also restores this service's previous tag on failure.
jq 'with_entries(.key |= "image_tag_" + .)' image-tags.json > image-tags.tfvars.json
cluster=$(terraform output -raw cluster_name)
service_name=$(terraform output -json service_names | jq -r --arg s "$SERVICE" '.[$s] // empty')
[ -n "$service_name" ] || { echo "::error::service '$SERVICE' is not deployed in $STACK; apply the infrastructure first (main.yml)"; exit 1; }
if [ -n "$ECR_REPOSITORY" ]; then
  registry=$(terraform output -json ecr_repository_urls | jq -r 'first(.[]) | split("/")[0]')
  repository_url="$registry/$ECR_REPOSITORY"
else
  repository_url=$(terraform output -json ecr_repository_urls | jq -r --arg s "$SERVICE" '.[$s]')
fi
{
  echo "cluster=$cluster"
  echo "service_name=$service_name"
  echo "repository_url=$repository_url"
  echo "repository_name=\${repository_url#*/}"
  echo "previous_tag=$(jq -r --arg s "$SERVICE" '.[$s] // "none"' image-tags.json)"
} >> "$GITHUB_OUTPUT"
`;

export const BUILD = `if aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids "imageTag=$IMAGE_TAG" > /dev/null 2>&1; then
  # Production repositories are IMMUTABLE: an existing tag cannot be pushed again, and need not be.
  echo "$REPOSITORY_URL:$IMAGE_TAG already exists; deploying it as is."
  exit 0
fi
docker build \\
  --platform "$PLATFORM" \\
  --file "\${DOCKERFILE:-$CONTEXT/Dockerfile}" \\
  --label "org.opencontainers.image.revision=$GITHUB_SHA" \\
  --label "org.opencontainers.image.source=$GITHUB_SERVER_URL/$GITHUB_REPOSITORY" \\
  --tag "$REPOSITORY_URL:$IMAGE_TAG" \\
  "$CONTEXT"
docker push "$REPOSITORY_URL:$IMAGE_TAG"
`;

/**
 * Shell function: fails unless the saved plan $1 changes only this service's task definition and
 * service, and its task definition runs image tag $2. Both the deploy and the rollback plan pass it.
 */
const GUARD = `# An image deploy replaces this service's task definition and updates its service, nothing else.
# Other pending changes belong to main.yml's reviewed plan, not to an application deploy.
guard() {
  local plan=$1 tag=$2 unexpected
  terraform show -json "$plan" > "$plan.json"
  unexpected=$(jq -r --arg s "$SERVICE" '
    .resource_changes[]?
    | select(.mode == "managed" and .change.actions != ["no-op"])
    | select((.address | startswith("aws_ecs_task_definition.service-\\($s)_task-definition_")
           or startswith("aws_ecs_service.service-\\($s)_service_")) | not)
    | "\\(.change.actions | join("/")) \\(.address)"' "$plan.json")
  if [ -n "$unexpected" ]; then
    echo "::error::$STACK has pending infrastructure changes; apply them first (main.yml), then deploy again."
    echo "$unexpected"
    return 1
  fi
  jq -e --arg s "$SERVICE" --arg tag ":$tag" '
    [.resource_changes[]?
     | select(.address | startswith("aws_ecs_task_definition.service-\\($s)_task-definition_"))
     | select(.change.actions != ["no-op"])
     | .change.after.container_definitions | fromjson | .[].image]
    | all(endswith($tag))' "$plan.json" > /dev/null || { echo "::error::the plan of $plan does not run image tag $tag"; return 1; }
}
`;

export const PLAN = `${GUARD}set +e
terraform plan -no-color -input=false -lock-timeout=5m -detailed-exitcode -out=tfplan \\
  -var-file=image-tags.tfvars.json -var "image_tag_\${SERVICE}=\${IMAGE_TAG}"
code=$?
set -e
[ "$code" -ne 1 ] || exit 1
echo "changes=$([ "$code" -eq 2 ] && echo true || echo false)" >> "$GITHUB_OUTPUT"
guard tfplan "$IMAGE_TAG"
`;

export const ROLLBACK = `${GUARD}if [ "$PREVIOUS_TAG" = none ]; then
  echo "::error::$SERVICE had no deployed tag before this run: nothing to roll Terraform back to."
  exit 1
fi
terraform plan -no-color -input=false -lock-timeout=5m -out=rollback.tfplan -var-file=image-tags.tfvars.json
guard rollback.tfplan "$PREVIOUS_TAG"
terraform apply -no-color -input=false -lock-timeout=5m rollback.tfplan
`;

export const WAIT = `# One wait is 40 polls of 15 s; slow health checks or a circuit-breaker rollback can take longer.
for attempt in 1 2 3; do
  aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE_NAME" && break
  [ "$attempt" -lt 3 ] || { echo "::error::$SERVICE_NAME did not become stable"; exit 1; }
done
# A circuit-breaker rollback also ends stable, on the previous task definition: check the image.
task_definition=$(aws ecs describe-services --cluster "$CLUSTER" --services "$SERVICE_NAME" --query 'services[0].taskDefinition' --output text)
aws ecs describe-task-definition --task-definition "$task_definition" --query 'taskDefinition.containerDefinitions[].image' --output json |
  jq -e --arg tag ":$IMAGE_TAG" 'any(.[]; endswith($tag))' > /dev/null || {
    echo "::error::$SERVICE_NAME runs $task_definition, not $IMAGE_TAG: the deployment failed and ECS rolled it back"
    exit 1
  }
`;

export const SUMMARY = `{
  echo "### Deploy \\\`$SERVICE\\\` to \\\`$STACK\\\`: $OUTCOME"
  echo
  echo "| Image | Previous tag |"
  echo "| --- | --- |"
  echo "| \\\`$REPOSITORY_URL:$IMAGE_TAG\\\` | \\\`$PREVIOUS_TAG\\\` |"
} >> "$GITHUB_STEP_SUMMARY"
`;
