/**
 * Rows of a targets export → `PupilTarget`s: a target score or a target outcome code per pupil and subject.
 */
import { TARGET_FIELDS, type PupilTarget } from "../../schema/records.js";
import { isTeacherAssessmentCode } from "../codes.js";
import type { RowReader } from "../row-reader.js";
import { parseAgeInMonths, parseNumber } from "../values.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, later, optional, perRow, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedMeasure, sharedSubject } from "./shared-values.js";

/** The measure, read by the subject ("Age" in spelling is a spelling age). */
const MEASURE = perRow((_row, target: PupilTarget) => (text: string) => sharedMeasure(text, target.subject ?? null));

/** The one `target` column, read by the rules into a score or an outcome code. */
const FROM_TARGET = "the rules, from the target column (a score, or an outcome code such as EXS)";

/**
 * How each field of `PupilTarget` is read (see `field-reads.ts`), in the order read: the date before the
 * target, whose one column gives the score or the outcome code.
 * @example
 * TARGET_READS.targetGrade.from // => "later"
 */
export const TARGET_READS: FieldReads<typeof TARGET_FIELDS> = {
  pupilId: PUPIL_ID,
  subject: required("subject", sharedSubject, "unknown-subject", "the subject"),
  measure: optional("measure", MEASURE, "unknown-measure"),
  targetDate: optional("targetDate", FILE_DATES, "bad-date"),
  targetScore: later(null, FROM_TARGET),
  targetGrade: later(null, FROM_TARGET),
  source: SOURCE,
};

/**
 * The target is required: an outcome code is the grade (and, with no measure column, makes the measure teacher
 * assessment); anything else must be a score (an age in months for an age measure).
 */
const readTarget = recordReader(TARGET_FIELDS, TARGET_READS, (row, target) => {
  const text = row.text("target");
  if (text === null) row.error(row.column("target"), "missing-value", "the target is empty");
  if (text === null || row.isRejected) return false;
  if (isTeacherAssessmentCode(text)) target.targetGrade = text.toUpperCase();
  else {
    const measure = target.measure;
    const parsed = measure === "readingAge" || measure === "spellingAge" ? parseAgeInMonths(text) : parseNumber(text);
    if (!parsed.ok) {
      row.error(row.column("target"), "bad-value", `${parsed.reason}; expected a score or an outcome code such as EXS`);
      return false;
    }
    target.targetScore = parsed.value;
  }
  target.measure ??= target.targetGrade !== null ? "teacherAssessment" : null;
  return true;
});

/**
 * Read one target row into `out`.
 * @example
 * const reader = new RowReader("targets.csv", 2, ["X201300125001", "Writing", "exs"],
 *   new Map([["upn", 0], ["subject", 1], ["target", 2]]), ["UPN", "Subject", "Target"]);
 * const out = new RowOutput();
 * readTargetRow(reader, out);
 * out.targets[0]?.targetGrade // => "EXS"
 * [out.targets[0]?.subject, out.targets[0]?.measure, out.targets[0]?.targetScore]
 * // => ["writing", "teacherAssessment", null] (an outcome code and no measure column: teacher assessment)
 */
export function readTargetRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const target = readTarget(row, key);
  if (key === undefined || target === undefined) return;
  out.key = key;
  out.targets.push(target);
}
