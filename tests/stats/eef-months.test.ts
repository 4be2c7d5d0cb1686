import { describe, expect, it } from "vitest";
import { eefMonths } from "../../src/lib/stats/eef-months.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

describe("eefMonths", () => {
  // Expected values: the EEF Teaching and Learning Toolkit table as given in /work/shared/domain.md
  // (0.02–0.09 → 1, 0.10–0.18 → 2, …, 0.96 and above → 12), read off by hand.
  it.each([
    [0, 0],
    [0.01, 0],
    [0.02, 1],
    [0.09, 1],
    [0.1, 2],
    [0.18, 2],
    [0.19, 3],
    [0.26, 3],
    [0.27, 4],
    [0.35, 4],
    [0.36, 5],
    [0.44, 5],
    [0.45, 6],
    [0.52, 6],
    [0.53, 7],
    [0.61, 7],
    [0.62, 8],
    [0.69, 8],
    [0.7, 9],
    [0.78, 9],
    [0.79, 10],
    [0.87, 10],
    [0.88, 11],
    [0.95, 11],
    [0.96, 12],
    [1.5, 12],
  ])("eefMonths(%s) = %s (published band)", (es, months) => {
    expect(eefMonths(es)).toBe(months);
  });

  // Between-band values: round half-up to 2 d.p., then the band whose lower bound that reaches (by hand).
  it.each([
    [0.0149, 0],
    [0.015, 1],
    [0.0949, 1],
    [0.095, 2],
    [0.185, 3],
    [0.1849, 2],
    [0.265, 4],
    [0.355, 5],
    [0.445, 6],
    [0.525, 7],
    [0.615, 8],
    [0.695, 9],
    [0.785, 10],
    [0.875, 11],
    [0.9549, 11],
    [0.955, 12],
  ])("eefMonths(%s) = %s (between bands)", (es, months) => {
    expect(eefMonths(es)).toBe(months);
  });

  it("mirrors negative effect sizes", () => {
    expect(eefMonths(-0.3)).toBe(-4);
    expect(eefMonths(-0.095)).toBe(-2);
    expect(eefMonths(-2)).toBe(-12);
  });

  it("returns 0, not −0, for small negative effects", () => {
    expect(Object.is(eefMonths(-0.01), 0)).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity])("throws for %s", (es) => {
    expect(() => eefMonths(es)).toThrow(InvalidArgumentError);
    expect(() => eefMonths(es)).toThrow(/^eefMonths: effectSize must be a finite number/);
  });
});
