// The audit's shortcuts (components, published figures and slacks out of the model, bound propagation, one
// table for many targets, solves held at the target's bound) against the plain audit they stand for: for each
// target, one LP over the whole system (every variable, every equation, no warm start), minimised and then
// maximised as the audit's rules ask, written out in CPLEX LP format and solved afresh by HiGHS's one-shot
// `solve`. Random tables shaped like a trust's (schools × groups, with school totals, the trust's row and its
// total, and counts within groups), each figure published or hidden at random.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import highsImport from "highs";
import { type AuditSystem, type AuditTarget, auditRanges } from "../../src/lib/disclosure/lp-audit.js";

type Loader = (typeof highsImport)["default"];
const highsLoader = ((highsImport as unknown as { default?: Loader }).default ?? highsImport) as unknown as Loader;
const highs = await highsLoader();

/** The minimum or maximum of one variable over the whole system, from a fresh solver. */
function plainOptimum(system: AuditSystem, variable: number, sense: "min" | "max"): number {
  const x = (v: number): string => `x${v}`;
  const lines = [sense === "min" ? "Minimize" : "Maximize", ` obj: ${x(variable)}`, "Subject To"];
  system.equations.forEach((e, k) => {
    const terms = [...e.plus.map((v) => `+ ${x(v)}`), ...e.minus.map((v) => `- ${x(v)}`)].join(" ");
    lines.push(` c${k}: ${terms} = ${e.constant}`);
  });
  lines.push("Bounds");
  system.variables.forEach((b, v) => {
    if (b.lower === b.upper) lines.push(` ${x(v)} = ${b.lower}`);
    else lines.push(b.upper === Infinity ? ` ${x(v)} >= ${b.lower}` : ` ${b.lower} <= ${x(v)} <= ${b.upper}`);
  });
  lines.push("End");
  const result = highs.solve(lines.join("\n"), { presolve: "off" } as never);
  if (result.Status === "Optimal") return result.ObjectiveValue;
  if (result.Status === "Unbounded") return sense === "max" ? Infinity : -Infinity;
  throw new Error(`reference LP: ${result.Status}`);
}

/** The audit's rule on the plain LPs: a side solved only when the target asks for more than its true value. */
function plainFailures(system: AuditSystem): Array<{ target: AuditTarget; min: number; max: number }> {
  const failures = [];
  for (const target of system.targets) {
    const min = target.low < target.value ? plainOptimum(system, target.variable, "min") : target.value;
    const max = min > target.low + 1e-9 ? min : target.high > target.value ? plainOptimum(system, target.variable, "max") : target.value;
    if (min > target.low + 1e-9 || max < target.high - 1e-9) failures.push({ target, min, max });
  }
  return failures;
}

/** A random table: schools × groups of sizes 0..8, a count within each group, figures hidden at random. */
const tables = fc.record({
  schools: fc.integer({ min: 1, max: 4 }),
  groups: fc.integer({ min: 2, max: 4 }),
  seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 64, maxLength: 64 }),
}).map(({ schools, groups, seed }): AuditSystem => {
  let i = 0;
  const next = (m: number): number => seed[(i += 1) % seed.length]! % m;
  const variables: AuditSystem["variables"] = [];
  const equations: AuditSystem["equations"] = [];
  const targets: AuditTarget[] = [];
  const truth: number[] = [];
  // A figure, published (a constant) or hidden (≥ 1 for a size, ≥ 0 for a count), and a target when small.
  const figure = (t: number, size: boolean, hideChance: number): number => {
    const v = variables.length;
    truth.push(t);
    const hidden = next(100) < hideChance;
    variables.push(hidden ? { lower: Math.min(size ? 1 : 0, t), upper: Infinity } : { lower: t, upper: t });
    if (hidden && size && t > 0 && t < 6) targets.push({ variable: v, value: t, low: t, high: t + 3 });
    return v;
  };
  const cells = Array.from({ length: schools }, () => Array.from({ length: groups }, () => 0));
  const ids = cells.map((row) => row.map((_, g) => {
    const t = next(9);
    row[g] = t;
    return figure(t, true, 55);
  }));
  for (let s = 0; s < schools; s += 1) {
    const total = figure(cells[s]!.reduce((a, b) => a + b, 0), true, 20);
    equations.push({ plus: ids[s]!, minus: [total], constant: 0 });
  }
  const trustRow = Array.from({ length: groups }, (_, g) => figure(cells.reduce((a, row) => a + row[g]!, 0), true, 35));
  if (schools > 1) for (let g = 0; g < groups; g += 1) equations.push({ plus: ids.map((row) => row[g]!), minus: [trustRow[g]!], constant: 0 });
  const trustTotal = figure(cells.flat().reduce((a, b) => a + b, 0), true, 10);
  equations.push({ plus: trustRow, minus: [trustTotal], constant: 0 });
  // A count within each school's group: count + slack = size (the slack a variable at least 0).
  for (let s = 0; s < schools; s += 1) for (let g = 0; g < groups; g += 1) {
    const size = cells[s]![g]!;
    const c = next(size + 1);
    const count = figure(c, false, 50);
    if (variables[count]!.lower !== variables[count]!.upper) {
      const slack = variables.length;
      variables.push({ lower: 0, upper: Infinity });
      truth.push(size - c);
      equations.push({ plus: [ids[s]![g]!], minus: [count, slack], constant: 0 });
      if (c > 0 && c < size) targets.push({ variable: count, value: c, low: c - 1, high: Math.min(size, Math.max(c + 1, 3)) });
    }
  }
  return { variables, equations, targets };
});

describe("auditRanges against one plain LP per target", () => {
  it("finds the same failures, with the same ranges, on random trust-shaped tables", () => {
    let failing = 0;
    let passing = 0;
    fc.assert(
      fc.property(tables, (system) => {
        const expected = plainFailures(system);
        const found = auditRanges(system);
        failing += expected.length;
        passing += system.targets.length - expected.length;
        expect(found.map((f) => f.target)).toEqual(expected.map((f) => f.target));
        found.forEach((f, k) => {
          expect(f.min).toBeCloseTo(expected[k]!.min, 6);
          if (Number.isFinite(expected[k]!.max)) expect(f.max).toBeCloseTo(expected[k]!.max, 6);
          else expect(f.max).toBe(expected[k]!.max);
        });
      }),
      { numRuns: 300, seed: 20261205 },
    );
    // The draws exercise both outcomes, many times over.
    expect(failing).toBeGreaterThan(100);
    expect(passing).toBeGreaterThan(100);
  }, 120_000);
});
