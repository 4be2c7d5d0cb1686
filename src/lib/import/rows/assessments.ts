/**
 * Rows of an assessment export → `Assessment` records. Long layout: one row per result (subject, measure,
 * point, value). Wide layout: one row per pupil and point, one column per subject × measure (an empty cell
 * means not assessed). In a wide row, each value is judged on its own: a value that cannot be read in its
 * column's form (an age written `7/13`) is a warning on that cell and the row's other results are kept; an
 * impossible number (a standardised score of 412) rejects the row, as it suggests the row's columns are shifted.
 */
import { ASSESSMENT_FIELDS, type Assessment, type Source } from "../../schema/records.js";
import type { MeasureKind, Subject } from "../../schema/primitives.js";
import { isTeacherAssessmentCode, parseSubject, resolvePoint, type ResolvedPoint } from "../codes.js";
import { detachedCopy, internalized, memoized } from "../intern.js";
import type { WideColumn } from "../detect.js";
import { columnIndexOf, type RowReader } from "../row-reader.js";
import { ok, parseDateInOrder, plainWholeNumber, type DateOrder, type Parsed } from "../values.js";
import { parseResult } from "./assessment-values.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { later, PUPIL_ID, recordMaker, recordReader, required, setBy, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedMeasure } from "./shared-values.js";

/** A resolved point and its label (`2024/25 autumn`), shared by every row that names the same point. */
interface PointInfo {
  point: ResolvedPoint;
  label: string;
}

/**
 * Points already resolved, by the file's date order and the row's point, academic-year and date text. An export
 * repeats the same few points on every row, so each is parsed once and its strings are shared by all its records
 * (fewer strings held, less garbage). Only successes are kept, so a bad value is still parsed and reported on its
 * own row. (One date text is two dates in the two orders, 01/06/2025: each order has its own table.)
 */
const resolvedPoints: Record<DateOrder, Map<string, Map<string, Map<string, PointInfo>>>> = { dmy: new Map(), mdy: new Map() };
let resolvedCount = 0;
const RESOLVED_POINTS_LIMIT = 100_000;

/** The point of the last row read, with its texts (detached copies, so no file's text is kept alive) and date order. */
let lastPoint: { order: DateOrder; pointText: string | null; yearText: string | null; dateText: string | null; info: PointInfo } | null = null;

function detachedOrNull(text: string | null): string | null {
  return text === null ? null : detachedCopy(text);
}

function rememberLastPoint(order: DateOrder, pointText: string | null, yearText: string | null, dateText: string | null, info: PointInfo): void {
  const last = lastPoint ??= { order, pointText: null, yearText: null, dateText: null, info };
  last.order = order;
  last.pointText = detachedOrNull(pointText);
  last.yearText = detachedOrNull(yearText);
  last.dateText = detachedOrNull(dateText);
  last.info = info;
}

const dateAt = columnIndexOf("date");
const pointAt = columnIndexOf("point");
const yearAt = columnIndexOf("academicYear");

function readPoint(row: RowReader): PointInfo | undefined {
  const dateText = row.textIn(dateAt(row));
  const pointText = row.textIn(pointAt(row));
  const yearText = row.textIn(yearAt(row));
  const order = row.dateOrder;
  // Consecutive rows often name the same point (a wide export lists every pupil's row for one point together).
  if (lastPoint !== null && order === lastPoint.order && pointText === lastPoint.pointText && yearText === lastPoint.yearText && dateText === lastPoint.dateText) {
    return lastPoint.info;
  }
  // Nested maps by point, year and date text: no key string built per row.
  const known = resolvedPoints[order].get(pointText ?? "")?.get(yearText ?? "")?.get(dateText ?? "");
  if (known !== undefined) {
    rememberLastPoint(order, pointText, yearText, dateText, known);
    return known;
  }
  const info = resolvePointOf(row, pointText, yearText, dateText);
  if (info === undefined) return undefined;
  if (resolvedCount >= RESOLVED_POINTS_LIMIT) {
    resolvedPoints.dmy.clear();
    resolvedPoints.mdy.clear();
    resolvedCount = 0;
  }
  const byYear = mapAt(resolvedPoints[order], detachedCopy(pointText ?? ""));
  mapAt(byYear, detachedCopy(yearText ?? "")).set(detachedCopy(dateText ?? ""), info);
  resolvedCount += 1;
  rememberLastPoint(order, pointText, yearText, dateText, info);
  return info;
}

