import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

describe("entry points", () => {
  it("npm run synth runs exactly what cdktf synth runs (the command the bench measures)", () => {
    expect(read("package.json").scripts.synth).toBe(read("cdktf.json").app);
  });

  it("does not type-check at synth time (type-checking is npm run typecheck)", () => {
    expect(read("cdktf.json").app).not.toMatch(/ts-node(?!.*transpile)|tsc/);
    expect(read("package.json").scripts.test).toMatch(/npm run typecheck/);
  });

  it("npm test runs the Python unit tests too (the rehearsal package)", () => {
    expect(read("package.json").scripts.test).toMatch(/npm run test:python/);
  });
});
