/**
 * `.xlsx` workbooks (Excel, or an MIS report saved as Excel), read with SheetJS (`@e965/xlsx`, the SheetJS
 * 0.20 build published on npm; 0.20.2+ fixes the prototype-pollution and ReDoS advisories of the old `xlsx`
 * 0.18 package). Each worksheet with data becomes one CSV text, one line per sheet row (so a problem's line is
 * the row number Excel shows), which is then read exactly as a CSV file is: recognition, title lines, rows.
 *
 * Cells become text as a CSV export would write them: dates (numbers with a date format) as `dd/mm/yyyy`
 * (with `HH:MM` when the cell holds a time of day too), numbers in full (to 15 significant digits, not as the
 * cell's display format rounds them), TRUE/FALSE as written, errors as Excel shows them (`#N/A`). A line
 * break inside a cell becomes a space, so each sheet row stays one line.
 */
import { createRequire } from "node:module";
import type * as XLSX from "@e965/xlsx";

/** SheetJS, loaded the first time a workbook is read (so that a folder of CSV files never pays for it). */
let sheetJs: typeof XLSX | undefined;
function xlsx(): typeof XLSX {
  return (sheetJs ??= createRequire(import.meta.url)("@e965/xlsx") as typeof XLSX);
}

/** One worksheet as CSV text. */
export interface SheetText {
  /** The sheet's name as Excel shows it on its tab. */
  sheet: string;
  /** The sheet as CSV (comma-delimited, quoted where needed), line n = sheet row n. */
  text: string;
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
 * The worksheets of an `.xlsx` workbook that hold any data, as CSV texts (see the module comment).
 * @param bytes the workbook file
 * @returns the sheets, or why the workbook cannot be read (not a workbook, encrypted, damaged)
 * @example
 * const sheets = readWorkbook(readFileSync("results.xlsx"));
 * if (!("reason" in sheets)) sheets.map((s) => s.sheet) // => ["Reading", "Maths"]
 */
export function readWorkbook(bytes: Uint8Array): SheetText[] | WorkbookFailure {
  let workbook: XLSX.WorkBook;
  try {
    workbook = xlsx().read(bytes, { type: "array", cellDates: false, cellNF: true, cellText: true, dense: false });
  } catch (error) {
    return { reason: `the workbook cannot be read (${(error as Error).message}); save it again from Excel as .xlsx, or export the sheet as CSV` };
  }
  const sheets: SheetText[] = [];
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
    const lines: string[] = new Array<string>(range.s.r).fill("");
    for (const row of grid) {
      const cells = row.slice(0, lastColumn + 1);
      lines.push(cells.every((cell) => cell.trim() === "") ? "" : cells.map(csvField).join(","));
    }
    sheets.push({ sheet: name, text: `${lines.join("\n")}\n`, dates: counter.dates });
  }
  return sheets;
}
