/**
 * Split decoded text into a header and data rows with csv-parse, keeping each row's physical line number.
 * The delimiter (tab, comma, semicolon or bar) is the one the text's first lines agree on (`detectDelimiter`). Rows csv-parse cannot read (bad
 * quoting) come back as `broken` rows with the parser's reason, so they are counted and reported, not lost.
 *
 * Large clean exports take a fast path (`parseCleanCsv`) that gives exactly what csv-parse gives for them;
 * any text it is not sure of (a stray or unclosed quote mark, a line break inside quotes, mixed or bare-CR
 * line endings) goes to csv-parse, so problem reports never depend on which path read the file.
 */
import { parse, type InfoRecord, type Options } from "csv-parse/sync";

/** One data row: its 1-based line number in the file, and its fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A data row csv-parse could not read, with the reason. */
export interface BrokenRow {
  line: number;
  reason: string;
}

/** A parsed CSV: header fields, rows in file order, and rows that could not be read. */
export interface ParsedCsv {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  broken: BrokenRow[];
}

/** How many lines above the header are searched for it (title lines, blank lines). */
const HEADER_SEARCH_LINES = 30;

/** The delimiters sendscope reads, in the order a tie goes to (see `detectDelimiter`). */
const DELIMITERS = ["\t", ",", ";", "|"] as const;
/** A field delimiter `detectDelimiter` can choose. */
export type Delimiter = (typeof DELIMITERS)[number];

/** How many lines (not blank) `detectDelimiter` looks at. */
const DELIMITER_LINES = 20;

/**
 * The field delimiter of delimited text (a CSV, or a `.txt` export): of tab, comma, semicolon and bar (outside
 * quote marks), the one that appears the same non-zero number of times on the most of the first 20 lines that
 * are not blank. A table's lines agree on theirs; a title line above the header does not decide it, nor does a
 * comma inside some values. Ties go to tab, then comma, then semicolon; comma when no line has any.
 * @example
 * detectDelimiter("UPN;Surname;Forename\n1;2;3") // => ";"
 * detectDelimiter("Attendance 01/09/2024 - 20/12/2024\nUPN\tName\tPossible\nA1\tLee\t120\n") // => "\t"
 * detectDelimiter("Attendance, autumn term\nUPN\tTerm\nA\tAutumn\nB\tSpring\n") // => "\t"
 * detectDelimiter("just words\n") // => ","
 */
export function detectDelimiter(text: string): Delimiter {
  // Per delimiter: how many lines have it how many times.
  const tallies = DELIMITERS.map(() => new Map<number, number>());
  const lineEnd = /\r\n|\n|\r/g;
  let start = 0;
  for (let looked = 0; looked < DELIMITER_LINES && start < text.length;) {
    lineEnd.lastIndex = start;
    const end = lineEnd.exec(text);
    const line = text.slice(start, end === null ? text.length : end.index);
    start = end === null ? text.length : lineEnd.lastIndex;
    if (line.trim() === "") continue;
    looked += 1;
    const unquoted = line.includes('"') ? line.replace(/"[^"]*"/g, "") : line;
    DELIMITERS.forEach((delimiter, i) => {
      const n = unquoted.split(delimiter).length - 1;
      if (n > 0) tallies[i]!.set(n, (tallies[i]!.get(n) ?? 0) + 1);
    });
  }
  let best: Delimiter = ",";
  let bestLines = 0;
  DELIMITERS.forEach((delimiter, i) => {
    const lines = Math.max(0, ...tallies[i]!.values());
    if (lines > bestLines) {
      best = delimiter;
      bestLines = lines;
    }
  });
  return best;
}

function plainReason(message: string): string {
  if (/Quote Not Closed/i.test(message)) return "a quote mark opened here is never closed, so the rest of the file could not be read";
  if (/Invalid Opening Quote/i.test(message)) return "a quote mark appears in the middle of a value (quote the whole value, or double the quote)";
  if (/Invalid Closing Quote/i.test(message)) return "text follows a closing quote mark before the next comma";
  return message.replace(/^[A-Za-z ]+: /, "");
}

