/**
 * Import one export file: decode, parse (finding the header below any title lines), recognise by content,
 * and read every row. Returns the rows it could read (as drafts, still to be linked to the pupil list), a
 * problem for every row it could not, the summary and blank rows it skipped, and the columns it read for
 * nothing. Never throws on bad input: a file it cannot use at all gets one file-level problem naming why.
 */
import type { FileKind, FileReport, Layout, Problem } from "../schema/report.js";
import { readCsv, type CsvRows } from "./csv.js";
import { decodeExport, isDecodeFailure } from "./decode.js";
import { chooseKind, evaluateHeader, headerTest, isDetectionFailure, type Detection, type HeaderEvaluation } from "./detect.js";
import { delimiterFor } from "./formats/delimited.js";
import { shapeTable, type MappingNeed } from "./formats/shape.js";
import type { FileMapping } from "./mapping.js";
import { RowReader } from "./row-reader.js";
import { readLongAssessmentRow, readWideAssessmentRow } from "./rows/assessments.js";
import { readAttendanceRow } from "./rows/attendance.js";
import { RowOutput, type RowRecords } from "./rows/draft.js";
import { readInterventionRow } from "./rows/interventions.js";
import { readPupilRow } from "./rows/pupils.js";
import { readSenRegisterRow } from "./rows/sen-register.js";
import { readSuspensionRow } from "./rows/suspensions.js";
import { readTargetRow } from "./rows/targets.js";
import { readEhcRequestRow } from "./rows/ehc-requests.js";
import { looksLikePupilKey, skipReason, type SkippedRow } from "./skip.js";
import { classColumnProblem, classHeader, fieldWords, missingNeeded, nearField } from "./unread-columns.js";
import type { DateOrder } from "./values.js";

/** A row that was read, with its records (linking may still reject it). */
export interface AcceptedRow {
  line: number;
  records: RowRecords;
  /**
   * For a file other than a pupil list that names its pupils (surname, forename, date of birth): those
   * cells, by field, to check against the roster (see `link.ts`).
   */
  identity?: Map<string, string>;
}

/** The result of importing one file, before linking. */
export interface FileImport {
  file: string;
  kind: FileKind | null;
  layout: Layout | null;
  encoding: string | null;
  /** Data rows found below the header: imported, rejected or skipped. */
  rows: number;
  accepted: AcceptedRow[];
  problems: Problem[];
  /**
   * Field → header as written in this file (for naming columns in later problems); a non-pupil file's
   * identity columns are there as `identity:surname` and so on.
   */
  headers: Map<string, string>;
  /** What the file's columns do not say and the mapping would have to (see `formats/shape.ts`); absent when nothing. */
  needs?: MappingNeed[];
  /** The header row as recognition saw it (after shaping); absent when the file has none. */
  header?: readonly string[];
  /** The header's 1-based line (0 when the file has none). */
  headerLine: number;
  /** The raw lines above the header (title lines, blank lines), as written: `preamble[i]` is line i + 1. */
  preamble: string[];
  /** Rows neither imported nor rejected (summary and blank rows), with why. */
  skipped: SkippedRow[];
  /** Headers of the columns read for nothing (a column with no header is named by its position). */
  ignoredColumns: string[];
  /** For a file other than a pupil list: its surname, forename and date-of-birth columns, by field. */
  identity: Map<string, number>;
  /**
   * The order of day and month in the file's numeric dates, when the mapping says month-first (`"mdy"`): its
   * identity dates are checked against the roster in that order (see `link.ts`). Absent: day first.
   */
  dateOrder?: DateOrder;
}

/** Reads one row into an output (see `RowOutput`); the output counts only when the row is not rejected. */
type ReadRow = (row: RowReader, out: RowOutput) => void;

const READERS: Record<Exclude<FileKind, "assessments">, ReadRow> = {
  pupils: readPupilRow,
  senRegister: readSenRegisterRow,
  interventions: readInterventionRow,
  attendance: readAttendanceRow,
  suspensions: readSuspensionRow,
  targets: readTargetRow,
  ehcRequests: readEhcRequestRow,
};

function readerFor(detection: Detection): ReadRow {
  if (detection.kind !== "assessments") return READERS[detection.kind];
  if (detection.wide.length > 0) return (row, out) => readWideAssessmentRow(row, detection.wide, out);
  return readLongAssessmentRow;
}

