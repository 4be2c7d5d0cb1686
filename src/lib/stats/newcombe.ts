/**
 * Newcombe's hybrid score interval for the difference between two independent proportions.
 */
import { wilsonInterval } from "./wilson.js";
import { assertConfidence, assertProportionCounts } from "./validate.js";

/** A confidence interval for a difference p1 − p2, both ends in [−1, 1]. */
export interface DifferenceInterval {
  /** The point estimate p1 − p2. */
  difference: number;
  /** Lower end of the interval. */
  lower: number;
  /** Upper end of the interval. */
  upper: number;
}

/**
 * The hybrid score interval for p1 − p2 = x1/n1 − x2/n2 from two independent samples (Newcombe 1998,
 * "Interval estimation for the difference between independent proportions: comparison of eleven methods",
 * Statistics in Medicine 17, 873–890, method 10). It combines the two Wilson intervals (l1, u1) and (l2, u2)
 * (no continuity correction):
 * lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²).
 * It behaves at small n and at zero or full counts, where the Wald interval does not.
 * @param x1 successes in group 1 (whole, 0 ≤ x1 ≤ n1)
 * @param n1 size of group 1 (whole, > 0)
 * @param x2 successes in group 2 (whole, 0 ≤ x2 ≤ n2)
 * @param n2 size of group 2 (whole, > 0)
 * @param confidence two-sided confidence level in (0, 1); default 0.95
 * @throws {InvalidArgumentError} when a group size is 0, successes exceed the group size, a count is
 *   negative or fractional, or confidence is not strictly between 0 and 1
 * @example
 * newcombeInterval(56, 70, 48, 80); // => { difference: 0.2, lower: 0.0524, upper: 0.3339 } (to 4 d.p.; Newcombe 1998 Table II)
 */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): DifferenceInterval {
  assertProportionCounts("newcombeInterval", x1, n1, "x1", "n1");
  assertProportionCounts("newcombeInterval", x2, n2, "x2", "n2");
  assertConfidence("newcombeInterval", confidence);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const difference = p1 - p2;
  const lower = difference - Math.hypot(p1 - w1.lower, w2.upper - p2);
  const upper = difference + Math.hypot(w1.upper - p1, p2 - w2.lower);
  return { difference, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}
