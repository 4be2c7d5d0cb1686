/**
 * Split decoded text into a header and data rows with csv-parse, keeping each row's physical line number.
 * The delimiter (comma, semicolon or tab) is taken from the header line. Rows csv-parse cannot read (bad
 * quoting) come back as `broken` rows with the parser's reason, so they are counted and reported, not lost.
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

/**
 * Pick the delimiter from the header line: the most frequent of comma, semicolon and tab outside quotes.
 * @example
 * detectDelimiter("UPN;Surname;Forename\n1;2;3") // => ";"
 */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const counts: Array<["," | ";" | "\t", number]> = [
    [",", unquoted.split(",").length - 1],
    [";", unquoted.split(";").length - 1],
    ["\t", unquoted.split("\t").length - 1],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] !== undefined && counts[0][1] > 0 ? counts[0][0] : ",";
}

function plainReason(message: string): string {
  if (/Quote Not Closed/i.test(message)) return "a quote mark opened here is never closed, so the rest of the file could not be read";
  if (/Invalid Opening Quote/i.test(message)) return "a quote mark appears in the middle of a value (quote the whole value, or double the quote)";
  if (/Invalid Closing Quote/i.test(message)) return "text follows a closing quote mark before the next comma";
  return message.replace(/^[A-Za-z ]+: /, "");
}

/**
 * Parse CSV text. Empty lines are skipped (they are not rows). The header is the first non-empty record.
 * @example
 * parseCsv("UPN,Surname\r\nA1,Lee\r\n").rows // => [{ line: 2, fields: ["A1", "Lee"] }]
 */
export function parseCsv(text: string): ParsedCsv {
  const events: Array<{ kind: "row"; fields: string[]; endLine: number; raw: string } | { kind: "broken"; endLine: number; reason: string }> = [];
  const options: Options = {
    delimiter: detectDelimiter(text),
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
