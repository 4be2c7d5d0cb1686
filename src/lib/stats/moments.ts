/**
 * The mean and spread of a sample, computed one way for every statistic that needs them (two passes: the
 * mean first, then squared deviations from it, which is accurate for scores of any size).
 */

/** A sample's mean, sum of squared deviations from the mean, and variance (n − 1 denominator). */
export interface SampleMoments {
  mean: number;
  sumOfSquares: number;
  variance: number;
}

/**
 * Mean, sum of squared deviations and sample variance of the values (at least one; the variance of one
 * value is NaN, so callers check their sample sizes first).
 * @example
 * sampleMoments([2, 4, 6]) // => { mean: 4, sumOfSquares: 8, variance: 4 }
 */
export function sampleMoments(values: readonly number[]): SampleMoments {
  // Indexed loops, not for…of: this runs over millions of values per report, on arrays of small integers and
  // of doubles alike, where the iterator protocol cost about 20 ns a value.
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let sumOfSquares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    sumOfSquares += d * d;
  }
  return { mean, sumOfSquares, variance: sumOfSquares / (n - 1) };
}