/**
 * Parse CSV text. Empty lines are skipped (they are not rows). The header is the first non-empty record.
 * The delimiter is `detectDelimiter`'s unless given (a `.tsv` file is always tab-delimited).
 * Clean text takes the fast path (`parseCleanCsv`); anything else is read by csv-parse (`parseCsvSlow`).
 * @example
 * parseCsv("UPN,Surname\r\nA1,Lee\r\n").rows // => [{ line: 2, fields: ["A1", "Lee"] }]
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): ParsedCsv {
  return parseCleanCsv(text, delimiter) ?? parseCsvSlow(text, delimiter);
}

/** A CSV text's header and data rows, read one row at a time (see `readCsv`). */
export interface CsvRows {
  header: string[];
  headerLine: number;
  /** The number of data rows (`forEachRow` visits each once). */
  rowCount: number;
  broken: BrokenRow[];
  /**
   * Call `visit` with each data row's 1-based line and fields, in file order. The fields array may be reused
   * for the next row (copy it to keep it).
   */
  forEachRow(visit: (line: number, fields: readonly string[]) => void): void;
  /** The raw lines above the header (title lines, blank lines), as written: `preamble[i]` is line i + 1. */
  preamble: string[];
  /** The first `limit` data rows' fields (copies), for recognising the file from its values. */
  sample(limit: number): string[][];
}

/**
 * Whether a text has no quote marks and one kind of line ending throughout (LF, or CRLF with no bare CR or
 * LF), and which: "lf", "crlf", or null for any other text. Such text is what `parseCleanCsv` reads without
 * its quote handling.
 */
function quoteFreeEnding(text: string): "lf" | "crlf" | null {
  if (text.includes('"')) return null;
  const firstLf = text.indexOf("\n");
  if (firstLf < 0) return null;
  const firstCr = text.indexOf("\r");
  if (firstCr < 0) return "lf";
  if (firstCr !== firstLf - 1) return null;
  // CRLF: every CR must be followed by LF, and there must be as many LFs as CRs.
  let crs = 0;
  for (let cr = firstCr; cr >= 0; cr = text.indexOf("\r", cr + 1)) {
    if (text.charCodeAt(cr + 1) !== LF) return null;
    crs += 1;
  }
  let lfs = 0;
  for (let lf = firstLf; lf >= 0; lf = text.indexOf("\n", lf + 1)) lfs += 1;
  return lfs === crs ? "crlf" : null;
}

/** Whether a row's fields are a header row (see `readCsv`). */
export type HeaderTest = (fields: readonly string[]) => boolean;

/** How many of a row's cells hold something other than spaces. */
function filledCells(fields: readonly string[]): number {
  let filled = 0;
  for (const field of fields) if (field.trim() !== "") filled += 1;
  return filled;
}

/** The raw text of lines 1 … `count` (line endings dropped): what lies above a header on line `count + 1`. */
function linesAbove(text: string, count: number): string[] {
  return count <= 0 ? [] : text.split(/\r\n|\n|\r/, count);
}

/**
 * The rows of a table already parsed whole (`parseCsv`, or a workbook's sheet), one at a time as `readCsv` gives
 * them, with the header found as `readCsv` finds it (see there): the first row, unless a later one among the
 * first 30 is wider than every row above it and passes `isHeader`.
 * @param parsed the table: its first non-empty row as `header`, the rest as `rows`
 * @param linesAbove the raw lines 1 … n of the source (what lies above a header on line n + 1)
 * @param isHeader which rows are header rows; default: the first row is the header
 * @example
 * const rows = [{ line: 2, fields: ["UPN", "Surname"] }, { line: 3, fields: ["A1", "Lee"] }];
 * parsedTable({ header: ["Reading tests", ""], headerLine: 1, rows, broken: [] }, () => ["Reading tests,"], (f) => f.includes("UPN")).headerLine // => 2
 */