/** Whether a row has a non-blank field beyond the header's width. */
function hasExtraValues(fields: readonly string[], width: number): boolean {
  for (let i = width; i < fields.length; i += 1) if ((fields[i] ?? "").trim() !== "") return true;
  return false;
}

/** Header evaluations by header and mapping: a folder of many schools repeats the same few headers. */
const evaluations = new Map<string, HeaderEvaluation>();

function evaluateOnce(header: readonly string[], mapping: { kind: FileKind | undefined; columns: Record<string, string> }): HeaderEvaluation {
  const key = JSON.stringify([header, mapping.kind ?? null, mapping.columns]);
  let evaluation = evaluations.get(key);
  if (evaluation === undefined) {
    evaluation = evaluateHeader(header, mapping);
    if (evaluations.size >= 1000) evaluations.clear();
    evaluations.set(key, evaluation);
  }
  return evaluation;
}

/** How many rows of a file its kind is recognised from (with its headers). */
const SAMPLE_ROWS = 200;

function fileProblem(file: string, line: number, code: string, message: string): Problem {
  return { file, line, column: null, severity: "error", code, message };
}

/** A file decoded, parsed and recognised, its rows not yet read (see `openExport` and `readRows`). */
export interface OpenedExport {
  /** The import so far: kind, layout, encoding, row count, headers, and any file-level problem. */
  result: FileImport;
  /** The rows still to read, with how to read them; null when the file cannot be used (see `result.problems`). */
  pending: { rows: CsvRows; width: number; read: ReadRow; reader: RowReader; keyAt: number | undefined } | null;
}

/**
 * Take one row that was read without error (e.g. link it to the pupil list and gather its records): `out`
 * holds its key and records until the next row. False rejects the row, and the taker has then recorded the
 * problem in `file.problems`.
 */
export type RowTaker = (file: FileImport, line: number, out: RowOutput, fields: readonly string[]) => boolean;

/**
 * The first half of `importFile`: decode, parse and recognise a file, leaving its rows to `readRows`. A
 * folder's import opens every file of a school first, so that the pupil list is read before the files that
 * refer to it, and their rows are linked as they are read.
 * @param file the file's name relative to the imported folder (used in every problem)
 * @param bytes the file's contents
 * @param mapping the column mapping for this file (see `mapping.ts`)
 * @example
 * const opened = openExport("pupils.csv", Buffer.from("UPN,Surname,Forename\nX201300125001,Lee,Ada\n"));
 * opened.result.kind // => "pupils"
 * opened.result.accepted.length // => 0 (until readRows)
 */
export function openExport(
  file: string,
  bytes: Uint8Array,
  mapping: FileMapping = { kind: undefined, columns: {} },
): OpenedExport {
  const result = emptyImport(file);
  if (bytes.length === 0) {
    result.problems.push(fileProblem(file, 0, "empty-file", "the file is empty; export the report again"));
    return { result, pending: null };
  }
  const decoded = decodeExport(bytes);
  if (isDecodeFailure(decoded)) {
    result.problems.push(fileProblem(file, 0, "not-text", decoded.reason));
    return { result, pending: null };
  }
  return openText(file, decoded.text, decoded.encoding, mapping, delimiterFor(file, decoded.text));
}

/**
 * A file's import before anything is known of it.
 * @example
 * emptyImport("pupils.csv").rows // => 0
 */
export function emptyImport(file: string): FileImport {
  return {
    file, kind: null, layout: null, encoding: null, rows: 0, accepted: [], problems: [], headers: new Map(),
    headerLine: 0, preamble: [], skipped: [], ignoredColumns: [], identity: new Map(),
  };
}

/**
 * `openExport` for text already decoded (a CSV, TSV or text file; see `formats/`): parse (`readCsv`), shape
 * (`formats/shape.ts`) and recognise it (`openRows`), leaving its rows to `readRows`.
 * @param file the file's name relative to the imported folder (a sheet as `file.xlsx#Sheet`)
 * @param text the decoded text
 * @param encoding what to report as the file's encoding
 * @param mapping the column mapping for this file
 * @param delimiter the field delimiter; default `detectDelimiter`'s
 * @example
 * openText("report.tsv", "UPN\tSurname\tForename\nX201300125001\tLee\tAda\n", "utf-8", undefined, "\t").result.kind // => "pupils"
 */
