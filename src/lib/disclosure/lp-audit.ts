/**
 * The audit of secondary suppression by linear programming, as statistical agencies do it (tau-ARGUS, R's
 * sdcTable): a reader who knows every published figure and every relation between figures (a total is the
 * sum of its parts; the same group shown twice has the same size) can narrow each hidden figure to the range
 * between its minimum and its maximum over all tables consistent with what is published. The audit works out
 * that range for every sensitive hidden figure with the HiGHS solver (built for WebAssembly: the `highs`
 * package, loaded from its local `.wasm` file, no network) and checks that it covers the figure's protection
 * interval. Each connected component of the relations is one model, solved again for each of its targets
 * from the previous basis (the relaxation of the integer problem, as tau-ARGUS's audit solves it: a range
 * it gives is at least as wide as the integer one, and equal for tables whose relations are sums).
 *
 * The same decisions, reached with fewer and smaller solves: published figures and slacks leave the models;
 * bounds implied by the relations pin a figure without a solve (and are its range when its component is one
 * relation); one solve per component pushes all its targets towards their bounds, and every target whose
 * bound that table reaches is proven; the rest are solved one by one, held at their bounds.
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
  /** Its true value (feasible by construction: the true table satisfies every published relation). */
  value: number;
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

/**
 * Union-find over the free variables, joined through equations: the audit solves each connected component
 * alone (a published figure is a constant in every equation it is in, and joins nothing).
 */
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
  // A published (fixed) figure is a constant: it ties nothing together, so components join free variables only.
  const free = (v: number): boolean => system.variables[v]!.lower !== system.variables[v]!.upper;
  for (const e of system.equations) {
    const vars = [...e.plus, ...e.minus].filter(free);
    for (let i = 1; i < vars.length; i += 1) {
      const a = find(vars[0]!);
      const b = find(vars[i]!);
      if (a !== b) parent[a] = b;
    }
  }
  const equationsOf = new Map<number, number[]>();
  system.equations.forEach((e, k) => {
    const first = [...e.plus, ...e.minus].find(free);
    if (first === undefined) return;
    const root = find(first);
    const list = equationsOf.get(root);
    if (list === undefined) equationsOf.set(root, [k]);
    else list.push(k);
  });
  return { of: find, equationsOf };
}

/**
 * Bounds every variable must keep, worked out from the equations and the other variables' bounds alone
 * (bound propagation, as a solver's presolve does it): in `x + y + z = c`, `x ≤ c − min(y) − min(z)` and
 * `x ≥ c − max(y) − max(z)`, repeated while a bound tightens. Each step follows from the relations, so every
 * solution of the system (and the true table) lies within them: a target's range is within its implied bounds,
 * and when these already pin it to its true value on one side, that side's optimum is the true value, without
 * a solve. (A trust's group of 6 published over six schools that each hide it pins each school at 1.) Only
 * a coefficient of ±1 tightens a bound, so the arithmetic is on whole numbers and exact.
 */