export function parsedTable(parsed: ParsedCsv, linesAbove: (count: number) => string[], isHeader?: HeaderTest): CsvRows {
  let { header, headerLine, rows, broken } = parsed;
  if (isHeader !== undefined && headerLine !== 0 && !isHeader(header)) {
    const limit = Math.min(rows.length, HEADER_SEARCH_LINES - 1);
    let widest = filledCells(header);
    for (let i = 0; i < limit; i += 1) {
      const cells = filledCells(rows[i]!.fields);
      const wider = cells > widest;
      widest = Math.max(widest, cells);
      if (!wider || !isHeader(rows[i]!.fields)) continue;
      header = rows[i]!.fields;
      headerLine = rows[i]!.line;
      rows = rows.slice(i + 1);
      broken = broken.filter((b) => b.line > headerLine);
      break;
    }
  }
  return {
    header, headerLine, rowCount: rows.length, broken, preamble: headerLine <= 1 ? [] : linesAbove(headerLine - 1),
    forEachRow: (visit) => {
      for (const row of rows) visit(row.line, row.fields);
    },
    sample: (limit) => rows.slice(0, limit).map((row) => row.fields),
  };
}

/**
 * Read CSV text as `parseCsv` does (same header, rows, fields, line numbers and broken rows), but give the
 * rows one at a time. Text with no quote marks and one kind of line ending (what MIS exports usually are) is
 * read in place: no line strings and no rows are held, and a row's fields are cut from the text only when it
 * is visited, so they are garbage as soon as the row is read. Any other text is parsed whole by `parseCsv`.
 * In place, one fields array serves every row. The delimiter is `detectDelimiter`'s unless given.
 *
 * The header is the first non-empty row for which `isHeader` is true among the first 30, provided it has more
 * filled cells than every row above it (title lines and blank lines above it are passed over and kept, as
 * written, in `preamble`; a data row is as wide as the header, so no data row is ever passed over); when no
 * row of those passes, or no test is given, the first non-empty row.
 * @param text decoded text
 * @param isHeader which rows are header rows; default: the first non-empty row is the header
 * @param delimiter the field delimiter; default `detectDelimiter(text)` (a `.tsv` file is always tab-delimited)
 * @example
 * const csv = readCsv("UPN,Surname\nA1,Lee\n\nA2,Khan\n");
 * csv.rowCount // => 2
 * csv.forEachRow((line, fields) => console.log(line, fields)) // logs 2 ["A1", "Lee"], then 4 ["A2", "Khan"]
 * readCsv("Reading tests\nUPN,Surname\nA1,Lee\n", (f) => f.length > 1).preamble // => ["Reading tests"]
 */
