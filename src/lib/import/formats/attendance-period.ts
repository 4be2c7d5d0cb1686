/**
 * Attendance over a date range (a SIMS "Attendance summary" for, say, 02/09/2024 – 18/07/2025) split into the
 * terms sendscope's records hold. The rule, decided here and used everywhere a period must become terms:
 *
 * 1. The terms are those of `termOf` (September–December autumn, January–March spring, April–August summer),
 *    the same rule by which sendscope dates every assessment; a school's own term dates are not known.
 * 2. A period wholly within one term is one record for that term.
 * 3. A period spanning terms is split by its share of school weekdays (Monday–Friday, August left out) in
 *    each term: possible and attended sessions are each divided in proportion, rounded by the largest
 *    remainder so the parts add up exactly to the period's totals. The academic year's totals, and so its
 *    attendance rate and persistent-absence figures, are exactly those of the export; a single term's figures
 *    are an even spread of the period's, which a warning on the file says.
 *
 * (An academic-year record without a term would have been truer, but the record schema holds a term, and the
 * analyses filter on it.)
 */
import type { Term } from "../../schema/primitives.js";
import { academicYearOf, termOf } from "../codes.js";

/** One term's share of a period: its academic year, term, and school weekdays in the period. */
export interface TermShare {
  academicYear: string;
  term: Term;
  weekdays: number;
}

const DAY = 86_400_000;

/**
 * The terms a period touches, with its school weekdays in each (see the module comment), in date order.
 * @param start the first day, `yyyy-mm-dd`
 * @param end the last day, `yyyy-mm-dd` (not before `start`; at most about two years later)
 * @example
 * termShares("2024-09-02", "2024-12-20") // => [{ academicYear: "2024/25", term: "autumn", weekdays: 80 }]
 * termShares("2024-12-16", "2025-01-10").map((s) => s.weekdays) // => [12, 8] (holidays are not known)
 */
export function termShares(start: string, end: string): TermShare[] {
  const shares: TermShare[] = [];
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Math.min(Date.parse(`${end}T00:00:00Z`), from + 800 * DAY);
  for (let t = from; t <= to; t += DAY) {
    const date = new Date(t);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6 || date.getUTCMonth() === 7) continue;
    const iso = date.toISOString().slice(0, 10);
    const academicYear = academicYearOf(iso);
    const term = termOf(iso);
    const last = shares[shares.length - 1];
    if (last !== undefined && last.academicYear === academicYear && last.term === term) last.weekdays += 1;
    else shares.push({ academicYear, term, weekdays: 1 });
  }
  return shares;
}

/**
 * Divide a whole number in proportion to weights, rounding by the largest remainder (ties to the earlier part),
 * so the parts add up to the total.
 * @example
 * splitByWeights(10, [1, 1, 1]) // => [4, 3, 3]
 * splitByWeights(126, [80, 8]) // => [115, 11]
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Possible and attended sessions for one term of a split period. */
export interface TermSessions extends TermShare {
  possible: number;
  attended: number;
}

/**
 * Split a period's possible and attended sessions into its terms (see the module comment). Attended never
 * exceeds possible in any part (a unit is moved to the next part with room when rounding would do so).
 * @example
 * splitSessions(termShares("2024-12-16", "2025-01-10"), 26, 24).map((t) => [t.term, t.possible, t.attended])
 * // => [["autumn", 16, 14], ["spring", 10, 10]]
 */
export function splitSessions(shares: readonly TermShare[], possible: number, attended: number): TermSessions[] {
  const weights = shares.map((s) => s.weekdays);
  const possibleParts = splitByWeights(possible, weights);
  const attendedParts = splitByWeights(attended, weights);
  for (let i = 0; i < attendedParts.length; i += 1) {
    while (attendedParts[i]! > possibleParts[i]!) {
      const room = attendedParts.findIndex((a, j) => j !== i && a < possibleParts[j]!);
      if (room < 0) break;
      attendedParts[i]! -= 1;
      attendedParts[room]! += 1;
    }
  }
  return shares.map((share, i) => ({ ...share, possible: possibleParts[i]!, attended: attendedParts[i]! }));
}
