/**
 * The gap between a SEND group and its comparison group in school: a difference of proportions (Newcombe)
 * and a difference of means (Welch).
 */
import { z } from "zod";
import { newcombeInterval } from "../stats/newcombe.js";
import { meanDifferenceIntervalOfSummaries } from "../stats/mean-difference.js";
import { sampleMoments } from "../stats/moments.js";
import { assertConfidence, assertSample } from "../stats/validate.js";
import { GapBand, LARGE_PROPORTION_GAP, gapBand } from "../stats/band.js";

/**
 * A difference of two proportions, group − comparison, with Newcombe's hybrid score interval. `n` is the
 * group's size (the SEND group), `comparisonN` the comparison group's. When either group is empty the
 * figures are null and there is no band.
 * @example
 * ProportionGap.parse({ n: 10, count: 3, rate: 0.3, comparisonN: 40, comparisonCount: 30,
 *   comparisonRate: 0.75, difference: -0.45, lower: -0.68, upper: -0.13, band: "well below" })
 */
export const ProportionGap = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  comparisonN: z.number().int().nonnegative(),
  comparisonCount: z.number().int().nonnegative(),
  comparisonRate: z.number().nullable(),
  difference: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  band: GapBand.nullable(),
});
/** A difference of two proportions with its interval and band. */
export type ProportionGap = z.infer<typeof ProportionGap>;

/**
 * The gap `count/n − comparisonCount/comparisonN` with Newcombe's 95% hybrid score interval and its band.
 * @param options `confidence` (default 0.95), `large` gap for "well" (default `LARGE_PROPORTION_GAP`, 0.2)
 * @throws {InvalidArgumentError} (from `newcombeInterval`) when a count exceeds its group or is negative
 * @example
 * proportionGap(56, 70, 48, 80);
 * // => { n: 70, count: 56, rate: 0.8, comparisonN: 80, comparisonCount: 48, comparisonRate: 0.6,
 * //      difference: 0.2, lower: 0.0524, upper: 0.3339, band: "well above" } (to 4 d.p.)
 */
export function proportionGap(
  count: number,
  n: number,
  comparisonCount: number,
  comparisonN: number,
  options: { confidence?: number; large?: number | null } = {},
): ProportionGap {
  const rate = n > 0 ? count / n : null;
  const comparisonRate = comparisonN > 0 ? comparisonCount / comparisonN : null;
  // One object literal with every field (not a spread of shared fields plus more): V8 then gives all gaps one
  // hidden class, where `{ ...base, more }` made a class per object (memory, and slow reads later).
  const gap = (difference: number | null, lower: number | null, upper: number | null, band: GapBand | null): ProportionGap =>
    ({ n, count, rate, comparisonN, comparisonCount, comparisonRate, difference, lower, upper, band });
  if (n === 0 || comparisonN === 0) return gap(null, null, null, null);
  const d = newcombeInterval(count, n, comparisonCount, comparisonN, options.confidence ?? 0.95);
  const large = options.large === undefined ? LARGE_PROPORTION_GAP : options.large;
  return gap(d.difference, d.lower, d.upper, gapBand(d.difference, d.lower, d.upper, large));
}

/**
 * A difference of two means, group − comparison, with Welch's t interval. The difference needs a value in
 * each group; the interval and band need two values in each group and some spread.
 * @example
 * MeanGap.parse({ n: 4, mean: 2.5, comparisonN: 5, comparisonMean: 6, difference: -3.5, lower: -7.62,
 *   upper: 0.62, band: "close to" })
 */
export const MeanGap = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number().nullable(),
  comparisonN: z.number().int().nonnegative(),
  comparisonMean: z.number().nullable(),
  difference: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  band: GapBand.nullable(),
});
/** A difference of two means with its interval and band. */
export type MeanGap = z.infer<typeof MeanGap>;

/**
 * One side of a mean gap with the figures `meanGap` needs from it, worked out once: a group compared with
 * several others (no SEN against K, E and all SEN) is then summarised once, not once per comparison.
 * `mean` is null for no values; `variance` is NaN for fewer than two.
 */
