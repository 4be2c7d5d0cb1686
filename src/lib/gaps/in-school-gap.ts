/**
 * The gap between a SEND group and its comparison group in school: a difference of proportions (Newcombe)
 * and a difference of means (Welch).
 */
import { z } from "zod";
import { newcombeInterval } from "../stats/newcombe.js";
import { meanDifferenceInterval } from "../stats/mean-difference.js";
import { GapBand, LARGE_PROPORTION_GAP, gapBand } from "./band.js";

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

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function hasSpread(values: readonly number[]): boolean {
  return values.some((v) => v !== values[0]);
}

/**
 * mean(values) − mean(comparison) with Welch's interval (see `meanDifferenceInterval`) and its band.
 * @param options `confidence` (default 0.95), `large` gap for "well" in the measure's units (default null:
 *   never "well"; see `LARGE_MEAN_GAP`)
 * @throws {InvalidArgumentError} (from `meanDifferenceInterval`) when a value is not finite
 * @example
 * meanGap([1, 2, 3, 4], [2, 4, 6, 8, 10]);
 * // => { n: 4, mean: 2.5, comparisonN: 5, comparisonMean: 6, difference: -3.5, lower: -7.6224,
 * //      upper: 0.6224, band: "close to" } (to 4 d.p.)
 */
export function meanGap(
  values: readonly number[],
  comparison: readonly number[],
  options: { confidence?: number; large?: number | null } = {},
): MeanGap {
  const m1 = mean(values);
  const m2 = mean(comparison);
  // One object literal with every field, so all mean gaps share one V8 hidden class (see `proportionGap`).
  const gap = (difference: number | null, lower: number | null, upper: number | null, band: GapBand | null): MeanGap =>
    ({ n: values.length, mean: m1, comparisonN: comparison.length, comparisonMean: m2, difference, lower, upper, band });
  if (m1 === null || m2 === null) return gap(null, null, null, null);
  const difference = m1 - m2;
  if (values.length < 2 || comparison.length < 2 || !(hasSpread(values) || hasSpread(comparison))) return gap(difference, null, null, null);
  const d = meanDifferenceInterval(values, comparison, options.confidence ?? 0.95);
  return gap(d.difference, d.lower, d.upper, gapBand(d.difference, d.lower, d.upper, options.large ?? null));
}