function impliedBounds(system: AuditSystem): { lower: Float64Array; upper: Float64Array } {
  const lower = Float64Array.from(system.variables, (v) => v.lower);
  const upper = Float64Array.from(system.variables, (v) => v.upper);
  // Each equation as (variable, coefficient) pairs, a variable twice summed into one coefficient.
  const rows = system.equations.map((e) => {
    const row = new Map<number, number>();
    for (const v of e.plus) row.set(v, (row.get(v) ?? 0) + 1);
    for (const v of e.minus) row.set(v, (row.get(v) ?? 0) - 1);
    return [...row].filter(([, a]) => a !== 0);
  });
  const rowsOf: number[][] = system.variables.map(() => []);
  rows.forEach((row, k) => {
    for (const [v] of row) rowsOf[v]!.push(k);
  });
  const queued = new Uint8Array(rows.length).fill(1);
  const queue = rows.map((_, k) => k);
  // A cap on the work (each visit is valid on its own, so stopping early only leaves wider bounds).
  const budget = 50 * rows.length;
  for (let head = 0; head < queue.length && head < budget; head += 1) {
    const k = queue[head]!;
    queued[k] = 0;
    const row = rows[k]!;
    const constant = system.equations[k]!.constant;
    // The least and greatest value of the sum, counting the unbounded terms apart.
    let least = 0;
    let greatest = 0;
    let leastInfinite = 0;
    let greatestInfinite = 0;
    for (const [v, a] of row) {
      const lo = a > 0 ? a * lower[v]! : a * upper[v]!;
      const hi = a > 0 ? a * upper[v]! : a * lower[v]!;
      if (lo === -Infinity) leastInfinite += 1;
      else least += lo;
      if (hi === Infinity) greatestInfinite += 1;
      else greatest += hi;
    }
    for (const [v, a] of row) {
      if (a !== 1 && a !== -1) continue;
      const lo = a > 0 ? lower[v]! : -upper[v]!;
      const hi = a > 0 ? upper[v]! : -lower[v]!;
      // The rest of the sum without this term: a·x = constant − rest.
      const restLeast = lo === -Infinity ? (leastInfinite === 1 ? least : -Infinity) : leastInfinite > 0 ? -Infinity : least - lo;
      const restGreatest = hi === Infinity ? (greatestInfinite === 1 ? greatest : Infinity) : greatestInfinite > 0 ? Infinity : greatest - hi;
      const termLow = constant - restGreatest;
      const termHigh = constant - restLeast;
      const newLower = a > 0 ? termLow : -termHigh;
      const newUpper = a > 0 ? termHigh : -termLow;
      let changed = false;
      if (newLower > lower[v]!) {
        lower[v] = newLower;
        changed = true;
      }
      if (newUpper < upper[v]!) {
        upper[v] = newUpper;
        changed = true;
      }
      if (changed) {
        for (const j of rowsOf[v]!) if (queued[j] === 0 && j !== k) {
          queued[j] = 1;
          queue.push(j);
        }
      }
    }
  }
  return { lower, upper };
}

/** Fewer pending targets than this are solved one by one (a solve for all of them proves little more). */
const WITNESS_BATCH_MIN = 2;

/**
 * Whether `v` is in `e` with a coefficient of ±1. Then, when `e` is the only relation of `v`'s component, `v`'s
 * implied bounds are its exact range: the other variables of `e` each range over an interval of their own
 * (they are in no other relation), so their sum takes every value between its least and its greatest, and `v`
 * every value its bounds allow between `constant − greatest` and `constant − least` (or the negatives).
 */
function unitIn(e: AuditEquation, v: number): boolean {
  let a = 0;
  for (const w of e.plus) if (w === v) a += 1;
  for (const w of e.minus) if (w === v) a -= 1;
  return a === 1 || a === -1;
}

/** One component's model in HiGHS, kept for all its targets (each solve starts from the last basis). */
interface ComponentModel {
  model: ReturnType<typeof highs.createModel>;
  column: Map<number, number>;
  /** The column whose cost is 1 (the others' are 0), or null when none is. */
  last: number | null;
}

/**
 * What may leave a component's model without changing any minimum or maximum in it: a published (fixed)
 * figure, which is a constant (moved to the equation's right-hand side), and a slack (a variable in one
 * equation only, at least 0, unbounded above and not a target), which turns its equation into an inequality
 * (`a + s = c` with `s ≥ 0` is `a ≤ c`). The same polyhedron, projected on the remaining variables, so the
 * same range for every target; the model is smaller (the trust's models lose more than half their columns).
 */
interface Reductions {
  fixed: (v: number) => boolean;
  slack: (v: number) => boolean;
}

function reductions(system: AuditSystem): Reductions {
  const occurrences = new Uint32Array(system.variables.length);
  for (const e of system.equations) {
    for (const v of e.plus) occurrences[v]! += 1;
    for (const v of e.minus) occurrences[v]! += 1;
  }
  const target = new Uint8Array(system.variables.length);
  for (const t of system.targets) target[t.variable] = 1;
  return {
    fixed: (v) => system.variables[v]!.lower === system.variables[v]!.upper,
    slack: (v) => occurrences[v] === 1 && target[v] === 0 && system.variables[v]!.lower === 0 && system.variables[v]!.upper === Infinity,
  };
}

