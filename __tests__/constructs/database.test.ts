/** constructs/database.ts: connection values, final snapshot, logs and Performance Insights. */
import { TerraformOutput } from "cdktf";
import { Database, type ConnectionValue, type DatabaseProps } from "../../constructs/database";
import { addressOf, refOf, resourceAt, resourceList, synthScope } from "../helpers";

const BASE: DatabaseProps = {
  identifier: "demo-dev",
  subnetGroupName: "demo-dev-db",
  parameterGroupPrefix: "demo-dev-postgres16-",
  parameterGroupFamily: "postgres16",
  engineVersion: "16",
  instanceClass: "db.t4g.micro",
  allocatedStorage: 20,
  maxAllocatedStorage: 100,
  databaseName: "demo",
  masterUsername: "postgres",
  port: 5433,
  backupRetentionDays: 7,
  multiAz: false,
  deletionProtection: false,
  performanceInsights: true,
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-db",
  logRetentionDays: 30,
};
const database = (props: Partial<DatabaseProps> = {}) => synthScope((scope) => new Database(scope, "database", { ...BASE, ...props })).tf;
const instance = (props: Partial<DatabaseProps> = {}) => resourceAt(database(props), "aws_db_instance", "database/instance");

/** Every connection value and the secret ARN, as Terraform renders them (through an output). */
function connection() {
  const values: ConnectionValue[] = ["host", "port", "name", "username", "url", "jdbcUrl"];
  const { tf } = synthScope((scope) => {
    const db = new Database(scope, "database", BASE);
    new TerraformOutput(scope, "connection", { value: { ...Object.fromEntries(values.map((v) => [v, db.connectionValue(v)])), secretArn: db.secretArn } });
  });
  return { tf, value: tf.output?.connection.value as Record<ConnectionValue | "secretArn", string> };
}

describe("Database: connection values", () => {
  const { tf, value } = connection();
  const address = refOf(tf, "aws_db_instance", "database/instance", "address");

  const expected: [ConnectionValue, string][] = [
    ["host", address],
    ["port", "5433"],
    ["name", "demo"],
    ["username", "postgres"],
    ["url", `postgresql://${address}:5433/demo`],
    ["jdbcUrl", `jdbc:postgresql://${address}:5433/demo`],
  ];
  it.each(expected)("GIVEN %s THEN it is %s", (name, text) => {
    expect(value[name]).toBe(text);
  });

  it("GIVEN the instance THEN its secret is the RDS-managed master user secret", () => {
    expect(value.secretArn).toBe(refOf(tf, "aws_db_instance", "database/instance", "master_user_secret[0].secret_arn"));
  });
});

describe("Database: instance", () => {
  it("GIVEN a final snapshot identifier THEN destroying the instance takes that snapshot", () => {
    expect(instance({ finalSnapshotIdentifier: "demo-dev-final" })).toMatchObject({ skip_final_snapshot: false, final_snapshot_identifier: "demo-dev-final" });
  });

  it("GIVEN no final snapshot identifier THEN destroying it skips the snapshot", () => {
    const db = instance();
    expect(db.skip_final_snapshot).toBe(true);
    expect(db).not.toHaveProperty("final_snapshot_identifier");
  });

  it("GIVEN Performance Insights THEN it keeps 7 days of them", () => {
    expect(instance()).toMatchObject({ performance_insights_enabled: true, performance_insights_retention_period: 7 });
  });

  it("GIVEN no Performance Insights THEN no retention is set", () => {
    expect(instance({ performanceInsights: false })).toMatchObject({ performance_insights_enabled: false });
    expect(instance({ performanceInsights: false })).not.toHaveProperty("performance_insights_retention_period");
  });

  it("GIVEN the log retention THEN each exported log type has a log group the instance waits for", () => {
    const tf = database({ logRetentionDays: 90 });
    expect(resourceList(tf, "aws_cloudwatch_log_group")).toEqual([
      { name: "/aws/rds/instance/demo-dev/postgresql", retention_in_days: 90 },
      { name: "/aws/rds/instance/demo-dev/upgrade", retention_in_days: 90 },
    ]);
    expect(resourceAt(tf, "aws_db_instance", "database/instance")).toMatchObject({
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
      depends_on: ["postgresql", "upgrade"].map((type) => addressOf(tf, "aws_cloudwatch_log_group", `database/log-group-${type}`)),
    });
  });

  it("GIVEN a parameter group family THEN a TLS-only group is created before the old one is destroyed", () => {
    const tf = database();
    expect(resourceAt(tf, "aws_db_parameter_group", "database/parameter-group")).toMatchObject({
      name_prefix: "demo-dev-postgres16-",
      family: "postgres16",
      parameter: [{ name: "rds.force_ssl", value: "1", apply_method: "immediate" }],
      lifecycle: { create_before_destroy: true },
    });
    expect(resourceAt(tf, "aws_db_instance", "database/instance").parameter_group_name).toBe(refOf(tf, "aws_db_parameter_group", "database/parameter-group", "name"));
  });
});
