/** constructs/execution-role.ts: what ECS may pull, write and read to start the tasks. */
import { ExecutionRole, type ExecutionRoleProps } from "../../constructs/execution-role";
import { policyStatement, policyStatements, refOf, resourceAt, resourceList, synthScope } from "../helpers";
import { PARAMETER_ARN, SECRET_ARN } from "./support";

const REPOSITORY = "arn:aws:ecr:eu-west-1:111111111111:repository/demo/web";
const LOG_GROUP = "arn:aws:logs:eu-west-1:111111111111:log-group:/ecs/demo-dev/web";

const EXECUTION: ExecutionRoleProps = {
  permissionsBoundaryArn: "arn:aws:iam::111111111111:policy/demo-dev-permissions-boundary", 
  roleName: "demo-dev-execution",
  accountId: "111111111111",
  repositoryArns: [REPOSITORY],
  logGroupArns: [LOG_GROUP],
  parameterArns: [],
  secretArns: [],
  secretsPolicyName: "read-task-secrets",
};
const executionRole = (props: Partial<ExecutionRoleProps> = {}) => synthScope((scope) => new ExecutionRole(scope, "execution-role", { ...EXECUTION, ...props })).tf;

describe("ExecutionRole", () => {
  it("GIVEN a permissions boundary THEN the role carries it", () => {
    expect(resourceAt(executionRole(), "aws_iam_role", "execution-role/role")).toMatchObject({ permissions_boundary: EXECUTION.permissionsBoundaryArn });
  });

  it("GIVEN repositories and log groups THEN it may pull exactly those images and write streams of exactly those groups", () => {
    const tf = executionRole();
    expect(policyStatement(tf, "execution-role/pull-and-log-document", "PullImages").resources).toEqual([REPOSITORY]);
    expect(policyStatement(tf, "execution-role/pull-and-log-document", "WriteLogs")).toEqual({
      sid: "WriteLogs",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [`${LOG_GROUP}:log-stream:*`],
    });
  });

  it("GIVEN no parameter or secret reads THEN there is no secrets policy", () => {
    const tf = executionRole();
    expect(resourceList(tf, "aws_iam_role_policy")).toHaveLength(1);
    expect(() => policyStatements(tf, "execution-role/read-secrets-document")).toThrow(/found 0/);
  });

  it("GIVEN parameter reads only THEN the secrets policy reads those parameters and no secret", () => {
    const tf = executionRole({ parameterArns: [PARAMETER_ARN] });
    expect(policyStatements(tf, "execution-role/read-secrets-document")).toEqual([{ sid: "ReadParameters", actions: ["ssm:GetParameters"], resources: [PARAMETER_ARN] }]);
  });

  it("GIVEN secret reads only THEN the secrets policy reads those secrets and no parameter", () => {
    const tf = executionRole({ secretArns: [SECRET_ARN] });
    expect(policyStatements(tf, "execution-role/read-secrets-document")).toEqual([{ sid: "ReadSecrets", actions: ["secretsmanager:GetSecretValue"], resources: [SECRET_ARN] }]);
  });

  it("GIVEN reads THEN the secrets policy has the configured name and is attached to the role", () => {
    const tf = executionRole({ parameterArns: [PARAMETER_ARN], secretsPolicyName: "legacy-read-secrets" });
    expect(resourceAt(tf, "aws_iam_role_policy", "execution-role/read-secrets")).toMatchObject({
      name: "legacy-read-secrets",
      role: refOf(tf, "aws_iam_role", "execution-role/role", "id"),
    });
  });
});