export function openText(
  file: string,
  text: string,
  encoding: string,
  mapping: FileMapping = { kind: undefined, columns: {} },
  delimiter?: string,
): OpenedExport {
  let parsed: CsvRows;
  try {
    parsed = readCsv(text, headerTest(mapping), delimiter);
  } catch (error) {
    const result = emptyImport(file);
    result.encoding = encoding;
    result.problems.push(fileProblem(file, 0, "unreadable-csv", `the file could not be read as CSV: ${(error as Error).message}`));
    return { result, pending: null };
  }
  return openRows(file, parsed, encoding, mapping);
}

/**
 * `openText` for a table already read (a CSV text by `readCsv`, a workbook's sheet by `parsedTable`): count its
 * rows, report its broken rows, then shape, recognise and leave its rows to `readRows` (`openTable`).
 * @param file the file's name relative to the imported folder (a sheet as `file.xlsx#Sheet`)
 * @param parsed the table, its header found
 * @param encoding what to report as the file's encoding
 * @param mapping the column mapping for this file
 * @example
 * openRows("report.csv", readCsv("UPN,Surname,Forename\nX201300125001,Lee,Ada\n"), "utf-8").result.kind // => "pupils"
 */
export function openRows(file: string, parsed: CsvRows, encoding: string, mapping: FileMapping = { kind: undefined, columns: {} }): OpenedExport {
  const result = emptyImport(file);
  const unusable = { result, pending: null };
  result.encoding = encoding;
  result.rows = parsed.rowCount + parsed.broken.length;
  if (parsed.headerLine === 0) {
    result.problems.push(fileProblem(file, 0, "empty-file", "the file has no readable header row (it is blank, or its first line has broken quote marks)"));
    return unusable;
  }
  result.headerLine = parsed.headerLine;
  result.preamble = parsed.preamble;
  for (const broken of parsed.broken) result.problems.push(fileProblem(file, broken.line, "bad-quoting", broken.reason));
  return openTable(result, parsed, mapping, parsed.preamble);
}

/**
 * The last step of opening a file: shape the table (`formats/shape.ts`: fixed values, ignored columns,
 * attendance summaries and marks, single-subject tests), recognise it, and leave its rows to `readRows`.
 * @param result the import so far (file, encoding; any problems found reading it)
 * @param table the table's header and rows
 * @param mapping the column mapping for this file
 * @param preamble the title lines above the header, if any
 * @example
 * const rows = [{ line: 2, fields: ["X201300125001", "Lee", "Ada"] }];
 * openTable(emptyImport("pupils.csv"), tableRows(["upn", "surname", "forename"], rows), { kind: "pupils", columns: {} }).result.kind // => "pupils"
 */
export function openTable(result: FileImport, table: CsvRows, mapping: FileMapping, preamble: readonly string[] = []): OpenedExport {
  const file = result.file;
  const unusable = { result, pending: null };
  const shaped = shapeTable(file, table, mapping, preamble);
  const parsed = shaped.rows;
  result.header = parsed.header;
  // Rows a shape took out (a marks file's blank and summary rows) are skipped rows of the file.
  for (const row of shaped.skipped ?? []) result.skipped.push(row);
  result.rows = parsed.rowCount + parsed.broken.length + (shaped.skipped?.length ?? 0);
  for (const problem of shaped.problems) result.problems.push(problem);
  if (shaped.needs.length > 0) result.needs = shaped.needs;
  if (shaped.unusable === true) return unusable;
  // A shape that knows the file's kind (a test publisher's results carry names too) decides it.
  const forced = shaped.kind !== undefined && mapping.kind === undefined;
  // Read only if the kind is in doubt, or a column has no header.
  let sampled: string[][] | null = null;
  const sample = () => (sampled ??= parsed.sample(SAMPLE_ROWS));
  const found = chooseKind(evaluateOnce(parsed.header, forced ? { ...mapping, kind: shaped.kind } : mapping), sample);
  const detection = forced && !isDetectionFailure(found) ? { ...found, layout: "generic" as const } : found;
  if (isDetectionFailure(detection)) {
    result.problems.push(fileProblem(file, parsed.headerLine, "unknown-export",
      `${detection.reason}${result.rows > 0 ? `; none of its ${result.rows} rows were imported` : ""}`));
    return unusable;
  }
  result.kind = detection.kind;
  result.layout = detection.layout;
  result.identity = detection.identity;
  if (mapping.dateOrder === "mdy") result.dateOrder = "mdy";
  for (const [field, index] of detection.columns) result.headers.set(field, parsed.header[index] ?? field);
  // Identity columns by `identity:<field>` (for naming them in the roster checks; see `link.ts`).
  for (const [field, index] of detection.identity) result.headers.set(`identity:${field}`, parsed.header[index] ?? field);
  noteUnreadColumns(result, parsed.header, detection, sample, new Set(shaped.consumed ?? []));
  for (const header of shaped.notRead ?? []) result.ignoredColumns.push(header);
  if (result.rows === 0) {
    result.problems.push(fileProblem(file, parsed.headerLine, "no-rows", `the file has a header row (${detection.kind}) but no data rows`));
    return unusable;
  }
  return {
    result,
    pending: {
      rows: parsed, width: parsed.header.length, read: shaped.read ?? readerFor(detection),
      reader: new RowReader(file, 0, [], detection.columns, parsed.header, mapping.dateOrder),
      keyAt: detection.columns.get("upn") ?? detection.columns.get("misId"),
    },
  };
}

