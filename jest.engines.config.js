/**
 * Engine tier (part of `npm run test:cdktn`): the shipped app and every example synthesized on cdktf
 * and on CDK Terrain, compared (__tests__/engines/). Needs tools/engines/cdktn installed; kept out
 * of the unit tier (jest.config.js), which test:cdktn runs on its own with ECS_PLATFORM_ENGINE=cdktn.
 */
const unit = require("./jest.config");

module.exports = {
  ...unit,
  // Both engines are loaded by child processes; this process stays on cdktf.
  moduleNameMapper: {},
  roots: ["<rootDir>/__tests__/engines"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 120000,
  verbose: true,
};
