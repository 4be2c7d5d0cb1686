/**
 * Audience policies for disclosure control: who a result is for, the smallest group it may describe, and
 * whether counts are rounded.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors.js";

/**
 * The smallest group (in pupils) a governors' or published figure may describe: DfE performance tables
 * suppress groups of fewer than 6 pupils (see `shared/domain.md`, "Small numbers").
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 6;

/**
 * The floor under the threshold for governors and the public: a policy for them cannot suppress fewer than
 * groups of 6, the DfE performance tables' rule (groups of fewer than 6 pupils are not published). A SENCO
 * may raise it (e.g. 11, the size below which Ofsted's IDSR does not discuss a group), never lower it.
 * @example
 * MIN_PUBLISHED_THRESHOLD // => 6
 */
export const MIN_PUBLISHED_THRESHOLD = 6;

/**
 * Numerators: a count of 1 or 2 pupils (or a group all but 1 or 2 of whom share an outcome) is hidden
 * whatever the size of the group, as DfE statistics suppress counts of 1 and 2 ("c"). The count `k` with
 * `0 < count < k` or `0 < group − count < k` is hidden.
 * @example
 * NUMERATOR_THRESHOLD // => 3
 */
export const NUMERATOR_THRESHOLD = 3;

/**
 * All or none: 0% or 100% of a group tells a reader something about every pupil in it, so a count of 0 or of
 * the whole group is hidden for groups smaller than this (11: Ofsted's IDSR discusses groups of 11 or more).
 * @example
 * ALL_OR_NONE_BELOW // => 11
 */
export const ALL_OR_NONE_BELOW = 11;

/**
 * Means of small groups: below this size a mean is published without its interval (the interval gives the
 * standard deviation, and with the mean and the size that can pin every pupil's value: six pupils' steps
 * {0,0,0,0,1,5}). Same size as `ALL_OR_NONE_BELOW`.
 * @example
 * MEAN_INTERVAL_BELOW // => 11
 */
export const MEAN_INTERVAL_BELOW = 11;

/**
 * A count rounded on its own to the nearest multiple of the base (halves up), as published counts are; with no
 * base, the count itself. One rule for the report's cells, its counts outside cells and the audit's model of
 * what a reader sees.
 * @example
 * roundToBase(12.5, 5) // => 15
 * roundToBase(12, 5) // => 10
 * roundToBase(12, undefined) // => 12
 */
export function roundToBase(v: number, base: number | undefined): number {
  return base === undefined ? v : Math.round(v / base) * base;
}

/** The base that published counts are rounded to (DfE and Ofqual round counts to the nearest 5). */
export const DEFAULT_PUBLIC_ROUNDING = 5;

/**
 * Who a result is for.
 * - `senco`: the SENCO on their own machine; everything, including pupil-level lists.
 * - `governors`: a governors' pack; aggregates only, small groups suppressed.
 * - `public`: a published page; as governors, and counts rounded to the nearest 5.
 * @example
 * Audience.parse("governors") // => "governors"
 */
export const Audience = z.enum(["senco", "governors", "public"]);
/** Who a result is for. */
export type Audience = z.infer<typeof Audience>;

/**
 * A disclosure policy: the audience, the threshold (a group of `0 < n < threshold` pupils is suppressed) and
 * the base counts are rounded to (`undefined`: not rounded).
 * @example
 * DisclosurePolicy.parse({ audience: "governors", threshold: 6 }) // => { audience: "governors", threshold: 6 }
 */
export const DisclosurePolicy = z.object({
  audience: Audience,
  threshold: z.number().int().min(1),
  roundCountsTo: z.number().int().min(2).optional(),
}).refine((p) => p.audience === "senco" || p.threshold >= MIN_PUBLISHED_THRESHOLD, {
  message: `must be at least ${MIN_PUBLISHED_THRESHOLD} for governors and the public`,
  path: ["threshold"],
});
/** A disclosure policy. */
export type DisclosurePolicy = z.infer<typeof DisclosurePolicy>;

/**
 * The standard policy for an audience, with optional overrides. Defaults: threshold 6 for every audience
 * (it has no effect for the SENCO); counts rounded to the nearest 5 for `public`, not rounded otherwise.
 * @param audience who the result is for
 * @param overrides a different threshold or rounding base
 * @throws {InvalidArgumentError} when the audience is unknown, the threshold is not a whole number ≥ 1 (≥
 * `MIN_PUBLISHED_THRESHOLD`, 6, for governors and the public), or the rounding base is not a whole number ≥ 2
 * @example
 * policyFor("governors") // => { audience: "governors", threshold: 6 }
 * policyFor("public", { threshold: 11 }) // => { audience: "public", threshold: 11, roundCountsTo: 5 }
 */
export function policyFor(
  audience: Audience,
  overrides: { threshold?: number; roundCountsTo?: number } = {},
): DisclosurePolicy {
  if (!Audience.options.includes(audience)) {
    throw new InvalidArgumentError("policyFor", `audience must be one of senco, governors, public; got '${String(audience)}'`);
  }
  const threshold = overrides.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new InvalidArgumentError("policyFor", `threshold must be a whole number of pupils, at least 1; got ${threshold}`);
  }
  if (audience !== "senco" && threshold < MIN_PUBLISHED_THRESHOLD) {
    throw new InvalidArgumentError("policyFor", `threshold must be at least ${MIN_PUBLISHED_THRESHOLD} pupils for ${audience} (DfE performance tables suppress groups of fewer than 6); got ${threshold}`);
  }
  const rounding = overrides.roundCountsTo ?? (audience === "public" ? DEFAULT_PUBLIC_ROUNDING : undefined);
  if (rounding !== undefined && (!Number.isInteger(rounding) || rounding < 2)) {
    throw new InvalidArgumentError("policyFor", `roundCountsTo must be a whole number, at least 2; got ${rounding}`);
  }
  return rounding === undefined ? { audience, threshold } : { audience, threshold, roundCountsTo: rounding };
}
