/**
 * npm run diagram [-- --dir cdktf.out] [--out cdktf.out/diagrams] [--stack <name>]... [--no-svg]
 *
 * Draws every synthesized stack in `<dir>/stacks/*` (npm run synth writes them) as
 * `<out>/<stack>.mmd` (Mermaid) and `<out>/<stack>.svg` (Graphviz via @viz-js/viz), and prints
 * the file names. The diagram is read from the JSON alone (bin/review/architecture.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildGraph } from "./review/architecture";
import { toMermaid } from "./review/diagram";
import { toSvg } from "./review/svg";
import { readStacks } from "./review/stack-json";

interface Args { dir: string; out?: string; stacks: string[]; svg: boolean }

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dir: "cdktf.out", stacks: [], svg: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`diagram ${flag}: a value is required`);
      return v;
    };
    if (flag === "--dir") args.dir = value();
    else if (flag === "--out") args.out = value();
    else if (flag === "--stack") args.stacks.push(value());
    else if (flag === "--no-svg") args.svg = false;
    else throw new Error(`diagram: unknown argument ${JSON.stringify(flag)}; allowed: --dir <synth dir> --out <dir> --stack <name> --no-svg`);
  }
  return args;
}

export async function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const args = parseArgs(argv);
  const stacks = [...readStacks(args.dir)].filter(([name]) => args.stacks.length === 0 || args.stacks.includes(name));
  if (stacks.length === 0) throw new Error(`diagram: no synthesized stacks in ${args.dir}/stacks${args.stacks.length ? ` named ${args.stacks.join(", ")}` : ""}; run npm run synth first`);
  const outDir = args.out ?? path.join(args.dir, "diagrams");
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, tf] of stacks) {
    const graph = buildGraph(name, tf);
    const files = [path.join(outDir, `${name}.mmd`)];
    fs.writeFileSync(files[0], `${toMermaid(graph)}\n`);
    if (args.svg) {
      files.push(path.join(outDir, `${name}.svg`));
      fs.writeFileSync(files[1], await toSvg(graph));
    }
    out(`${name}: ${graph.nodes.length} nodes, ${graph.edges.length} edges -> ${files.join(", ")}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
