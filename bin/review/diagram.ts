/**
 * Draws an architecture graph (architecture.ts) as Mermaid (GitHub renders it in comments and
 * Markdown) and as Graphviz DOT, which svg.ts renders to SVG.
 */
import type { Edge, Graph, Group, Node, NodeKind } from "./architecture";

const MERMAID_SHAPES: Record<NodeKind, [string, string]> = {
  internet: ["((", "))"],
  lb: ["[", "]"],
  service: ["[", "]"],
  worker: ["[/", "/]"],
  job: ["{{", "}}"],
  store: ["[(", ")]"],
  subnet: ["[", "]"],
  nat: ["[", "]"],
  endpoints: ["[", "]"],
};

const mermaidText = (s: string) => s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");

export function toMermaid(graph: Graph): string {
  const out = ["flowchart LR"];
  const node = (n: Node, indent: string) => {
    const [open, close] = MERMAID_SHAPES[n.kind];
    out.push(`${indent}${n.id}${open}"${n.lines.filter(Boolean).map(mermaidText).join("<br/>")}"${close}`);
  };
  const group = (g: Group, indent: string) => {
    out.push(`${indent}subgraph ${g.id}["${mermaidText(g.label)}"]`);
    for (const child of graph.groups.filter((c) => c.parent === g.id)) group(child, `${indent}  `);
    for (const n of graph.nodes.filter((x) => x.group === g.id)) node(n, `${indent}  `);
    out.push(`${indent}end`);
  };
  for (const n of graph.nodes.filter((x) => !x.group || !graph.groups.some((g) => g.id === x.group))) node(n, "  ");
  for (const g of graph.groups.filter((x) => !x.parent)) group(g, "  ");
  for (const e of graph.edges) out.push(`  ${e.from} ${e.dashed ? "-.->" : "-->"}${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`);
  const classes: Partial<Record<NodeKind, string>> = {
    store: "fill:#fde7c8,stroke:#b36b00", service: "fill:#dcebff,stroke:#2a5db0", worker: "fill:#e6f4ea,stroke:#2e7d32",
    job: "fill:#f3e5f5,stroke:#7b1fa2", lb: "fill:#fff3b0,stroke:#8a6d00", subnet: "fill:#f5f5f5,stroke:#9e9e9e",
  };
  for (const [kind, style] of Object.entries(classes)) {
    const members = graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    if (members.length > 0) out.push(`  classDef ${kind} ${style}`, `  class ${members.join(",")} ${kind}`);
  }
  return out.join("\n");
}

/** A fenced Mermaid block for Markdown. */
export function mermaidBlock(graph: Graph): string {
  return `\`\`\`mermaid\n${toMermaid(graph)}\n\`\`\``;
}

const DOT_STYLE: Record<NodeKind, string> = {
  internet: 'shape=ellipse, fillcolor="#ffffff"',
  lb: 'shape=box, fillcolor="#fff3b0"',
  service: 'shape=box, fillcolor="#dcebff"',
  worker: 'shape=parallelogram, fillcolor="#e6f4ea"',
  job: 'shape=hexagon, fillcolor="#f3e5f5"',
  store: 'shape=cylinder, fillcolor="#fde7c8"',
  subnet: 'shape=box, fillcolor="#f5f5f5", fontsize=10',
  nat: 'shape=box, fillcolor="#eeeeee", fontsize=10',
  endpoints: 'shape=box, fillcolor="#eeeeee", fontsize=10',
};

const dotText = (s: string) => JSON.stringify(s);

export function toDot(graph: Graph): string {
  const out = [`digraph ${dotText(graph.stack)} {`, "  rankdir=LR;", '  graph [fontname="Helvetica", fontsize=12, style=rounded, color="#9e9e9e"];', '  node [fontname="Helvetica", fontsize=11, style="rounded,filled"];', '  edge [fontname="Helvetica", fontsize=9, color="#555555"];'];
  const node = (n: Node, indent: string) => out.push(`${indent}${n.id} [label=${dotText(n.lines.filter(Boolean).join("\n"))}, ${DOT_STYLE[n.kind]}];`);
  const group = (g: Group, indent: string) => {
    out.push(`${indent}subgraph cluster_${g.id} {`, `${indent}  label=${dotText(g.label)};`);
    for (const child of graph.groups.filter((c) => c.parent === g.id)) group(child, `${indent}  `);
    for (const n of graph.nodes.filter((x) => x.group === g.id)) node(n, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const n of graph.nodes.filter((x) => !x.group || !graph.groups.some((g) => g.id === x.group))) node(n, "  ");
  for (const g of graph.groups.filter((x) => !x.parent)) group(g, "  ");
  const edge = (e: Edge) => `  ${e.from} -> ${e.to}${e.label || e.dashed ? ` [${[e.label ? `label=${dotText(e.label)}` : "", e.dashed ? "style=dashed" : ""].filter(Boolean).join(", ")}]` : ""};`;
  for (const e of graph.edges) out.push(edge(e));
  out.push("}");
  return out.join("\n");
}
