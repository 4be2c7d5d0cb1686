/**
 * The Wilson score interval for a single proportion.
 */
import { normalQuantile } from "./normal.js";
import { assertConfidence, assertProportionCounts } from "./validate.js";

/** A confidence interval for a proportion, both ends in [0, 1]. */
export interface ProportionInterval {
  /** Lower end of the interval. */
  lower: number;
  /** Upper end of the interval. */
  upper: number;
}

/**
 * The Wilson score interval for a proportion `successes / n`, without continuity correction
 * (Wilson 1927; method 3 in Newcombe 1998, "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Statistics in Medicine 17, 857–872). Unlike the Wald interval it behaves at
 * small n and at 0/n and n/n: 0/n has lower = 0 exactly and n/n has upper = 1 exactly.
 *
 * With z the two-sided normal quantile, the ends are
 * (2x + z² ∓ z·√(z² + 4x(n − x)/n)) / (2(n + z²)).
 * @param successes whole number, 0 ≤ successes ≤ n
 * @param n whole number > 0
 * @param confidence two-sided confidence level in (0, 1); default 0.95
 * @throws {InvalidArgumentError} when n = 0, successes > n, a count is negative or fractional, or
 *   confidence is not strictly between 0 and 1
 * @example
 * wilsonInterval(81, 263); // => { lower: 0.2553, upper: 0.3662 } (to 4 d.p.)
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  assertProportionCounts("wilsonInterval", successes, n);
  assertConfidence("wilsonInterval", confidence);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + (4 * successes * (n - successes)) / n);
  const denominator = 2 * (n + z2);
  // At 0/n and n/n the end that should be exactly 0 (or 1) is set exactly rather than left to rounding.
  const lower = successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator);
  const upper = successes === n ? 1 : Math.min(1, (centre + spread) / denominator);
  return { lower, upper };
}
