import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../src/lib/stats/student-t.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

// Expected values: scipy.stats.t.cdf(t, df) (scipy 1.17), printed by tests/stats/reference.py.
const CDF: [number, number, number][] = [
  [2.5, 3, 0.9561466764959672],
  [-1.3, 7.2, 0.11683460391731768],
  [0.1, 1e6, 0.5398278272539784],
  [40, 2.5, 0.9999290218285475],
  [-200, 1, 0.0015915361682059693],
  [0.7, 1, 0.6944001122142147],
  [1.5, 2, 0.8638034375544994],
  [-3.2, 0.5, 0.1779944628570926],
  [0, 4, 0.5],
  [0.001, 12.5, 0.5003910509030516],
  [-8, 30, 3.1329112378503795e-9],
];

// Expected values: scipy.stats.t.ppf(p, df) (scipy 1.17), printed by tests/stats/reference.py.
const PPF: [number, number, number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 3, 3.1824463052837078],
  [0.975, 9, 2.262157162798205],
  [0.975, 29.7, 2.043137856247257],
  [0.995, 4.5, 4.272823993011293],
  [0.9, 0.5, 10.27032441023451],
  [1e-10, 3, -2225.769284683093],
  [0.975, 1e6, 1.959966356814107],
  [0.025, 150.3, -1.975873258920936],
  [0.999999, 7, 14.241469651921154],
  [0.6, 1.3, 0.3081832765664806],
  [0.05, 2, -2.9199855803537256],
];

describe("studentTCdf", () => {
  it.each(CDF)("studentTCdf(%s, %s) matches scipy.stats.t.cdf to 1e-10", (t, df, expected) => {
    expect(Math.abs(studentTCdf(t, df) - expected)).toBeLessThan(1e-10);
  });

  it("keeps relative accuracy far in the lower tail", () => {
    // scipy.stats.t.cdf(-8, 30) = 3.1329112378503795e-09
    expect(studentTCdf(-8, 30) / 3.1329112378503795e-9).toBeCloseTo(1, 9);
  });

  it("is 0 and 1 at ∓Infinity", () => {
    expect(studentTCdf(-Infinity, 5)).toBe(0);
    expect(studentTCdf(Infinity, 5)).toBe(1);
  });

  it.each([
    [NaN, 5],
    [1, 0],
    [1, -2],
    [1, NaN],
    [1, Infinity],
  ])("throws InvalidArgumentError for t = %s, df = %s", (t, df) => {
    expect(() => studentTCdf(t, df)).toThrow(InvalidArgumentError);
    expect(() => studentTCdf(t, df)).toThrow(/^studentTCdf: /);
  });
});

describe("studentTQuantile", () => {
  it.each(PPF)("studentTQuantile(%s, %s) matches scipy.stats.t.ppf to 1e-10 relative", (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected)));
  });

  it("inverts studentTCdf for non-integer df", () => {
    for (const df of [1.7, 5.52, 12.54]) {
      for (const p of [0.01, 0.2, 0.5, 0.9, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
      }
    }
  });

  it("gives 0 at 0.5 and ±Infinity at 0 and 1", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });

  it.each([
    [NaN, 5],
    [1.2, 5],
    [0.5, 0],
  ])("throws InvalidArgumentError for p = %s, df = %s", (p, df) => {
    expect(() => studentTQuantile(p, df)).toThrow(InvalidArgumentError);
    expect(() => studentTQuantile(p, df)).toThrow(/^studentTQuantile: /);
  });
});
