import { describe, expect, it } from "vitest";
import { hedgesG } from "../../src/lib/stats/hedges-g.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

const HA = [92, 88, 101, 95, 99, 104, 90, 97];
const HB = [85, 91, 87, 94, 83, 89, 92];

// Expected values: the same formulas written out with numpy + scipy.stats.norm.ppf (tests/stats/reference.py,
// function hedges).
const PYTHON: [number[], number[], number, number, number, number][] = [
  [[5, 6, 7, 8, 9], [3, 4, 5, 6, 7], 0.95, 1.1425003159318015, -0.1943982132484834, 2.4793988451120863],
  [HA, HB, 0.95, 1.3583819252862732, 0.23355407285004537, 2.483209777722501],
  [HA, HB, 0.9, 1.3583819252862732, 0.4143966340412675, 2.302367216531279],
  [[1, 2], [3, 5], 0.95, -1.2777531299998799, -3.428434419403516, 0.8729281594037563],
];

describe("hedgesG", () => {
  it.each(PYTHON)("hedgesG(%j, %j, %s) matches Python", (a, b, conf, g, lower, upper) => {
    const r = hedgesG(a, b, conf);
    expect(Math.abs(r.g - g)).toBeLessThan(1e-12);
    expect(Math.abs(r.lower - lower)).toBeLessThan(1e-12);
    expect(Math.abs(r.upper - upper)).toBeLessThan(1e-12);
  });

  it("applies the small-sample correction by hand", () => {
    // By hand: means 7 and 5, both SDs √2.5, so d = 2/√2.5 = 1.264911…; J = 1 − 3/(4·10 − 9) = 28/31.
    expect(hedgesG([5, 6, 7, 8, 9], [3, 4, 5, 6, 7]).g).toBeCloseTo((2 / Math.sqrt(2.5)) * (28 / 31), 14);
  });

  it("changes sign when the groups swap", () => {
    const ab = hedgesG(HA, HB);
    const ba = hedgesG(HB, HA);
    expect(ba.g).toBeCloseTo(-ab.g, 14);
    expect(ba.lower).toBeCloseTo(-ab.upper, 14);
  });

  it.each([
    [[1], [2, 3], /treatment must hold at least 2 values, got 1/],
    [[1, 2], [], /comparison must hold at least 2 values, got 0/],
    [[1, NaN], [2, 3], /treatment\[1\] must be a finite number/],
    [[1, 2], [2, Infinity], /comparison\[1\] must be a finite number/],
    [[4, 4], [2, 2, 2], /pooled standard deviation is zero/],
  ])("hedgesG(%j, %j) throws", (a, b, message) => {
    expect(() => hedgesG(a, b)).toThrow(InvalidArgumentError);
    expect(() => hedgesG(a, b)).toThrow(message);
    expect(() => hedgesG(a, b)).toThrow(/^hedgesG: /);
  });

  it("rejects a confidence outside (0, 1)", () => {
    expect(() => hedgesG(HA, HB, 0)).toThrow(/^hedgesG: confidence must be strictly/);
  });
});