export function readCsv(text: string, isHeader?: HeaderTest, delimiter: string = detectDelimiter(text)): CsvRows {
  const ending = quoteFreeEnding(text);
  if (ending === null) return parsedTable(parseCsv(text, delimiter), (count) => linesAbove(text, count), isHeader);
  const eol = ending === "crlf" ? 1 : 0; // characters before each LF that end the line too
  const n = text.length;
  /**
   * Each line from `from`: its start, end (before the line ending) and 1-based number; empty lines skipped.
   * `visit` returns false to stop.
   */
  const forEachLine = (from: number, firstLine: number, visit: (start: number, end: number, line: number) => boolean | void) => {
    let line = firstLine;
    for (let pos = from; pos < n; line += 1) {
      let lf = text.indexOf("\n", pos);
      if (lf < 0) lf = n;
      const end = lf < n ? lf - eol : n;
      if (end > pos && visit(pos, end, line) === false) return;
      pos = lf + 1;
    }
  };
  let header: string[] = [];
  let headerLine = 0;
  let bodyStart = n;
  let searched = 0;
  let widest = 0;
  forEachLine(0, 1, (start, end, line) => {
    const fields = fieldsOf(text, start, end, delimiter);
    if (headerLine === 0) {
      // The first non-empty line, unless a later one passes the test.
      header = fields;
      headerLine = line;
      bodyStart = Math.min(n, text.indexOf("\n", end) + 1 || n);
    }
    if (isHeader === undefined) return false;
    const cells = filledCells(fields);
    const wider = searched === 0 || cells > widest;
    widest = Math.max(widest, cells);
    if (wider && isHeader(fields)) {
      header = fields;
      headerLine = line;
      bodyStart = Math.min(n, text.indexOf("\n", end) + 1 || n);
      return false;
    }
    searched += 1;
    return searched < HEADER_SEARCH_LINES;
  });
  let rowCount = 0;
  if (headerLine !== 0) {
    forEachLine(bodyStart, headerLine + 1, () => {
      rowCount += 1;
    });
  }
  const forEachRow = (visit: (line: number, fields: readonly string[]) => boolean | void) => {
    if (headerLine === 0) return;
    const fields: string[] = [];
    forEachLine(bodyStart, headerLine + 1, (start, end, line) => {
      fieldsInto(fields, text, start, end, delimiter);
      return visit(line, fields);
    });
  };
  return {
    header, headerLine, rowCount, broken: [], preamble: linesAbove(text, headerLine - 1),
    forEachRow,
    sample: (limit) => {
      const rows: string[][] = [];
      if (limit > 0) {
        forEachRow((_, fields) => {
          rows.push([...fields]);
          return rows.length < limit;
        });
      }
      return rows;
    },
  };
}

/** The fields of the line `text[start, end)` (no quote marks in it), as `String.split` would give them. */
function fieldsOf(text: string, start: number, end: number, delimiter: string): string[] {
  const fields: string[] = [];
  fieldsInto(fields, text, start, end, delimiter);
  return fields;
}

/**
 * Put the fields of the line `text[start, end)` (no quote marks in it) in `fields` (an array reused from row
 * to row), as `String.split` would give them.
 */
function fieldsInto(fields: string[], text: string, start: number, end: number, delimiter: string): void {
  let count = 0;
  let from = start;
  for (;;) {
    let cut = text.indexOf(delimiter, from);
    if (cut < 0 || cut > end) cut = end;
    // (Keeping the previous row's string when a field repeats was tried: comparing costs more than it saves.)
    fields[count] = text.slice(from, cut);
    count += 1;
    if (cut === end) break;
    from = cut + 1;
  }
  if (fields.length !== count) fields.length = count;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** One line's fields when it holds quote marks; null when csv-parse could read it differently (or not at all). */
function quotedFields(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  const d = delimiter.charCodeAt(0);
  const n = line.length;
  let pos = 0;
  for (;;) {
    if (line.charCodeAt(pos) === QUOTE) {
      let value = "";
      let from = pos + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        if (close < 0) return null;
        value += line.slice(from, close);
        if (line.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        pos = close + 1;
        break;
      }
      fields.push(value);
      if (pos === n) return fields;
      if (line.charCodeAt(pos) !== d) return null;
      pos += 1;
      continue;
    }
    let end = line.indexOf(delimiter, pos);
    if (end < 0) end = n;
    const quote = line.indexOf('"', pos);
    if (quote >= 0 && quote < end) return null;
    fields.push(line.slice(pos, end));
    if (end === n) return fields;
    pos = end + 1;
  }
}

/**
 * The fast path of `parseCsv` for clean text: one kind of line ending throughout (LF, or CRLF with no bare CR
 * or LF), no line break inside quotes, and every quote mark opening a field, doubled inside it, or closing it
 * before a delimiter or the line's end. It returns exactly what csv-parse returns for such text (a property
 * test checks this), and null for any other text, which the caller then gives to csv-parse.
 * @param text decoded text
 * @param delimiter the field delimiter (see `detectDelimiter`)
 * @example
 * parseCleanCsv("UPN,Surname\nA1,\"Lee, Jr\"\n", ",")?.rows // => [{ line: 2, fields: ["A1", "Lee, Jr"] }]
 * parseCleanCsv('UPN,Surname\nA1,Le"e\n', ",") // => null (a stray quote: csv-parse decides)
 */
export function parseCleanCsv(text: string, delimiter: string): ParsedCsv | null {
  const n = text.length;
  const firstLf = text.indexOf("\n");
  if (firstLf < 0) return null;
  const firstCr = text.indexOf("\r");
  // csv-parse takes the first line ending it meets (outside quotes) as the record delimiter.
  const crlf = firstCr >= 0 && firstCr < firstLf;
  if (crlf && firstCr !== firstLf - 1) return null;
  if (!crlf && firstCr >= 0) return null;
  let header: string[] = [];
  let headerLine = 0;
  const rows: CsvRow[] = [];
  let nextQuote = text.indexOf('"');
  let nextCr = firstCr;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    let lf = text.indexOf("\n", pos);
    if (lf < 0) lf = n;
    let end = lf;
    if (crlf && lf < n) {
      if (text.charCodeAt(lf - 1) !== CR || lf - 1 < pos) return null;
      end = lf - 1;
    }
    if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf("\r", pos);
    if (nextCr >= 0 && nextCr < end) return null;
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    if (end > pos) {
      const content = text.slice(pos, end);
      const fields = nextQuote >= 0 && nextQuote < end ? quotedFields(content, delimiter) : content.split(delimiter);
      if (fields === null) return null;
      if (headerLine === 0) {
        header = fields;
        headerLine = line;
      } else {
        rows.push({ line, fields });
      }
    }
    pos = lf + 1;
    line += 1;
  }
  return { header, headerLine, rows, broken: [] };
}

