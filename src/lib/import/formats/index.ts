/**
 * The file formats a folder's import reads, by file name: CSV, tab-delimited `.tsv` and `.txt`, `.xlsx`
 * workbooks (one table per worksheet, `file.xlsx#Sheet`) and the DfE Common Transfer File (`.xml`, four
 * tables: `file.xml#Pupils`, `#SEN`, `#Attendance`, `#StageAssessments`). Every format becomes tables read
 * exactly as a CSV file is.
 */
import { decodeExport, isDecodeFailure } from "../decode.js";
import { parsedTable } from "../csv.js";
import { headerTest } from "../detect.js";
import { emptyImport, openExport, openRows, openTable, type OpenedExport } from "../import-file.js";
import type { FileMapping } from "../mapping.js";
import { readCtf } from "./ctf.js";
import { readWorkbook } from "./xlsx.js";

function failed(file: string, encoding: string | null, code: string, message: string, line = 0): OpenedExport {
  const result = emptyImport(file);
  result.encoding = encoding;
  result.problems.push({ file, line, column: null, severity: "error", code, message });
  return { result, pending: null };
}

/**
 * Open one file of a folder in whatever format it is (see the module comment): one opened table for a CSV or
 * text file, one per worksheet with data for a workbook, one per kind of record for a CTF. A file that cannot
 * be read gets one opened entry with a file-level problem saying why.
 * @param file the file's name relative to the folder
 * @param bytes its contents
 * @param mappingFor the mapping for a table's name (`mappingForFile` of the folder's mapping)
 * @example
 * // A CSV file is one table (a workbook gives one per worksheet with data, named "results.xlsx#Reading" …).
 * const bytes = new TextEncoder().encode("UPN,Surname,Forename\nX201300125001,Lee,Ada\n");
 * openFormatted("pupils.csv", bytes, () => ({ kind: undefined, columns: {} })).map((o) => [o.result.file, o.result.kind])
 * // => [["pupils.csv", "pupils"]]
 */
export function openFormatted(file: string, bytes: Uint8Array, mappingFor: (name: string) => FileMapping): OpenedExport[] {
  const lower = file.toLowerCase();
  if (lower.endsWith(".xlsx")) {
    if (bytes.length === 0) return [failed(file, null, "empty-file", "the file is empty; export the report again")];
    const sheets = readWorkbook(bytes);
    if ("reason" in sheets) return [failed(file, null, "unreadable-workbook", sheets.reason)];
    if (sheets.length === 0) return [failed(file, "xlsx", "empty-file", "the workbook has no worksheet with data")];
    return sheets.map((sheet) => {
      const name = `${file}#${sheet.sheet}`;
      const mapping = mappingFor(name);
      return openRows(name, parsedTable(sheet.table, sheet.linesAbove, headerTest(mapping)), "xlsx", mapping);
    });
  }
  if (lower.endsWith(".xml")) {
    if (bytes.length === 0) return [failed(file, null, "empty-file", "the file is empty; export the report again")];
    const decoded = decodeExport(bytes);
    if (isDecodeFailure(decoded)) return [failed(file, null, "not-text", decoded.reason)];
    const tables = readCtf(file, decoded.text);
    if ("reason" in tables) return [failed(file, decoded.encoding, "unreadable-ctf", tables.reason, tables.line)];
    return tables.map((table) => {
      const result = emptyImport(table.name);
      result.encoding = decoded.encoding;
      result.problems.push(...table.problems);
      return openTable(result, table.rows, mappingFor(table.name));
    });
  }
  return [openExport(file, bytes, mappingFor(file))];
}