/** Builds one component's model: its variables as columns, its equations as rows (compressed sparse rows). */
function componentModel(system: AuditSystem, equations: number[], reduce: Reductions): ComponentModel {
  const column = new Map<number, number>();
  const colOf = (v: number): number => {
    let c = column.get(v);
    if (c === undefined) {
      c = column.size;
      column.set(v, c);
    }
    return c;
  };
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const k of equations) {
    const e = system.equations[k]!;
    // A variable twice in a row (plus and minus) is summed into one coefficient.
    const row = new Map<number, number>();
    let lower = e.constant;
    let upper = e.constant;
    const add = (v: number, a: number): void => {
      if (reduce.fixed(v)) {
        // A published figure: a constant, on the right-hand side.
        lower -= a * system.variables[v]!.lower;
        upper -= a * system.variables[v]!.lower;
      } else if (reduce.slack(v)) {
        // rest + s = c (s ≥ 0) is rest ≤ c; rest − s = c is rest ≥ c.
        if (a > 0) lower = -Infinity;
        else upper = Infinity;
      } else {
        const c = colOf(v);
        row.set(c, (row.get(c) ?? 0) + a);
      }
    };
    for (const v of e.plus) add(v, 1);
    for (const v of e.minus) add(v, -1);
    const entries = [...row].filter(([, a]) => a !== 0).sort((x, y) => x[0] - y[0]);
    // A row left with no variable holds a relation among published figures (true, so feasible): nothing to add.
    if (entries.length === 0) continue;
    for (const [c, a] of entries) {
      indices.push(c);
      values.push(a);
    }
    starts.push(indices.length);
    rowLower.push(lower === -Infinity ? -highs.infinity : lower);
    rowUpper.push(upper === Infinity ? highs.infinity : upper);
  }
  const n = column.size;
  const numRows = rowLower.length;
  const colLower = new Array<number>(n);
  const colUpper = new Array<number>(n);
  for (const [v, c] of column) {
    const { lower, upper } = system.variables[v]!;
    colLower[c] = lower;
    colUpper[c] = upper === Infinity ? highs.infinity : upper;
  }
  const model = highs.createModel({
    numCols: n, numRows, sense: highs.constants.objectiveSense.minimize as never, offset: 0,
    colCost: new Array<number>(n).fill(0), colLower, colUpper, rowLower, rowUpper,
    matrix: { format: "csr", numRows, numCols: n, starts, indices, values },
  });
  model.options.set("output_flag", false);
  // Warm starts: each solve of a component starts from the last basis, which presolve would throw away.
  model.options.set("presolve", "off");
  // Only the objective changes between solves, so the last optimal basis is still primal feasible: the primal
  // simplex goes on from it, where the dual simplex (HiGHS's default) starts over from a dual-infeasible basis.
  model.options.set("simplex_strategy", 4);
  return { model, column, last: null };
}

/**
 * The minimum or maximum of one variable over its component (`±Infinity` when unbounded); with `cap`, of the
 * variable held on the near side of `cap` (raised to it for a minimum, lowered for a maximum): the same optimum
 * when that falls short of `cap`, else `cap` itself, and found sooner (the solver stops at the cap). The true
 * table satisfies the cap, since the cap is a target's bound and lies beyond its true value.
 */