/**
 * Note the columns a recognised file is not read for (`ignoredColumns`), warn of any that look like a
 * field of its kind it has no column for, and of fields its kind needs that it lacks (a pupil list is
 * checked for those only as the roster: see `link.ts`). Columns a shape read (`consumed`) are not listed. A
 * column with no header is noted only when the
 * sample has a value in it (spreadsheets often leave empty columns at the right).
 */
function noteUnreadColumns(
  result: FileImport, header: readonly string[], detection: Detection, sample: () => readonly (readonly string[])[], consumed: ReadonlySet<string>,
): void {
  const read = new Set(detection.columns.keys());
  for (const index of detection.ignored) {
    if (consumed.has(header[index] ?? "")) continue;
    const name = (header[index] ?? "").trim();
    if (name === "") {
      if (sample().some((row) => (row[index] ?? "").trim() !== "")) result.ignoredColumns.push(`column ${index + 1} (no header)`);
      continue;
    }
    result.ignoredColumns.push(name);
    const cls = detection.kind === "pupils" ? null : classHeader(name);
    if (cls !== null) {
      result.problems.push(classColumnProblem(result, name, cls));
      continue;
    }
    const near = nearField(detection.kind, name, read);
    if (near !== null) {
      result.problems.push({
        file: result.file, line: result.headerLine, column: name, severity: "warning", code: "unmapped-column",
        message: `the column '${name}' was not read; it may be the ${fieldWords(near.field)} (known as '${near.alias}'): rename the column to '${near.alias}', or map it in ${MAPPING_HINT} ("${name}": "${near.field}")`,
      });
    }
  }
  if (detection.kind !== "pupils") {
    for (const need of missingNeeded(detection.kind, read)) result.problems.push(missingColumnProblem(result, need));
  }
}

const MAPPING_HINT = "sendscope.mapping.json";

/**
 * The warning for a file of a kind that lacks a field the analyses need (see `NEEDED_FIELDS`).
 * @example
 * missingColumnProblem(file, { fields: "yearGroup", without: "no pupil will have a year group, …" }).code // => "missing-column"
 */
export function missingColumnProblem(file: FileImport, need: { fields: string; without: string }): Problem {
  const names = need.fields.split("|").map(fieldWords).join(" or ");
  return {
    file: file.file, line: file.headerLine, column: null, severity: "warning", code: "missing-column",
    message: `the file has no column for the ${names}, so ${need.without}; add the column to the export, or map it in ${MAPPING_HINT}`,
  };
}

export { skipReason, type SkippedRow } from "./skip.js";

/**
 * The second half of `importFile`: read every row of an opened file (once; later calls do nothing), keeping
 * each row read without error in `accepted`, with its records as drafts.
 * @param opened the file, from `openExport`
 * @example
 * // The second row's UPN is malformed: the row is rejected.
 * const bytes = new TextEncoder().encode("UPN,Surname,Forename\nX201300125001,Lee,Ada\nX2013,Khan,Sam\n");
 * readRows(openExport("pupils.csv", bytes)).accepted.length // => 1
 */
export function readRows(opened: OpenedExport): FileImport {
  const { result } = opened;
  const kind = result.kind;
  if (kind === null) return result;
  const identity = result.identity;
  takeRows(opened, (file, line, out, fields) => {
    const row: AcceptedRow = { line, records: out.toRowRecords(kind) };
    if (identity.size > 0) row.identity = identityOf(identity, fields);
    file.accepted.push(row);
    return true;
  });
  return result;
}

