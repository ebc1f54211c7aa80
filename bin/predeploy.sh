#!/usr/bin/env bash
# Runs a stack's pre-deploy tasks (e.g. database migrations) with the image about to be deployed,
# before `terraform apply` rolls the services out. See README "Pre-deploy tasks".
#   bin/predeploy.sh --stack <stack-name> --image-tag <tag> [--timeout <seconds>]
# Exit 0: every task succeeded, or the stack has none. Non-zero: a task failed or timed out (the
# message names its CloudWatch log group and stream); the deploy must stop.
set -euo pipefail
# Resolve the CLIs from the caller's PATH: a python3 shim (pyenv) may put its own bin/ first.
AWS_CLI="$(command -v aws || echo aws)" TERRAFORM_CLI="$(command -v terraform || echo terraform)" exec python3 "$(dirname "$0")/predeploy.py" "$@"
