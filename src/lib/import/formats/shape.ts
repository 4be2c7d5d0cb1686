/**
 * Shapes whose meaning is not all in their columns, turned into tables the row readers understand, before the
 * file is recognised:
 *
 * - **columns to ignore** (mapping `ignore`) are left out;
 * - **per-session attendance marks** (one row per pupil per session) are summed into terms
 *   (`attendance-marks.ts`);
 * - **attendance summaries over a date range** (`Possible, Present, AEA, Authorised, Unauthorised, %`, the
 *   period only in a title line, the file name or the mapping) get the period's academic year and term, and
 *   a period spanning terms is split by the rule of `attendance-period.ts`;
 * - **single-subject test exports** (NFER, PiRA, GL NGRT: `Raw score, Standardised score, …` with the subject
 *   and assessment point in the test name, a title line or the file name) get their subject and point, and
 *   their score columns are read as that subject's measures;
 * - **fixed values** from the mapping (`values`) become columns, and `measures` say which column is which measure.
 *
 * Every inference is reported (a warning saying what was taken from where), and what cannot be worked out is
 * reported with the mapping entry that would say it (`needs`, which `sendscope map` writes as a draft).
 */
import type { Subject, Term } from "../../schema/primitives.js";
import type { FileKind, Problem } from "../../schema/report.js";
import { academicYearLabel, parseAcademicYear, parseMeasure, parseSubject, parseTerm, parseWideHeader } from "../codes.js";
import type { CsvRows } from "../csv.js";
import { internalized } from "../intern.js";
import { knownHeaderFields, normaliseHeader } from "../layouts.js";
import type { FileMapping } from "../mapping.js";
import type { RowReader } from "../row-reader.js";
import { provisionalPupilId, type RowOutput } from "../rows/draft.js";
import { skipReason, type SkippedRow } from "../skip.js";
import { parseDateInOrder, parseWholeNumber, type DateOrder } from "../values.js";
import { marksAreCodes, marksColumns, sumMarks } from "./attendance-marks.js";
import { splitSessions, termShares, type TermShare } from "./attendance-period.js";
import { academicYearStartOf, pointLabel, testContext, type TestContext } from "./test-context.js";

/** Something a file's columns do not say, and the mapping entry that would say it. */
export interface MappingNeed {
  /** The `values` key (or `measures`) the mapping should set. */
  key: "subject" | "assessmentPoint" | "academicYear" | "periodStart" | "periodEnd" | "measures";
  /** Why it is needed. */
  why: string;
  /** sendscope's best guess, if any, for a SENCO to check. */
  guess?: string;
}

/** A table after shaping. */
export interface ShapedTable {
  rows: CsvRows;
  /** The kind the shape found (attendance marks and summaries, single-subject tests). */
  kind?: FileKind;
  /** The file cannot be read as it is (an error among `problems` says why and what to put in the mapping). */
  unusable?: boolean;
  /** A row reader to use instead of the one recognition picks (an attendance summary split across terms). */
  read?: (row: RowReader, out: RowOutput) => void;
  /** What was inferred, and anything that could not be. */
  problems: Problem[];
  /** What the mapping would have to say for the file to be read fully. */
  needs: MappingNeed[];
  /**
   * Headers of the shaped table the shape itself read (an attendance summary's Present and AEA, summed into
   * one column; a test name the subject and point came from): not columns read for nothing.
   */
  consumed?: string[];
  /** Headers of the file the shape left out of the table, read for nothing (a marks file's pupil names). */
  notRead?: string[];
  /**
   * Rows the shape took out before the table was made (blank and summary rows of a marks file, which is
   * summed): skipped, with why, and counted in the file's rows.
   */
  skipped?: SkippedRow[];
}

type ReadRow = (row: RowReader, out: RowOutput) => void;

/** The fields a header names: the mapping's, else those any kind knows it for (`knownHeaderFields`). */
function fieldsOfHeader(header: string, mapping: FileMapping): ReadonlySet<string> {
  const own = Object.entries(mapping.columns).find(([h]) => normaliseHeader(h) === normaliseHeader(header));
  if (own !== undefined) return new Set([own[1]]);
  return knownHeaderFields().get(normaliseHeader(header)) ?? new Set();
}

