/**
 * Rows of a targets export → `PupilTarget`s: a target score or a target outcome code per pupil and subject.
 */
import { isTeacherAssessmentCode } from "../codes.js";
import type { RowReader } from "../row-reader.js";
import { parseAgeInMonths, parseNumber } from "../values.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { datesOf, sharedMeasure, sharedSubject } from "./shared-values.js";

/**
 * Read one target row into `out`.
 * @example
 * readTargetRow(reader, out);
 * out.targets[0]?.targetGrade // => "EXS"
 */
export function readTargetRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const subject = row.required("subject", sharedSubject, "unknown-subject", "the subject");
  const measure = row.optional("measure", (t) => sharedMeasure(t, subject ?? null), "unknown-measure");
  const targetDate = row.optional("targetDate", datesOf(row), "bad-date");
  const target = row.text("target");
  if (target === null) row.error(row.column("target"), "missing-value", "the target is empty");
  if (key === undefined || subject === undefined || target === null || row.isRejected) return;
  let targetScore: number | null = null;
  let targetGrade: string | null = null;
  if (isTeacherAssessmentCode(target)) targetGrade = target.toUpperCase();
  else {
    const parsed = measure === "readingAge" || measure === "spellingAge" ? parseAgeInMonths(target) : parseNumber(target);
    if (!parsed.ok) {
      row.error(row.column("target"), "bad-value", `${parsed.reason}; expected a score or an outcome code such as EXS`);
      return;
    }
    targetScore = parsed.value;
  }
  out.key = key;
  out.targets.push({
    pupilId: provisionalPupilId(key), subject, measure: measure ?? (targetGrade !== null ? "teacherAssessment" : null),
    targetScore, targetGrade, targetDate, source: { file: row.file, line: row.line },
  });
}
