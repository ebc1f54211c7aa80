/**
 * The one engine switch. `ECS_PLATFORM_ENGINE=cdktf` (default) runs the project on CDK for
 * Terraform from the main dependency tree; `ECS_PLATFORM_ENGINE=cdktn` runs the same code on CDK
 * Terrain (the community continuation of the archived cdktf) from tools/engines/cdktn/, installed
 * there with its own lockfile by `npm run test:cdktn` (docs/engines.md).
 *
 * The code keeps importing `cdktf`, `cdktf/...`, `@cdktf/provider-aws/lib/...` and `constructs`;
 * under cdktn those module names resolve to `cdktn`, `@cdktn/provider-aws` and the constructs
 * version CDK Terrain needs, in Node (tools/register-ts.js, `register()`) and in jest
 * (jest.config.js, `jestModuleNameMapper()`). One copy of the code, two engines.
 */
const fs = require("node:fs");
const path = require("node:path");

// pins: what each engine writes into cdk.tf.json (the engine version in "//".metadata.version, the
// AWS provider's required_providers entry); they are the only differences in the output.
const ENGINES = Object.freeze({
  cdktf: { dir: null, modules: {}, pins: { core: "0.21.0", providerSource: "aws", provider: "6.25.0" } },
  cdktn: {
    dir: path.join(__dirname, "engines", "cdktn"),
    pins: { core: "0.24.0", providerSource: "hashicorp/aws", provider: "6.66.0" },
    // imported name -> package in tools/engines/cdktn/node_modules
    modules: { cdktf: "cdktn", "@cdktf/provider-aws": "@cdktn/provider-aws", constructs: "constructs" },
  },
});

function engineName(env = process.env) {
  const name = env.ECS_PLATFORM_ENGINE || "cdktf";
  if (!Object.hasOwn(ENGINES, name)) {
    throw new Error(`ECS_PLATFORM_ENGINE: ${JSON.stringify(name)} is not allowed; allowed: ${Object.keys(ENGINES).join(" | ")} (default cdktf)`);
  }
  return name;
}

/** Absolute package directories the imported names map to (empty for cdktf: no aliasing). */
function aliases(name = engineName()) {
  const engine = ENGINES[name];
  const out = {};
  for (const [imported, pkg] of Object.entries(engine.modules)) {
    const dir = path.join(engine.dir, "node_modules", pkg);
    if (!fs.existsSync(path.join(dir, "package.json"))) {
      throw new Error(`ECS_PLATFORM_ENGINE=${name}: ${pkg} is not installed in ${path.relative(process.cwd(), engine.dir) || engine.dir}; install it with: npm ci --prefix tools/engines/${name} (npm run test:cdktn does)`);
    }
    out[imported] = dir;
  }
  return out;
}

/** `cdktf/lib/x` -> `<dir of cdktn>/lib/x` under the given aliases; undefined when not aliased. */
function rewrite(request, map) {
  for (const [imported, dir] of Object.entries(map)) {
    if (request === imported) return dir;
    if (request.startsWith(`${imported}/`)) return path.join(dir, request.slice(imported.length + 1));
  }
  return undefined;
}

let registered = false;
/** Node: makes require() of the aliased names resolve into the engine's folder. */
function register() {
  const map = aliases();
  if (registered || Object.keys(map).length === 0) return;
  registered = true;
  const Module = require("node:module");
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveEngine(request, ...rest) {
    return original.call(this, rewrite(request, map) ?? request, ...rest);
  };
}

/** jest: the moduleNameMapper entries for the selected engine (none for cdktf). */
function jestModuleNameMapper() {
  const out = {};
  for (const [imported, dir] of Object.entries(aliases())) {
    const escaped = imported.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    out[`^${escaped}$`] = dir;
    out[`^${escaped}/(.*)$`] = `${dir}/$1`;
  }
  return out;
}

/** Versions of the engine and AWS provider bindings in use (for reports and tests). */
function versions(name = engineName()) {
  const read = (dir) => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  if (name === "cdktf") {
    const root = path.join(__dirname, "..", "node_modules");
    return { engine: name, core: read(path.join(root, "cdktf")), provider: read(path.join(root, "@cdktf", "provider-aws")), constructs: read(path.join(root, "constructs")) };
  }
  const map = aliases(name);
  return { engine: name, core: read(map.cdktf), provider: read(map["@cdktf/provider-aws"]), constructs: read(map.constructs) };
}

/**
 * Rewrites synthesized JSON text of `from` as cdktf writes it: its version pins become cdktf's, and
 * empty arrays and objects are written on two lines (cdktf prints `[` and `]` on their own lines,
 * cdktn prints `[]`; the JSON is the same). Equal engines: text unchanged.
 */
function toCdktfOutput(text, from = engineName()) {
  if (from === "cdktf") return text;
  const pins = ENGINES[from].pins;
  const base = ENGINES.cdktf.pins;
  const quoted = (v) => JSON.stringify(v).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return text
    .replace(/^( *)("(?:[^"\\]|\\.)*": )?(\[\]|\{\})(,?)$/gm, (_m, indent, key, pair, comma) => `${indent}${key ?? ""}${pair[0]}\n${indent}${pair[1]}${comma}`)
    .replace(new RegExp(`("source": )${quoted(pins.providerSource)}(,\\s*"version": )${quoted(pins.provider)}`, "g"), (_m, a, b) => `${a}${JSON.stringify(base.providerSource)}${b}${JSON.stringify(base.provider)}`)
    .replace(new RegExp(`("metadata": \\{(?:[^{}]|\\{[^{}]*\\})*"version": )${quoted(pins.core)}`, "g"), (_m, a) => `${a}${JSON.stringify(base.core)}`);
}

/** The parsed-JSON form of toCdktfOutput: a copy with cdktf's pins, or `tf` itself when it has none of `from`'s. */
function toCdktfJson(tf, from = engineName()) {
  if (from === "cdktf" || tf === null || typeof tf !== "object") return tf;
  const pins = ENGINES[from].pins;
  const base = ENGINES.cdktf.pins;
  const aws = tf.terraform?.required_providers?.aws;
  const meta = tf["//"]?.metadata;
  const providerPinned = aws?.source === pins.providerSource && aws?.version === pins.provider;
  const corePinned = meta?.version === pins.core;
  if (!providerPinned && !corePinned) return tf;
  const copy = structuredClone(tf);
  if (providerPinned) Object.assign(copy.terraform.required_providers.aws, { source: base.providerSource, version: base.provider });
  if (corePinned) copy["//"].metadata.version = base.core;
  return copy;
}

module.exports = { ENGINES, engineName, aliases, rewrite, register, jestModuleNameMapper, versions, toCdktfOutput, toCdktfJson };
