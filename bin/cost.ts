/**
 * npm run cost [-- --dir cdktf.out] [--base <dir>] [--stack <name>]... [--json]
 *
 * Estimates the fixed monthly cost of every synthesized stack in `<dir>/stacks/*` (default
 * cdktf.out, written by `npm run synth`) from the dated price table in bin/review/prices.ts, and,
 * with --base, the difference against another synth output (e.g. the base branch's cdktf.out).
 * Prints Markdown (or JSON with --json). Bootstrap stacks are included; they cost next to nothing.
 */
import { costDelta, estimateStack, renderCost, usd, signedUsd, type StackCost } from "./review/cost";
import { readStacks } from "./review/stack-json";

interface Args { dir: string; base?: string; stacks: string[]; json: boolean }

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dir: "cdktf.out", stacks: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`cost ${flag}: a value is required`);
      return v;
    };
    if (flag === "--dir") args.dir = value();
    else if (flag === "--base") args.base = value();
    else if (flag === "--stack") args.stacks.push(value());
    else if (flag === "--json") args.json = true;
    else throw new Error(`cost: unknown argument ${JSON.stringify(flag)}; allowed: --dir <synth dir> --base <synth dir> --stack <name> --json`);
  }
  return args;
}

export function estimateDir(dir: string, only: readonly string[] = []): Map<string, StackCost> {
  const out = new Map<string, StackCost>();
  for (const [name, tf] of readStacks(dir)) if (only.length === 0 || only.includes(name)) out.set(name, estimateStack(name, tf));
  return out;
}

export function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t)): number {
  const args = parseArgs(argv);
  const head = estimateDir(args.dir, args.stacks);
  if (head.size === 0) throw new Error(`cost: no synthesized stacks in ${args.dir}/stacks${args.stacks.length ? ` named ${args.stacks.join(", ")}` : ""}; run npm run synth first`);
  const base = args.base === undefined ? undefined : estimateDir(args.base, args.stacks);
  if (args.json) {
    const report = [...head.values()].map((c) => ({ ...c, ...(base ? { base: base.get(c.stack)?.total ?? null, delta: costDelta(c, base.get(c.stack)).total } : {}) }));
    out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const sections = [...head.values()].map((c) => renderCost(c, base ? (base.get(c.stack) ?? null) : undefined));
  const total = [...head.values()].reduce((s, c) => s + c.total, 0);
  const baseTotal = base ? [...base.values()].reduce((s, c) => s + c.total, 0) : 0;
  const summary = `**${head.size === 1 ? "1 stack" : `All ${head.size} stacks`}: ≈ ${usd(total)} per month**${base ? ` (base ${usd(baseTotal)}, ${signedUsd(total - baseTotal)})` : ""}, an estimate.`;
  out(`${[summary, ...sections].join("\n\n")}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