function resolvePointOf(row: RowReader, pointText: string | null, yearText: string | null, dateText: string | null): PointInfo | undefined {
  let date: string | null = null;
  if (dateText !== null) {
    const parsed = parseDateInOrder(dateText, row.dateOrder);
    if (!parsed.ok) {
      row.error(row.column("date"), "bad-date", parsed.reason);
      return undefined;
    }
    date = parsed.value;
  }
  const resolved = resolvePoint(pointText, yearText, date);
  if (!resolved.ok) {
    row.error(row.column("point") ?? row.column("date"), "bad-assessment-point", resolved.reason);
    return undefined;
  }
  // The strings every record of this point holds, internalized: the analyses compare them millions of times.
  const { academicYear, term, date: pointDate } = resolved.value;
  return {
    point: { academicYear: internalized(academicYear), term, date: internalized(pointDate) },
    label: internalized(`${academicYear} ${term}`),
  };
}

function mapAt<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

const subjectOrOther = memoized((text: string): Parsed<Subject> => {
  const parsed = parseSubject(text);
  return parsed.ok ? parsed : ok("other", `${parsed.reason}; kept as 'other'`);
});

/** `parseResult` remembered by measure and text: a few hundred distinct marks and codes fill millions of rows. */
const resultParsers = new Map<MeasureKind, (text: string) => ReturnType<typeof parseResult>>();

/**
 * By measure, the answers for results written as plain whole numbers (most marks and scores), by value: an
 * array index instead of hashing the text. For any measure but teacher assessment (whose reason quotes the
 * text), such a result's answer depends on its value alone.
 */
const wholeNumberResults = new Map<MeasureKind, Array<ReturnType<typeof parseResult> | undefined>>();
const WHOLE_NUMBERS_REMEMBERED = 1000;

function sharedResult(text: string, measure: MeasureKind): ReturnType<typeof parseResult> {
  const value = measure === "teacherAssessment" ? -1 : plainWholeNumber(text);
  if (value >= 0 && value < WHOLE_NUMBERS_REMEMBERED) {
    let answers = wholeNumberResults.get(measure);
    if (answers === undefined) {
      answers = new Array<ReturnType<typeof parseResult> | undefined>(WHOLE_NUMBERS_REMEMBERED);
      wholeNumberResults.set(measure, answers);
    }
    return answers[value] ??= parseResult(text, measure);
  }
  let parse = resultParsers.get(measure);
  if (parse === undefined) {
    parse = memoized((t: string) => parseResult(t, measure));
    resultParsers.set(measure, parse);
  }
  return parse(text);
}

/** Set by the readers below from the point (its academic year, term, label and date). */
const FROM_POINT = "the rules, from the assessment point (its date, academic year and term columns)";
/** Set by the readers below from the result's text, by its measure. */
const FROM_VALUE = "the rules, from the result (a score, or a teacher-assessment code)";

/**
 * How each field of `Assessment` is read (see `field-reads.ts`), in the table's order. Only the subject is a
 * plain column of a long row; the rest come from the point, the measure (its column, or the subject or the
 * value when there is none) and the result, which the long and wide readers below work out. A wide row has
 * one result per subject × measure column, and makes its records with `makeAssessment`.
 * @example
 * ASSESSMENT_READS.subject.from // => "column"
 */
export const ASSESSMENT_READS: FieldReads<typeof ASSESSMENT_FIELDS> = {
  pupilId: PUPIL_ID,
  subject: required("subject", subjectOrOther, "unknown-subject", "the subject"),
  measure: setBy("the rules, from the measure column (else from the subject, or a teacher-assessment code)"),
  academicYear: setBy(FROM_POINT),
  term: setBy(FROM_POINT),
  point: setBy(FROM_POINT),
  date: setBy(FROM_POINT),
  score: later(null, FROM_VALUE),
  grade: later(null, FROM_VALUE),
  source: SOURCE,
};

/** A record from its fields' values, as one literal with the table's keys in order (see `recordMaker`). */
const makeAssessment = recordMaker(ASSESSMENT_FIELDS);

/** Set a draft's point fields from a resolved point. */
function setPoint(draft: Assessment, info: PointInfo): void {
  const point = info.point;
  draft.academicYear = point.academicYear;
  draft.term = point.term;
  draft.point = info.label;
  draft.date = point.date;
}

/**
 * A long row's point and measure, read whether or not the subject was (every problem of the row is reported),
 * then its result.
 */
const valueAt = columnIndexOf("value");
const measureAt = columnIndexOf("measure");
const readLongAssessment = recordReader(ASSESSMENT_FIELDS, ASSESSMENT_READS, (row, draft) => {
  const subject = draft.subject as Subject | undefined;
  const point = readPoint(row);
  const value = row.textIn(valueAt(row));
  const measureText = row.textIn(measureAt(row));
  let measure: MeasureKind | undefined;
  if (measureText !== null) {
    const parsed = sharedMeasure(measureText, subject ?? null);
    if (parsed.ok) measure = parsed.value;
    else row.error(row.column("measure"), "unknown-measure", parsed.reason);
  } else if (subject === "phonics") measure = "phonicsMark";
  else if (subject === "mtc") measure = "mtcScore";
  else if (value !== null && isTeacherAssessmentCode(value)) measure = "teacherAssessment";
  else row.error(row.column("value"), "unknown-measure", "the export has no measure column and the value does not say what kind of result it is");
  if (point === undefined || measure === undefined || row.isRejected) return false;
  draft.measure = measure;
  setPoint(draft, point);
  if (value !== null) {
    const result = sharedResult(value, measure);
    if (!result.ok) {
      row.error(row.column("value"), result.code ?? "bad-value", result.reason);
      return false;
    }
    draft.score = result.value.score;
    draft.grade = result.value.grade;
  }
  return true;
});

