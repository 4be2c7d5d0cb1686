import { describe, expect, it } from "vitest";
import { shareFigures } from "../../src/lib/cohort/figures.js";

describe("shareFigures", () => {
  it("gives the share with its Wilson interval", () => {
    // Wilson 95% for 8 of 50, by the textbook formula in Python with z = scipy.stats.norm.ppf(0.975):
    // 0.08337420678033404 to 0.2851421606303499.
    const f = shareFigures(8, 50);
    expect(f).toMatchObject({ n: 8, count: 8, of: 50, rate: 0.16 });
    expect(f.lower).toBeCloseTo(0.08337420678033404, 12);
    expect(f.upper).toBeCloseTo(0.2851421606303499, 12);
  });

  it("gives an empty group no rate, though 0 of 50 is 0%", () => {
    expect(shareFigures(0, 50)).toEqual({ n: 0, count: 0, of: 50, rate: null, lower: null, upper: null });
  });
});
