/**
 * Attendance as one row per pupil per session with the register mark (Arbor's attendance marks dataset, a
 * SIMS "session marks" report), summed into one attendance record per pupil and term by the DfE codes in
 * `src/data/attendance-codes.ts`: present and approved educational activity count as attended; every code but
 * those not counted (X, Y1–Y7, Q, D, Z, #) counts as possible. Terms follow `termOf` (see
 * `attendance-period.ts`).
 *
 * The summed table has one row per pupil and term (its line is the pupil's first mark of that term), so each
 * file's report counts pupil-term records; a warning on the header line says how many marks went into them,
 * and every mark that could not be counted (no date, a code that is not a DfE code, a session marked twice)
 * is an error on its own line.
 */
import { attendanceCode, countMark } from "../../../data/attendance-codes.js";
import type { Problem } from "../../schema/report.js";
import { skipReason, type SkippedRow } from "../skip.js";
import { academicYearOf, termOf } from "../codes.js";
import type { CsvRows } from "../csv.js";
import { normaliseHeader } from "../layouts.js";
import { parseDateInOrder, type DateOrder } from "../values.js";
import { tableRows, type TableRow } from "./table.js";

/** Which columns of a marks file hold what. */
export interface MarksColumns {
  /** The pupil key columns (UPN and/or MIS id) to carry over. */
  keys: number[];
  date: number;
  session: number | null;
  mark: number;
}

const MARK_HEADERS = new Set(["mark", "attendance mark", "code", "attendance code", "mark code", "register mark", "session mark"]);
const DATE_HEADERS = new Set(["date", "session date", "attendance date", "register date", "mark date"]);
const SESSION_HEADERS = new Set(["session", "am pm", "session name", "am pm session", "period", "session type"]);

/** Mark headers that say "attendance" themselves (a file with one needs no session column to be a register). */
const REGISTER_MARK_HEADERS = new Set(["attendance mark", "attendance code", "register mark", "session mark"]);

/**
 * The columns of a per-session marks file, or null when the header is not one: it needs a mark, a date and
 * a pupil key column (`keys`, found by the caller), a session column (AM/PM) unless the mark's header says it
 * is an attendance mark, and no possible-sessions or subject column (`Date, Mark` alone is as likely a test's
 * results). The caller also checks that the marks are DfE codes (`marksAreCodes`).
 * @example
 * marksColumns(["UPN", "Student", "Date", "Session", "Mark"], [0]) // => { keys: [0], date: 2, session: 3, mark: 4 }
 * marksColumns(["UPN", "Subject", "Date", "Mark"], [0]) // => null
 */
export function marksColumns(header: readonly string[], keys: number[]): MarksColumns | null {
  const folded = header.map(normaliseHeader);
  const mark = folded.findIndex((h) => MARK_HEADERS.has(h));
  const date = folded.findIndex((h) => DATE_HEADERS.has(h));
  const session = folded.findIndex((h) => SESSION_HEADERS.has(h));
  if (mark < 0 || date < 0 || keys.length === 0) return null;
  if (folded.some((h) => h.includes("possible") || h === "subject" || h === "aspect")) return null;
  if (session < 0 && !REGISTER_MARK_HEADERS.has(folded[mark]!)) return null;
  return { keys, date, session: session < 0 ? null : session, mark };
}

/**
 * Whether a file's marks are DfE attendance codes: at least 4 in 5 of its first 50 non-empty marks (blank and
 * summary rows, which are skipped, not looked at).
 * @example
 * const rows = readCsv("UPN,Date,Session,Mark\nA1,02/09/2025,AM,/\nA1,02/09/2025,PM,N\nA2,02/09/2025,AM,L\n");
 * marksAreCodes(rows, marksColumns(rows.header, [0])) // => true (/, N and L are DfE codes)
 * const scores = readCsv("UPN,Date,Session,Mark\nA1,02/09/2025,AM,85\nA1,02/09/2025,PM,91\n");
 * marksAreCodes(scores, marksColumns(scores.header, [0])) // => false
 */
export function marksAreCodes(table: CsvRows, columns: MarksColumns): boolean {
  let seen = 0;
  let codes = 0;
  table.forEachRow((_, fields) => {
    const mark = (fields[columns.mark] ?? "").trim();
    if (mark === "" || seen >= 50 || skipReason(fields) !== null) return;
    seen += 1;
    if (attendanceCode(mark) !== undefined) codes += 1;
  });
  return seen > 0 && codes * 5 >= seen * 4;
}

interface Sum {
  line: number;
  keyValues: string[];
  academicYear: string;
  term: string;
  possible: number;
  attended: number;
}