function hasField(header: readonly string[], mapping: FileMapping, field: string): boolean {
  return header.some((h) => fieldsOfHeader(h, mapping).has(field));
}

/** A column added to a table: its header and its value for each row. */
interface AddedColumn {
  header: string;
  value: (fields: readonly string[], line: number) => string;
  /** Put it first (so it wins over a later column recognised as the same field). */
  first?: boolean;
}

/**
 * A table with some columns left out, some renamed, and some added. A row narrower than the header is passed
 * on short (blank added columns in front, none behind), so it is still reported as ragged.
 */
function reshaped(table: CsvRows, options: { drop?: ReadonlySet<number>; rename?: ReadonlyMap<number, string>; add?: readonly AddedColumn[] }): CsvRows {
  const drop = options.drop ?? new Set<number>();
  const rename = options.rename ?? new Map<number, string>();
  const add = options.add ?? [];
  const width = table.header.length;
  const kept = table.header.map((_, i) => i).filter((i) => !drop.has(i));
  const front = add.filter((a) => a.first === true);
  const back = add.filter((a) => a.first !== true);
  const header = [...front.map((a) => a.header), ...kept.map((i) => rename.get(i) ?? table.header[i]!), ...back.map((a) => a.header)];
  const forEachRow: CsvRows["forEachRow"] = (visit) => {
    table.forEachRow((line, fields) => {
      if (fields.length < width) {
        // (Blank in front, so its cells stay under their headers: the pupil key is looked at for a summary.)
        visit(line, [...front.map(() => ""), ...kept.filter((i) => i < fields.length).map((i) => fields[i]!)]);
        return;
      }
      // A blank or summary row ('Total') gets blank added columns, so it is still skipped as one (the
      // period, a sum or a fixed value beside 'Total' would make it look like a pupil's row).
      const value = add.length > 0 && skipReason(fields) !== null ? () => "" : (a: AddedColumn) => a.value(fields, line);
      visit(line, [...front.map(value), ...kept.map((i) => fields[i]!), ...back.map(value), ...fields.slice(width)]);
    });
  };
  return {
    header, headerLine: table.headerLine, rowCount: table.rowCount, broken: table.broken, preamble: table.preamble, forEachRow,
    sample: (limit) => {
      const rows: string[][] = [];
      forEachRow((_, fields) => {
        if (rows.length < limit) rows.push([...fields]);
      });
      return rows;
    },
  };
}

function note(file: string, line: number, code: string, message: string, severity: "warning" | "error" = "warning"): Problem {
  return { file, line, column: null, severity, code, message };
}

/** The pupil key columns (UPN, MIS id) of a header. */
function keyColumns(header: readonly string[], mapping: FileMapping): number[] {
  return header.flatMap((h, i) => {
    const fields = fieldsOfHeader(h, mapping);
    return fields.has("upn") || fields.has("misId") ? [i] : [];
  });
}

/** The first two dates written in a piece of text (a title line, a file name), as ISO dates, read in the file's date order. */
function datesIn(text: string, order: DateOrder): string[] {
  const tokens = text.match(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}[ -][A-Za-z]{3,9}[ -]\d{2,4}\b/g) ?? [];
  const dates: string[] = [];
  for (const token of tokens) {
    const parsed = parseDateInOrder(token, order);
    if (parsed.ok) dates.push(parsed.value);
    if (dates.length === 2) break;
  }
  return dates;
}

interface Source {
  /** Where the text came from, for the report (`the title line 'Attendance …'`). */
  where: string;
  text: string;
}

