/**
 * `.xlsx` workbooks (Excel, or an MIS report saved as Excel), read with SheetJS (`@e965/xlsx`, the SheetJS
 * 0.20 build published on npm; 0.20.2+ fixes the prototype-pollution and ReDoS advisories of the old `xlsx`
 * 0.18 package). Each worksheet with data becomes one table, a row's line the row number Excel shows, which is
 * then read exactly as a CSV file is (`parsedTable`, then recognition, title lines, rows): the rows are handed
 * on as they are, not written as CSV text and parsed again.
 *
 * Cells become text as a CSV export would write them: dates (numbers with a date format) as `dd/mm/yyyy`
 * (with `HH:MM` when the cell holds a time of day too), numbers in full (to 15 significant digits, not as the
 * cell's display format rounds them), TRUE/FALSE as written, errors as Excel shows them (`#N/A`). A line
 * break inside a cell becomes a space, so each sheet row stays one line.
 */
import { createRequire } from "node:module";
import type * as XLSX from "@e965/xlsx";
import type { ParsedCsv } from "../csv.js";

/** SheetJS, loaded the first time a workbook is read (so that a folder of CSV files never pays for it). */
let sheetJs: typeof XLSX | undefined;
function xlsx(): typeof XLSX {
  return (sheetJs ??= createRequire(import.meta.url)("@e965/xlsx") as typeof XLSX);
}

/** One worksheet as a table. */
export interface SheetTable {
  /** The sheet's name as Excel shows it on its tab. */
  sheet: string;
  /**
   * The sheet's rows that hold anything, each cut after the sheet's last column with data: the first as
   * `header` (its sheet row as `headerLine`), the rest as `rows`; line n = sheet row n.
   */
  table: ParsedCsv;
  /** Sheet rows 1 … n as a CSV export would write them (`""` for an empty row): what lies above a header on row n + 1. */
  linesAbove: (count: number) => string[];
  /** How many cells were dates written as `dd/mm/yyyy`. */
  dates: number;
}

/** Why a workbook could not be read. */
export interface WorkbookFailure {
  reason: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");

interface DateCode { y: number; m: number; d: number; H: number; M: number; S: number }

function cellText(cell: XLSX.CellObject | undefined, counter: { dates: number }): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return "";
  switch (cell.t) {
    case "b":
      return cell.v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? "#ERROR";
    case "d": {
      const date = cell.v as Date;
      counter.dates += 1;
      return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
    }
    case "n": {
      const value = cell.v as number;
      const format = typeof cell.z === "string" ? cell.z : undefined;
      if (format !== undefined && (xlsx().SSF as { is_date(f: string): boolean }).is_date(format)) {
        const code = (xlsx().SSF as { parse_date_code(v: number): DateCode | null }).parse_date_code(value);
        if (code !== null) {
          counter.dates += 1;
          const date = `${pad(code.d)}/${pad(code.m)}/${code.y}`;
          return code.H === 0 && code.M === 0 ? date : `${date} ${pad(code.H)}:${pad(code.M)}`;
        }
      }
      return String(Number(value.toPrecision(15)));
    }
    default:
      return String(cell.v).replace(/\r\n|\r|\n/g, " ");
  }
}

function csvField(text: string): string {
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The worksheets of an `.xlsx` workbook that hold any data, as tables (see the module comment).
 * @param bytes the workbook file
 * @returns the sheets, or why the workbook cannot be read (not a workbook, encrypted, damaged)
 * @example
 * const sheets = readWorkbook(readFileSync("results.xlsx"));
 * if (!("reason" in sheets)) sheets.map((s) => s.sheet) // => ["Reading", "Maths"]
 */
export function readWorkbook(bytes: Uint8Array): SheetTable[] | WorkbookFailure {
  let workbook: XLSX.WorkBook;
  try {
    workbook = xlsx().read(bytes, { type: "array", cellDates: false, cellNF: true, cellText: true, dense: false });
  } catch (error) {
    return { reason: `the workbook cannot be read (${(error as Error).message}); save it again from Excel as .xlsx, or export the sheet as CSV` };
  }
  const sheets: SheetTable[] = [];
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    const ref = sheet?.["!ref"];
    if (sheet === undefined || ref === undefined) continue;
    const range = xlsx().utils.decode_range(ref);
    const counter = { dates: 0 };
    const grid: string[][] = [];
    let lastColumn = -1;
    for (let r = range.s.r; r <= range.e.r; r += 1) {
      const row: string[] = [];
      for (let c = range.s.c; c <= range.e.c; c += 1) {
        const text = cellText(sheet[xlsx().utils.encode_cell({ r, c })] as XLSX.CellObject | undefined, counter);
        row.push(text);
        if (text.trim() !== "" && c - range.s.c > lastColumn) lastColumn = c - range.s.c;
      }
      grid.push(row);
    }
    if (lastColumn < 0) continue;
    // Row i of the grid is sheet row range.s.r + i + 1; a row with no data is no row (as a blank CSV line is not).
    const cut = grid.map((row) => row.slice(0, lastColumn + 1));
    const filled = cut.flatMap((fields, i) => (fields.every((cell) => cell.trim() === "") ? [] : [{ line: range.s.r + i + 1, fields }]));
    const [first, ...rows] = filled;
    const lineText = (sheetRow: number): string => {
      const fields = cut[sheetRow - range.s.r - 1];
      return fields === undefined || fields.every((cell) => cell.trim() === "") ? "" : fields.map(csvField).join(",");
    };
    sheets.push({
      sheet: name,
      table: { header: first!.fields, headerLine: first!.line, rows, broken: [] },
      linesAbove: (count) => Array.from({ length: count }, (_, i) => lineText(i + 1)),
      dates: counter.dates,
    });
  }
  return sheets;
}
