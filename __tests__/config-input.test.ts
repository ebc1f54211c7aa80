/** Robust reading of the raw definition: JSON files, reserved keys, built-in names, Promises. */
import { ConfigError, loadApp } from "../config";
import { duplicateKeys, parseJsonConfig } from "../config/json-file";
import { inputProblems } from "../config/input-guard";
import { own } from "../config/maps";
import { sampleConfig } from "./helpers";

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("JSON configuration files", () => {
  it("parse as JSON.parse does when every key is unique", () => {
    const text = JSON.stringify(sampleConfig(), null, 2);
    expect(parseJsonConfig(text, "app.json")).toEqual(JSON.parse(text));
    expect(duplicateKeys('{"a":{"b":1,"c":[{"b":2},{"b":3}]},"b":"{\\"b\\":1,\\"b\\":2}"}')).toEqual([]);
  });

  it("reject a duplicate key with its path, the key and its line", () => {
    const text = '{\n  "services": {\n    "web": { "cpu": 256,\n      "cpu": 1024 }\n  },\n  "list": [{}, { "x": 1, "x": 2 }]\n}';
    expect(duplicateKeys(text)).toEqual([
      { path: "services.web.cpu", message: 'duplicate key "cpu" (line 4); JSON keeps only the last value, so remove one of them' },
      { path: "list[1].x", message: 'duplicate key "x" (line 6); JSON keeps only the last value, so remove one of them' },
    ]);
    expect(messageOf(() => parseJsonConfig(text, "app.json"))).toMatch(/2 problems/);
  });

  it("reject invalid JSON naming the file", () => {
    expect(messageOf(() => parseJsonConfig("{ app: 1 }", "bad.json"))).toMatch(/- bad\.json: is not valid JSON: /);
  });
});

describe("reserved and built-in keys", () => {
  it("reject __proto__ and constructor keys with their path instead of dropping or misreading them", () => {
    const input = JSON.parse('{"app":"demo","services":{"__proto__":{"containerPort":80}},"environments":{"dev":{"tags":{"constructor":"x"}}}}');
    expect(inputProblems(input).map((p) => p.path)).toEqual(["services.__proto__", "environments.dev.tags.constructor"]);
  });

  it("reject an object literal whose __proto__ key set its prototype", () => {
    const config = sampleConfig() as any;
    config.services.web.environment = { __proto__: { HIDDEN: "x" } };
    expect(messageOf(() => loadApp(config))).toMatch(/services\.web\.environment: an object with a custom prototype is not allowed \(a `__proto__:` key/);
  });

  it("accept a plain config", () => {
    expect(inputProblems(sampleConfig())).toEqual([]);
  });

  it("never take a built-in for a configured key", () => {
    expect(own({}, "toString")).toBeUndefined();
    expect(own({ toString: 1 } as Record<string, number>, "toString")).toBe(1);
    const config = sampleConfig() as any;
    config.services.web.secrets = { KEY: { parameter: "toString" } };
    expect(messageOf(() => loadApp(config))).toMatch(/services\.web\.secrets\.KEY\.parameter: "toString" is not allowed; must be a key of parameters \(declared: none\)/);
    config.services.web.secrets = {};
    config.environments.dev.services = { valueOf: { desiredCount: 1 } };
    expect(messageOf(() => loadApp(config))).toMatch(/environments\.dev\.services\.valueOf: "valueOf" is not allowed; must be a service name/);
  });

  it("accept built-in names as ordinary keys where the schema allows them", () => {
    const config = sampleConfig() as any;
    config.parameters = { toString: { type: "String" }, valueOf: { type: "String" } };
    config.services.web.secrets = { A: { parameter: "toString" }, B: { parameter: "valueOf" } };
    config.services.web.environment = { hasOwnProperty: "yes" };
    const [dev] = loadApp(config);
    expect(dev.parameters.map((p) => p.name)).toEqual(["/demo/dev/toString", "/demo/dev/valueOf"]);
    expect(dev.services.find((s) => s.key === "web")!.environment).toEqual({ hasOwnProperty: "yes" });
  });
});

describe("Promises and functions", () => {
  it("reject a Promise or a function with what to export instead", () => {
    expect(messageOf(() => loadApp(Promise.resolve(sampleConfig())))).toMatch(/\(root\): a Promise is not allowed here; await the config module's export first/);
    expect(messageOf(() => loadApp(() => sampleConfig()))).toMatch(/\(root\): a function is not allowed; export the application definition/);
  });
});