function sourcesOf(file: string, preamble: readonly string[]): Source[] {
  const name = file.replace(/^.*\//, "").replace(/#.*$/, "");
  const sheet = /#(.+)$/.exec(file)?.[1];
  return [
    // (A title line as Excel saves it is padded with delimiters: ',,,,,,' is left out of the report.)
    ...preamble.map((line) => line.replace(/[,;\t|\s]+$/, "").trim()).filter((line) => line !== "").map((line) => ({ where: `the title line '${line}'`, text: line })),
    ...(sheet === undefined ? [] : [{ where: `the sheet name '${sheet}'`, text: sheet }]),
    { where: `the file name '${name}'`, text: name },
  ];
}

/**
 * Shape a table before recognition (see the module comment).
 * @param file the file's name (for problems; its name may carry a period, subject or assessment point)
 * @param table the table as read
 * @param mapping the file's mapping
 * @param preamble the title lines above the header, if any (found by the CSV reader)
 * @example
 * // A column the mapping says to ignore is left out.
 * const pupils = readCsv("UPN,Surname,Notes\nA1,Lee,see file\n");
 * shapeTable("pupils.csv", pupils, { kind: undefined, columns: {}, ignore: ["Notes"] }).rows.header // => ["UPN", "Surname"]
 * const marks = readCsv("UPN,Date,Session,Mark\nA1,02/09/2025,AM,/\nA1,02/09/2025,PM,N\n");
 * const shaped = shapeTable("marks.csv", marks, { kind: undefined, columns: {} }); // per-session marks, summed into terms
 * [shaped.kind, shaped.rows.rowCount] // => ["attendance", 1]
 */
export function shapeTable(file: string, table: CsvRows, given: FileMapping, preamble: readonly string[] = []): ShapedTable {
  // A value left empty (as `sendscope map` writes what it could not guess) is not given.
  const mapping: FileMapping = given.values === undefined ? given
    : { ...given, values: Object.fromEntries(Object.entries(given.values).filter(([, v]) => v !== undefined && v.trim() !== "")) };
  const problems: Problem[] = [];
  const needs: MappingNeed[] = [];
  let rows = table;
  if (mapping.ignore !== undefined && mapping.ignore.length > 0) {
    const wanted = new Set(mapping.ignore.map(normaliseHeader));
    const drop = new Set(rows.header.flatMap((h, i) => (wanted.has(normaliseHeader(h)) ? [i] : [])));
    const found = new Set([...drop].map((i) => normaliseHeader(rows.header[i]!)));
    const missing = mapping.ignore.filter((h) => !found.has(normaliseHeader(h)));
    if (missing.length > 0) {
      problems.push(note(file, rows.headerLine, "mapping-ignore-unknown",
        `the mapping says to ignore ${missing.map((h) => `'${h}'`).join(", ")}, but the file has no such column`));
    }
    if (drop.size > 0) rows = reshaped(rows, { drop });
  }
  const forced = mapping.kind;
  if (forced === undefined || forced === "attendance") {
    const marks = marksColumns(rows.header, keyColumns(rows.header, mapping));
    if (marks !== null && marksAreCodes(rows, marks)) {
      const summed = sumMarks(file, rows, marks, mapping.dateOrder);
      return { rows: summed.table, kind: "attendance", problems: [...problems, ...summed.problems], needs, skipped: summed.skipped, notRead: summed.notRead };
    }
    const summary = shapeAttendanceSummary(file, rows, mapping, preamble);
    if (summary !== null) return { ...summary, problems: [...problems, ...summary.problems] };
  }
  if (forced === undefined || forced === "assessments") {
    const test = shapeSingleSubjectTest(file, rows, mapping, preamble);
    if (test !== null) {
      return { ...test, rows: withFixedValues(test.rows, mapping, new Set(["subject", "assessmentPoint", "date", "academicYear", "term"])), problems: [...problems, ...test.problems] };
    }
  }
  return { rows: withFixedValues(rows, mapping, new Set()), problems, needs };
}

const FIXED_HEADERS: Record<string, { header: string; field: string }> = {
  subject: { header: "subject", field: "subject" },
  measure: { header: "measure", field: "measure" },
  assessmentPoint: { header: "assessment_point", field: "point" },
  date: { header: "date", field: "date" },
  academicYear: { header: "academic_year", field: "academicYear" },
  term: { header: "term", field: "term" },
};

/** The mapping's fixed values as columns, for those the table has no column for (and not already used). */
function withFixedValues(table: CsvRows, mapping: FileMapping, used: ReadonlySet<string>): CsvRows {
  const values = mapping.values ?? {};
  const add: AddedColumn[] = [];
  for (const [key, value] of Object.entries(values)) {
    const fixed = FIXED_HEADERS[key];
    if (fixed === undefined || value === undefined || used.has(key) || hasField(table.header, mapping, fixed.field)) continue;
    add.push({ header: fixed.header, value: () => value });
  }
  return add.length === 0 ? table : reshaped(table, { add });
}

// ---------------------------------------------------------------------------------------------------------
// Attendance summaries over a date range

/** The academic year (its first calendar year) and term the mapping's `values` give a file; null where not given or not read. */
interface MappedYearAndTerm {
  startYear: number | null;
  term: Term | null;
}

/**
 * The mapping's academic year and term for a file, read as a column's are (`parseAcademicYear`, `parseTerm`): a
 * value that cannot be read is a warning (on the header line) and is not used.
 */
function mappedYearAndTerm(file: string, line: number, values: { academicYear?: string; term?: string }, problems: Problem[]): MappedYearAndTerm {
  let startYear: number | null = null;
  if (values.academicYear !== undefined) {
    startYear = parseAcademicYear(values.academicYear);
    if (startYear === null) {
      problems.push(note(file, line, "mapping-bad-value", `the mapping's academicYear '${values.academicYear}' is not an academic year (expected e.g. 2024/25); it is not used`));
    }
  }
  let term: Term | null = null;
  if (values.term !== undefined) {
    const parsed = parseTerm(values.term);
    if (parsed.ok) term = parsed.value;
    else problems.push(note(file, line, "mapping-bad-value", `the mapping's term: ${parsed.reason}; it is not used`));
  }
  return { startYear, term };
}

/**
 * The period of a summary: from the mapping, a title line or the file name. Its dates are read in the file's
 * order (the mapping's `dateOrder`), as the mapping's fixed `date` is (it becomes a column of the file).
 */
function summaryPeriod(file: string, mapping: FileMapping, preamble: readonly string[], mapped: MappedYearAndTerm): { shares: TermShare[]; where: string; label: string } | null {
  const values = mapping.values ?? {};
  const order = mapping.dateOrder ?? "dmy";
  if (values.periodStart !== undefined && values.periodEnd !== undefined) {
    const start = parseDateInOrder(values.periodStart, order);
    const end = parseDateInOrder(values.periodEnd, order);
    if (start.ok && end.ok && start.value <= end.value) {
      return { shares: termShares(start.value, end.value), where: "the mapping (periodStart, periodEnd)", label: `${values.periodStart} – ${values.periodEnd}` };
    }
  }
  if (mapped.startYear !== null && mapped.term !== null) {
    return {
      shares: [{ academicYear: academicYearLabel(mapped.startYear), term: mapped.term, weekdays: 1 }],
      where: "the mapping (academicYear, term)", label: `${values.academicYear} ${values.term}`,
    };
  }
  for (const source of sourcesOf(file, preamble)) {
    const dates = datesIn(source.text, order);
    if (dates.length === 2 && dates[0]! <= dates[1]!) {
      return { shares: termShares(dates[0]!, dates[1]!), where: source.where, label: `${dates[0]} – ${dates[1]}` };
    }
  }
  for (const source of sourcesOf(file, preamble)) {
    const context = testContext(source.text);
    const label = pointLabel(context, null);
    const start = academicYearStartOf(context);
    if (label !== null && context.term !== null && start !== null) {
      return { shares: [{ academicYear: academicYearLabel(start), term: context.term, weekdays: 1 }], where: source.where, label };
    }
  }
  return null;
}

/**
 * An attendance summary (`Possible` and `Present` columns, no academic year or term column): the period's
 * year and term added as columns, attended sessions as Present + AEA, and a reader that splits a period
 * spanning terms. Null when the table is not one.
 */
function shapeAttendanceSummary(file: string, table: CsvRows, mapping: FileMapping, preamble: readonly string[]): ShapedTable | null {
  const folded = table.header.map(normaliseHeader);
  const possible = folded.findIndex((h) => h === "possible" || h === "possible sessions" || h === "possible marks");
  const present = folded.indexOf("present");
  if (possible < 0 || present < 0) return null;
  if (hasField(table.header, mapping, "academicYear") && hasField(table.header, mapping, "term")) return null;
  const aea = folded.findIndex((h) => h === "aea" || h === "approved educational activity");
  const problems: Problem[] = [];
  const needs: MappingNeed[] = [];
  const period = summaryPeriod(file, mapping, preamble, mappedYearAndTerm(file, table.headerLine, mapping.values ?? {}, problems));
  if (period === null || period.shares.length === 0) {
    needs.push({ key: "periodStart", why: "an attendance summary's period is in no column, title line or file name" });
    needs.push({ key: "periodEnd", why: "an attendance summary's period is in no column, title line or file name" });
    problems.push(note(file, table.headerLine, "attendance-period-unknown",
      `this is an attendance summary (Possible, Present columns) but its period is not in a title line or the file name; none of its ${table.rowCount} rows were imported: put "periodStart" and "periodEnd" (dd/mm/yyyy) under values for this file in sendscope.mapping.json (sendscope map writes a draft)`,
      "error"));
    return { rows: table, kind: "attendance", problems, needs, unusable: true };
  }
  const shares = period.shares;
  const first = shares[0]!;
  const add: AddedColumn[] = [
    { header: "academic_year", value: () => first.academicYear },
    { header: "term", value: () => first.term },
  ];
  if (aea >= 0) {
    add.push({
      header: "Present + AEA", first: true,
      value: (fields) => {
        const p = parseWholeNumber((fields[present] ?? "").trim());
        const a = (fields[aea] ?? "").trim() === "" ? { ok: true as const, value: 0 } : parseWholeNumber((fields[aea] ?? "").trim());
        if (!p.ok) return (fields[present] ?? "").trim();
        if (!a.ok) return (fields[aea] ?? "").trim();
        return String(p.value + a.value);
      },
    });
  }
  const split = shares.length > 1;
  problems.push(note(file, table.headerLine, "attendance-period",
    `attendance summary for ${period.label}, taken from ${period.where}: ` +
    (split
      ? `the period spans ${shares.map((s) => `${s.academicYear} ${s.term} (${s.weekdays} weekdays)`).join(", ")}, so each pupil's sessions are split between them by their share of weekdays (the year's totals are exact; each term's are an even spread)`
      : `${first.academicYear} ${first.term}`) +
    (aea >= 0 ? "; attended sessions are Present + AEA (approved educational activity counts as attended)" : "; the export has no AEA column, so attended sessions are Present alone")));
  problems.push(...summaryChecks(file, table, folded, { possible, present, aea }));
  const shaped = reshaped(table, { add });
  // Present and AEA are read into 'Present + AEA': not columns read for nothing.
  const consumed = aea >= 0 ? [table.header[present]!, table.header[aea]!] : [];
  return { rows: shaped, kind: "attendance", problems, needs, consumed, ...(split ? { read: splitSummaryReader(shares) } : {}) };
}

/**
 * A summary's rows whose possible sessions are not the sum of its parts (present, AEA, authorised and
 * unauthorised absence; unexplained absence is counted within unauthorised or beside it, either is taken),
 * each a warning: the row is still read, but the export may be cut or edited.
 */
function summaryChecks(file: string, table: CsvRows, folded: readonly string[], at: { possible: number; present: number; aea: number }): Problem[] {
  const authorised = folded.indexOf("authorised");
  const unauthorised = folded.indexOf("unauthorised");
  const unexplained = folded.indexOf("unexplained");
  if (authorised < 0 || unauthorised < 0) return [];
  const problems: Problem[] = [];
  const number = (fields: readonly string[], i: number): number | null => {
    if (i < 0) return 0;
    const text = (fields[i] ?? "").trim();
    if (text === "") return 0;
    const parsed = parseWholeNumber(text);
    return parsed.ok ? parsed.value : null;
  };
  table.forEachRow((line, fields) => {
    if (skipReason(fields) !== null) return; // skipped when the rows are read: a 'Total' row is no pupil's
    const [possible, present, aea, auth, unauth, unexpl] = [at.possible, at.present, at.aea, authorised, unauthorised, unexplained].map((i) => number(fields, i));
    if ([possible, present, aea, auth, unauth, unexpl].some((n) => n === null)) return;
    const parts = present! + aea! + auth! + unauth!;
    if (possible === parts || possible === parts + unexpl!) return;
    problems.push({
      file, line, column: table.header[at.possible] ?? null, severity: "warning", code: "attendance-summary-sum",
      message: `${possible} possible sessions is not present + AEA + authorised + unauthorised (${parts}${unexpl! > 0 ? `, or ${parts + unexpl!} with unexplained` : ""}); the row is read as it is: check the export`,
    });
  });
  return problems;
}

/** A reader for a summary whose period spans terms: one attendance record per term (see `splitSessions`). */
function splitSummaryReader(shares: readonly TermShare[]): ReadRow {
  const years = shares.map((s) => internalized(s.academicYear));
  return (row, out) => {
    const key = row.pupilKey();
    const possible = row.required("possibleSessions", parseWholeNumber, "bad-number", "possible sessions");
    const attended = row.required("attendedSessions", parseWholeNumber, "bad-number", "attended sessions");
    if (key === undefined || possible === undefined || attended === undefined || row.isRejected) return;
    if (possible < 0 || attended < 0) {
      row.error(row.column(possible < 0 ? "possibleSessions" : "attendedSessions"), "out-of-range", "session counts cannot be negative");
      return;
    }
    if (attended > possible) {
      row.error(row.column("attendedSessions"), "attended-exceeds-possible", `${attended} sessions attended is more than the ${possible} possible`);
      return;
    }
    out.key = key;
    const source = { file: row.file, line: row.line };
    splitSessions(shares, possible, attended).forEach((part, i) => {
      out.attendance.push({
        pupilId: provisionalPupilId(key), academicYear: years[i]!, term: part.term,
        possibleSessions: part.possible, attendedSessions: part.attended, source,
      });
    });
  };
}

// ---------------------------------------------------------------------------------------------------------
// Single-subject test exports

/** Score columns of test publishers' exports, by normalised header, and the measure each is read as. */
const SCORE_HEADERS: Record<string, { measure: "standardised" | "rawScore" | "readingAge" | "spellingAge" | "scaled"; rank: number }> = {
  "age standardised score": { measure: "standardised", rank: 2 },
  "age standardized score": { measure: "standardised", rank: 2 },
  "age standardised": { measure: "standardised", rank: 2 },
  "sas": { measure: "standardised", rank: 2 },
  "standard age score": { measure: "standardised", rank: 2 },
  "standardised score": { measure: "standardised", rank: 1 },
  "standardized score": { measure: "standardised", rank: 1 },
  "std score": { measure: "standardised", rank: 1 },
  "raw score": { measure: "rawScore", rank: 1 },
  "total raw score": { measure: "rawScore", rank: 1 },
  "reading age": { measure: "readingAge", rank: 1 },
  "spelling age": { measure: "spellingAge", rank: 1 },
  "scaled score": { measure: "scaled", rank: 1 },
};
const TEST_NAME_HEADERS = new Set(["test", "test name", "assessment", "assessment name", "test title", "paper", "test form"]);
const TEST_DATE_HEADERS = new Set(["date of test", "date tested", "date taken", "date sat", "test taken"]);
const MEASURE_WORDS: Record<string, string> = {
  standardised: "Standardised Score", rawScore: "Raw Score", readingAge: "Reading Age", spellingAge: "Spelling Age",
  scaled: "Scaled Score", teacherAssessment: "TA", phonicsMark: "Mark", mtcScore: "Score",
};
const SUBJECT_WORDS: Record<Subject, string> = {
  reading: "Reading", writing: "Writing", maths: "Maths", gps: "GPS", spelling: "Spelling", science: "Science",
  phonics: "Phonics", mtc: "MTC", other: "Other",
};

/** The distinct test names in a column (at most 50 looked at). */
function testNames(table: CsvRows, column: number): string[] {
  const names = new Set<string>();
  table.forEachRow((_, fields) => {
    const name = (fields[column] ?? "").trim();
    if (name !== "" && names.size < 50) names.add(name);
  });
  return [...names];
}

/**
 * A single-subject test export (score columns with no subject in their headers, no subject column): its
 * subject and assessment point found, its score columns renamed to that subject's measures. Null when the
 * table is not one.
 */
function shapeSingleSubjectTest(file: string, table: CsvRows, mapping: FileMapping, preamble: readonly string[]): ShapedTable | null {
  const header = table.header;
  const folded = header.map(normaliseHeader);
  const own = new Map(Object.entries(mapping.measures ?? {}).map(([h, m]) => [normaliseHeader(h), m]));
  const scores = folded.flatMap((h, i) => (SCORE_HEADERS[h] !== undefined || own.has(h) ? [i] : []));
  // ("Reading age" is also a wide header, reading × reading age: in a test export it is one of the scores.)
  if (scores.length === 0 || hasField(header, mapping, "subject") || header.some((h, i) => !scores.includes(i) && parseWideHeader(h) !== null)) return null;
  const problems: Problem[] = [];
  const needs: MappingNeed[] = [];
  const said: string[] = [];
  /** Whether the subject or point came from the test-name column (so that column is read, not ignored). */
  let fromTestName = false;
  const nameColumn = folded.findIndex((h) => TEST_NAME_HEADERS.has(h));
  const names = nameColumn < 0 ? [] : testNames(table, nameColumn);
  const sources: Array<Source & { context: TestContext }> = [
    ...names.map((name) => ({ where: `the test name '${name}' (column '${header[nameColumn]}')`, text: name })),
    ...sourcesOf(file, preamble),
  ].map((s) => ({ ...s, context: testContext(s.text) }));

  // The subject.
  let subject: Subject | null = null;
  const fixedSubject = mapping.values?.subject;
  if (fixedSubject !== undefined) {
    const parsed = parseSubject(fixedSubject);
    if (parsed.ok) {
      subject = parsed.value;
      said.push(`subject '${subject}' from the mapping`);
    }
  }
  if (subject === null) {
    const fromNames = new Set(sources.slice(0, names.length).map((s) => s.context.subject).filter((s) => s !== null));
    if (fromNames.size > 1) {
      problems.push(note(file, table.headerLine, "test-subjects-mixed",
        `the test names name more than one subject (${[...fromNames].join(", ")}); export one file per subject, or give the file a subject column`, "error"));
      needs.push({ key: "subject", why: `its test names name ${[...fromNames].join(" and ")}` });
      return { rows: table, kind: "assessments", problems, needs, unusable: true };
    }
    const found = sources.find((s) => s.context.subject !== null);
    if (found !== undefined) {
      subject = found.context.subject;
      if (sources.indexOf(found) < names.length) fromTestName = true;
      said.push(`subject '${subject}' from ${found.where}${found.context.subjectWord !== subject ? ` (${found.context.subjectWord})` : ""}`);
    }
  }
  const unmapped = sources.find((s) => s.context.unmapped !== null)?.context.unmapped;
  if (subject === null) {
    needs.push({ key: "subject", why: unmapped !== undefined ? `${unmapped} has no one sendscope subject` : "no test name, title line or file name names the subject" });
    const pointKnown = mapping.values?.assessmentPoint !== undefined || mapping.values?.date !== undefined ||
      hasField(header, mapping, "point") || hasField(header, mapping, "date") || folded.some((h) => TEST_DATE_HEADERS.has(h)) ||
      sources.some((s) => pointLabel(s.context, null) !== null);
    if (!pointKnown) needs.push({ key: "assessmentPoint", why: "no column, test name, title line or file name says when the test was sat (e.g. Autumn 2024)" });
    problems.push(note(file, table.headerLine, "test-subject-unknown",
      `this looks like a test publisher's results (${scores.map((i) => `'${header[i]}'`).join(", ")}) but ${unmapped !== undefined ? `${unmapped} is not one sendscope subject` : "no test name, title line or file name says the subject"}; none of its ${table.rowCount} rows were imported: put "subject" under values for this file in sendscope.mapping.json (sendscope map writes a draft)`,
      "error"));
    return { rows: table, kind: "assessments", problems, needs, unusable: true };
  }

  // The measures.
  const rename = new Map<number, string>();
  const notRead: string[] = [];
  const best = new Map<string, { index: number; rank: number }>();
  for (const i of scores) {
    const ownMeasure = own.get(folded[i]!);
    let measure: string | undefined;
    let rank = 1;
    if (ownMeasure !== undefined) {
      const parsed = parseMeasure(ownMeasure, subject);
      if (!parsed.ok) {
        problems.push(note(file, table.headerLine, "mapping-bad-measure", `the mapping's measure for '${header[i]}' is not one sendscope knows: ${parsed.reason}`));
        continue;
      }
      measure = parsed.value;
      rank = 3;
    } else {
      measure = SCORE_HEADERS[folded[i]!]!.measure;
      rank = SCORE_HEADERS[folded[i]!]!.rank;
    }
    const previous = best.get(measure);
    if (previous !== undefined && previous.rank >= rank) {
      notRead.push(`'${header[i]}' (the file's '${header[previous.index]}' is read as the ${MEASURE_WORDS[measure]!.toLowerCase()}; name this column under measures in the mapping to read it instead)`);
      continue;
    }
    if (previous !== undefined) {
      rename.delete(previous.index);
      notRead.push(`'${header[previous.index]}' (the file's '${header[i]}' is read as the ${MEASURE_WORDS[measure]!.toLowerCase()} instead)`);
    }
    best.set(measure, { index: i, rank });
    rename.set(i, `${SUBJECT_WORDS[subject]} ${MEASURE_WORDS[measure]}`);
  }
  said.push(`columns read as ${[...rename].map(([i, h]) => `'${header[i]}' → ${h.toLowerCase()}`).join(", ")}`);
  if (notRead.length > 0) said.push(`not read: ${notRead.join("; ")}`);

  // The assessment point.
  const add: AddedColumn[] = [];
  const values = mapping.values ?? {};
  const dateColumn = folded.findIndex((h) => TEST_DATE_HEADERS.has(h));
  if (dateColumn >= 0 && !hasField(header, mapping, "date")) rename.set(dateColumn, "Test Date");
  const hasPoint = hasField(header, mapping, "point") || hasField(header, mapping, "date") || dateColumn >= 0;
  const yearHint = values.academicYear !== undefined
    ? mappedYearAndTerm(file, table.headerLine, { academicYear: values.academicYear }, problems).startYear
    : sources.map((s) => academicYearStartOf(s.context)).find((start) => start !== null) ?? null;
  if (values.assessmentPoint !== undefined || values.date !== undefined) {
    add.push(values.assessmentPoint !== undefined
      ? { header: "assessment_point", value: () => values.assessmentPoint! }
      : { header: "date", value: () => values.date! });
    said.push("assessment point from the mapping");
  } else if (!hasPoint) {
    const fileLevel = sources.slice(names.length).find((s) => pointLabel(s.context, yearHint) !== null);
    const fileLabel = fileLevel === undefined ? null : pointLabel(fileLevel.context, yearHint);
    const perName = new Map(names.map((name) => [name, pointLabel(testContext(name), yearHint)]));
    const namesGive = [...perName.values()].some((label) => label !== null);
    if (namesGive) {
      fromTestName = true;
      add.push({ header: "assessment_point", value: (fields) => perName.get((fields[nameColumn] ?? "").trim()) ?? fileLabel ?? "" });
      said.push(`assessment point from the test names (${[...new Set(perName.values())].filter((l) => l !== null).join(", ")})`);
    } else if (fileLabel !== null && fileLevel !== undefined) {
      add.push({ header: "assessment_point", value: () => fileLabel });
      said.push(`assessment point '${fileLabel}' from ${fileLevel.where}`);
    } else {
      const term = sources.find((s) => s.context.term !== null);
      needs.push(term === undefined
        ? { key: "assessmentPoint", why: "no test name, title line or file name says when the test was sat" }
        : { key: "academicYear", why: `${term.where} says ${term.context.term} but not the year`, guess: term.context.term ?? undefined });
      problems.push(note(file, table.headerLine, "test-point-unknown",
        `${subject} results whose assessment point is not in a column${term === undefined ? ", the test name, a title line or the file name" : ` (${term.where} gives the term, ${term.context.term}, but not the year)`}; none of its ${table.rowCount} rows were imported: put ${term === undefined ? '"assessmentPoint" (e.g. "Autumn 2024")' : '"academicYear" (e.g. "2024/25")'} under values for this file in sendscope.mapping.json (sendscope map writes a draft)`,
        "error"));
      return { rows: table, kind: "assessments", problems, needs, unusable: true };
    }
  }
  problems.push(note(file, table.headerLine, "test-context-inferred", `single-subject test export: ${said.join("; ")}`));
  return { rows: reshaped(table, { rename, add }), kind: "assessments", problems, needs, consumed: fromTestName ? [header[nameColumn]!] : [] };
}
