/**
 * The audit of secondary suppression by linear programming, as statistical agencies do it (tau-ARGUS, R's
 * sdcTable): a reader who knows every published figure and every relation between figures (a total is the
 * sum of its parts; the same group shown twice has the same size) can narrow each hidden figure to the range
 * between its minimum and its maximum over all tables consistent with what is published. The audit works out
 * that range for every sensitive hidden figure with the HiGHS solver (built for WebAssembly: the `highs`
 * package, loaded from its local `.wasm` file, no network) and checks that it covers the figure's protection
 * interval.
 *
 * References: Hundepool et al., *Statistical Disclosure Control* (Wiley 2012), §4.3 (protection levels and
 * the "audit" of a suppression pattern by solving, for each suppressed cell, the LP that minimises and the
 * one that maximises it); the tau-ARGUS manual (CBS, version 4.2, "Audit", "protection levels"); sdcTable's
 * `protectTable()`/`attack()` (Meindl, CRAN), which computes the same bounds.
 */
import highsImport from "highs";

// The package's types describe it as CommonJS (its default export under `default`); Node's ES module import
// gives the loader function itself. Either way, the loader.
type Loader = (typeof highsImport)["default"];
const highsLoader = ((highsImport as unknown as { default?: Loader }).default ?? highsImport) as unknown as Loader;

/** The solver, loaded once when this module is first imported (top-level await; ~60 ms, from the local `.wasm`). */
const highs = await highsLoader();

/** A variable of the audit: a figure the reader knows to lie in `[lower, upper]` (`upper` may be `Infinity`). */
export interface AuditVariable {
  lower: number;
  upper: number;
}

/** A published relation: the sum of `plus` less the sum of `minus` equals `constant`. */
export interface AuditEquation {
  plus: number[];
  minus: number[];
  constant: number;
}

/** A sensitive hidden figure: the reader's range for `variable` must reach `low` and `high`. */
export interface AuditTarget {
  variable: number;
  /** The reader's minimum must be at most this. */
  low: number;
  /** The reader's maximum must be at least this. */
  high: number;
}

/** A target whose range does not cover its protection interval, with the range the reader can work out. */
export interface AuditFailure {
  target: AuditTarget;
  min: number;
  max: number;
}

/** A system of variables and equations, for {@link auditRanges}. */
export interface AuditSystem {
  variables: AuditVariable[];
  equations: AuditEquation[];
  targets: AuditTarget[];
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(15);
}

/** Union-find over variables, joined through equations: the audit solves each connected component alone. */
function components(system: AuditSystem): { of: (v: number) => number; equationsOf: Map<number, number[]> } {
  const parent = system.variables.map((_, i) => i);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[v] !== r) {
      const next = parent[v]!;
      parent[v] = r;
      v = next;
    }
    return r;
  };
  for (const e of system.equations) {
    const vars = [...e.plus, ...e.minus];
    for (let i = 1; i < vars.length; i += 1) {
      const a = find(vars[0]!);
      const b = find(vars[i]!);
      if (a !== b) parent[a] = b;
    }
  }
  const equationsOf = new Map<number, number[]>();
  system.equations.forEach((e, k) => {
    const first = e.plus[0] ?? e.minus[0];
    if (first === undefined) return;
    const root = find(first);
    const list = equationsOf.get(root);
    if (list === undefined) equationsOf.set(root, [k]);
    else list.push(k);
  });
  return { of: find, equationsOf };
}

/** The constraints and bounds of one component in CPLEX LP format (without the objective). */
function componentText(system: AuditSystem, equations: number[]): string {
  const used = new Set<number>();
  const rows: string[] = [];
  for (const k of equations) {
    const e = system.equations[k]!;
    const terms = [...e.plus.map((v) => `+ x${v}`), ...e.minus.map((v) => `- x${v}`)];
    for (const v of [...e.plus, ...e.minus]) used.add(v);
    rows.push(` c${k}: ${terms.join(" ")} = ${fmt(e.constant)}`);
  }
  const bounds: string[] = [];
  for (const v of used) {
    const { lower, upper } = system.variables[v]!;
    if (lower === upper) bounds.push(` x${v} = ${fmt(lower)}`);
    else if (upper === Infinity) bounds.push(` x${v} >= ${fmt(lower)}`);
    else bounds.push(` ${fmt(lower)} <= x${v} <= ${fmt(upper)}`);
  }
  return `Subject To\n${rows.join("\n")}\nBounds\n${bounds.join("\n")}\nEnd`;
}

/** The minimum or maximum of one variable over a component (`Infinity` when unbounded). */
function optimum(text: string, variable: number, sense: "Minimize" | "Maximize"): number {
  const solution = highs.solve(`${sense}\n obj: x${variable}\n${text}`);
  if (solution.Status === "Optimal") return solution.ObjectiveValue;
  if (solution.Status === "Unbounded") return sense === "Maximize" ? Infinity : -Infinity;
  // The true table always satisfies the published relations, so an infeasible model is a bug in the caller.
  throw new Error(`auditRanges: the published figures and relations have no solution (${solution.Status})`);
}

/**
 * For every target, the reader's range (minimum and maximum of the variable subject to every equation and
 * bound, solved as a linear programme by HiGHS, over the variable's connected component only) and whether it
 * covers the target's protection interval. A variable in no equation is bounded by its own bounds alone.
 * @param system the variables (bounds the reader knows), the published relations and the sensitive targets
 * @returns the targets whose range does not reach `low` or `high` (empty when the suppression is safe)
 * @example
 * // A total of 7 split into two hidden groups, each at least 1 (true values 1 and 6): the reader knows
 * // the first lies in 1..6, which covers the protection interval 1..4.
 * auditRanges({ variables: [{ lower: 1, upper: Infinity }, { lower: 1, upper: Infinity }],
 *   equations: [{ plus: [0, 1], minus: [], constant: 7 }], targets: [{ variable: 0, low: 1, high: 4 }] })
 * // => []
 * // With the second group published as 6, the first is pinned to 1.
 * auditRanges({ variables: [{ lower: 1, upper: Infinity }, { lower: 6, upper: 6 }],
 *   equations: [{ plus: [0, 1], minus: [], constant: 7 }], targets: [{ variable: 0, low: 1, high: 4 }] })
 * // => [{ target: { variable: 0, low: 1, high: 4 }, min: 1, max: 1 }]
 */
export function auditRanges(system: AuditSystem): AuditFailure[] {
  const { of, equationsOf } = components(system);
  const texts = new Map<number, string>();
  const failures: AuditFailure[] = [];
  for (const target of system.targets) {
    const own = system.variables[target.variable]!;
    const root = of(target.variable);
    const equations = equationsOf.get(root);
    let min = own.lower;
    let max = own.upper;
    if (equations !== undefined && equations.length > 0) {
      let text = texts.get(root);
      if (text === undefined) {
        text = componentText(system, equations);
        texts.set(root, text);
      }
      min = optimum(text, target.variable, "Minimize");
      // Only a range that reaches low enough needs its maximum (a failure is a failure either way).
      max = min <= target.low + 1e-9 ? optimum(text, target.variable, "Maximize") : min;
    }
    if (min > target.low + 1e-9 || max < target.high - 1e-9) failures.push({ target, min, max });
  }
  return failures;
}