/**
 * Sum a marks file into one row per pupil and term, with the generic attendance headers.
 * @param file the file's name (for problems)
 * @param table the marks file's rows
 * @param columns which columns hold what (`marksColumns`)
 * @param dateOrder the order of day and month in the file's dates (the mapping's `dateOrder`; default day first)
 * @returns the summed table, the problems (an error per mark not counted, a warning saying what was summed),
 *   the blank and summary rows skipped (never summed), and the headers left out (read for nothing)
 * @example
 * // Four marks of pupil A1 in September 2025 (autumn of 2025/26): present (/), unauthorised absence (N),
 * // late before the register closed (L, present), not required in school (X, not a possible session).
 * const rows = readCsv("UPN,Date,Session,Mark\nA1,02/09/2025,AM,/\nA1,02/09/2025,PM,N\nA1,03/09/2025,AM,L\nA1,03/09/2025,PM,X\n");
 * const { table } = sumMarks("marks.csv", rows, marksColumns(rows.header, [0])!);
 * table.header // => ["UPN", "academic_year", "term", "possible_sessions", "attended_sessions"]
 * const summed = [];
 * table.forEachRow((line, fields) => summed.push([line, ...fields]));
 * summed // => [[2, "A1", "2025/26", "autumn", "3", "2"]]
 */
export function sumMarks(file: string, table: CsvRows, columns: MarksColumns, dateOrder: DateOrder = "dmy"): { table: CsvRows; problems: Problem[]; skipped: SkippedRow[]; notRead: string[] } {
  const problems: Problem[] = [];
  const skipped: SkippedRow[] = [];
  const sums = new Map<string, Sum>();
  const seen = new Set<string>();
  const header = table.header;
  let marks = 0;
  let counted = 0;
  let notPossible = 0;
  let first = 0;
  let last = 0;
  const error = (line: number, column: number, code: string, message: string) =>
    problems.push({ file, line, column: header[column] ?? null, severity: "error", code, message });
  table.forEachRow((line, fields) => {
    const skip = skipReason(fields);
    if (skip !== null) {
      skipped.push({ line, reason: skip });
      return;
    }
    marks += 1;
    if (first === 0) first = line;
    last = line;
    const keyValues = columns.keys.map((i) => (fields[i] ?? "").trim());
    const dateText = (fields[columns.date] ?? "").trim();
    const markText = (fields[columns.mark] ?? "").trim();
    const date = parseDateInOrder(dateText, dateOrder);
    if (!date.ok) {
      error(line, columns.date, "bad-date", `${dateText === "" ? "the date is empty" : date.reason}; this mark is not counted`);
      return;
    }
    const code = attendanceCode(markText);
    if (code === undefined) {
      error(line, columns.mark, "bad-attendance-mark", markText === ""
        ? "no mark is recorded for this session; it is not counted (enter the mark in the register, or leave the session out of the export)"
        : `'${markText}' is not a DfE attendance code (see src/data/attendance-codes.ts); this mark is not counted`);
      return;
    }
    const session = columns.session === null ? null : (fields[columns.session] ?? "").trim().toLowerCase();
    if (session !== null) {
      const id = `${keyValues.join("|")}|${date.value}|${session}`;
      if (seen.has(id)) {
        error(line, columns.mark, "duplicate-mark", `this session (${dateText} ${session}) is already marked for this pupil; only the first mark is counted`);
        return;
      }
      seen.add(id);
    }
    counted += 1;
    const academicYear = academicYearOf(date.value);
    const term = termOf(date.value);
    const group = `${keyValues.join("|")}|${academicYear}|${term}`;
    let sum = sums.get(group);
    if (sum === undefined) {
      sum = { line, keyValues, academicYear, term, possible: 0, attended: 0 };
      sums.set(group, sum);
    }
    if (!countMark(sum, code)) notPossible += 1;
  });
  const rows: TableRow[] = [...sums.values()].map((s) => ({
    line: s.line, fields: [...s.keyValues, s.academicYear, s.term, String(s.possible), String(s.attended)],
  }));
  problems.push({
    file, line: table.headerLine, column: null, severity: "warning", code: "attendance-marks-summed",
    message: `${marks} session marks (lines ${first}–${last}) were summed into ${rows.length} pupil-term records by the DfE attendance codes ` +
      `(present and approved educational activity count as attended; ${notPossible} marks not counted in possible sessions); ` +
      `${marks - counted} marks could not be counted (see their lines); terms follow the autumn (Sep–Dec), spring (Jan–Mar), summer (Apr–Aug) rule`,
  });
  const summedHeader = [...columns.keys.map((i) => header[i] ?? ""), "academic_year", "term", "possible_sessions", "attended_sessions"];
  const used = new Set([...columns.keys, columns.date, columns.mark, ...(columns.session === null ? [] : [columns.session])]);
  const notRead = header.flatMap((h, i) => (used.has(i) || h.trim() === "" ? [] : [h]));
  return { table: tableRows(summedHeader, rows, table.headerLine), problems, skipped, notRead };
}
