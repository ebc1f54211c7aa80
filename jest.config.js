/** Unit tier: synthesized JSON only, no Terraform binary, no network. esbuild strips types; `npm run typecheck` checks them. */
module.exports = {
  testEnvironment: "node",
  // Every core: jest's default (cores - 1) ran the suite in one worker on a 2-core machine, 96 s
  // against 60 s with two (2026-12-03); the main process only collects results.
  maxWorkers: "100%",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // The engine tier compares cdktf with CDK Terrain: jest.engines.config.js, npm run test:cdktn.
  // The Terraform tier needs the toolchain binary: jest.terraform.config.js, npm run test:terraform.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/terraform/", "<rootDir>/__tests__/engines/"],
  transform: { "^.+\\.ts$": "<rootDir>/tools/jest-transform.js" },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  moduleFileExtensions: ["ts", "js", "json"],
  // ECS_PLATFORM_ENGINE=cdktn maps cdktf, @cdktf/provider-aws and constructs to CDK Terrain (tools/engine.js).
  moduleNameMapper: require("./tools/engine").jestModuleNameMapper(),
};