/**
 * `parseCsv` by csv-parse alone: reads any text, reporting rows with bad quoting as `broken`.
 * @param text decoded text
 * @param delimiter the field delimiter; default `detectDelimiter(text)`
 * @example
 * parseCsvSlow('UPN,Surname\nA1,Le"e\n').broken.length // => 1
 */
export function parseCsvSlow(text: string, delimiter: string = detectDelimiter(text)): ParsedCsv {
  const events: Array<{ kind: "row"; fields: string[]; endLine: number; raw: string } | { kind: "broken"; endLine: number; reason: string }> = [];
  const options: Options = {
    delimiter,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) events.push({ kind: "broken", endLine: (error as { lines?: number }).lines ?? 0, reason: plainReason(error.message) });
      return undefined;
    },
    on_record: (record: unknown, context: InfoRecord) => {
      const fields = Array.isArray(record) ? (record as string[]) : (record as { record: string[] }).record;
      events.push({ kind: "row", fields, endLine: context.lines, raw: context.raw ?? "" });
      return undefined;
    },
  };
  parse(text, options);
  let header: string[] = [];
  let headerLine = 0;
  const rows: CsvRow[] = [];
  const broken: BrokenRow[] = [];
  let previousEnd = 0;
  for (const event of events) {
    if (event.kind === "broken") {
      const line = Math.min(previousEnd + 1, event.endLine || previousEnd + 1);
      const last = broken[broken.length - 1];
      // csv-parse can report two errors for one broken record; count the record once.
      if (last === undefined || last.line < line) broken.push({ line, reason: event.reason });
      previousEnd = Math.max(previousEnd, event.endLine);
      continue;
    }
    const innerNewlines = (event.raw.replace(/^[\r\n]+/, "").replace(/\r?\n$/, "").match(/\n/g) ?? []).length;
    const line = event.endLine - innerNewlines;
    previousEnd = event.endLine;
    if (headerLine === 0) {
      header = event.fields;
      headerLine = line;
    } else {
      rows.push({ line, fields: event.fields });
    }
  }
  return { header, headerLine, rows, broken };
}
