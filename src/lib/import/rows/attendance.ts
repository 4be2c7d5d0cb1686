/**
 * Rows of an attendance export → `AttendanceRecord`s (possible and attended sessions for a pupil in a term).
 */
import { academicYearLabel as labelOfStartYear, parseAcademicYear } from "../codes.js";
import { internalized } from "../intern.js";
import type { RowReader } from "../row-reader.js";
import { fail, ok, parseWholeNumber, type Parsed } from "../values.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
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
 * Read one attendance row into `out`. Attended sessions above possible sessions reject the row.
 * @example
 * readAttendanceRow(reader, out);
 * out.attendance[0]?.possibleSessions // => 126
 */
export function readAttendanceRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const academicYear = row.required("academicYear", academicYearLabel, "bad-academic-year", "the academic year");
  const term = row.required("term", sharedTerm, "bad-term", "the term");
  const possibleSessions = row.required("possibleSessions", parseWholeNumber, "bad-number", "possible sessions");
  const attendedSessions = row.required("attendedSessions", parseWholeNumber, "bad-number", "attended sessions");
  if (key === undefined || academicYear === undefined || term === undefined || possibleSessions === undefined ||
    attendedSessions === undefined || row.isRejected) return;
  if (possibleSessions < 0 || attendedSessions < 0) {
    row.error(row.column(possibleSessions < 0 ? "possibleSessions" : "attendedSessions"), "out-of-range", "session counts cannot be negative");
    return;
  }
  if (attendedSessions > possibleSessions) {
    row.error(row.column("attendedSessions"), "attended-exceeds-possible",
      `${attendedSessions} sessions attended is more than the ${possibleSessions} possible`);
    return;
  }
  out.key = key;
  out.attendance.push({
    pupilId: provisionalPupilId(key), academicYear, term, possibleSessions, attendedSessions,
    source: { file: row.file, line: row.line },
  });
}
