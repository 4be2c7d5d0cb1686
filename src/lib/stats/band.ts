/**
 * A significance band for a gap, in the manner of the DfE's school-performance bands.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors.js";

/** The bands, from lowest to highest. */
export const GAP_BANDS = ["well below", "below", "close to", "above", "well above"] as const;
/** Zod enum of gap bands. @example GapBand.parse("close to") // => "close to" */
export const GapBand = z.enum(GAP_BANDS);
/** A significance band. */
export type GapBand = z.infer<typeof GapBand>;

/**
 * The gap in a proportion (a difference of rates) sendscope calls large: 0.2, i.e. 20 percentage points.
 * The DfE's "well above/below" means the top/bottom 10% of schools, which needs every school's figures; a
 * single school cannot compute that, so sendscope uses a fixed size instead.
 */
export const LARGE_PROPORTION_GAP = 0.2;

/**
 * The gap in a mean score sendscope calls large, by measure: half a standard deviation where the scale has
 * one (standardised scores SD 15 → 7.5; KS2 scaled scores, SD about 7 nationally → 3.5), otherwise about a
 * fifth of the scale or six months of age. `null` means never "well" (a raw score has no known scale).
 */
export const LARGE_MEAN_GAP: Record<string, number | null> = {
  standardised: 7.5,
  scaled: 3.5,
  phonicsMark: 8,
  mtcScore: 5,
  readingAge: 6,
  spellingAge: 6,
  teacherAssessment: null,
  rawScore: null,
};

/**
 * The band of a gap with its 95% interval: "close to" when the interval contains zero (not significant);
 * otherwise "above"/"below" by the sign, and "well above"/"well below" when also `|difference| ≥ large`.
 * @param difference the gap (group − comparison)
 * @param lower lower end of its interval
 * @param upper upper end of its interval
 * @param large the size of gap called large; `null` never gives "well …"; default `LARGE_PROPORTION_GAP`
 * @throws {InvalidArgumentError} when a figure is not finite or lower > upper
 * @example
 * gapBand(-0.25, -0.4, -0.1) // => "well below"
 * gapBand(-0.25, -0.5, 0.02) // => "close to"
 */
export function gapBand(difference: number, lower: number, upper: number, large: number | null = LARGE_PROPORTION_GAP): GapBand {
  for (const [name, v] of [["difference", difference], ["lower", lower], ["upper", upper]] as const) {
    if (!Number.isFinite(v)) throw new InvalidArgumentError("gapBand", `${name} must be a finite number, got ${String(v)}`);
  }
  if (lower > upper) throw new InvalidArgumentError("gapBand", `lower (${lower}) is above upper (${upper})`);
  if (lower <= 0 && upper >= 0) return "close to";
  const isLarge = large !== null && Math.abs(difference) >= large;
  if (lower > 0) return isLarge ? "well above" : "above";
  return isLarge ? "well below" : "below";
}
