/** constructs/container-definition.ts: the container JSON as ECS stores it. */
import { containerDefinition, type ContainerProps } from "../../constructs/container-definition";
import { CONTAINER } from "./support";

const BASE: ContainerProps = { ...CONTAINER, portName: "web-http" };
/** The definition as it reaches ECS: through JSON, so undefined fields disappear. */
const definition = (props: Partial<ContainerProps> = {}) => JSON.parse(JSON.stringify(containerDefinition({ ...BASE, ...props }))) as Record<string, unknown>;

describe("containerDefinition", () => {
  it("GIVEN variables and secrets in any order THEN both are sorted by name", () => {
    const result = definition({
      environment: [{ name: "ZONE", value: "z" }, { name: "APP", value: "a" }],
      secrets: [{ name: "TOKEN", valueFrom: "arn:t" }, { name: "DB_PASSWORD", valueFrom: "arn:p" }],
    });
    expect(result.environment).toEqual([{ name: "APP", value: "a" }, { name: "ZONE", value: "z" }]);
    expect(result.secrets).toEqual([{ name: "DB_PASSWORD", valueFrom: "arn:p" }, { name: "TOKEN", valueFrom: "arn:t" }]);
  });

  it("GIVEN variables THEN sorting leaves the caller's arrays as they were", () => {
    const environment = [{ name: "ZONE", value: "z" }, { name: "APP", value: "a" }];
    containerDefinition({ ...BASE, environment });
    expect(environment.map((e) => e.name)).toEqual(["ZONE", "APP"]);
  });

  it("GIVEN any container THEN the fields ECS fills in are written out, so a re-plan shows no diff", () => {
    expect(definition()).toMatchObject({ essential: true, mountPoints: [], volumesFrom: [], systemControls: [], environment: [], secrets: [] });
  });

  it("GIVEN ports THEN one named tcp/http mapping carries the container and host port", () => {
    expect(definition({ containerPort: 8080, hostPort: 8081 }).portMappings).toEqual([
      { name: "web-http", containerPort: 8080, hostPort: 8081, protocol: "tcp", appProtocol: "http" },
    ]);
  });

  it("GIVEN a log group THEN the awslogs driver writes to it in the region under the ecs prefix", () => {
    expect(definition().logConfiguration).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": "/ecs/demo-dev/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "ecs" },
    });
  });

  it("GIVEN a health check THEN it runs its command through CMD-SHELL with the given timings", () => {
    const healthCheck = { command: "curl -f http://localhost:3000/health || exit 1", interval: 10, timeout: 3, retries: 2, startPeriod: 20 };
    expect(definition({ healthCheck }).healthCheck).toEqual({ command: ["CMD-SHELL", healthCheck.command], interval: 10, timeout: 3, retries: 2, startPeriod: 20 });
  });

  it("GIVEN no health check and no user THEN neither field is written", () => {
    const result = definition();
    expect(result).not.toHaveProperty("healthCheck");
    expect(result).not.toHaveProperty("user");
  });

  it("GIVEN a user and a read-only root file system THEN both are set", () => {
    expect(definition({ user: "1000:1000", readonlyRootFilesystem: true })).toMatchObject({ user: "1000:1000", readonlyRootFilesystem: true });
  });
});
