/**
 * How the project's TypeScript is transpiled file by file: tools/register-ts.js (synth and
 * scripts) and tools/jest-transform.js (tests) use exactly these options. strict: as
 * tsconfig.json says. Type-checking is `npm run typecheck`'s job, not esbuild's.
 */
module.exports = Object.freeze({
  loader: "ts",
  format: "cjs",
  target: "node20",
  tsconfigRaw: { compilerOptions: { strict: true } },
});
