/**
 * Ratio gain (Brooks): months of reading or spelling age gained per month elapsed, and its usual bands.
 */
import { InvalidArgumentError } from "../errors.js";

/** The descriptive bands Brooks attaches to a ratio gain. */
export type RatioGainBand = "doubtful" | "modest" | "useful" | "substantial" | "remarkable";

/**
 * Ratio gain: months of reading (or spelling) age gained divided by months elapsed (Brooks, "What works for
 * children and young people with literacy difficulties?", 5th ed. 2016). A ratio gain of 1 is the normal
 * rate of progress; 2 (double the normal rate) is the common bar for good impact. A negative gain (a fall
 * in reading age) gives a negative ratio gain.
 * @param monthsGained reading/spelling age at exit minus at entry, in months (finite; may be ≤ 0)
 * @param monthsElapsed months between the two assessments (finite, > 0; see `monthsBetween` in `cohort/dates`)
 * @throws {InvalidArgumentError} when either argument is not finite or monthsElapsed ≤ 0
 * @example
 * ratioGain(9, 4.5); // => 2
 */
export function ratioGain(monthsGained: number, monthsElapsed: number): number {
  if (typeof monthsGained !== "number" || !Number.isFinite(monthsGained)) {
    throw new InvalidArgumentError("ratioGain", `monthsGained must be a finite number, got ${String(monthsGained)}`);
  }
  if (typeof monthsElapsed !== "number" || !Number.isFinite(monthsElapsed) || monthsElapsed <= 0) {
    throw new InvalidArgumentError(
      "ratioGain",
      `monthsElapsed must be a finite number > 0, got ${String(monthsElapsed)}`,
    );
  }
  return monthsGained / monthsElapsed;
}

/**
 * Brooks's band for a ratio gain: under 1.4 "doubtful", 1.4 to under 2 "modest", 2 to under 3 "useful",
 * 3 to under 4 "substantial", 4 and over "remarkable". Each boundary belongs to the band above it
 * (2 is "useful", 4 is "remarkable"); the value is compared as given, not rounded, so round it first if you
 * want bands of a rounded figure. Negative ratio gains are "doubtful".
 * @param ratioGain a ratio gain (see {@link ratioGain}), finite
 * @throws {InvalidArgumentError} when ratioGain is not a finite number
 * @example
 * ratioGainBand(2); // => "useful"
 * ratioGainBand(1.39); // => "doubtful"
 */
export function ratioGainBand(ratioGain: number): RatioGainBand {
  if (typeof ratioGain !== "number" || !Number.isFinite(ratioGain)) {
    throw new InvalidArgumentError("ratioGainBand", `ratioGain must be a finite number, got ${String(ratioGain)}`);
  }
  if (ratioGain < 1.4) return "doubtful";
  if (ratioGain < 2) return "modest";
  if (ratioGain < 3) return "useful";
  if (ratioGain < 4) return "substantial";
  return "remarkable";
}
