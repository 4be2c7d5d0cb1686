/**
 * A table made in memory (from a workbook, an XML file, or a reshaped export) in the shape the CSV reader
 * gives (`CsvRows`), so it goes through the same recognition and row reading as a CSV file.
 */
import type { CsvRows } from "../csv.js";

/** One row of a table made in memory: the line (or XML line) it came from, and its fields. */
export interface TableRow {
  line: number;
  fields: string[];
}

/**
 * A `CsvRows` over rows held in memory.
 * @param header the column headers
 * @param rows the data rows with their source lines
 * @param headerLine the header's line in the source (default 1)
 * @example
 * const table = tableRows(["UPN", "Surname"], [{ line: 2, fields: ["A1", "Lee"] }]);
 * table.rowCount // => 1
 */
export function tableRows(header: string[], rows: readonly TableRow[], headerLine = 1): CsvRows {
  return {
    header, headerLine, rowCount: rows.length, broken: [], preamble: [],
    sample: (limit) => rows.slice(0, limit).map((row) => [...row.fields]),
    forEachRow: (visit) => {
      for (const row of rows) visit(row.line, row.fields);
    },
  };
}

/**
 * Every row of a `CsvRows`, copied (its `forEachRow` may reuse one fields array).
 * @example
 * collectRows(tableRows(["A"], [{ line: 2, fields: ["x"] }])) // => [{ line: 2, fields: ["x"] }]
 */
export function collectRows(table: CsvRows): TableRow[] {
  const rows: TableRow[] = [];
  table.forEachRow((line, fields) => rows.push({ line, fields: [...fields] }));
  return rows;
}