/**
 * Read one long-layout assessment row into `out`.
 * @example
 * // A row as the sample school's arbor-assessments.csv writes one: "Autumn 2024" is the autumn of 2024/25, and a
 * // reading age of 8y 2m is 8 × 12 + 2 = 98 months.
 * const reader = new RowReader("assessments.csv", 2, ["X201300125001", "Reading", "Reading Age", "Autumn 2024", "2024-12-02", "8y 2m"],
 *   new Map([["upn", 0], ["subject", 1], ["measure", 2], ["point", 3], ["date", 4], ["value", 5]]),
 *   ["UPN", "Subject", "Measure", "Assessment Point", "Assessment Date", "Score"]);
 * const out = new RowOutput();
 * readLongAssessmentRow(reader, out);
 * out.assessments[0]?.measure // => "readingAge"
 * const a = out.assessments[0];
 * [a?.subject, a?.point, a?.date, a?.score] // => ["reading", "2024/25 autumn", "2024-12-02", 98]
 */
export function readLongAssessmentRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const assessment = readLongAssessment(row, key);
  if (key === undefined || assessment === undefined) return;
  out.key = key;
  out.assessments.push(assessment);
}

/** A wide row's values, reused from row to row (each record is a literal made from it). */
const wideDraft: Assessment = {
  pupilId: "", subject: "other", measure: "rawScore", academicYear: "", term: "autumn", point: "", date: "", score: null, grade: null,
  source: { file: "", line: 1 },
};

/**
 * Read one wide-layout assessment row into `out`: one result per non-empty subject × measure column. A cell
 * that cannot be read is a warning on that cell; an impossible number, or no readable result at all, rejects
 * the row (`row.isRejected`), and `out` may then hold the row's other results.
 * @example
 * // A row as the sample school's nfer-standardised-wide.csv writes one: a reading and a maths score.
 * const reader = new RowReader("nfer.csv", 2, ["X201300125001", "2024/25 autumn", "2024-12-02", "108", "105"],
 *   new Map([["upn", 0], ["point", 1], ["date", 2]]), ["upn", "assessment_point", "date", "reading_standardised", "maths_standardised"]);
 * const wideColumns = [{ index: 3, header: "reading_standardised", subject: "reading", measure: "standardised" },
 *   { index: 4, header: "maths_standardised", subject: "maths", measure: "standardised" }];
 * const out = new RowOutput();
 * readWideAssessmentRow(reader, wideColumns, out);
 * out.assessments.length // => 2
 * out.assessments.map((a) => [a.subject, a.score]) // => [["reading", 108], ["maths", 105]]
 */
export function readWideAssessmentRow(row: RowReader, wide: readonly WideColumn[], out: RowOutput): void {
  const key = row.pupilKey();
  const point = readPoint(row);
  if (key !== undefined) out.key = key;
  // The row's fields, the same for all of its results; one source object for them all (they come from the same
  // line; records are never mutated).
  const draft = wideDraft;
  let source: Source | undefined;
  let read = 0;
  let unread: string | null = null;
  for (const column of wide) {
    const text = row.textAt(column.index);
    if (text === null) continue;
    const result = sharedResult(text, column.measure);
    if (!result.ok) {
      if (result.code === "out-of-range") row.error(column.header, result.code, result.reason);
      else {
        // A value that cannot be read in its column's form (an age written 7/13) is a problem on its own cell.
        row.warn(column.header, result.code ?? "bad-value", `${result.reason}; this result is not imported (the row's other results are)`);
        unread ??= column.header;
      }
      continue;
    }
    read += 1;
    if (key !== undefined && point !== undefined) {
      if (source === undefined) {
        source = { file: row.file, line: row.line };
        draft.pupilId = provisionalPupilId(key);
        draft.source = source;
        setPoint(draft, point);
      }
      draft.subject = column.subject;
      draft.measure = column.measure;
      draft.score = result.value.score;
      draft.grade = result.value.grade;
      out.assessments.push(makeAssessment(draft));
    }
  }
  if (read === 0 && unread !== null) row.error(unread, "bad-value", "none of the row's results could be read, so the row is not imported");
}
