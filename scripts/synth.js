#!/usr/bin/env node
/**
 * cdktf.json's "app" and `npm run synth`: synthesizes main.ts with the config module named by
 * ECS_PLATFORM_CONFIG (default config/app.ts).
 *
 * Why not `node --require ./scripts/register-ts.js main.ts` (which still works): a synth loads ~540
 * module files, 10 MB of them @cdktf/provider-aws with inline source maps, and resolving, reading and
 * compiling them cost more than the synthesis itself. This launcher bundles main.ts and the config
 * module with esbuild once, then runs the bundle with a V8 code cache. Measured with `npm run bench`:
 * ~0.60 s → ~0.31 s per synth of the shipped app, byte-identical output.
 *
 * The bundle lives in node_modules/.cache/ecs-platform-synth/<key>/ (ECS_PLATFORM_SYNTH_CACHE
 * moves it; the key is the checkout, the config module's real path and Node's flags) and is rebuilt
 * (≈1 s) when any bundled file (its content outside node_modules, its size and mtime inside), the
 * list of files next to a bundled project file, tsconfig.json, package.json,
 * node_modules/.package-lock.json, Node or this file change. Config modules must import statically:
 * a computed require() path cannot be bundled. Bundling errors (a syntax error in a config module, a
 * missing file) are printed and exit 1 before anything is written.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");
const TYPESCRIPT_OPTIONS = require("./typescript-options");

const ROOT = path.resolve(__dirname, "..");
const CACHE_ROOT = path.resolve(process.env.ECS_PLATFORM_SYNTH_CACHE || path.join(ROOT, "node_modules", ".cache", "ecs-platform-synth"));
const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".js": "js", ".mjs": "js", ".cjs": "js", ".json": "json" };

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

/** What every bundle depends on besides the files it bundles. */
function environmentStamp() {
  const inputs = ["tsconfig.json", "package.json", "node_modules/.package-lock.json", "scripts/typescript-options.js"].map((file) => readIfExists(path.join(ROOT, file)) ?? "");
  return sha1(process.version, process.arch, fs.readFileSync(__filename), ...inputs);
}

/** Size and mtime: enough to notice an edited or reinstalled package file without reading 10 MB. */
function statStamp(file) {
  const stat = fs.statSync(file);
  return `${stat.size}:${stat.mtimeMs}`;
}

/** The cached bundle `{ code, hash }` if it was built from exactly the files on disk now, else undefined. */
function freshBundle(files, stamp) {
  try {
    const manifest = JSON.parse(fs.readFileSync(files.manifest, "utf8"));
    if (manifest.stamp !== stamp) return undefined;
    for (const [file, digest] of Object.entries(manifest.sources)) {
      if (sha1(fs.readFileSync(file)) !== digest) return undefined;
    }
    for (const [file, stat] of [...Object.entries(manifest.packages), ...Object.entries(manifest.directories)]) {
      if (statStamp(file) !== stat) return undefined;
    }
    const bytes = fs.readFileSync(files.bundle);
    const hash = sha1(bytes);
    return hash === manifest.bundle ? { code: bytes.toString("utf8"), hash } : undefined; // a damaged bundle is rebuilt
  } catch {
    return undefined; // missing, unreadable or stale: rebuild
  }
}

class BundleError extends Error {}

/**
 * Records what goes into the bundle and keeps bundled code's behaviour as it is unbundled:
 *  - project files are read here, and their hash is taken from the very bytes esbuild bundles, so
 *    an edit saved during the build cannot be recorded as built; their directories' mtimes are
 *    recorded too (a file added next to a config module that lists its directory);
 *  - TypeScript is strict, as tsconfig.json says and as scripts/register-ts.js compiles it; other
 *    files keep their own mode (esbuild is told to ignore tsconfig files, which would otherwise
 *    decide by where a file sits);
 *  - a module that uses __dirname / __filename gets its own, so it still finds the files next to it
 *    (the bundle itself lives in the cache directory);
 *  - cdktf's index loads its file-asset code, which loads archiver and ~30 packages under it
 *    (~20 ms) that only TerraformAsset ever calls: in the bundle, archiver loads on first call.
 */
