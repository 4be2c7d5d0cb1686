/**
 * Reading one assessment result by its measure: a teacher-assessment code, an age in months, or a score,
 * checked against the measure's possible range.
 */
import type { MeasureKind } from "../../schema/primitives.js";
import { TEACHER_ASSESSMENT_CODES } from "../../../data/codes.js";
import { fail, ok, parseAgeInMonths, parseNumber, type Parsed } from "../values.js";

/**
 * The possible range of each numeric measure (inclusive). Standardised scores are reported 40–160 at most
 * by any common test; KS2 scaled scores run 80–120; phonics marks 0–40; MTC scores 0–25; ages 2–20 years.
 * @example
 * MEASURE_RANGES.scaled // => [80, 120]
 */
export const MEASURE_RANGES: Readonly<Record<Exclude<MeasureKind, "teacherAssessment">, readonly [number, number]>> = {
  scaled: [80, 120],
  standardised: [40, 160],
  readingAge: [24, 240],
  spellingAge: [24, 240],
  phonicsMark: [0, 40],
  mtcScore: [0, 25],
  rawScore: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
};

const MEASURE_NAMES: Record<MeasureKind, string> = {
  scaled: "a scaled score", standardised: "a standardised score", readingAge: "a reading age (months)",
  spellingAge: "a spelling age (months)", teacherAssessment: "a teacher assessment", phonicsMark: "a phonics mark",
  mtcScore: "an MTC score", rawScore: "a score",
};

/** The codes by their upper-case text: a grade is the code list's own string, shared by every result with it. */
const GRADES = new Map<string, string>(TEACHER_ASSESSMENT_CODES.map((code) => [code, code]));

function teacherAssessmentGrade(text: string): string | undefined {
  return GRADES.get(text.trim().toUpperCase());
}

/** A result: numeric `score` or a teacher-assessment `grade`. */
export interface ResultValue {
  score: number | null;
  grade: string | null;
}

/**
 * Parse one result of a given measure. Out-of-range scores fail with code `out-of-range` in the reason's
 * `code`; other failures are `bad-value`.
 * @example
 * parseResult("EXS", "teacherAssessment") // => { ok: true, value: { score: null, grade: "EXS" } }
 * parseResult("412", "standardised").ok // => false
 */
export function parseResult(text: string, measure: MeasureKind): Parsed<ResultValue> & { code?: string } {
  if (measure === "teacherAssessment") {
    const grade = teacherAssessmentGrade(text);
    return grade !== undefined
      ? ok({ score: null, grade })
      : { ...fail<ResultValue>(`'${text.trim()}' is not a teacher-assessment code (expected GDS, EXS, WTS, HNM, PK1–PK6 or EM)`), code: "bad-value" };
  }
  const parsed = measure === "readingAge" || measure === "spellingAge" ? parseAgeInMonths(text) : parseNumber(text);
  if (!parsed.ok) return { ...fail<ResultValue>(`${parsed.reason}; expected ${MEASURE_NAMES[measure]}`), code: "bad-value" };
  const [low, high] = MEASURE_RANGES[measure];
  if (parsed.value < low || parsed.value > high) {
    return { ...fail<ResultValue>(`${parsed.value} is not a possible ${MEASURE_NAMES[measure].replace(/^an? /, "")} (expected ${low} to ${high})`), code: "out-of-range" };
  }
  if ((measure === "phonicsMark" || measure === "mtcScore") && !Number.isInteger(parsed.value)) {
    return { ...fail<ResultValue>(`${parsed.value} is not a whole mark`), code: "bad-value" };
  }
  return ok({ score: parsed.value, grade: null });
}
