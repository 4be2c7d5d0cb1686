// A lint rule: no file of the library is on a cycle of imports, counting type-only imports
// (eslint-plugin-import-x's no-cycle, also on, leaves those out by design). The graph is every relative
// `import … from`, `export … from` and `import("…")` of the linted tree, read once per lint run; each file on
// a cycle is reported with the cycle's files.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]+)"/g;

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

function resolveSpecifier(from, spec) {
  const target = resolve(dirname(from), spec);
  const ts = target.replace(/\.js$/, ".ts");
  if (existsSync(ts)) return ts;
  return existsSync(target) ? target : undefined;
}

/** The files on a cycle of `roots`' import graph, each mapped to its cycle's files (Tarjan's algorithm). */
function filesOnCycles(roots, allowed) {
  const graph = new Map();
  for (const file of roots.flatMap(tsFiles)) {
    const text = readFileSync(file, "utf8");
    const targets = new Set();
    for (const m of text.matchAll(SPECIFIER)) {
      const to = resolveSpecifier(file, m[1]);
      if (to !== undefined && !allowed.has(`${relative(process.cwd(), file)} -> ${relative(process.cwd(), to)}`)) targets.add(to);
    }
    graph.set(file, targets);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const result = new Map();
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v).has(v)) for (const f of component) result.set(f, component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return result;
}

let cached;

export default {
  meta: {
    type: "problem",
    docs: { description: "no import cycles, type-only imports included" },
    schema: [{
      type: "object",
      properties: {
        roots: { type: "array", items: { type: "string" } },
        allow: { type: "array", items: { type: "string" } },
      },
      additionalProperties: false,
    }],
  },
  create(context) {
    const { roots = ["src"], allow = [] } = context.options[0] ?? {};
    return {
      Program(node) {
        cached ??= filesOnCycles(roots.map((r) => resolve(r)), new Set(allow));
        const cycle = cached.get(resolve(context.filename));
        if (cycle === undefined) return;
        const names = cycle.map((f) => relative(process.cwd(), f)).sort();
        context.report({ node, message: `Import cycle (type-only imports included): ${names.join(", ")}` });
      },
    };
  },
};
