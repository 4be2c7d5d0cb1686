/**
 * The imported records as arquero tables (https://idl.uw.edu/arquero/), for a data lead's own grouping and
 * summarising beyond the report: one table per record kind, one column per record field.
 */
import { type ColumnTable, table } from "arquero";
import {
  Assessment, AttendanceRecord, EhcRequest, InterventionRecord, Pupil, PupilTarget, SenRecord, Suspension,
} from "../schema/records.js";
import type { SchoolData } from "../schema/school-data.js";

/**
 * The record kinds of `SchoolData`, in its order: one table each from `toTables`.
 * @example
 * RECORD_TABLES.length // => 8
 */
export const RECORD_TABLES = [
  "pupils", "senRegister", "assessments", "interventions", "attendance", "suspensions", "targets", "ehcRequests",
] as const;
/** A record kind of `SchoolData` (a key of `toTables`' result). */
export type RecordTable = (typeof RECORD_TABLES)[number];

/** The tables `toTables` returns: one arquero `ColumnTable` per record kind. */
export type SchoolTables = Record<RecordTable, ColumnTable>;

/**
 * Fields that name or identify a pupil, left out with `toTables(data, { identifiers: false })`.
 * @example
 * IDENTIFIER_COLUMNS.includes("upn") // => true
 */
export const IDENTIFIER_COLUMNS = ["upn", "misId", "forename", "surname", "dateOfBirth"] as const;

/** Each record kind's fields, in the order of its zod schema (`src/lib/schema/records.ts`), `source` last. */
const FIELDS: Record<RecordTable, readonly string[]> = {
  pupils: Object.keys(Pupil.shape),
  senRegister: Object.keys(SenRecord.shape),
  assessments: Object.keys(Assessment.shape),
  interventions: Object.keys(InterventionRecord.shape),
  attendance: Object.keys(AttendanceRecord.shape),
  suspensions: Object.keys(Suspension.shape),
  targets: Object.keys(PupilTarget.shape),
  ehcRequests: Object.keys(EhcRequest.shape),
};

/** Options of `toTables`. */
export interface ToTablesOptions {
  /**
   * Keep the columns that identify a pupil (`IDENTIFIER_COLUMNS`: UPN, MIS id, names, date of birth) in the
   * pupils table; default true. `pupilId` stays either way (every table joins on it). Pass false for tables
   * that will be shown to someone who need not see who the pupils are.
   */
  identifiers?: boolean;
}

/** One record kind's records as columns: the record fields in schema order, then `sourceFile`, `sourceLine`. */
function columnsOf(records: ReadonlyArray<object>, fields: readonly string[]): ColumnTable {
  const n = records.length;
  const columns: Record<string, unknown[]> = {};
  for (const field of fields) {
    if (field === "source") continue;
    const column = new Array<unknown>(n);
    for (let i = 0; i < n; i += 1) column[i] = (records[i] as Record<string, unknown>)[field];
    columns[field] = column;
  }
  const file = new Array<string>(n);
  const line = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    const source = (records[i] as { source: { file: string; line: number } }).source;
    file[i] = source.file;
    line[i] = source.line;
  }
  columns.sourceFile = file;
  columns.sourceLine = line;
  return table(columns);
}

/**
 * The imported records as arquero tables, one per record kind (`pupils`, `senRegister`, `assessments`,
 * `interventions`, `attendance`, `suspensions`, `targets`, `ehcRequests`), one row per record in `data`'s order
 * (`ehcRequests` is empty, with its columns, when the data has no requests file), one column
 * per record field (`src/lib/schema/records.ts`), with the record's `source` as two columns, `sourceFile` and
 * `sourceLine`, so any row can be traced back to its export.
 *
 * Values are as imported: dates stay ISO strings `yyyy-mm-dd` (they sort and compare as dates, and carry no
 * time zone; `op.parse_date(d.startDate)` makes a `Date` at UTC midnight where one is wanted); a missing value
 * is `null` (arquero counts it invalid: `op.valid` leaves it out, `op.mean` skips it, `op.count()` counts
 * rows); flags are booleans or `null` (unknown); SEN status and need are their census codes.
 *
 * The tables hold pupil-level data, SEND data being special category data: they are for analysis on the
 * SENCO's or data lead's machine; anything published goes through the report's disclosure control
 * (`applyDisclosure`). A pupil's SEN status on a date is not a column: it is a spell of `senRegister` in force
 * that day (see `senStatusOn`); the report's analyses work it out per result.
 * @param data imported data (`importFolder`)
 * @param options `identifiers` (default true): false leaves `IDENTIFIER_COLUMNS` out of `pupils`
 * @example
 * const t = toTables(data);
 * t.pupils.numRows() // => 540
 * t.senRegister.filter((d) => d.endDate === null).groupby("status").count().orderby("status").objects()
 * // => [{ status: "E", count: 17 }, { status: "K", count: 59 }, { status: "N", count: 13 }]
 */
export function toTables(data: Pick<SchoolData, RecordTable>, options: ToTablesOptions = {}): SchoolTables {
  const out = {} as SchoolTables;
  for (const kind of RECORD_TABLES) {
    const fields = kind === "pupils" && options.identifiers === false
      ? FIELDS.pupils.filter((f) => !(IDENTIFIER_COLUMNS as readonly string[]).includes(f))
      : FIELDS[kind];
    out[kind] = columnsOf(data[kind] ?? [], fields);
  }
  return out;
}
