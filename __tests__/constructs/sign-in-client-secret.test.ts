/**
 * OIDC sign-in at the load balancer without the client secret in configuration, JSON, plan or
 * state: Terraform sends a placeholder, and a local-exec step (constructs/sign-in-client-secret.ts)
 * sets the real secret from Secrets Manager after apply. The step itself runs here against a fake
 * `aws` CLI and the real jq.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RouteProps } from "../../constructs/load-balancer";
import { SET_CLIENT_SECRET_SCRIPT, SIGN_IN_SECRET_PLACEHOLDER } from "../../constructs/sign-in-client-secret";
import fixture from "../../tools/rehearsal/fixtures/sign-in";
import { addressOf, refOf, resourceAt, resourceList, synth, synthScope, type Attributes, type TerraformJson } from "../helpers";
import { API_ROUTE, DEFAULT_ROUTE, loadBalancer } from "./support";

const CERTIFICATE = "arn:aws:acm:eu-west-1:111111111111:certificate/abc";
const OIDC = {
  kind: "oidc",
  issuer: "https://id.example.com",
  authorizationEndpoint: "https://id.example.com/authorize",
  tokenEndpoint: "https://id.example.com/token",
  userInfoEndpoint: "https://id.example.com/userinfo",
  clientId: "tool",
  clientSecret: { secret: "tool/oidc", jsonKey: "client_secret" },
  scope: "openid",
} as const;
const SHIFT = { alternateTargetGroupName: "demo-dev-api-alt", productionPriority: 50000, test: { header: "x-test", value: "1", priority: 99 } };

function synthRoutes(routes: Record<string, RouteProps>) {
  return synthScope((scope) => {
    const lb = loadBalancer(scope, { certificateArn: CERTIFICATE });
    for (const [key, route] of Object.entries(routes)) lb.addRoute(key, route);
    return lb;
  });
}

interface Step {
  triggers_replace: { target_arn: string; secret_id: string; json_key: string; region: string };
  lifecycle: { replace_triggered_by: string[] };
  provisioner: { "local-exec": { command: string; interpreter: string[]; environment: Record<string, string> } }[];
}
const step = (tf: TerraformJson, id: string) => resourceAt<Step>(tf, "terraform_data", `load-balancer/${id}/step`);

describe("OIDC sign-in: the client secret is set after apply, never sent by Terraform", () => {
  it("GIVEN the default route signs in THEN the listener carries the placeholder and a step targets the listener", () => {
    const { tf } = synthRoutes({ web: { ...DEFAULT_ROUTE, authenticate: OIDC } });
    const listener = resourceAt<{ default_action: Attributes[] }>(tf, "aws_lb_listener", "load-balancer/https-listener");
    expect(listener.default_action[0]).toMatchObject({ type: "authenticate-oidc", order: 1, authenticate_oidc: { client_secret: SIGN_IN_SECRET_PLACEHOLDER, client_id: "tool" } });
    const s = step(tf, "sign-in-secret-web-listener");
    const arn = refOf(tf, "aws_lb_listener", "load-balancer/https-listener", "arn");
    expect(s.provisioner).toHaveLength(1);
    expect(s.provisioner[0]["local-exec"]).toMatchObject({
      interpreter: ["/bin/sh", "-c"],
      command: SET_CLIENT_SECRET_SCRIPT,
      environment: { SIGN_IN_TARGET_KIND: "listener", SIGN_IN_TARGET_ARN: arn, SIGN_IN_SECRET_ID: "tool/oidc", SIGN_IN_SECRET_JSON_KEY: "client_secret", SIGN_IN_REGION: "eu-west-1", AWS_PAGER: "" },
    });
    // Replaced, so run again, whenever Terraform plans a change of the actions (it re-sends the
    // placeholder then), and when the target, secret, key or region change.
    expect(s.lifecycle.replace_triggered_by).toEqual([`${addressOf(tf, "aws_lb_listener", "load-balancer/https-listener")}.default_action`]);
    expect(s.triggers_replace).toEqual({ target_arn: arn, secret_id: "tool/oidc", json_key: "client_secret", region: "eu-west-1" });
    expect(resourceList(tf, "aws_secretsmanager_secret_version")).toEqual([]);
    expect(JSON.stringify(tf)).not.toContain("aws_secretsmanager_secret_version");
  });

  it("GIVEN a route with a rule signs in THEN the step targets the rule", () => {
    const { tf } = synthRoutes({ api: { ...API_ROUTE, authenticate: OIDC } });
    const rule = resourceAt<{ action: Attributes[] }>(tf, "aws_lb_listener_rule", "load-balancer/rule-api");
    expect(rule.action[0]).toMatchObject({ authenticate_oidc: { client_secret: SIGN_IN_SECRET_PLACEHOLDER } });
    expect(step(tf, "sign-in-secret-api-rule").provisioner[0]["local-exec"].environment).toMatchObject({
      SIGN_IN_TARGET_KIND: "rule",
      SIGN_IN_TARGET_ARN: refOf(tf, "aws_lb_listener_rule", "load-balancer/rule-api", "arn"),
    });
    expect(step(tf, "sign-in-secret-api-rule").lifecycle.replace_triggered_by).toEqual([`${addressOf(tf, "aws_lb_listener_rule", "load-balancer/rule-api")}.action`]);
  });

  it("GIVEN a shifted route signs in THEN both the production and the test rule get the secret", () => {
    const { tf } = synthRoutes({ api: { ...API_ROUTE, authenticate: OIDC, trafficShift: SHIFT } });
    expect(resourceList(tf, "terraform_data")).toHaveLength(2);
    expect(step(tf, "sign-in-secret-api-test-rule").triggers_replace.target_arn).toBe(refOf(tf, "aws_lb_listener_rule", "load-balancer/test-rule-api", "arn"));
    expect(step(tf, "sign-in-secret-api-rule").triggers_replace.target_arn).toBe(refOf(tf, "aws_lb_listener_rule", "load-balancer/rule-api", "arn"));
    // ECS moves the weights (ignore_changes): no planned change of the action, so no re-run.
    expect(step(tf, "sign-in-secret-api-test-rule").lifecycle.replace_triggered_by).toEqual([`${addressOf(tf, "aws_lb_listener_rule", "load-balancer/test-rule-api")}.action`]);
  });

  it("GIVEN Cognito sign-in THEN no step: the ALB reads the user pool client's secret itself", () => {
    const cognito = { kind: "cognito", userPoolArn: "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc", userPoolClientId: "c1", userPoolDomain: "tools" } as const;
    const { tf } = synthRoutes({ web: { ...DEFAULT_ROUTE, authenticate: cognito } });
    expect(resourceList(tf, "terraform_data")).toEqual([]);
  });

  it("the step's command is constant text: nothing Terraform interpolates, no configuration text", () => {
    expect(SET_CLIENT_SECRET_SCRIPT).not.toMatch(/\$\{|%\{/);
    expect(SET_CLIENT_SECRET_SCRIPT).not.toContain("tool/oidc");
  });
});

/** Runs the step with a fake `aws` that answers from canned JSON and records its arguments and requests. */
function runStep(secretString: string | undefined, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "sign-in-step-"));
  const described = {
    Rules: [{ Actions: [
      { Type: "authenticate-oidc", Order: 1, AuthenticateOidcConfig: { Issuer: "https://id.example.com", ClientId: "tool", UseExistingClientSecret: false } },
      { Type: "forward", Order: 2, TargetGroupArn: "arn:tg", ForwardConfig: { TargetGroups: [{ TargetGroupArn: "arn:tg", Weight: 1 }] } },
    ] }],
  };
  writeFileSync(join(dir, "secret.json"), secretString === undefined ? "" : JSON.stringify(secretString));
  writeFileSync(join(dir, "rules.json"), JSON.stringify(described.Rules[0].Actions));
  writeFileSync(join(dir, "aws"), `#!/bin/sh
echo "$*" >> "${dir}/argv.log"
case "$2" in
  get-secret-value) [ -s "${dir}/secret.json" ] || { echo "ResourceNotFoundException" >&2; exit 254; }; cat "${dir}/secret.json" ;;
  describe-rules) cat "${dir}/rules.json" ;;
  modify-rule) for a in "$@"; do case "$a" in file://*) cp "\${a#file://}" "${dir}/request.json" ;; esac; done ;;
  *) exit 9 ;;
esac
`);
  chmodSync(join(dir, "aws"), 0o755);
  const result = spawnSync("/bin/sh", ["-c", SET_CLIENT_SECRET_SCRIPT], {
    env: { PATH: `${dir}:${process.env.PATH}`, SIGN_IN_TARGET_KIND: "rule", SIGN_IN_TARGET_ARN: "arn:rule", SIGN_IN_SECRET_ID: "tool/oidc", SIGN_IN_REGION: "eu-west-1", SIGN_IN_SECRET_JSON_KEY: "", ...env },
    encoding: "utf8",
  });
  const read = (name: string) => { try { return readFileSync(join(dir, name), "utf8"); } catch { return ""; } };
  return { ...result, argv: read("argv.log"), request: read("request.json") };
}

