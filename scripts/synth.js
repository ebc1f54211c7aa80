#!/usr/bin/env node
/**
 * cdktf.json's "app" and `npm run synth`: synthesizes main.ts with the config module named by
 * ECS_PLATFORM_CONFIG (default config/app.ts).
 *
 * Why not `node --require ./scripts/register-ts.js main.ts` (which still works): a synth loads ~540
 * module files, 10 MB of them @cdktf/provider-aws with inline source maps, and resolving, reading and
 * compiling them cost more than the synthesis itself. This launcher bundles main.ts and the config
 * module with esbuild once, then runs the bundle with a V8 code cache. Measured with `npm run bench`:
 * ~0.63 s → ~0.33 s per synth of the shipped app, byte-identical output.
 *
 * The bundle lives in node_modules/.cache/ecs-platform-synth/<config>/ (ECS_PLATFORM_SYNTH_CACHE
 * moves it) and is rebuilt (≈1 s) when a bundled file outside node_modules,
 * node_modules/.package-lock.json (rewritten by npm ci/install), Node's version or this file changes.
 * Bundling errors (a syntax error in a config module, a missing file) are printed and exit 1 before
 * anything is written.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..");
const CACHE_ROOT = process.env.ECS_PLATFORM_SYNTH_CACHE || path.join(ROOT, "node_modules", ".cache", "ecs-platform-synth");

const sha1 = (...parts) => parts.reduce((hash, part) => hash.update(part), crypto.createHash("sha1")).digest("hex");

function readIfExists(file, encoding) {
  try {
    return fs.readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** What every bundle depends on besides its own sources: installed packages, Node, this launcher. */
function environmentStamp() {
  const installed = readIfExists(path.join(ROOT, "node_modules", ".package-lock.json")) ?? "";
  return sha1(process.version, process.arch, fs.readFileSync(__filename), installed);
}

/** True when the bundle described by `manifest` was built from exactly the files on disk now. */
function isFresh(manifest, stamp) {
  if (!manifest || manifest.stamp !== stamp) return false;
  return Object.entries(manifest.sources).every(([file, digest]) => {
    const contents = readIfExists(path.resolve(ROOT, file));
    return contents !== undefined && sha1(contents) === digest;
  });
}

class BundleError extends Error {}

/**
 * cdktf's index loads its file-asset code, which loads archiver and ~30 packages under it (~20 ms)
 * that only TerraformAsset ever calls. In the bundle, archiver is initialized on its first call.
 */
const lazyArchiver = {
  name: "lazy-archiver",
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) =>
      args.namespace === "lazy-archiver" ? undefined : { path: "archiver", namespace: "lazy-archiver", pluginData: args.resolveDir },
    );
    build.onLoad({ filter: /^archiver$/, namespace: "lazy-archiver" }, (args) => ({
      contents: 'module.exports = (...args) => require("archiver")(...args);',
      resolveDir: args.pluginData,
      loader: "js",
    }));
  },
};

async function buildBundle(configPath, bundleFile, manifestFile, stamp) {
  const esbuild = require("esbuild");
  // The config module is required inside runCli, so an error it throws is handled like before.
  const entry = [
    `const { runCli, configFromModule } = require(${JSON.stringify(path.join(ROOT, "main.ts"))});`,
    `runCli(() => configFromModule(require(${JSON.stringify(configPath)})));`,
  ].join("\n");
  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: "synth-entry.js", loader: "js" },
      absWorkingDir: ROOT,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      outfile: bundleFile,
      metafile: true,
      logLevel: "silent",
      plugins: [lazyArchiver],
      // Whitespace and syntax only: function names stay readable in stack traces.
      minifyWhitespace: true,
      minifySyntax: true,
    });
  } catch (error) {
    const messages = error.errors ? esbuild.formatMessagesSync(error.errors, { kind: "error" }).join("") : String(error);
    throw new BundleError(`cannot bundle main.ts with the config module ${configPath}:\n${messages}`);
  }
  const sources = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith("node_modules/") || input === "synth-entry.js" || input.startsWith("lazy-archiver:")) continue;
    sources[input] = sha1(fs.readFileSync(path.resolve(ROOT, input)));
  }
  fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
  writeAtomically(bundleFile, result.outputFiles[0].contents);
  fs.rmSync(codeCacheFile(bundleFile), { force: true });
  writeAtomically(manifestFile, JSON.stringify({ stamp, sources }, null, 1));
}

const codeCacheFile = (bundleFile) => bundleFile.replace(/\.js$/, ".v8cache");

/** Runs the bundle as a CommonJS module, with V8's code cache; saves the cache after a successful run. */
function runBundle(bundleFile) {
  const cacheFile = codeCacheFile(bundleFile);
  const cachedData = readIfExists(cacheFile);
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundleFile, "utf8")), { filename: bundleFile, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Created after the run, the cache also holds the functions compiled lazily during synthesis.
    process.on("exit", (code) => {
      if (code === 0) writeAtomically(cacheFile, script.createCachedData());
    });
  }
  const bundle = new Module(bundleFile, module);
  bundle.filename = bundleFile;
  script.runInThisContext()(bundle.exports, Module.createRequire(bundleFile), bundle, bundleFile, path.dirname(bundleFile));
}

async function main() {
  const configPath = path.resolve(process.env.ECS_PLATFORM_CONFIG || path.join(ROOT, "config", "app.ts"));
  if (!["", ".ts", ".js", ".json"].some((extension) => fs.existsSync(configPath + extension))) {
    process.stderr.write(
      `ECS_PLATFORM_CONFIG: ${JSON.stringify(process.env.ECS_PLATFORM_CONFIG)} is not allowed; no such file ` +
        "(allowed: a config module such as config/app.ts or examples/<name>/config.ts)\n",
    );
    process.exit(1);
  }
  // V8 rejects a code cache made under other flags, so each flag set keeps its own.
  const dir = path.join(CACHE_ROOT, sha1(configPath, JSON.stringify(process.execArgv)).slice(0, 16));
  const bundleFile = path.join(dir, "synth.js");
  const manifestFile = path.join(dir, "manifest.json");
  const stamp = environmentStamp();
  if (!isFresh(JSON.parse(readIfExists(manifestFile, "utf8") ?? "null"), stamp)) {
    try {
      await buildBundle(configPath, bundleFile, manifestFile, stamp);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
  runBundle(bundleFile);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
