/**
 * The EEF Teaching and Learning Toolkit's conversion of an effect size into months of additional progress.
 */
import { assertFinite } from "./validate.js";

/**
 * Lower bounds (effect size, 2 d.p.) of the EEF bands for 1 … 12 months, in order. Source: Education
 * Endowment Foundation, Teaching and Learning Toolkit technical appendix ("months' progress" conversion):
 * 0.02–0.09 → 1, 0.10–0.18 → 2, 0.19–0.26 → 3, 0.27–0.35 → 4, 0.36–0.44 → 5, 0.45–0.52 → 6,
 * 0.53–0.61 → 7, 0.62–0.69 → 8, 0.70–0.78 → 9, 0.79–0.87 → 10, 0.88–0.95 → 11, 0.96 and above → 12.
 */
const BAND_LOWER_BOUNDS_HUNDREDTHS = [2, 10, 19, 27, 36, 45, 53, 62, 70, 79, 88, 96] as const;

/**
 * Months of additional progress that the EEF Teaching and Learning Toolkit attaches to an effect size
 * (0.02–0.09 → 1 month … 0.96 and above → 12 months; below 0.02 → 0). Negative effect sizes mirror:
 * eefMonths(−x) = −eefMonths(x).
 *
 * Boundaries: the published bands are given to 2 d.p. and leave gaps (e.g. 0.09 → 1 but 0.10 → 2). The
 * absolute effect size is first rounded half-up to 2 d.p. and then belongs to the band whose lower bound it
 * reaches: 0.095 → 0.10 → 2 months, 0.0949 → 0.09 → 1 month, 0.015 → 0.02 → 1 month. So that decimal
 * inputs like 0.955 (held in binary as 0.95499999…) round as written, the scaled value is first cleaned to
 * 9 decimal places before rounding.
 * @param effectSize a standardised effect size (e.g. Hedges' g), finite
 * @returns whole months, −12 … 12 (0, never −0, for |effect| < 0.015)
 * @throws {InvalidArgumentError} when effectSize is NaN or ±Infinity
 * @example
 * eefMonths(0.3); // => 4
 * eefMonths(-0.5); // => -6
 */
export function eefMonths(effectSize: number): number {
  assertFinite("eefMonths", "effectSize", effectSize);
  const hundredths = Math.round(Number((Math.abs(effectSize) * 100).toFixed(9)));
  let months = 0;
  for (const bound of BAND_LOWER_BOUNDS_HUNDREDTHS) {
    if (hundredths >= bound) months += 1;
  }
  if (months === 0) return 0;
  return effectSize < 0 ? -months : months;
}
