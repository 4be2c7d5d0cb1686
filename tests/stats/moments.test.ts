import { describe, expect, it } from "vitest";
import { sampleMoments } from "../../src/lib/stats/moments.js";

describe("sampleMoments", () => {
  it("matches hand computation", () => {
    // [2, 4, 6]: mean 12/3 = 4; deviations −2, 0, 2; sum of squares 4 + 0 + 4 = 8; variance 8/(3 − 1) = 4.
    expect(sampleMoments([2, 4, 6])).toEqual({ mean: 4, sumOfSquares: 8, variance: 4 });
    // [1e9 + 1, 1e9 + 3]: two-pass keeps precision at large offsets; mean 1e9 + 2, sum of squares 2, variance 2.
    expect(sampleMoments([1e9 + 1, 1e9 + 3])).toEqual({ mean: 1e9 + 2, sumOfSquares: 2, variance: 2 });
  });
});
