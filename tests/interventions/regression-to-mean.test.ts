import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { DEFAULT_RELIABILITY, expectedRegressionToMean } from "../../src/lib/interventions/regression-to-mean.js";

describe("expectedRegressionToMean", () => {
  it("is (1 − r)(population mean − entry mean)", () => {
    expect(expectedRegressionToMean(82, 100, 0.9)).toBeCloseTo(1.8, 12); // 0.1 × 18
    expect(expectedRegressionToMean(70, 100, 0.85)).toBeCloseTo(4.5, 12); // 0.15 × 30
    expect(expectedRegressionToMean(110, 100, 0.9)).toBeCloseTo(-1, 12); // above the mean: falls back
    expect(expectedRegressionToMean(80, 100, 1)).toBe(0); // a perfectly reliable test: no regression
  });
  it("has documented defaults", () => {
    expect(DEFAULT_RELIABILITY.standardised).toBe(0.9);
    expect(DEFAULT_RELIABILITY.readingAge).toBe(0.9);
  });
  it("rejects reliability outside [0, 1] and non-finite input", () => {
    expect(() => expectedRegressionToMean(80, 100, 1.2)).toThrow(InvalidArgumentError);
    expect(() => expectedRegressionToMean(Number.NaN, 100, 0.9)).toThrow(/entryMean/);
  });
});
