/**
 * t intervals for a mean and for a difference of two means (Welch).
 */
import { InvalidArgumentError } from "../errors.js";
import { studentTQuantile } from "./student-t.js";
import { sampleMoments } from "./moments.js";
import { assertConfidence, assertSample } from "./validate.js";

/** Welch's interval for mean(a) − mean(b). */
export interface MeanDifferenceInterval {
  /** mean(a) − mean(b). */
  difference: number;
  /** Lower end of the interval. */
  lower: number;
  /** Upper end of the interval. */
  upper: number;
  /** Welch–Satterthwaite degrees of freedom (usually not a whole number). */
  df: number;
}

/** A t interval for one mean. */
export interface MeanInterval {
  /** The sample mean. */
  mean: number;
  /** Lower end of the interval. */
  lower: number;
  /** Upper end of the interval. */
  upper: number;
  /** Number of values. */
  n: number;
}

/**
 * Welch's t confidence interval for the difference of two independent means, mean(a) − mean(b), without
 * assuming equal variances (Welch 1947; Satterthwaite 1946 degrees of freedom). Agrees with
 * `scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval(confidence)`.
 *
 * SE = √(s_a²/n_a + s_b²/n_b); df = SE⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1));
 * interval = difference ± t_{df, 1−α/2} · SE.
 * @param a values of the first group (at least 2, finite)
 * @param b values of the second group (at least 2, finite)
 * @param confidence two-sided confidence level in (0, 1); default 0.95
 * @throws {InvalidArgumentError} when a group has fewer than two values, a value is not finite, both groups
 *   have zero variance (Welch's df is then undefined), or confidence is not strictly between 0 and 1
 * @example
 * meanDifferenceInterval([1, 2, 3, 4], [2, 4, 6, 8, 10]);
 * // => { difference: -3.5, lower: -7.3854, upper: 0.3854, df: 5.5208 } (to 4 d.p.)
 */
export function meanDifferenceInterval(
  a: readonly number[],
  b: readonly number[],
  confidence = 0.95,
): MeanDifferenceInterval {
  assertSample("meanDifferenceInterval", "a", a, 2);
  assertSample("meanDifferenceInterval", "b", b, 2);
  assertConfidence("meanDifferenceInterval", confidence);
  return welch("meanDifferenceInterval", summaryOf(a), summaryOf(b), confidence);
}

/** A sample summarised: its size, mean and variance (n − 1 denominator), as `sampleMoments` gives them. */
export interface SampleSummary {
  /** Number of values. */
  n: number;
  /** The mean. */
  mean: number;
  /** The sample variance (n − 1 denominator). */
  variance: number;
}

function summaryOf(values: readonly number[]): SampleSummary {
  const { mean, variance } = sampleMoments(values);
  return { n: values.length, mean, variance };
}

/**
 * `meanDifferenceInterval` from the two samples' summaries (`sampleMoments` and the size), for a sample
 * compared with several others: its moments are then worked out once. Gives exactly what
 * `meanDifferenceInterval` gives for the samples summarised.
 * @param a summary of the first group (n ≥ 2, finite mean and variance)
 * @param b summary of the second group (n ≥ 2, finite mean and variance)
 * @param confidence two-sided confidence level in (0, 1); default 0.95
 * @throws {InvalidArgumentError} when a group has fewer than two values, a mean or variance is not finite,
 *   both variances are zero, or confidence is not strictly between 0 and 1
 * @example
 * meanDifferenceIntervalOfSummaries({ n: 4, mean: 2.5, variance: 5 / 3 }, { n: 5, mean: 6, variance: 10 });
 * // => { difference: -3.5, lower: -7.3854, upper: 0.3854, df: 5.5208 } (to 4 d.p.)
 */
export function meanDifferenceIntervalOfSummaries(
  a: SampleSummary,
  b: SampleSummary,
  confidence = 0.95,
): MeanDifferenceInterval {
  const caller = "meanDifferenceIntervalOfSummaries";
  for (const [name, s] of [["a", a], ["b", b]] as const) {
    if (!Number.isInteger(s.n) || s.n < 2) throw new InvalidArgumentError(caller, `${name}.n must be a whole number ≥ 2, got ${String(s.n)}`);
    if (!Number.isFinite(s.mean) || !Number.isFinite(s.variance) || s.variance < 0) {
      throw new InvalidArgumentError(caller, `${name} must have a finite mean and a finite variance ≥ 0`);
    }
  }
  assertConfidence(caller, confidence);
  return welch(caller, a, b, confidence);
}

/** Welch's interval from checked summaries; `caller` names the public function in the error. */
function welch(caller: string, a: SampleSummary, b: SampleSummary, confidence: number): MeanDifferenceInterval {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (!(va + vb > 0)) {
    throw new InvalidArgumentError(caller, "both groups have zero variance, so Welch's degrees of freedom are undefined");
  }
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const difference = a.mean - b.mean;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * se;
  return { difference, lower: difference - half, upper: difference + half, df };
}

/**
 * The t confidence interval for a mean: mean ± t_{n−1, 1−α/2} · s/√n. When every value is the same the
 * interval has zero width (lower = upper = mean). Agrees with
 * `scipy.stats.t.interval(confidence, n - 1, loc=mean, scale=scipy.stats.sem(values))`.
 * @param values at least 2 finite values
 * @param confidence two-sided confidence level in (0, 1); default 0.95
 * @throws {InvalidArgumentError} when there are fewer than two values, a value is not finite, or confidence
 *   is not strictly between 0 and 1
 * @example
 * meanInterval([2, 4, 6, 8, 10]); // => { mean: 6, lower: 2.0735, upper: 9.9265, n: 5 } (to 4 d.p.)
 */
export function meanInterval(values: readonly number[], confidence = 0.95): MeanInterval {
  assertSample("meanInterval", "values", values, 2);
  assertConfidence("meanInterval", confidence);
  const { mean, variance } = sampleMoments(values);
  const n = values.length;
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, lower: mean - half, upper: mean + half, n };
}