function optimum(m: ComponentModel, variable: number, sense: "min" | "max", own: AuditVariable, cap?: number): number {
  const c = m.column.get(variable)!;
  if (m.last !== c) {
    if (m.last !== null) m.model.changeColCost(m.last, 0);
    m.model.changeColCost(c, 1);
    m.last = c;
  }
  const top = own.upper === Infinity ? highs.infinity : own.upper;
  if (cap !== undefined) {
    if (sense === "min") m.model.changeColBounds(c, Math.max(own.lower, cap), top);
    else m.model.changeColBounds(c, own.lower, Math.min(top, cap));
  }
  const { minimize, maximize } = highs.constants.objectiveSense;
  m.model.changeObjectiveSense((sense === "min" ? minimize : maximize) as never);
  m.model.run();
  let status = m.model.getModelStatus();
  const { optimal, unbounded, unboundedOrInfeasible } = highs.constants.modelStatus;
  if (status !== optimal && status !== unbounded && status !== unboundedOrInfeasible) {
    // The primal simplex may stop from a warm start with its status unknown (seen after a cap moved a bound):
    // the same solve again from scratch.
    m.model.clearSolver();
    m.model.run();
    status = m.model.getModelStatus();
  }
  // (Read before the bounds go back: a change to the model clears the solution.)
  const value = status === optimal ? m.model.getObjectiveValue() : undefined;
  if (cap !== undefined) m.model.changeColBounds(c, own.lower, top);
  if (value !== undefined) return value;
  if (status === unbounded || status === unboundedOrInfeasible) return sense === "max" ? Infinity : -Infinity;
  // The true table always satisfies the published relations, so anything else is a bug in the caller.
  throw new Error(`auditRanges: HiGHS could not solve the audit (model status ${status})`);
}

/**
 * The targets of one component whose side (`min`: reaching `low`; `max`: reaching `high`) one table shows
 * possible: each solve pushes all the pending targets towards their bounds at once (the sum of their
 * variables minimised or maximised, each variable held within its bound, which the true table satisfies, so
 * the model stays feasible), and a target whose variable reaches its bound in the optimal table is proven: that
 * table satisfies every relation and bound, so the target's own minimum (maximum) reaches at least as far. The
 * solves go on while one proves something; the targets left are solved one by one. Holding the variables
 * within their bounds only shrinks the feasible set, so a table found is a table of the whole system.
 */
function witnesses(m: ComponentModel, targets: AuditTarget[], sense: "min" | "max", proven: Set<AuditTarget>, system: AuditSystem): void {
  const { minimize, maximize } = highs.constants.objectiveSense;
  const { optimal } = highs.constants.modelStatus;
  const bound = (t: AuditTarget): number => (sense === "min" ? t.low : t.high);
  let pending = targets;
  if (m.last !== null) {
    m.model.changeColCost(m.last, 0);
    m.last = null;
  }
  while (pending.length >= WITNESS_BATCH_MIN) {
    for (const t of pending) {
      const c = m.column.get(t.variable)!;
      const { lower, upper } = system.variables[t.variable]!;
      const top = upper === Infinity ? highs.infinity : upper;
      m.model.changeColCost(c, 1);
      if (sense === "min") m.model.changeColBounds(c, Math.max(lower, t.low), top);
      else m.model.changeColBounds(c, lower, Math.min(top, t.high));
    }
    m.model.changeObjectiveSense((sense === "min" ? minimize : maximize) as never);
    m.model.run();
    const status = m.model.getModelStatus();
    const values = status === optimal ? m.model.getSolution().colValue : undefined;
    const left: AuditTarget[] = [];
    for (const t of pending) {
      const c = m.column.get(t.variable)!;
      const { lower, upper } = system.variables[t.variable]!;
      m.model.changeColCost(c, 0);
      m.model.changeColBounds(c, lower, upper === Infinity ? highs.infinity : upper);
      const x = values?.[c];
      if (x !== undefined && (sense === "min" ? x <= bound(t) + 1e-9 : x >= bound(t) - 1e-9)) proven.add(t);
      else left.push(t);
    }
    if (left.length === pending.length) break;
    pending = left;
  }
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
 *   equations: [{ plus: [0, 1], minus: [], constant: 7 }], targets: [{ variable: 0, value: 1, low: 1, high: 4 }] })
 * // => []
 * auditRanges({ variables: [{ lower: 1, upper: Infinity }, { lower: 6, upper: 6 }], // the second published as 6 pins the first to 1
 *   equations: [{ plus: [0, 1], minus: [], constant: 7 }], targets: [{ variable: 0, value: 1, low: 1, high: 4 }] })
 * // => [{ target: { variable: 0, value: 1, low: 1, high: 4 }, min: 1, max: 1 }]
 */
