/**
 * SVG of an architecture graph: its Graphviz DOT (diagram.ts) laid out and drawn by @viz-js/viz,
 * Graphviz compiled to WebAssembly (one MIT package with no dependencies; no browser, no network,
 * no native build). Kept apart from diagram.ts so the plan comment, which needs only Mermaid,
 * never loads the 4 MB WebAssembly module.
 */
import { instance } from "@viz-js/viz";
import type { Graph } from "./architecture";
import { toDot } from "./diagram";

export async function toSvg(graph: Graph): Promise<string> {
  const viz = await instance();
  return viz.renderString(toDot(graph), { format: "svg", engine: "dot" });
}
