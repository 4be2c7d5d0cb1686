/**
 * `RowReader`: reads the fields of one data row by field name, parses them, and records problems with the
 * file, line, column (the header as written) and a plain-English reason. A problem in a required field is an
 * error (the row is rejected); in an optional field it is a warning and the value is left empty.
 */
import type { Problem } from "../schema/report.js";
import { detachedCopy } from "./intern.js";
import { upnProblem } from "./upn.js";
import type { DateOrder, Parsed } from "./values.js";

/** How a row names its pupil, before linking to the pupil list. */
export interface PupilKey {
  upn: string | null;
  misId: string | null;
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** Warning codes given once per file and column: the same reading on every row would bury the report. */
const ONCE_PER_COLUMN: ReadonlySet<string> = new Set(["two-digit-year"]);

/**
 * UPNs already checked and found valid, as written → the pupil's UPN (upper case). A pupil's UPN is on every
 * one of their rows, so each is checked once, and every record of a pupil shares one UPN string (interned: a
 * detached copy, so no file's text is kept alive by it). Only valid ones are kept, so an invalid UPN is
 * checked, and reported, on every row that has it. A school's pupils are in its own files only, so the table
 * need only hold a school's or a few schools' UPNs: kept small, it stays in the processor's cache (a trust's
 * 130,000 UPNs in one table made each look-up a cache miss) and is not held on to after the import.
 */
const VALID_UPNS = new Map<string, string>();
const VALID_UPNS_LIMIT = 8_192;
const KEYS_PER_FILE_LIMIT = 100_000;

/**
 * Reads one row of a recognised export.
 * @example
 * const row = new RowReader("pupils.csv", 2, ["X201300125001", "Lee"], new Map([["upn", 0], ["surname", 1]]), ["UPN", "Surname"]);
 * row.text("surname") // => "Lee"
 * row.pupilKey() // => { upn: "X201300125001", misId: null }
 */
export class RowReader {
  private list: Problem[] | null = null;
  private readonly keysByUpn = new Map<string, PupilKey>();
  /** The last key `pupilKey` gave, and the UPN text it was read from (a pupil's rows often come together). */
  private lastKey: PupilKey | null = null;
  private lastRawUpn: string | null = null;
  private rejected = false;
  /** Fields whose once-per-column warning has been given (see `parseWarning`). */
  private saidOnce: Set<string> | null = null;
  private currentLine: number;
  private currentFields: readonly string[];
  /** The columns of the pupil key (−1 when missing), read on every row: looked up once, not per row. */
  private readonly upnAt: number;
  private readonly misIdAt: number;

  /**
   * @param file the file's name relative to the imported folder
   * @param line the row's 1-based line in the file
   * @param fields the row's fields
   * @param columns field name → column index
   * @param header the header row as written
   * @param dateOrder the order of day and month in the file's numeric dates (the mapping's `dateOrder`)
   */
  constructor(
    readonly file: string,
    line: number,
    fields: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
    private readonly header: readonly string[],
    readonly dateOrder: DateOrder = "dmy",
  ) {
    this.currentLine = line;
    this.currentFields = fields;
    this.upnAt = columns.get("upn") ?? -1;
    this.misIdAt = columns.get("misId") ?? -1;
  }

  /** The row's 1-based line in the file. */
  get line(): number {
    return this.currentLine;
  }

  /** The row's fields. */
  get fields(): readonly string[] {
    return this.currentFields;
  }

  /** The problems recorded for this row (empty when none). */
  get problems(): readonly Problem[] {
    return this.list ?? NO_PROBLEMS;
  }

  /**
   * Move on to another row of the same file: one reader serves a whole file, instead of one object per row.
   * The previous row's problems must have been taken (`problems`) first.
   */
  moveTo(line: number, fields: readonly string[]): void {
    this.currentLine = line;
    this.currentFields = fields;
    this.list = null;
    this.rejected = false;
  }

  /** Whether an error has rejected this row. */
  get isRejected(): boolean {
    return this.rejected;
  }

  /** Whether the export has a column for `field`. */
  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** The header (as written) of a field's column, or null. */
  column(field: string): string | null {
    const index = this.columns.get(field);
    return index === undefined ? null : (this.header[index] ?? null);
  }

  /** Field name → column index, the same map for every row of the file (see `columnIndexOf`). */
  get columnIndexes(): ReadonlyMap<string, number> {
    return this.columns;
  }

  /** The trimmed text of a field, or null when the column is missing or the cell is empty. */
  text(field: string): string | null {
    const index = this.columns.get(field);
    if (index === undefined) return null;
    const value = (this.currentFields[index] ?? "").trim();
    return value === "" ? null : value;
  }

  /** The trimmed text at a column index, or null when empty. */
  textAt(index: number): string | null {
    const value = (this.currentFields[index] ?? "").trim();
    return value === "" ? null : value;
  }

  /** The trimmed text at a column index as `columnIndexOf` gives it (−1: no such column), or null when empty or missing. */
  textIn(index: number): string | null {
    return index < 0 ? null : this.textAt(index);
  }

  /** Record an error: the row is rejected. */
  error(column: string | null, code: string, message: string): void {
    this.rejected = true;
    (this.list ??= []).push({ file: this.file, line: this.line, column, severity: "error", code, message });
  }

  /** Record a warning: the row is kept. */
  warn(column: string | null, code: string, message: string): void {
    (this.list ??= []).push({ file: this.file, line: this.line, column, severity: "warning", code, message });
  }

