/**
 * Sign-in at the load balancer for one route: an `authenticate-oidc` or `authenticate-cognito`
 * action ahead of the forward. The OIDC action carries a placeholder client secret; the real one
 * is set from Secrets Manager after apply (SignInClientSecret), so it never reaches configuration,
 * the synthesized JSON, a plan or the state. Cognito needs no secret here: the ALB reads the user
 * pool client's secret from Cognito itself.
 */
import type { LbListenerRuleAction } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { SIGN_IN_SECRET_PLACEHOLDER } from "./sign-in-client-secret";

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

/** The sign-in action (order 1) of a route. */
export function authenticateAction(auth: RouteAuthentication): LbListenerRuleAction {
  if (auth.kind === "cognito") {
    return { type: "authenticate-cognito", order: 1, authenticateCognito: { userPoolArn: auth.userPoolArn, userPoolClientId: auth.userPoolClientId, userPoolDomain: auth.userPoolDomain } };
  }
  return {
    type: "authenticate-oidc",
    order: 1,
    authenticateOidc: {
      issuer: auth.issuer,
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
      userInfoEndpoint: auth.userInfoEndpoint,
      clientId: auth.clientId,
      clientSecret: SIGN_IN_SECRET_PLACEHOLDER,
      scope: auth.scope,
      onUnauthenticatedRequest: "authenticate",
    },
  };
}
