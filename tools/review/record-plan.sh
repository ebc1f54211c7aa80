#!/usr/bin/env bash
# Records __tests__/fixtures/plans/recorded.{json,txt}: a REAL plan of Terraform + the AWS provider
# (the tiers' toolchain, tools/toolchain/env.sh) that replaces a database (kms_key_id changes),
# deletes a bucket (in state, not in the configuration) and opens SSH to 0.0.0.0/0. It plans
# against a hand-written state with -refresh=false and dummy credentials, through a proxy that
# refuses every connection: no AWS API is called. Re-run when the provider pin moves.
# Last recorded 2026-12-03 (Terraform 1.11.4, provider 6.25.0 from the offline toolchain), read by
# __tests__/review/plan-comment-recorded.test.ts; danger.json and cases.json are hand-written cases in
# the same format (format_version 1.2).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/toolchain/env.sh
out="$PWD/__tests__/fixtures/plans"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost
export AWS_EC2_METADATA_DISABLED=true TF_IN_AUTOMATION=1
old_key="arn:aws:kms:eu-west-1:111111111111:key/11111111-1111-4111-8111-111111111111"
new_key="arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-4222-8222-222222222222"
cat >"$work/main.tf.json" <<JSON
{
  "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": "${ECS_AWS_PROVIDER_VERSION:-6.25.0}" } } },
  "provider": { "aws": [{ "region": "eu-west-1", "access_key": "mock", "secret_key": "mock",
    "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true, "skip_region_validation": true }] },
  "resource": {
    "aws_db_instance": { "database": { "identifier": "shop-dev", "engine": "postgres", "engine_version": "16",
      "instance_class": "db.t4g.micro", "allocated_storage": 20, "storage_type": "gp3", "storage_encrypted": true,
      "kms_key_id": "$new_key", "username": "shop", "manage_master_user_password": true, "skip_final_snapshot": true } },
    "aws_vpc_security_group_ingress_rule": { "ssh": { "security_group_id": "sg-0123456789abcdef0",
      "cidr_ipv4": "0.0.0.0/0", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "description": "ssh" } }
  }
}
JSON
"$ECS_TF_BIN" -chdir="$work" init -input=false -no-color >"$work/init.log" || { cat "$work/init.log"; exit 1; }
"$ECS_TF_BIN" -chdir="$work" providers schema -json >"$work/schema.json"
node - "$work" "$old_key" <<'NODE'
const fs = require("fs");
const [work, oldKey] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(`${work}/schema.json`, "utf8"));
const aws = Object.values(schema.provider_schemas)[0].resource_schemas;
const instance = (type, attributes) => {
  // every attribute of the schema (null unless given): the state the provider itself would write
  const all = Object.fromEntries(Object.keys(aws[type].block.attributes).map((k) => [k, null]));
  for (const [k, b] of Object.entries(aws[type].block.block_types ?? {})) all[k] = b.nesting_mode === "single" ? null : b.nesting_mode === "map" ? {} : [];
  const known = Object.fromEntries(Object.entries(attributes).filter(([k]) => k in all));
  return { schema_version: aws[type].version ?? 0, attributes: { ...all, ...known }, sensitive_attributes: [] };
};
const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
const state = {
  version: 4, terraform_version: "1.11.4", serial: 1, lineage: "00000000-0000-4000-8000-000000000000", outputs: {},
  resources: [
    { mode: "managed", type: "aws_db_instance", name: "database", provider, instances: [instance("aws_db_instance", {
      id: "db-ABCDEFGHIJKLMNOPQRSTUVWXY0", identifier: "shop-dev", engine: "postgres", engine_version: "16.4", instance_class: "db.t4g.micro",
      allocated_storage: 20, storage_type: "gp3", storage_encrypted: true, kms_key_id: oldKey, username: "shop", manage_master_user_password: true,
      skip_final_snapshot: true, arn: "arn:aws:rds:eu-west-1:111111111111:db:shop-dev", port: 5432, tags: {}, tags_all: {},
    })] },
    { mode: "managed", type: "aws_s3_bucket", name: "logs", provider, instances: [instance("aws_s3_bucket", {
      id: "shop-dev-alb-logs-111111111111", bucket: "shop-dev-alb-logs-111111111111", arn: "arn:aws:s3:::shop-dev-alb-logs-111111111111",
      force_destroy: false, region: "eu-west-1", tags: {}, tags_all: {},
    })] },
  ],
};
fs.writeFileSync(`${work}/terraform.tfstate`, JSON.stringify(state, null, 2));
NODE
"$ECS_TF_BIN" -chdir="$work" plan -refresh=false -input=false -no-color -lock=false -out=tfplan >"$work/plan.log" || { cat "$work/plan.log"; exit 1; }
"$ECS_TF_BIN" -chdir="$work" show -no-color tfplan >"$out/recorded.txt"
"$ECS_TF_BIN" -chdir="$work" show -json tfplan | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0, "utf8")), null, 1) + "\n")' >"$out/recorded.json"
grep '^Plan:' "$out/recorded.txt"
echo "recorded: $out/recorded.json, $out/recorded.txt ($("$ECS_TF_BIN" version | sed -n 1p), aws provider ${ECS_AWS_PROVIDER_VERSION:-6.25.0})"
