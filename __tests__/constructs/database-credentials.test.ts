/** constructs/database-credentials.ts: each service's own database secret, created without a value. */
import { DatabaseCredentials } from "../../constructs/database-credentials";
import { resourceAt, resourceList, synthScope } from "../helpers";

const credentials = (forceDelete = false) =>
  synthScope((scope) => new DatabaseCredentials(scope, "database-credentials", { services: [{ key: "api", secretName: "/demo/dev/api/database", userName: "api" }], forceDelete }));

describe("DatabaseCredentials", () => {
  it("GIVEN a service THEN it gets its own secret, named for it, with no Terraform-managed value", () => {
    const { tf, built } = credentials();
    expect(resourceAt(tf, "aws_secretsmanager_secret", "database-credentials/api")).toEqual({
      name: "/demo/dev/api/database",
      description: 'Database credentials of api: {"username":"api","password":...}, set out of band',
    });
    expect(resourceList(tf, "aws_secretsmanager_secret_version")).toHaveLength(0);
    expect(Object.keys(built.byKey)).toEqual(["api"]);
  });

  it("GIVEN forceDelete THEN a destroyed secret frees its name at once", () => {
    expect(resourceAt(credentials(true).tf, "aws_secretsmanager_secret", "database-credentials/api")).toMatchObject({ recovery_window_in_days: 0 });
  });
});
