/**
 * Jest transform: strips TypeScript types with esbuild, the same transpiler synth uses
 * (scripts/register-ts.js). No type-check here; `npm run typecheck` does that.
 */
const esbuild = require("esbuild");

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcefile: filename,
      sourcemap: "external",
    });
    return { code, map };
  },
};
