import { describe, expect, it } from "vitest";
import { meanDifferenceInterval, meanDifferenceIntervalOfSummaries, meanInterval } from "../../src/lib/stats/mean-difference.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

const WA = [1, 2, 3, 4];
const WB = [2, 4, 6, 8, 10];
const HA = [92, 88, 101, 95, 99, 104, 90, 97];
const HB = [85, 91, 87, 94, 83, 89, 92];

// Expected values: r = scipy.stats.ttest_ind(a, b, equal_var=False); r.confidence_interval(conf) and r.df
// (scipy 1.17), printed by tests/stats/reference.py.
const WELCH: [number[], number[], number, number, number, number, number][] = [
  [WA, WB, 0.95, -3.5, -7.385368080514045, 0.3853680805140449, 5.520787746170677],
  [HA, HB, 0.95, 7.035714285714292, 1.692133499899203, 12.37929507152938, 12.54232960618428],
  [HA, HB, 0.8, 7.035714285714292, 3.701998238623556, 10.369430332805027, 12.54232960618428],
  [[1.5, 2.5], [0, 10, 20], 0.95, -8, -32.58586553303457, 16.58586553303457, 2.029884138034471],
  [[3, 3, 3], [1, 2, 6], 0.95, 0, -6.572410607728428, 6.572410607728428, 2],
];

// Expected values: scipy.stats.t.interval(conf, n - 1, loc=mean, scale=scipy.stats.sem(values)).
const ONE: [number[], number, number, number, number][] = [
  [WB, 0.95, 6, 2.0735136770448857, 9.926486322955114],
  [HA, 0.95, 95.75, 91.11134831024208, 100.38865168975792],
  [HA, 0.99, 95.75, 88.88511053622993, 102.61488946377007],
  [[4, 7], 0.95, 5.5, -13.55930710426204, 24.55930710426204],
];

describe("meanDifferenceInterval", () => {
  it.each(WELCH)("meanDifferenceInterval(%j, %j, %s) matches scipy Welch", (a, b, conf, d, lo, hi, df) => {
    const r = meanDifferenceInterval(a, b, conf);
    expect(Math.abs(r.difference - d)).toBeLessThan(1e-12);
    expect(Math.abs(r.lower - lo)).toBeLessThan(1e-9);
    expect(Math.abs(r.upper - hi)).toBeLessThan(1e-9);
    expect(Math.abs(r.df - df)).toBeLessThan(1e-9);
  });

  it.each([
    [[1], [2, 3], /a must hold at least 2 values, got 1/],
    [[1, 2], [3], /b must hold at least 2 values, got 1/],
    [[1, NaN], [2, 3], /a\[1\] must be a finite number/],
    [[5, 5], [2, 2, 2], /both groups have zero variance/],
  ])("meanDifferenceInterval(%j, %j) throws", (a, b, message) => {
    expect(() => meanDifferenceInterval(a, b)).toThrow(InvalidArgumentError);
    expect(() => meanDifferenceInterval(a, b)).toThrow(message);
    expect(() => meanDifferenceInterval(a, b)).toThrow(/^meanDifferenceInterval: /);
  });

  it("rejects a confidence outside (0, 1)", () => {
    expect(() => meanDifferenceInterval(WA, WB, -1)).toThrow(/^meanDifferenceInterval: confidence/);
  });
});

describe("meanInterval", () => {
  it.each(ONE)("meanInterval(%j, %s) matches scipy t.interval", (v, conf, mean, lo, hi) => {
    const r = meanInterval(v, conf);
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.n).toBe(v.length);
    expect(Math.abs(r.lower - lo)).toBeLessThan(1e-9);
    expect(Math.abs(r.upper - hi)).toBeLessThan(1e-9);
  });

  it("gives a zero-width interval when every value is the same", () => {
    expect(meanInterval([7, 7, 7])).toEqual({ mean: 7, lower: 7, upper: 7, n: 3 });
  });

  it.each([
    [[], /values must hold at least 2 values, got 0/],
    [[3], /values must hold at least 2 values, got 1/],
    [[3, Infinity], /values\[1\] must be a finite number/],
  ])("meanInterval(%j) throws", (v, message) => {
    expect(() => meanInterval(v)).toThrow(InvalidArgumentError);
    expect(() => meanInterval(v)).toThrow(message);
    expect(() => meanInterval(v)).toThrow(/^meanInterval: /);
  });
});

describe("meanDifferenceIntervalOfSummaries", () => {
  it("gives Welch's interval from the samples' n, mean and variance", () => {
    // [1, 2, 3, 4]: mean 2.5, variance 5/3; [2, 4, 6, 8, 10]: mean 6, variance 10 (by hand).
    const r = meanDifferenceIntervalOfSummaries({ n: 4, mean: 2.5, variance: 5 / 3 }, { n: 5, mean: 6, variance: 10 });
    // scipy.stats.ttest_ind([1,2,3,4], [2,4,6,8,10], equal_var=False): interval and df, as WELCH above
    expect(r.difference).toBe(-3.5);
    expect(Math.abs(r.lower - -7.385368080514045)).toBeLessThan(1e-9);
    expect(Math.abs(r.upper - 0.3853680805140449)).toBeLessThan(1e-9);
    expect(Math.abs(r.df - 5.520787746170677)).toBeLessThan(1e-9);
  });
  it("rejects a sample of one, a non-finite moment and zero variances", () => {
    expect(() => meanDifferenceIntervalOfSummaries({ n: 1, mean: 2, variance: 0 }, { n: 5, mean: 6, variance: 10 })).toThrow(/a\.n must be a whole number ≥ 2/);
    expect(() => meanDifferenceIntervalOfSummaries({ n: 4, mean: 2, variance: 1 }, { n: 5, mean: NaN, variance: 10 })).toThrow(/b must have a finite mean/);
    expect(() => meanDifferenceIntervalOfSummaries({ n: 4, mean: 2, variance: 0 }, { n: 5, mean: 6, variance: 0 })).toThrow(/zero variance/);
  });
});
