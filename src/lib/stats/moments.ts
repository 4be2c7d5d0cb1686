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
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sumOfSquares = 0;
  for (const v of values) sumOfSquares += (v - mean) * (v - mean);
  return { mean, sumOfSquares, variance: sumOfSquares / (values.length - 1) };
}
