/**
 * Minimal TypeScript loader for `node --require ./scripts/register-ts.js main.ts`: strips types with
 * esbuild (no type-check: that is `npm run typecheck`'s job) and caches the output on disk.
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

// Output changes with the options and with esbuild (its version read without loading it).
const VERSION = `${JSON.stringify(TYPESCRIPT_OPTIONS)}:${require("esbuild/package.json").version}`;
let esbuild;

function compile(source, filename) {
  const key = crypto.createHash("sha1").update(VERSION).update(filename).update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  esbuild ??= require("esbuild");
  const { code } = esbuild.transformSync(source, { ...TYPESCRIPT_OPTIONS, sourcefile: filename });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, code);
  fs.renameSync(temporary, cached);
  return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};
