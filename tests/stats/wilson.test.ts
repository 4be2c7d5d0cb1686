import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/lib/stats/wilson.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

// Expected values: the Wilson closed formula written out separately in Python (statsmodels is not
// installed here) with z = scipy.stats.norm.ppf(1 - (1 - conf) / 2); see tests/stats/reference.py.
const PYTHON: [number, number, number, number, number][] = [
  [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
  [15, 148, 0.95, 0.0623863995307363, 0.16048724172330803],
  [0, 20, 0.95, 0.0, 0.16112515805281938],
  [1, 29, 0.95, 0.006113214292762653, 0.17175521879320288],
  [0, 1, 0.95, 0.0, 0.7934506856227626],
  [1, 1, 0.95, 0.20654931437723745, 1.0],
  [1, 2, 0.95, 0.09453120573423074, 0.9054687942657693],
  [0, 2, 0.95, 0.0, 0.6576197724933469],
  [2, 2, 0.95, 0.34238022750665303, 1.0],
  [20, 20, 0.95, 0.8388748419471806, 1.0],
  [3, 10, 0.9, 0.12687658390319786, 0.5583002041301649],
  [3, 10, 0.99, 0.07956631652306573, 0.6799753207988974],
];

describe("wilsonInterval", () => {
  it.each(PYTHON)("wilsonInterval(%s, %s, %s) matches the Python closed formula", (x, n, conf, lower, upper) => {
    const ci = wilsonInterval(x, n, conf);
    expect(Math.abs(ci.lower - lower)).toBeLessThan(1e-12);
    expect(Math.abs(ci.upper - upper)).toBeLessThan(1e-12);
  });

  it("gives the 4 d.p. values for the examples of Newcombe 1998 (single proportion)", () => {
    // The four examples of Newcombe (1998) Stat Med 17:857 (81/263, 15/148, 0/20, 1/29). The expected values
    // are the Python closed-formula results above rounded to 4 d.p.; they agree with the method-3 figures as
    // commonly quoted from that paper, but the paper itself was not available to check here.
    const r = (v: number) => Math.round(v * 1e4) / 1e4;
    expect([r(wilsonInterval(81, 263).lower), r(wilsonInterval(81, 263).upper)]).toEqual([0.2553, 0.3662]);
    expect([r(wilsonInterval(15, 148).lower), r(wilsonInterval(15, 148).upper)]).toEqual([0.0624, 0.1605]);
    expect([r(wilsonInterval(0, 20).lower), r(wilsonInterval(0, 20).upper)]).toEqual([0, 0.1611]);
    expect([r(wilsonInterval(1, 29).lower), r(wilsonInterval(1, 29).upper)]).toEqual([0.0061, 0.1718]);
  });

  it("has lower exactly 0 at 0/n and upper exactly 1 at n/n", () => {
    expect(wilsonInterval(0, 7).lower).toBe(0);
    expect(wilsonInterval(7, 7).upper).toBe(1);
  });

  it("defaults to 95% confidence", () => {
    expect(wilsonInterval(3, 10)).toEqual(wilsonInterval(3, 10, 0.95));
  });

  it.each([
    [3, 0, undefined, /n must be a positive whole number/],
    [5, 4, undefined, /successes \(5\) must not exceed n \(4\)/],
    [-1, 4, undefined, /successes must be a whole number/],
    [1.5, 4, undefined, /successes must be a whole number/],
    [NaN, 4, undefined, /successes must be a whole number/],
    [1, 2.5, undefined, /n must be a whole number/],
    [1, 4, 0, /confidence must be strictly between 0 and 1/],
    [1, 4, 1, /confidence must be strictly between 0 and 1/],
    [1, 4, 95, /confidence must be strictly between 0 and 1/],
    [1, 4, NaN, /confidence must be strictly between 0 and 1/],
  ])("wilsonInterval(%s, %s, %s) throws", (x, n, conf, message) => {
    expect(() => wilsonInterval(x, n, conf)).toThrow(InvalidArgumentError);
    expect(() => wilsonInterval(x, n, conf)).toThrow(message);
    expect(() => wilsonInterval(x, n, conf)).toThrow(/^wilsonInterval: /);
  });
});
