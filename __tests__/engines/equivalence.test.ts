/**
 * The second engine (npm run test:cdktn, docs/engines.md): the shipped app and every example,
 * synthesized by the command line on cdktf and on CDK Terrain, write the same cdk.tf.json but for
 * the version pins (engine version, AWS provider source and version) and the layout of empty
 * arrays. Needs tools/engines/cdktn installed (test-cdktn.sh does it); run by jest.engines.config.js.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";

interface Pins { core: string; providerSource: string; provider: string }
const engine = require("../../tools/engine") as {
  ENGINES: Record<string, { pins: Pins }>;
  toCdktfOutput: (text: string, from?: string) => string;
  versions: (name: string) => { core: string; provider: string; constructs: string };
};

const ROOT = path.resolve(__dirname, "..", "..");
const CONFIGS = [
  "config/app.ts",
  ...fs.readdirSync(path.join(ROOT, "examples")).filter((name) => fs.existsSync(path.join(ROOT, "examples", name, "config.ts"))).sort().map((name) => `examples/${name}/config.ts`),
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-platform-engines-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `npm run synth` (cdktf.json's app) with one config and engine; returns stack name -> cdk.tf.json text. */
function synth(config: string, name: "cdktf" | "cdktn"): Promise<Map<string, string>> {
  const outdir = path.join(dir, config.replace(/\W+/g, "_"), name);
  fs.mkdirSync(outdir, { recursive: true }); // cdktf creates only the last level of its outdir
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", "./tools/register-ts.js", "main.ts"], {
      cwd: ROOT,
      env: { ...process.env, ECS_PLATFORM_ENGINE: name, ECS_PLATFORM_CONFIG: config, CDKTF_OUTDIR: outdir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`synth ${config} on ${name} exited ${code}:\n${stderr}`));
      const stacks = new Map<string, string>();
      for (const stack of fs.readdirSync(path.join(outdir, "stacks")).sort()) stacks.set(stack, fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      resolve(stacks);
    });
  });
}

describe("CDK Terrain as the second engine", () => {
  it("is installed at the pinned versions", () => {
    expect(engine.versions("cdktn")).toEqual({ engine: "cdktn", core: "0.24.0", provider: "25.7.0", constructs: expect.stringMatching(/^10\.7\./) });
    expect(engine.versions("cdktf")).toEqual({ engine: "cdktf", core: "0.21.0", provider: "21.22.1", constructs: "10.4.2" });
  });

  it.each(CONFIGS)("%s: same cdk.tf.json on both engines except the version pins", async (config) => {
    const [cdktf, cdktn] = await Promise.all([synth(config, "cdktf"), synth(config, "cdktn")]);
    expect([...cdktn.keys()]).toEqual([...cdktf.keys()]);
    expect(cdktf.size).toBeGreaterThan(0);
    const { cdktf: a, cdktn: b } = { cdktf: engine.ENGINES.cdktf.pins, cdktn: engine.ENGINES.cdktn.pins };
    for (const [stack, text] of cdktn) {
      const tf = JSON.parse(text);
      // The pins are really CDK Terrain's ...
      expect(tf["//"].metadata.version).toBe(b.core);
      expect(tf.terraform.required_providers.aws).toEqual({ source: b.providerSource, version: b.provider });
      expect(JSON.parse(cdktf.get(stack)!).terraform.required_providers.aws).toEqual({ source: a.providerSource, version: a.provider });
      // ... and with cdktf's pins, the text is byte-identical to cdktf's.
      expect(engine.toCdktfOutput(text, "cdktn")).toBe(cdktf.get(stack));
    }
  });
});
