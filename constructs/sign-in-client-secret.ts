/**
 * Sets the OIDC client secret of one listener or listener rule after Terraform wrote it, so the
 * secret never reaches configuration, the synthesized JSON, a plan or the state.
 *
 * The ALB API takes the secret itself, and the provider keeps what it sent (it cannot read the
 * secret back). So Terraform sends a placeholder, and this `terraform_data` resource's local-exec
 * step, which runs on the machine that runs `terraform apply`, reads the secret from Secrets Manager
 * and writes it onto the load balancer with the AWS CLI. It runs whenever Terraform may have sent the
 * placeholder again: on create, whenever Terraform plans a change to the target's actions (the
 * provider re-sends actions only then; `replace_triggered_by`), and when the target, the secret or
 * the region change. Needs `aws` and `jq` on that machine, and `secretsmanager:GetSecretValue` on
 * the secret.
 */
import { Construct } from "constructs";
import { DataResource } from "cdktf";

/** What Terraform sends as the client secret; never a secret, and never accepted by an identity provider. */
export const SIGN_IN_SECRET_PLACEHOLDER = "placeholder-replaced-after-apply-from-secrets-manager";

/**
 * The step, in POSIX sh. Every input arrives in an environment variable, so no configuration text
 * is ever part of the command; the secret travels in environment and a 0600 temporary file, never
 * in a process's arguments or the output. No `${` or `%{` in here: Terraform would interpolate them.
 */
export const SET_CLIENT_SECRET_SCRIPT = `set +x
set -eu
if ! secret_string=$(aws secretsmanager get-secret-value --region "$SIGN_IN_REGION" --secret-id "$SIGN_IN_SECRET_ID" --query SecretString --output json); then
  echo "cannot read the sign-in client secret $SIGN_IN_SECRET_ID in $SIGN_IN_REGION: missing, or not readable by this role (README: sign-in)" >&2
  exit 1
fi
if [ "$SIGN_IN_TARGET_KIND" = rule ]; then
  actions=$(aws elbv2 describe-rules --region "$SIGN_IN_REGION" --rule-arns "$SIGN_IN_TARGET_ARN" --query 'Rules[0].Actions' --output json)
else
  actions=$(aws elbv2 describe-listeners --region "$SIGN_IN_REGION" --listener-arns "$SIGN_IN_TARGET_ARN" --query 'Listeners[0].DefaultActions' --output json)
fi
# jq 1.6 lets a try catch errors raised after it: hence the collected [try ...] and no ? operator.
# The request reaches the CLI in a 0600 file (file:///dev/stdin is not read by every installation of
# the CLI), removed on exit and on INT, TERM and HUP.
umask 077
request_file=$(mktemp)
trap 'rm -f "$request_file"' EXIT
trap 'exit 1' INT TERM HUP
request=$(SIGN_IN_SECRET_STRING=$secret_string jq -n --argjson actions "$actions" --arg key "$SIGN_IN_SECRET_JSON_KEY" --arg arn "$SIGN_IN_TARGET_ARN" --arg kind "$SIGN_IN_TARGET_KIND" '
  ($ENV.SIGN_IN_SECRET_STRING | fromjson) as $string
  | (if $key == "" then $string
     else ([$string | try fromjson catch "not JSON"] | .[0]) as $parsed
       | if ($parsed | type) == "object" then $parsed[$key] else error("the secret is not a JSON object, but a JSON key is configured") end
     end) as $secret
  | if ($secret | type) != "string" or $secret == "" then error("the secret holds no client secret" + (if $key == "" then "" else " under key " + $key end)) else . end
  | [$actions[]
     | if .Type == "authenticate-oidc" then .AuthenticateOidcConfig |= (del(.UseExistingClientSecret) | .ClientSecret = $secret) else . end
     | if .ForwardConfig then del(.TargetGroupArn) else . end]
  | if $kind == "rule" then {RuleArn: $arn, Actions: .} else {ListenerArn: $arn, DefaultActions: .} end')
printf '%s' "$request" > "$request_file"
if [ "$SIGN_IN_TARGET_KIND" = rule ]; then
  aws elbv2 modify-rule --region "$SIGN_IN_REGION" --cli-input-json "file://$request_file" > /dev/null
else
  aws elbv2 modify-listener --region "$SIGN_IN_REGION" --cli-input-json "file://$request_file" > /dev/null
fi
echo "sign-in client secret set on $SIGN_IN_TARGET_KIND $SIGN_IN_TARGET_ARN"
`;

export interface SignInClientSecretProps {
  /** A listener rule, or a listener whose default action signs in. */
  readonly target: { readonly kind: "rule" | "listener"; readonly arn: string };
  /**
   * The target's actions attribute (`aws_lb_listener_rule.x.action`, `aws_lb_listener.x.default_action`):
   * whenever Terraform plans a change to it (config, hand edits, drift), it sends the placeholder
   * again, and the step is replaced, so run again, after it.
   */
  readonly actionsAttribute: string;
  /** Secrets Manager name or ARN, and the JSON key when the secret is a JSON object. */
  readonly secret: { readonly secret: string; readonly jsonKey?: string };
  readonly region: string;
}

export class SignInClientSecret extends Construct {
  public readonly step: DataResource;

  constructor(scope: Construct, id: string, props: SignInClientSecretProps) {
    super(scope, id);
    // No key (the whole secret string is the client secret) reaches the script as "".
    const jsonKey = props.secret.jsonKey ?? "";
    this.step = new DataResource(this, "step", {
      // A new target, or another secret, key or region: run again too.
      triggersReplace: { target_arn: props.target.arn, secret_id: props.secret.secret, json_key: jsonKey, region: props.region },
      lifecycle: { replaceTriggeredBy: [props.actionsAttribute] },
      provisioners: [
        {
          type: "local-exec",
          interpreter: ["/bin/sh", "-c"],
          command: SET_CLIENT_SECRET_SCRIPT,
          environment: {
            SIGN_IN_TARGET_KIND: props.target.kind,
            SIGN_IN_TARGET_ARN: props.target.arn,
            SIGN_IN_SECRET_ID: props.secret.secret,
            SIGN_IN_SECRET_JSON_KEY: jsonKey,
            SIGN_IN_REGION: props.region,
            AWS_PAGER: "",
          },
        },
      ],
    });
  }
}