describe("the sign-in step against a fake aws CLI", () => {
  const hasJq = spawnSync("jq", ["--version"]).status === 0;
  const secret = "s3cr3t-\"quoted\"-$(not-run)";

  (hasJq ? it : it.skip)("writes the secret into the OIDC action, keeps the forward, and never puts the secret in an argument", () => {
    const run = runStep(JSON.stringify({ client_secret: secret, other: "x" }), { SIGN_IN_SECRET_JSON_KEY: "client_secret" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.request)).toEqual({
      RuleArn: "arn:rule",
      Actions: [
        { Type: "authenticate-oidc", Order: 1, AuthenticateOidcConfig: { Issuer: "https://id.example.com", ClientId: "tool", ClientSecret: secret } },
        { Type: "forward", Order: 2, ForwardConfig: { TargetGroups: [{ TargetGroupArn: "arn:tg", Weight: 1 }] } },
      ],
    });
    expect(run.argv).toContain("secretsmanager get-secret-value --region eu-west-1 --secret-id tool/oidc");
    expect(run.argv).toMatch(/elbv2 modify-rule --region eu-west-1 --cli-input-json file:\/\/\/\S+/);
    expect(run.argv).not.toContain("s3cr3t");
    // The request file (the only place the secret is written) is gone after the step.
    const requestFile = /file:\/\/(\S+)/.exec(run.argv)![1];
    expect(existsSync(requestFile)).toBe(false);
  });

  (hasJq ? it : it.skip)("takes the whole secret string when no JSON key is given", () => {
    const run = runStep(secret, {});
    expect(run.status).toBe(0);
    expect(JSON.parse(run.request).Actions[0].AuthenticateOidcConfig.ClientSecret).toBe(secret);
  });

  (hasJq ? it : it.skip)("fails, changing nothing, when the JSON key is missing from the secret", () => {
    const run = runStep(JSON.stringify({ other: "x" }), { SIGN_IN_SECRET_JSON_KEY: "client_secret" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the secret holds no client secret under key client_secret");
    expect(run.argv).not.toContain("modify-rule");
  });

  (hasJq ? it : it.skip)("fails without printing the value when a JSON key is configured but the secret is plain text", () => {
    const run = runStep("plain-s3cr3t", { SIGN_IN_SECRET_JSON_KEY: "client_secret" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the secret is not a JSON object, but a JSON key is configured");
    expect(run.stderr + run.stdout).not.toContain("plain-s3cr3t");
    expect(run.request).toBe("");
  });

  (hasJq ? it : it.skip)("fails, naming the secret, when it cannot be read", () => {
    const run = runStep(undefined, {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot read the sign-in client secret tool/oidc in eu-west-1: missing, or not readable by this role");
    expect(run.argv).not.toContain("modify-rule");
  });

  it("jq is on this machine (the step needs it; skipped tests above would hide a regression)", () => {
    expect(execFileSync("jq", ["--version"], { encoding: "utf8" })).toMatch(/^jq-1\.[6-9]/);
  });
});

describe("the rehearsal's sign-in fixture (tools/rehearsal/fixtures/sign-in.ts)", () => {
  it("signs in on the listener's default action and on a rule: two steps, two secrets", () => {
    const { tf } = synth(fixture);
    const envs = resourceList<Step>(tf, "terraform_data").map((s) => s.provisioner[0]["local-exec"].environment);
    expect(envs.map((e) => `${e.SIGN_IN_TARGET_KIND} ${e.SIGN_IN_SECRET_ID} ${e.SIGN_IN_SECRET_JSON_KEY}`).sort()).toEqual([
      "listener signin/console-oidc client_secret",
      "rule signin/admin-oidc ",
    ]);
  });
});
