/**
 * Test helpers: check a vega-lite spec against the vega-lite JSON schema (ajv) and render it in Node with
 * vega's headless renderer, returning the SVG and the number of items of each mark type drawn.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

const schema = JSON.parse(readFileSync(new URL("../../node_modules/vega-lite/build/vega-lite-schema.json", import.meta.url), "utf8")) as Record<string, unknown>;
const ajv = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

/** The schema errors of a spec (empty when valid). */
export function schemaErrors(spec: TopLevelSpec): string[] {
  const plain = JSON.parse(JSON.stringify(spec)) as unknown;
  if (validate(plain)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
  text?: string | string[];
}

/** What a rendered chart drew. */
export interface Rendered {
  svg: string;
  /** Items drawn per mark type by the chart's own marks (not axes or legends). */
  marks: Record<string, number>;
  /** The texts drawn by the chart's own text marks. */
  texts: string[];
  /** vega-lite compile warnings. */
  warnings: string[];
}

function walk(node: SceneNode, into: Rendered): void {
  if (node.marktype !== undefined && node.role === "mark") {
    const items = node.items ?? [];
    into.marks[node.marktype] = (into.marks[node.marktype] ?? 0) + items.length;
    if (node.marktype === "text") for (const item of items) if (item.text !== undefined) into.texts.push(Array.isArray(item.text) ? item.text.join(" ") : item.text);
  }
  for (const item of node.items ?? []) walk(item, into);
}

/** Compile a spec with vega-lite and render it with vega (renderer "none") to SVG. */
export async function render(spec: TopLevelSpec): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger, error: (...a: unknown[]) => { warnings.push(a.join(" ")); return logger; },
    warn: (...a: unknown[]) => { warnings.push(a.join(" ")); return logger; }, info: () => logger, debug: () => logger,
  };
  const compiled = compile(spec, { logger: logger as never });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: "none" });
  await view.runAsync();
  const svg = await view.toSVG();
  const out: Rendered = { svg, marks: {}, texts: [], warnings };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root, out);
  view.finalize();
  return out;
}
