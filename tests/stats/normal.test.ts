import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/lib/stats/normal.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";

// Expected values: scipy.stats.norm.ppf(p) (scipy 1.17), printed by tests/stats/reference.py.
const SCIPY: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798409],
  [1e-10, -6.361340902404056],
  [0.001, -3.090232306167813],
  [0.02425, -1.972961051311885],
  [0.3, -0.5244005127080409],
  [0.575, 0.18911842627279238],
  [0.8, 0.8416212335729143],
  [0.975, 1.959963984540054],
  [0.999, 3.090232306167813],
  [0.999999999999, 7.0344869100478356],
];

describe("normalQuantile", () => {
  it.each(SCIPY)("matches scipy.stats.norm.ppf(%s) to 1e-12 relative", (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it("is 0 at 0.5 and antisymmetric", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.1)).toBeCloseTo(-normalQuantile(0.9), 14);
  });

  it("gives ±Infinity at 0 and 1", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it.each([NaN, -0.1, 1.5])("throws InvalidArgumentError for p = %s", (p) => {
    expect(() => normalQuantile(p)).toThrow(InvalidArgumentError);
    expect(() => normalQuantile(p)).toThrow(/^normalQuantile: p must be a probability/);
  });
});
