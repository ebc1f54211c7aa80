/**
 * Terraform tier (`npm run test:terraform`): real `terraform init` + `terraform validate` on every
 * shipped stack, with the offline toolchain of tools/toolchain/install.sh. Skipped, with the
 * reason, when the toolchain is not installed. Kept out of the unit tier (jest.config.js).
 */
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/__tests__/terraform"],
  testPathIgnorePatterns: ["/node_modules/"],
  // init links a ~400 MB provider and validate loads its schema: seconds per stack, not milliseconds.
  testTimeout: 300000,
  verbose: true,
};