  /**
   * The warning a parser gave for a field. A warning in `ONCE_PER_COLUMN` (the same reading applied to every
   * row, such as a two-digit year read as 20yy) is given on the column's first such row only, saying so.
   */
  private parseWarning(field: string, code: string, message: string): void {
    if (ONCE_PER_COLUMN.has(code)) {
      const said = (this.saidOnce ??= new Set());
      if (said.has(field)) return;
      said.add(field);
      this.warn(this.column(field), code, `${message}; the column's later values are read the same way, without a warning each`);
      return;
    }
    this.warn(this.column(field), code, message);
  }

  /**
   * Parse a field that must be present and valid; a missing or invalid value rejects the row.
   * Returns `undefined` when rejected.
   */
  required<T>(field: string, parse: (text: string) => Parsed<T>, code: string, label: string): T | undefined {
    return this.requiredAt(this.columns.get(field) ?? -1, field, parse, code, label);
  }

  /** `required` with the field's column index already looked up (`columnIndexOf`; −1: no such column). */
  requiredAt<T>(index: number, field: string, parse: (text: string) => Parsed<T>, code: string, label: string): T | undefined {
    const text = this.textIn(index);
    if (text === null) {
      this.error(this.column(field), "missing-value", `${label} is empty`);
      return undefined;
    }
    const parsed = parse(text);
    if (!parsed.ok) {
      this.error(this.column(field), code, parsed.reason);
      return undefined;
    }
    if (parsed.warning !== undefined) this.parseWarning(field, parsed.warningCode ?? code, parsed.warning);
    return parsed.value;
  }

  /** Parse an optional field: empty gives null; an invalid value gives null with a warning. */
  optional<T>(field: string, parse: (text: string) => Parsed<T>, code: string): T | null {
    return this.optionalAt(this.columns.get(field) ?? -1, field, parse, code);
  }

  /** `optional` with the field's column index already looked up (`columnIndexOf`; −1: no such column). */
  optionalAt<T>(index: number, field: string, parse: (text: string) => Parsed<T>, code: string): T | null {
    const text = this.textIn(index);
    if (text === null) return null;
    const parsed = parse(text);
    if (!parsed.ok) {
      this.warn(this.column(field), code, `${parsed.reason}; left empty`);
      return null;
    }
    if (parsed.warning !== undefined) this.parseWarning(field, parsed.warningCode ?? code, parsed.warning);
    return parsed.value;
  }

  /**
   * Read the pupil key (UPN and/or MIS id). A malformed UPN, a wrong check letter, or no key at all rejects
   * the row. Returns `undefined` when rejected.
   */
  pupilKey(): PupilKey | undefined {
    const rawUpn = this.textIn(this.upnAt);
    const misId = this.textIn(this.misIdAt);
    if (rawUpn === null && misId === null) {
      this.error(this.column("upn") ?? this.column("misId"), "missing-pupil-key", "the row has no UPN or MIS id, so it cannot be linked to a pupil");
      return undefined;
    }
    // One key object per pupil per file, found in this file's own small table (a school's few hundred pupils:
    // quicker than the table of every UPN) and shared by all the pupil's rows (keys are never modified).
    if (rawUpn !== null) {
      const last = this.lastKey;
      // Comparing with the last row's UPN text is quicker than hashing it for the table.
      if (last !== null && rawUpn === this.lastRawUpn && last.misId === misId) return last;
      const known = this.keysByUpn.get(rawUpn);
      if (known !== undefined && known.misId === misId) return this.remember(rawUpn, known);
    }
    const key = this.checkedKey(rawUpn, misId);
    if (key !== undefined && rawUpn !== null) {
      if (this.keysByUpn.size >= KEYS_PER_FILE_LIMIT) this.keysByUpn.clear();
      this.keysByUpn.set(rawUpn, key);
      this.remember(rawUpn, key);
    }
    return key;
  }

  private remember(rawUpn: string, key: PupilKey): PupilKey {
    // (A view of the file's text, like the keys of `keysByUpn`: both go when the file's reader does.)
    this.lastRawUpn = rawUpn;
    this.lastKey = key;
    return key;
  }

  private checkedKey(rawUpn: string | null, misId: string | null): PupilKey | undefined {
    if (rawUpn === null) return { upn: null, misId };
    let upn = VALID_UPNS.get(rawUpn);
    if (upn === undefined) {
      const problem = upnProblem(rawUpn);
      if (problem !== null) {
        this.error(this.column("upn"), problem.includes("check letter") ? "upn-check-letter" : "upn-format", problem);
        return undefined;
      }
      if (VALID_UPNS.size >= VALID_UPNS_LIMIT) VALID_UPNS.clear();
      upn = detachedCopy(rawUpn.toUpperCase());
      VALID_UPNS.set(upn === rawUpn ? upn : detachedCopy(rawUpn), upn);
    }
    return { upn, misId };
  }
}

/**
 * A field's column index in a reader's rows (−1 when the export has no such column), looked up once per file
 * (per field-to-column map) rather than on every row: a reader function made once reads millions of rows of a
 * few files, and comparing the map is quicker than looking the field up in it.
 * @example
 * const at = columnIndexOf("surname");
 * const row = new RowReader("pupils.csv", 2, ["X201300125001", "Lee"], new Map([["upn", 0], ["surname", 1]]), ["UPN", "Surname"]);
 * at(row) // => 1
 * row.textIn(at(row)) // => "Lee"
 * columnIndexOf("dateOfBirth")(row) // => -1
 */
export function columnIndexOf(field: string): (row: RowReader) => number {
  let columns: ReadonlyMap<string, number> | null = null;
  let index = -1;
  return (row) => {
    if (row.columnIndexes !== columns) {
      columns = row.columnIndexes;
      index = columns.get(field) ?? -1;
    }
    return index;
  };
}
