/**
 * Rows of an attendance export → `AttendanceRecord`s (possible and attended sessions for a pupil in a term).
 */
import { ATTENDANCE_FIELDS } from "../../schema/records.js";
import { academicYearLabel as labelOfStartYear, parseAcademicYear } from "../codes.js";
import { internalized } from "../intern.js";
import type { RowReader } from "../row-reader.js";
import { fail, ok, parseWholeNumber, type Parsed } from "../values.js";
import type { RowOutput } from "./draft.js";
import { PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedTerm } from "./shared-values.js";

/** Academic-year labels already read, by text: one shared string per year instead of one per row. */
const labels = new Map<string, Parsed<string>>();

function academicYearLabel(text: string): Parsed<string> {
  const known = labels.get(text);
  if (known !== undefined) return known;
  const start = parseAcademicYear(text);
  if (start === null) return fail(`'${text}' is not an academic year (expected e.g. 2024/25)`);
  // Internalized (see `internalized`): the analyses compare every record's year.
  const label = ok(internalized(labelOfStartYear(start)));
  if (labels.size < 1000) labels.set(text, label);
  return label;
}

/**
 * How each field of `AttendanceRecord` is read (see `field-reads.ts`), in the table's order.
 * @example
 * ATTENDANCE_READS.possibleSessions.from // => "column"
 */
export const ATTENDANCE_READS: FieldReads<typeof ATTENDANCE_FIELDS> = {
  pupilId: PUPIL_ID,
  academicYear: required("academicYear", academicYearLabel, "bad-academic-year", "the academic year"),
  term: required("term", sharedTerm, "bad-term", "the term"),
  possibleSessions: required("possibleSessions", parseWholeNumber, "bad-number", "possible sessions"),
  attendedSessions: required("attendedSessions", parseWholeNumber, "bad-number", "attended sessions"),
  source: SOURCE,
};

/** Session counts cannot be negative, and no more sessions can be attended than were possible. */
const readAttendance = recordReader(ATTENDANCE_FIELDS, ATTENDANCE_READS, (row, { possibleSessions, attendedSessions }) => {
  if (row.isRejected) return false;
  if (possibleSessions < 0 || attendedSessions < 0) {
    row.error(row.column(possibleSessions < 0 ? "possibleSessions" : "attendedSessions"), "out-of-range", "session counts cannot be negative");
    return false;
  }
  if (attendedSessions > possibleSessions) {
    row.error(row.column("attendedSessions"), "attended-exceeds-possible",
      `${attendedSessions} sessions attended is more than the ${possibleSessions} possible`);
    return false;
  }
  return true;
});

/**
 * Read one attendance row into `out`. Attended sessions above possible sessions reject the row.
 * @example
 * const reader = new RowReader("attendance.csv", 2, ["X201300125001", "2024/25", "Autumn", "126", "120"],
 *   new Map([["upn", 0], ["academicYear", 1], ["term", 2], ["possibleSessions", 3], ["attendedSessions", 4]]),
 *   ["UPN", "Academic Year", "Term", "Possible", "Attended"]);
 * const out = new RowOutput();
 * readAttendanceRow(reader, out);
 * out.attendance[0]?.possibleSessions // => 126
 * [out.attendance[0]?.term, out.attendance[0]?.attendedSessions] // => ["autumn", 120]
 */
export function readAttendanceRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const record = readAttendance(row, key);
  if (key === undefined || record === undefined) return;
  out.key = key;
  out.attendance.push(record);
}