export interface GapSample {
  /** The values. */
  values: readonly number[];
  /** Number of values. */
  n: number;
  /** Their mean (null when there are none). */
  mean: number | null;
  /** Their sample variance (n − 1 denominator). */
  variance: number;
  /** Whether the values are not all the same. */
  spread: boolean;
  /** Whether every value is a finite number. */
  finite: boolean;
}

/**
 * The summary of one side of a mean gap (see `GapSample`), for `meanGapOfSamples`.
 * @example
 * gapSample([2, 4, 6]) // => { values: [2, 4, 6], n: 3, mean: 4, variance: 4, spread: true, finite: true }
 */
export function gapSample(values: readonly number[]): GapSample {
  const n = values.length;
  if (n === 0) return { values, n, mean: null, variance: Number.NaN, spread: false, finite: true };
  const { mean, variance } = sampleMoments(values);
  const first = values[0];
  let spread = false;
  let finite = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== first) spread = true;
    if (typeof v !== "number" || !Number.isFinite(v)) finite = false;
  }
  return { values, n, mean, variance, spread, finite };
}

/**
 * mean(values) − mean(comparison) with Welch's interval (see `meanDifferenceInterval`) and its band.
 * @param options `confidence` (default 0.95), `large` gap for "well" in the measure's units (default null:
 *   never "well"; see `LARGE_MEAN_GAP`)
 * @throws {InvalidArgumentError} (from `meanDifferenceInterval`) when a value is not finite
 * @example
 * meanGap([1, 2, 3, 4], [2, 4, 6, 8, 10]);
 * // => { n: 4, mean: 2.5, comparisonN: 5, comparisonMean: 6, difference: -3.5, lower: -7.3854,
 * //      upper: 0.3854, band: "close to" } (to 4 d.p.; Welch, df 5.52: scipy's t.ppf gives the same)
 */
export function meanGap(
  values: readonly number[],
  comparison: readonly number[],
  options: { confidence?: number; large?: number | null } = {},
): MeanGap {
  return meanGapOfSamples(gapSample(values), gapSample(comparison), options);
}

/**
 * `meanGap` of two summarised samples (see `gapSample`): the same figures, with each sample's moments
 * worked out once however many gaps it is in.
 * @throws {InvalidArgumentError} (from `meanDifferenceInterval`) when a value is not finite
 * @example
 * meanGapOfSamples(gapSample([1, 2, 3, 4]), gapSample([2, 4, 6, 8, 10])).difference // => -3.5
 */
export function meanGapOfSamples(
  group: GapSample,
  comparison: GapSample,
  options: { confidence?: number; large?: number | null } = {},
): MeanGap {
  const m1 = group.mean;
  const m2 = comparison.mean;
  // One object literal with every field, so all mean gaps share one V8 hidden class (see `proportionGap`).
  const gap = (difference: number | null, lower: number | null, upper: number | null, band: GapBand | null): MeanGap =>
    ({ n: group.n, mean: m1, comparisonN: comparison.n, comparisonMean: m2, difference, lower, upper, band });
  if (m1 === null || m2 === null) return gap(null, null, null, null);
  const difference = m1 - m2;
  if (group.n < 2 || comparison.n < 2 || !(group.spread || comparison.spread)) return gap(difference, null, null, null);
  // The checks `meanDifferenceInterval` makes, with its messages.
  const confidence = options.confidence ?? 0.95;
  if (!group.finite) assertSample("meanDifferenceInterval", "a", group.values, 2);
  if (!comparison.finite) assertSample("meanDifferenceInterval", "b", comparison.values, 2);
  assertConfidence("meanDifferenceInterval", confidence);
  const d = meanDifferenceIntervalOfSummaries(
    { n: group.n, mean: m1, variance: group.variance }, { n: comparison.n, mean: m2, variance: comparison.variance }, confidence,
  );
  return gap(d.difference, d.lower, d.upper, gapBand(d.difference, d.lower, d.upper, options.large ?? null));
}