function inputsPlugin(manifest) {
  return {
    name: "ecs-platform-inputs",
    setup(build) {
      build.onResolve({ filter: /^archiver$/ }, (args) =>
        args.namespace === "lazy-archiver" ? undefined : { path: "archiver", namespace: "lazy-archiver", pluginData: args.resolveDir },
      );
      build.onLoad({ filter: /^archiver$/, namespace: "lazy-archiver" }, (args) => ({
        contents: 'const archiver = (...args) => require("archiver")(...args);\nmodule.exports = archiver;',
        resolveDir: args.pluginData,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
        const loader = LOADERS[path.extname(args.path)];
        if (!loader) return undefined;
        const isPackage = path.relative(ROOT, args.path).split(path.sep).includes("node_modules");
        const stat = isPackage ? statStamp(args.path) : undefined; // before reading: a later change must not match
        const bytes = fs.readFileSync(args.path);
        if (isPackage) {
          manifest.packages[args.path] = stat;
        } else {
          manifest.sources[args.path] = sha1(bytes);
          const directory = path.dirname(args.path);
          if (directory !== ROOT) manifest.directories[directory] = statStamp(directory); // ROOT changes with every cdktf.out
        }
        const text = bytes.toString("utf8");
        if (loader === "json") return { contents: text, loader };
        const contents = withOwnPaths(text, args.path);
        return { contents: loader === "ts" && !isPackage ? strictMode(contents) : contents, loader };
      });
    },
  };
}

/** Prepends "use strict" on the first line (after a shebang), so error positions stay those of the file. */
function strictMode(text) {
  const shebang = /^#![^\n]*\n/.exec(text)?.[0] ?? "";
  return `${shebang}"use strict";${text.slice(shebang.length)}`;
}

/** Declares __dirname / __filename in a module that uses them (and does not declare them), after its directive prologue. */
function withOwnPaths(text, file) {
  if (!/\b__(dirname|filename)\b/.test(text) || /\b(var|let|const)\s+__(dirname|filename)\b/.test(text)) return text;
  const declaration = `;var __dirname = ${JSON.stringify(path.dirname(file))}, __filename = ${JSON.stringify(file)};`;
  const prologue = /^(#![^\n]*\n)?(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)|\s*(["'])[\w -]*\4;?)*/.exec(text)[0];
  return `${prologue}${declaration}${text.slice(prologue.length)}`;
}

/** Bundles main.ts with the config module; returns `{ code, hash }` and caches it with its manifest. */
async function buildBundle(configPath, files, stamp) {
  const esbuild = require("esbuild");
  // The config module is required inside runCli, so an error it throws is handled like before.
  const entry = [
    `const { runCli, configFromModule } = require(${JSON.stringify(path.join(ROOT, "main.ts"))});`,
    `runCli(() => configFromModule(require(${JSON.stringify(configPath)})));`,
  ].join("\n");
  const manifest = { stamp, bundle: "", sources: {}, packages: {}, directories: {} };
  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: "synth-entry.js", loader: "js" },
      absWorkingDir: ROOT,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: TYPESCRIPT_OPTIONS.target,
      write: false,
      outfile: files.bundle,
      logLevel: "silent",
      plugins: [inputsPlugin(manifest)],
      tsconfigRaw: {},
      // Whitespace and syntax only: function names stay readable in stack traces.
      minifyWhitespace: true,
      minifySyntax: true,
    });
  } catch (error) {
    const messages = error.errors ? esbuild.formatMessagesSync(error.errors, { kind: "error" }).join("") : String(error);
    throw new BundleError(`cannot bundle main.ts with the config module ${configPath}:\n${messages}`);
  }
  const code = result.outputFiles[0].text;
  const hash = sha1(result.outputFiles[0].contents);
  manifest.bundle = hash;
  tryToCache("bundle", () => {
    fs.mkdirSync(path.dirname(files.bundle), { recursive: true });
    writeAtomically(files.bundle, code);
    writeAtomically(files.manifest, JSON.stringify(manifest, null, 1));
    for (const name of fs.readdirSync(path.dirname(files.bundle))) {
      if (name.endsWith(".v8cache") && name !== path.basename(files.codeCache(hash))) fs.rmSync(path.join(path.dirname(files.bundle), name), { force: true });
    }
  });
  return { code, hash };
}

/**
 * Runs the bundle as a CommonJS module with V8's code cache; saves the cache after a successful run.
 * The cache file is named after the bundle's hash: V8 accepts cached data made for any source of the
 * same length, so a cache must never be paired with other code.
 */
function runBundle({ code, hash }, files) {
  const cacheFile = files.codeCache(hash);
  const cachedData = readIfExists(cacheFile);
  const script = new vm.Script(Module.wrap(code), { filename: files.bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Created after the run, the cache also holds the functions compiled lazily during synthesis.
    process.on("exit", (status) => {
      if (status === 0) tryToCache("V8 code cache", () => writeAtomically(cacheFile, script.createCachedData()));
    });
  }
  const bundle = new Module(files.bundle, module);
  bundle.filename = files.bundle;
  script.runInThisContext()(bundle.exports, Module.createRequire(files.bundle), bundle, files.bundle, path.dirname(files.bundle));
}

async function main() {
  let configPath = path.resolve(process.env.ECS_PLATFORM_CONFIG || path.join(ROOT, "config", "app.ts"));
  if (!["", ".ts", ".js", ".json"].some((extension) => fs.existsSync(configPath + extension))) {
    process.stderr.write(
      `ECS_PLATFORM_CONFIG: ${JSON.stringify(configPath)} is not allowed; no such file ` +
        "(allowed: a config module such as config/app.ts or examples/<name>/config.ts)\n",
    );
    process.exit(1);
  }
  // A symlinked config retargeted to another file is another bundle.
  if (fs.existsSync(configPath)) configPath = fs.realpathSync(configPath);
  // V8 rejects a code cache made under other flags (cdktf synth adds NODE_OPTIONS), so each flag set keeps its own.
  const flags = JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ""]);
  const dir = path.join(CACHE_ROOT, sha1(ROOT, configPath, flags).slice(0, 16));
  const files = {
    bundle: path.join(dir, "synth.js"),
    manifest: path.join(dir, "manifest.json"),
    codeCache: (hash) => path.join(dir, `synth-${hash.slice(0, 16)}.v8cache`),
  };
  const stamp = environmentStamp();
  let bundle = freshBundle(files, stamp);
  if (bundle === undefined) {
    try {
      bundle = await buildBundle(configPath, files, stamp);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
  runBundle(bundle, files);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