/**
 * Read every row of an opened file (once; later calls give 0) and hand each row read without error to `take`,
 * its records in a `RowOutput` that is reused for the next row: nothing of a row is kept unless `take` keeps
 * it (a folder's import links and gathers the records as they come; see `linkOpened`). Rows go in `accepted`
 * only if `take` puts them there.
 * @param opened the file, from `openExport`
 * @param take called with each row read without error; returns false to reject the row
 * @returns the number of rows `take` accepted
 * @example
 * // The second row's UPN is malformed: the row is rejected, and `take` sees the first only.
 * const bytes = new TextEncoder().encode("UPN,Surname,Forename\nX201300125001,Lee,Ada\nX2013,Khan,Sam\n");
 * let n = 0;
 * takeRows(openExport("pupils.csv", bytes), (file, line, out) => { n += out.pupils.length; return true; }) // => 1
 * n // => 1
 */
export function takeRows(opened: OpenedExport, take: RowTaker): number {
  const { result, pending } = opened;
  if (pending === null) return 0;
  opened.pending = null;
  const { rows, width, read, reader, keyAt } = pending;
  const file = result.file;
  const out = new RowOutput();
  let taken = 0;
  rows.forEachRow((line, fields) => {
    // A row whose key is plainly a pupil's is one: only other rows are looked at for summaries.
    if (!looksLikePupilKey(keyAt === undefined ? "" : (fields[keyAt] ?? ""))) {
      const reason = skipReason(fields);
      if (reason !== null) {
        result.skipped.push({ line, reason });
        return;
      }
    }
    if (fields.length < width || hasExtraValues(fields, width)) {
      result.problems.push(fileProblem(file, line, "ragged-row",
        `the row has ${fields.length} fields but the header has ${width}; check for a stray comma or a missing value`));
      return;
    }
    reader.moveTo(line, fields);
    out.clear();
    read(reader, out);
    const problems = reader.problems;
    for (let i = 0; i < problems.length; i += 1) result.problems.push(problems[i]!);
    if (!reader.isRejected && take(result, line, out, fields)) taken += 1;
  });
  return taken;
}

/**
 * Import one file's bytes (`openExport`, then `readRows`).
 * @param file the file's name relative to the imported folder (used in every problem)
 * @param bytes the file's contents
 * @param mapping the column mapping for this file (see `mapping.ts`)
 * @example
 * const result = importFile("pupils.csv", Buffer.from("UPN,Surname,Forename\nX201300125001,Lee,Ada\n"));
 * result.kind // => "pupils"
 * result.accepted.length // => 1
 */
export function importFile(
  file: string,
  bytes: Uint8Array,
  mapping: { kind: FileKind | undefined; columns: Record<string, string> } = { kind: undefined, columns: {} },
): FileImport {
  return readRows(openExport(file, bytes, mapping));
}

/**
 * A row's identity cells (see `AcceptedRow.identity`), trimmed; blank cells left out.
 * @example
 * [...identityOf(new Map([["surname", 1]]), ["X201300125001", " Lee "])] // => [["surname", "Lee"]]
 */
export function identityOf(columns: ReadonlyMap<string, number>, fields: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [field, index] of columns) {
    const value = (fields[index] ?? "").trim();
    if (value !== "") values.set(field, value);
  }
  return values;
}

/**
 * The file's report after linking: rows, imported, rejected and skipped (`imported + rejected + skipped ===
 * rows`). `skipped` and `ignoredColumns` are there only when not empty, so the report of a file with
 * neither is what it was before they existed.
 * @param result the imported file
 * @param imported the rows kept; default `result.accepted.length` (a folder's import counts the rows it
 *   took instead of keeping them; see `takeRows`)
 * @example
 * // Two rows: the second's UPN is malformed, so it is rejected.
 * const bytes = new TextEncoder().encode("UPN,Surname,Forename\nX201300125001,Lee,Ada\nX2013,Khan,Sam\n");
 * const report = fileReport(readRows(openExport("pupils.csv", bytes)));
 * [report.rows, report.imported, report.rejected] // => [2, 1, 1]
 */
export function fileReport(result: FileImport, imported: number = result.accepted.length): FileReport {
  const skipped = result.skipped.length;
  return {
    file: result.file, kind: result.kind, layout: result.layout, encoding: result.encoding, rows: result.rows,
    imported, rejected: result.rows - imported - skipped,
    ...(skipped > 0 ? { skipped, skippedRows: result.skipped.map((row) => ({ ...row })) } : {}),
    ...(result.ignoredColumns.length > 0 ? { ignoredColumns: [...result.ignoredColumns] } : {}),
  };
}
