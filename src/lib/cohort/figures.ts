/**
 * The figures every group cell is made of, with the one empty-group policy: a group with no pupils has
 * `n: 0`, `count: 0` and `null` for every rate, mean and interval end, never NaN.
 */
import { z } from "zod";
import { wilsonInterval } from "../stats/wilson.js";
import { meanInterval } from "../stats/mean-difference.js";

/**
 * The fields that name a group cell of a table cut by one dimension (spread into a cell schema).
 * @example
 * z.object({ ...GROUP_CELL_KEY_FIELDS }).parse({ dimension: "senStatus", group: "K" })
 */
export const GROUP_CELL_KEY_FIELDS = {
  dimension: z.string(),
  group: z.string(),
  isTotal: z.boolean().optional(),
};

/**
 * A proportion of a group: `count` of `n` pupils, the `rate` and its Wilson interval.
 * @example
 * ProportionFigures.parse({ n: 0, count: 0, rate: null, lower: null, upper: null })
 */
export const ProportionFigures = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
/** A proportion of a group with its Wilson interval. */
export type ProportionFigures = z.infer<typeof ProportionFigures>;

/**
 * The figures of a share of a parent group: `count` of `of` pupils, the `rate` with its Wilson interval, and
 * `n` (the group size disclosure control reads: the count itself). Used by identification and EHC review cells.
 * @example
 * ShareFigures.parse({ n: 8, count: 8, of: 50, rate: 0.16, lower: 0.083, upper: 0.285 }).of // => 50
 */
export const ShareFigures = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  of: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
/** A share of a parent group with its Wilson interval. */
export type ShareFigures = z.infer<typeof ShareFigures>;

/**
 * `count` of `of` pupils as a share with its Wilson interval (`n` is the count). A group with no pupils has no
 * rate, even though 0 of `of` is 0% (the empty-group policy of `schema/cells.ts`).
 * @param confidence of the interval; default 0.95
 * @example
 * shareFigures(8, 50) // => { n: 8, count: 8, of: 50, rate: 0.16, lower: 0.083, upper: 0.285 } (to 3 d.p.)
 * shareFigures(0, 50) // => { n: 0, count: 0, of: 50, rate: null, lower: null, upper: null }
 */
export function shareFigures(count: number, of: number, confidence = 0.95): ShareFigures {
  if (count === 0) return { n: 0, count: 0, of, rate: null, lower: null, upper: null };
  const f = proportionFigures(count, of, confidence);
  return { n: count, count, of, rate: f.rate, lower: f.lower, upper: f.upper };
}

/**
 * `count` of `n` as a rate with its Wilson score interval (see `wilsonInterval`). With `n = 0` the rate and
 * interval are `null`.
 * @param count pupils meeting the condition (whole, 0 ≤ count ≤ n)
 * @param n pupils in the group (whole, ≥ 0)
 * @param confidence two-sided confidence level; default 0.95
 * @throws {InvalidArgumentError} (from `wilsonInterval`) when count > n or a count is negative or fractional
 * @example
 * proportionFigures(3, 4); // => { n: 4, count: 3, rate: 0.75, lower: 0.3006, upper: 0.9544 } (to 4 d.p.)
 * proportionFigures(0, 0); // => { n: 0, count: 0, rate: null, lower: null, upper: null }
 */
export function proportionFigures(count: number, n: number, confidence = 0.95): ProportionFigures {
  if (n === 0 && count === 0) return { n: 0, count: 0, rate: null, lower: null, upper: null };
  const { lower, upper } = wilsonInterval(count, n, confidence);
  return { n, count, rate: count / n, lower, upper };
}

/**
 * The mean of a list of values with its t interval. One value has a mean but no interval; none has neither.
 * @example
 * MeanFigures.parse({ mean: 6, meanLower: 2.07, meanUpper: 9.93 })
 */
export const MeanFigures = z.object({
  mean: z.number().nullable(),
  meanLower: z.number().nullable(),
  meanUpper: z.number().nullable(),
});
/** A mean with its t interval. */
export type MeanFigures = z.infer<typeof MeanFigures>;

/**
 * A group's progress figures (a SEN status, a class, a year group in one academic year): pupils with a result
 * at both points, the mean progress figure with its t interval, and those making expected progress (Wilson).
 * @example
 * ProgressFigures.parse({ n: 2, mean: 3, meanLower: null, meanUpper: null, count: 1, rate: 0.5, lower: 0.09, upper: 0.91 }).n // => 2
 */
export const ProgressFigures = z.object({
  n: z.number().int().nonnegative(),
  ...MeanFigures.shape,
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
/** A group's progress figures. */
export type ProgressFigures = z.infer<typeof ProgressFigures>;

/**
 * The mean of `values` with its t interval (see `meanInterval`); `null`s for an empty list, and a mean with
 * `null` interval ends for a single value.
 * @param values finite numbers
 * @param confidence two-sided confidence level; default 0.95
 * @throws {InvalidArgumentError} (from `meanInterval`) when a value is not finite
 * @example
 * meanFigures([2, 4, 6, 8, 10]); // => { mean: 6, meanLower: 2.0735, meanUpper: 9.9265 } (to 4 d.p.)
 * meanFigures([]); // => { mean: null, meanLower: null, meanUpper: null }
 */
export function meanFigures(values: readonly number[], confidence = 0.95): MeanFigures {
  if (values.length === 0) return { mean: null, meanLower: null, meanUpper: null };
  if (values.length === 1) return { mean: values[0] ?? null, meanLower: null, meanUpper: null };
  const { mean, lower, upper } = meanInterval(values, confidence);
  return { mean, meanLower: lower, meanUpper: upper };
}
