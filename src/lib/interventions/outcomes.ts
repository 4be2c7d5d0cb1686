/**
 * One pupil's outcome in one intervention placement: entry and exit scores, time elapsed, the gain, and
 * whether the placement can be used for impact at all (missing exit score, no time elapsed, left early).
 */
import { InvalidArgumentError } from "../errors.js";
import type { MeasureKind } from "../schema/primitives.js";
import type { InterventionRecord, Pupil } from "../schema/records.js";
import { monthsBetween } from "../cohort/dates.js";

/** Measures held as an age in months, where normal progress is one month per month (ratio gain applies). */
export const AGE_MEASURES: readonly MeasureKind[] = ["readingAge", "spellingAge"];

/**
 * Whether a measure is an age in months (reading or spelling age), for which ratio gain applies and typical
 * progress is one month of age per month elapsed.
 * @example
 * isAgeMeasure("readingAge"); // => true
 * isAgeMeasure("standardised"); // => false
 */
export function isAgeMeasure(measure: MeasureKind | null): boolean {
  return measure !== null && AGE_MEASURES.includes(measure);
}

/**
 * Why a placement does not count towards impact: `"missingEntry"` (no entry score), `"missingExit"` (no exit
 * score: still running, or not assessed), `"zeroElapsed"` (exit assessed on or before the entry date), or
 * `null` when it counts.
 */
export type ExclusionReason = "missingEntry" | "missingExit" | "zeroElapsed" | null;

/** One pupil's outcome in one placement. */
export interface PlacementOutcome {
  /** The provision-map record. */
  record: InterventionRecord;
  /** True when the pupil left the school before the run's end (or before `asOf` for an open run). */
  leftEarly: boolean;
  /** The pupil's leaving date when they left before the run's end, else null. */
  leavingDate: string | null;
  /** Why the placement is not used for impact, or null when it is. */
  excluded: ExclusionReason;
  /** Exit minus entry score (null when excluded). */
  gain: number | null;
  /** Months between entry and exit assessment (null when a date is unknown). */
  monthsElapsed: number | null;
  /**
   * The per-pupil value that impact is computed from: for an age measure the pupil's own ratio gain (months
   * gained per month elapsed), otherwise the score change. Null when excluded.
   */
  value: number | null;
  /** Chronological age in months at the entry assessment (null without a date of birth). */
  ageAtEntryMonths: number | null;
  /** True/false when the record has an exit target and an exit score, else null. */
  metTarget: boolean | null;
}

/**
 * Works out one placement's outcome. Entry date defaults to the record's start date and exit date to its end
 * date. A pupil "left early" when their leaving date is before the run end (`runEnd`, or `asOf` for an open
 * run); a leaver's exit score still counts when it was recorded. A placement with an exit date on or before
 * its entry date is excluded as `"zeroElapsed"` (a ratio gain needs time to pass).
 * @param record the provision-map record
 * @param pupil the pupil (for leaving date and date of birth), or undefined when not on the pupil list
 * @param runEnd the run's end date, or null when the run is still open
 * @param asOf the analysis date `yyyy-mm-dd`
 * @throws {InvalidArgumentError} when asOf is not a `yyyy-mm-dd` date
 * @example
 * const record = { ...data.interventions[0], measure: "readingAge", entryScore: 84, exitScore: 93,
 *   entryDate: "2024-09-16", exitDate: "2025-01-30" };
 * placementOutcome(record, undefined, "2025-01-30", "2025-07-01").value;
 * // => 2.018 (9 months gained in 4 + 14/30.4375 = 4.460 months elapsed, by hand)
 */
export function placementOutcome(
  record: InterventionRecord,
  pupil: Pupil | undefined,
  runEnd: string | null,
  asOf: string,
): PlacementOutcome {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new InvalidArgumentError("placementOutcome", `asOf must be a date as yyyy-mm-dd, got ${String(asOf)}`);
  }
  const end = runEnd ?? asOf;
  const leavingDate = pupil?.leavingDate ?? null;
  const leftEarly = leavingDate !== null && leavingDate < end;
  const entryDate = record.entryDate ?? record.startDate;
  const exitDate = record.exitDate ?? record.endDate;
  const monthsElapsed = exitDate === null ? null : monthsBetween(entryDate, exitDate);
  const dob = pupil?.dateOfBirth ?? null;
  const ageAtEntryMonths = dob === null ? null : monthsBetween(dob, entryDate);
  const metTarget =
    record.exitTarget !== null && record.exitScore !== null ? record.exitScore >= record.exitTarget : null;
  const left = leftEarly ? leavingDate : null;
  let excluded: ExclusionReason = null;
  if (record.entryScore === null) excluded = "missingEntry";
  else if (record.exitScore === null || monthsElapsed === null) excluded = "missingExit";
  else if (monthsElapsed <= 0) excluded = "zeroElapsed";
  const gain = excluded === null ? (record.exitScore as number) - (record.entryScore as number) : null;
  const value = gain === null ? null : isAgeMeasure(record.measure) ? gain / (monthsElapsed as number) : gain;
  // Written out whole (not `{ ...base, more }`, which in V8 gives each object a hidden class of its own).
  return { record, leftEarly, leavingDate: left, monthsElapsed, ageAtEntryMonths, metTarget, excluded, gain, value };
}
