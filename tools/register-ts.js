/**
 * The TypeScript loader of every synth (`node --require ./tools/register-ts.js main.ts`, which is
 * cdktf.json's app) and script: strips types with esbuild (no type-check: that is
 * `npm run typecheck`'s job) and caches the output on disk, keyed by the file's path and content,
 * the transpile options and esbuild's version, so a cached file can never be stale.
 *
 * Why not tsx: tsx turns on source-map support, and cdktf captures a full stack trace for every
 * token it creates; mapping those traces dominated synth time (~2x slower). The cache means a warm
 * synth never starts esbuild at all.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "ecs-platform-ts");
const TYPESCRIPT_OPTIONS = require("./typescript-options");
// ECS_PLATFORM_ENGINE=cdktn: cdktf/@cdktf/provider-aws/constructs resolve to CDK Terrain (tools/engine.js).
require("./engine").register();

// Output changes with the options and with esbuild (its version read without loading it).
const VERSION = `${JSON.stringify(TYPESCRIPT_OPTIONS)}:${require("esbuild/package.json").version}`;
let esbuild;
let warned = false;

function compile(source, filename) {
  const key = crypto.createHash("sha1").update(VERSION).update(filename).update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  esbuild ??= require("esbuild");
  let code;
  try {
    ({ code } = esbuild.transformSync(source, { ...TYPESCRIPT_OPTIONS, sourcefile: filename }));
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    // Like Node's own parse errors: a SyntaxError, here with esbuild's file:line:column of each problem.
    throw new SyntaxError(error.errors.map(({ location, text }) => (location ? `${location.file}:${location.line}:${location.column}: ${text}` : text)).join("\n"));
  }
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch (error) {
    // A read-only checkout still runs, only without the cache.
    if (!warned) process.stderr.write(`register-ts: cannot cache compiled TypeScript in ${CACHE_DIR} (${error.message}); continuing without it\n`);
    warned = true;
  }
  return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};
