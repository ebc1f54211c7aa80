/**
 * Sign-in at the load balancer for one route: an `authenticate-oidc` or `authenticate-cognito`
 * action ahead of the forward. The OIDC client secret is read from Secrets Manager by a data source
 * at plan time: it never appears in configuration or in the synthesized JSON, but the provider
 * keeps it (marked sensitive) in the state of the data source and of the listener rule, because the
 * ALB API takes the secret itself. Whoever can read the state can read the secret.
 */
import type { Construct } from "constructs";
import { Fn } from "cdktf";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import type { LbListenerRuleAction } from "@cdktf/provider-aws/lib/lb-listener-rule";

export type RouteAuthentication =
  | {
      readonly kind: "oidc";
      readonly issuer: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly userInfoEndpoint: string;
      readonly clientId: string;
      /** Secrets Manager name or ARN, and the JSON key when the secret is a JSON object. */
      readonly clientSecret: { readonly secret: string; readonly jsonKey?: string };
      readonly scope: string;
    }
  | { readonly kind: "cognito"; readonly userPoolArn: string; readonly userPoolClientId: string; readonly userPoolDomain: string };

/** The sign-in action (order 1) of route `key`. */
export function authenticateAction(scope: Construct, key: string, auth: RouteAuthentication): LbListenerRuleAction {
  if (auth.kind === "cognito") {
    return { type: "authenticate-cognito", order: 1, authenticateCognito: { userPoolArn: auth.userPoolArn, userPoolClientId: auth.userPoolClientId, userPoolDomain: auth.userPoolDomain } };
  }
  const version = new DataAwsSecretsmanagerSecretVersion(scope, `oidc-client-secret-${key}`, { secretId: auth.clientSecret.secret });
  const clientSecret = auth.clientSecret.jsonKey ? Fn.lookup(Fn.jsondecode(version.secretString), auth.clientSecret.jsonKey) : version.secretString;
  return {
    type: "authenticate-oidc",
    order: 1,
    authenticateOidc: {
      issuer: auth.issuer,
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
      userInfoEndpoint: auth.userInfoEndpoint,
      clientId: auth.clientId,
      clientSecret,
      scope: auth.scope,
      onUnauthenticatedRequest: "authenticate",
    },
  };
}
