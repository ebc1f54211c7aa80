/**
 * Jest transform: strips TypeScript types with esbuild, the same transpiler synth uses
 * (tools/register-ts.js). No type-check here; `npm run typecheck` does that.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const esbuild = require("esbuild");
const TYPESCRIPT_OPTIONS = require("./typescript-options");

// Jest's cache must change when this transform does.
const TRANSFORM_VERSION = crypto
  .createHash("sha1")
  .update(fs.readFileSync(__filename))
  .update(JSON.stringify(TYPESCRIPT_OPTIONS))
  .update(esbuild.version)
  .digest("hex");

module.exports = {
  getCacheKey(source, filename, options) {
    return crypto
      .createHash("sha1")
      .update(TRANSFORM_VERSION)
      .update(options.instrument ? "instrumented" : "plain") // --coverage must not reuse plain output
      .update(options.configString)
      .update(filename)
      .update(source)
      .digest("hex");
  },
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, { ...TYPESCRIPT_OPTIONS, sourcefile: filename, sourcemap: "external" });
    return { code, map };
  },
};
