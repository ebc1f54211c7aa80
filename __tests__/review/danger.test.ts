import * as fs from "node:fs";
import * as path from "node:path";
import { countChanges, findDangers, renderDangers, STATEFUL_TYPES, type PlanJson } from "../../bin/review/danger";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "plans", name), "utf8")) as PlanJson;
const danger = fixture("danger.json");
const cases = fixture("cases.json");
const byAddress = (plan: PlanJson) => new Map(findDangers(plan).map((d) => [d.address, d]));

describe("danger list from terraform show -json", () => {
  it("counts like Terraform's Plan line (a replacement is one add and one destroy)", () => {
    expect(countChanges(danger)).toEqual({ add: 2, change: 1, destroy: 2, replace: 1, import: 0 });
    expect(countChanges(cases)).toMatchObject({ replace: 4, import: 1 });
  });

  it("lists the replaced database with the attribute forcing it, the deleted bucket and the opened port, in that order", () => {
    const found = findDangers(danger);
    expect(found.map((d) => [d.kind, d.address])).toEqual([
      ["replace", "aws_db_instance.database_instance_5B6E1A2C"],
      ["destroy", "aws_s3_bucket.access-logs_bucket_2E4D5A1B"],
      ["open-ingress", "aws_vpc_security_group_ingress_rule.security-groups_alb-ssh_7F3A9C2D"],
    ]);
    expect(found[0].detail).toMatch(/destroyed first\), forced by `kms_key_id` \(`""` → /);
    expect(found[1].detail).toContain("removed from the configuration");
    expect(found[2].detail).toBe("opens TCP port 22 to `0.0.0.0/0`");
  });

  it("names how every other stateful replacement is forced: replace_paths, -replace, taint", () => {
    const d = byAddress(cases);
    expect(d.get("aws_efs_file_system.files")?.detail).toBe('replaced (new one created first), forced by `creation_token` (`"shop-files"` → `"shop-files-2"`)');
    expect(d.get("aws_secretsmanager_secret.token")?.detail).toContain("requested with -replace");
    expect(d.get("aws_kms_key.logs")?.detail).toContain("the resource is tainted");
    expect(d.get("aws_ecr_repository.api")?.kind).toBe("destroy");
    expect(d.get("aws_cloudwatch_log_group.api")?.kind).toBe("destroy");
  });

  it("leaves out replacements of resources without state and no-op imports", () => {
    const d = byAddress(cases);
    expect(d.has("aws_ecs_task_definition.api")).toBe(false);
    expect(d.has("aws_s3_bucket.imported")).toBe(false);
    expect(STATEFUL_TYPES).toEqual(expect.arrayContaining(["aws_db_instance", "aws_efs_file_system", "aws_s3_bucket", "aws_ecr_repository", "aws_cloudwatch_log_group", "aws_secretsmanager_secret", "aws_kms_key"]));
  });

  it("flags ingress newly open to 0.0.0.0/0 or ::/0 in all three rule shapes, not rules already open, egress or narrow CIDRs", () => {
    const d = byAddress(cases);
    expect(d.get("aws_security_group.legacy")?.detail).toBe("opens TCP port 5432 to `::/0`"); // 443 was open before
    expect(d.get("aws_security_group_rule.all")?.detail).toBe("opens **all ports and protocols** to `0.0.0.0/0`");
    expect(d.has("aws_security_group_rule.egress")).toBe(false);
    expect(d.has("aws_vpc_security_group_ingress_rule.office")).toBe(false);
  });

  it("flags IAM policies that gain an Action or Resource, new wildcard policies and policies known only after apply", () => {
    const d = byAddress(cases);
    expect(d.get("aws_iam_role_policy.task")?.detail).toBe("Action gains `s3:PutObject`; Resource gains `arn:aws:s3:::*`");
    expect(d.get("aws_iam_role.execution")?.detail).toBe("Action gains `ecr:*`");
    expect(d.get("aws_iam_policy.admin")?.detail).toBe("new policy allows Action `*` on Resource `*`");
    expect(d.get("aws_iam_role_policy.pending")?.detail).toMatch(/known only after apply/);
    expect(d.has("aws_iam_role_policy.narrowed")).toBe(false);
    expect(d.has("aws_iam_policy.scoped")).toBe(false);
  });

  it("renders a caution block, or nothing for a safe plan", () => {
    expect(renderDangers(findDangers(danger)).split("\n")).toHaveLength(5);
    expect(renderDangers(findDangers({ resource_changes: [] }))).toBe("");
  });
});
