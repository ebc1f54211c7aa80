#!/usr/bin/env node
/**
 * AWS CDK peer of ecs-platform's shipped app, for `npm run bench` only: for each environment a
 * platform stack and a bootstrap stack (state bucket, GitHub OIDC roles), as main.ts synthesizes.
 * Run as AWS CDK's default synth runs an app: cdk.json's `npx ts-node --prefer-ts-exts bin/shop.ts`.
 */
import * as cdk from "aws-cdk-lib";
import { BootstrapStack } from "../lib/bootstrap-stack";
import { PlatformStack } from "../lib/platform-stack";
import { ENVIRONMENTS } from "../lib/settings";

const app = new cdk.App();
for (const settings of ENVIRONMENTS) {
  const env = { account: settings.account, region: settings.region };
  const platform = new PlatformStack(app, `shop-${settings.env}`, { env, settings });
  const bootstrap = new BootstrapStack(app, `shop-${settings.env}-bootstrap`, { env, settings });
  for (const stack of [platform, bootstrap]) {
    cdk.Tags.of(stack).add("app", "shop");
    cdk.Tags.of(stack).add("environment", settings.env);
    cdk.Tags.of(stack).add("managed-by", "aws-cdk");
    for (const [key, value] of Object.entries(settings.tags)) cdk.Tags.of(stack).add(key, value);
  }
}
app.synth();