export function auditRanges(system: AuditSystem): AuditFailure[] {
  const { of, equationsOf } = components(system);
  const reduce = reductions(system);
  const implied = impliedBounds(system);
  // A side needs working out when the target asks for more than its true value (which is feasible) and the
  // implied bounds do not pin it at the true value there.
  const needsMin = (t: AuditTarget): boolean => t.low < t.value && implied.lower[t.variable] !== t.value;
  const needsMax = (t: AuditTarget): boolean => t.high > t.value && implied.upper[t.variable] !== t.value;
  const models = new Map<number, ComponentModel>();
  const modelOf = (root: number, equations: number[]): ComponentModel => {
    let m = models.get(root);
    if (m === undefined) {
      m = componentModel(system, equations, reduce);
      models.set(root, m);
    }
    return m;
  };
  const reachesLow = new Set<AuditTarget>();
  const reachesHigh = new Set<AuditTarget>();
  const failures: AuditFailure[] = [];
  try {
    // First the tables that prove many targets' sides at once, component by component.
    const byRoot = new Map<number, AuditTarget[]>();
    for (const t of system.targets) {
      const root = of(t.variable);
      if ((equationsOf.get(root)?.length ?? 0) === 0) continue;
      const list = byRoot.get(root);
      if (list === undefined) byRoot.set(root, [t]);
      else list.push(t);
    }
    for (const [root, targets] of byRoot) {
      const lows = targets.filter(needsMin);
      const highs = targets.filter(needsMax);
      if (lows.length < WITNESS_BATCH_MIN && highs.length < WITNESS_BATCH_MIN) continue;
      const m = modelOf(root, equationsOf.get(root)!);
      witnesses(m, lows, "min", reachesLow, system);
      witnesses(m, highs, "max", reachesHigh, system);
    }
    for (const target of system.targets) {
      const own = system.variables[target.variable]!;
      const root = of(target.variable);
      const equations = equationsOf.get(root);
      let min = own.lower;
      let max = own.upper;
      if (equations !== undefined && equations.length === 1 && unitIn(system.equations[equations[0]!]!, target.variable)) {
        // A component of one relation (a hidden count within a shown group): its implied bounds are its range.
        min = target.low < target.value ? implied.lower[target.variable]! : target.value;
        max = min > target.low + 1e-9 ? min : target.high > target.value ? implied.upper[target.variable]! : target.value;
      } else if (equations !== undefined && equations.length > 0) {
        const m = (): ComponentModel => modelOf(root, equations);
        // The exact minimum, when it is not the true value (the implied bounds pin it) or shown reachable.
        const exactMin = (): number => (needsMin(target) ? optimum(m(), target.variable, "min", own) : target.value);
        // A side shown reachable (by a table of `witnesses`, or a solve that stopped at the bound) is not exact.
        let minExact = false;
        if (reachesLow.has(target)) min = target.low;
        else if (needsMin(target)) {
          min = optimum(m(), target.variable, "min", own, target.low);
          minExact = min > target.low + 1e-9;
        } else min = target.value;
        // Only a range that reaches low enough needs its maximum (a failure is a failure either way).
        if (min > target.low + 1e-9) max = min;
        else {
          max = reachesHigh.has(target) ? target.high : needsMax(target) ? optimum(m(), target.variable, "max", own, target.high) : target.value;
          // A failure reports the exact range: a minimum shown reachable is worked out.
          if (max < target.high - 1e-9 && !minExact && needsMin(target)) min = exactMin();
        }
      }
      if (min > target.low + 1e-9 || max < target.high - 1e-9) failures.push({ target, min, max });
    }
  } finally {
    for (const m of models.values()) m.model.dispose();
  }
  return failures;
}
