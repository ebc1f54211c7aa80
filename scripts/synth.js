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

/** Caching is best effort: a read-only checkout still synthesizes, just without the speed-up. */
function tryToCache(what, write) {
  try {
    write();
  } catch (error) {
    process.stderr.write(`synth: could not cache the ${what} (${error.message}); continuing without it\n`);
  }
}

/** What every bundle depends on besides its own sources: installed packages, Node, this launcher. */
function environmentStamp() {
  const installed = readIfExists(path.join(ROOT, "node_modules", ".package-lock.json")) ?? "";
  return sha1(process.version, process.arch, fs.readFileSync(__filename), installed);
}

/** The cached bundle's code if it was built from exactly the files on disk now, else undefined. */
function freshBundle(files, stamp) {
  try {
    const manifest = JSON.parse(fs.readFileSync(files.manifest, "utf8"));
    if (manifest.stamp !== stamp) return undefined;
    for (const [file, digest] of Object.entries(manifest.sources)) {
      if (sha1(fs.readFileSync(path.resolve(ROOT, file))) !== digest) return undefined;
    }
    return fs.readFileSync(files.bundle, "utf8");
  } catch {
    return undefined; // missing, unreadable or stale: rebuild
  }
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

/** Bundles main.ts with the config module; returns the code and caches it with its manifest. */
async function buildBundle(configPath, files, stamp) {
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
      outfile: files.bundle,
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
  const code = result.outputFiles[0].text;
  const sources = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith("node_modules/") || input === "synth-entry.js" || input.startsWith("lazy-archiver:")) continue;
    sources[input] = sha1(fs.readFileSync(path.resolve(ROOT, input)));
  }
  tryToCache("bundle", () => {
    fs.mkdirSync(path.dirname(files.bundle), { recursive: true });
    writeAtomically(files.bundle, code);
    fs.rmSync(files.codeCache, { force: true });
    writeAtomically(files.manifest, JSON.stringify({ stamp, sources }, null, 1));
  });
  return code;
}

/** Runs the bundle as a CommonJS module with V8's code cache; saves the cache after a successful run. */
function runBundle(code, files) {
  const cachedData = readIfExists(files.codeCache);
  const script = new vm.Script(Module.wrap(code), { filename: files.bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Created after the run, the cache also holds the functions compiled lazily during synthesis.
    process.on("exit", (status) => {
      if (status === 0) tryToCache("V8 code cache", () => writeAtomically(files.codeCache, script.createCachedData()));
    });
  }
  const bundle = new Module(files.bundle, module);
  bundle.filename = files.bundle;
  script.runInThisContext()(bundle.exports, Module.createRequire(files.bundle), bundle, files.bundle, path.dirname(files.bundle));
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
  const files = { bundle: path.join(dir, "synth.js"), manifest: path.join(dir, "manifest.json"), codeCache: path.join(dir, "synth.v8cache") };
  const stamp = environmentStamp();
  let code = freshBundle(files, stamp);
  if (code === undefined) {
    try {
      code = await buildBundle(configPath, files, stamp);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
  runBundle(code, files);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
