/**
 * The thresholds attainment is counted against, per kind of measure, and how a result becomes a number.
 */
import { TEACHER_ASSESSMENT_RANK, type TeacherAssessmentCode } from "../../data/codes.js";
import { InvalidArgumentError } from "../errors.js";
import type { MeasureKind } from "../schema/primitives.js";
import type { Assessment } from "../schema/records.js";

/** The two thresholds of a measure and whether its mean is meaningful. */
export interface MeasureThresholds {
  /** A result ≥ this counts towards `count`/`rate` (the expected standard or its analogue); null: none. */
  expected: number | null;
  /** What `expected` means, in plain English. */
  expectedLabel: string | null;
  /** A result ≥ this counts towards `higherCount`/`higherRate`; null: none. */
  higher: number | null;
  /** What `higher` means, in plain English. */
  higherLabel: string | null;
  /** Whether a mean of the results is reported (not for teacher-assessment ranks). */
  hasMean: boolean;
}

/**
 * The standardised-score threshold sendscope counts against unless told otherwise: 85, the bottom of the
 * band NFER, GL and Hodder call average (85–115, one standard deviation either side of the mean of 100).
 * @example
 * DEFAULT_STANDARDISED_THRESHOLD // => 85
 */
export const DEFAULT_STANDARDISED_THRESHOLD = 85;

/** What a standardised score at or above a threshold means, in the publishers' words, where they have some. */
function standardisedMeaning(threshold: number): string {
  if (threshold === 85) return " (average or above)";
  if (threshold === 100) return " (at or above the national average of 100)";
  if (threshold === 115) return " (above average)";
  return "";
}

/**
 * The thresholds of standardised scores (mean 100, SD 15) for a chosen threshold: `expected` = the
 * threshold, labelled with exactly what is counted ("a standardised score of 85 or more (average or
 * above)"); `higher` = 115 ("above average", one SD or more above the mean) while the threshold is below
 * 115, else none.
 * @param threshold a whole number from 70 to 140 (the range publishers report standardised scores in)
 * @throws {InvalidArgumentError} when the threshold is not a whole number from 70 to 140
 * @example
 * standardisedThresholds(100).expectedLabel // => "a standardised score of 100 or more (at or above the national average of 100)"
 * standardisedThresholds(85).higherLabel // => "a standardised score of 115 or more (above average)"
 */
export function standardisedThresholds(threshold: number): MeasureThresholds {
  if (!Number.isInteger(threshold) || threshold < 70 || threshold > 140) {
    throw new InvalidArgumentError("standardisedThresholds", `the standardised-score threshold must be a whole number from 70 to 140, got ${String(threshold)}`);
  }
  const higher = threshold < 115 ? 115 : null;
  return {
    expected: threshold,
    expectedLabel: `a standardised score of ${threshold} or more${standardisedMeaning(threshold)}`,
    higher,
    higherLabel: higher === null ? null : `a standardised score of ${higher} or more${standardisedMeaning(higher)}`,
    hasMean: true,
  };
}

/**
 * The thresholds of every measure with the standardised-score threshold chosen (default
 * `DEFAULT_STANDARDISED_THRESHOLD`); the others are `MEASURE_THRESHOLDS`'.
 * @param options `standardised`: the standardised-score threshold (see `standardisedThresholds`)
 * @throws {InvalidArgumentError} when the threshold is not a whole number from 70 to 140
 * @example
 * measureThresholds({ standardised: 100 }).standardised.expected // => 100
 * measureThresholds().scaled.expected // => 100
 */
export function measureThresholds(options: { standardised?: number } = {}): Record<MeasureKind, MeasureThresholds> {
  if (options.standardised === undefined || options.standardised === DEFAULT_STANDARDISED_THRESHOLD) return MEASURE_THRESHOLDS;
  return { ...MEASURE_THRESHOLDS, standardised: standardisedThresholds(options.standardised) };
}

/**
 * The thresholds sendscope counts attainment against:
 * - `scaled` (KS2): ≥ 100 expected standard, ≥ 110 high standard (STA).
 * - `standardised` (mean 100, SD 15): ≥ 85 "average or above" (not in the below-average band, which is
 *   < 85, more than one SD below the mean), ≥ 115 "above average" (one SD or more above). These are the
 *   bands NFER and GL describe; they are sendscope's choice, not a DfE standard, and not "the expected
 *   standard" (NFER: a standardised score of 100 is not the KS2 scaled score of 100). The threshold can be
 *   set (`measureThresholds`, `--standardised-threshold`); the labels are made from it.
 * - `teacherAssessment`: rank ≥ EXS "expected standard or above", rank ≥ GDS "greater depth" (ranks from
 *   `TEACHER_ASSESSMENT_RANK`; A and D have no rank and are left out).
 * - `phonicsMark`: ≥ 32 of 40 "met the phonics standard" (the threshold since 2012).
 * - `mtcScore`: 25 of 25 "full marks" (the MTC has no pass mark; the DfE reports the share scoring 25).
 * - reading / spelling ages and raw scores: no threshold, mean only.
 * @example
 * MEASURE_THRESHOLDS.scaled.higher // => 110
 */
export const MEASURE_THRESHOLDS: Record<MeasureKind, MeasureThresholds> = {
  scaled: { expected: 100, expectedLabel: "expected standard (scaled score ≥ 100)", higher: 110, higherLabel: "high standard (scaled score ≥ 110)", hasMean: true },
  standardised: standardisedThresholds(85),
  teacherAssessment: { expected: 9, expectedLabel: "expected standard or above (EXS or GDS)", higher: 10, higherLabel: "greater depth (GDS)", hasMean: false },
  phonicsMark: { expected: 32, expectedLabel: "met the phonics standard (32 or more of 40)", higher: null, higherLabel: null, hasMean: true },
  mtcScore: { expected: 25, expectedLabel: "full marks in the multiplication tables check (25)", higher: null, higherLabel: null, hasMean: true },
  readingAge: { expected: null, expectedLabel: null, higher: null, higherLabel: null, hasMean: true },
  spellingAge: { expected: null, expectedLabel: null, higher: null, higherLabel: null, hasMean: true },
  rawScore: { expected: null, expectedLabel: null, higher: null, higherLabel: null, hasMean: true },
};

/**
 * The rank of a teacher-assessment code (see `TEACHER_ASSESSMENT_RANK`), or null for codes without one
 * (A absent, D disapplied, anything unknown). Case and spaces are ignored.
 * @example
 * teacherAssessmentRank("exs") // => 9
 * teacherAssessmentRank("A") // => null
 */
export function teacherAssessmentRank(grade: string | null): number | null {
  if (grade === null) return null;
  const code = grade.trim().toUpperCase() as TeacherAssessmentCode;
  return TEACHER_ASSESSMENT_RANK[code] ?? null;
}

/**
 * The number a result is compared and averaged on: the teacher-assessment rank for `teacherAssessment`,
 * otherwise the score. Null when there is none.
 * @example
 * resultValue({ measure: "teacherAssessment", grade: "GDS", score: null }) // => 10
 */
export function resultValue(a: Pick<Assessment, "measure" | "grade" | "score">): number | null {
  return a.measure === "teacherAssessment" ? teacherAssessmentRank(a.grade) : a.score;
}
