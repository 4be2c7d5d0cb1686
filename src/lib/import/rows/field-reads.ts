/**
 * The row readers made from the field tables (`schema/records.ts`). Each kind of record has, beside its reader,
 * a read description: one `FieldRead` for every field of its table, saying how the field is read from a row
 * (`required`, `optional`, `ifGiven`: the column's field name, the parser, the problem code, and for a
 * required field the words of "… is empty"; `orElse` for a value other than null when the cell is empty) or
 * where its value comes from instead (`fromKey`, `fromRow`, `later`, `setBy`). `FieldReads<T>` is a mapped type over the table's fields, so a field added to a table without a
 * read description, or a description of a field the table does not have, does not compile: the table stays
 * the one list of a record's fields. (The descriptions live here, in `import/`, and not in the table itself,
 * because `schema/` must not import the import's parsers.)
 *
 * `recordReader` compiles a description once into a reader: it reads the fields in the description's order
 * (the order its problems are reported in: the table's, except where a kind's problems have always come in
 * another order), hands the values to the kind's own cross-field rules (`RecordCheck`), and makes the record as
 * one object literal with the table's keys in the table's order.
 */
import type { z } from "zod";
import type { FieldTable } from "../../schema/fields.js";
import { columnIndexOf, type PupilKey, type RowReader } from "../row-reader.js";
import type { Parsed } from "../values.js";
import { provisionalPupilId } from "./draft.js";
import { datesOf } from "./shared-values.js";

/** A record of a field table: each field's value, by the table's zod schemas. */
export type TableRecord<T extends FieldTable> = { -readonly [K in keyof T]: z.infer<T[K]["schema"]> };

/** A cell's parser: text (trimmed, not empty) → value or reason. */
export type Parser<V> = (text: string) => Parsed<V>;

/** A parser chosen per row: by the file (its date order) or by a field read before (an age or a score, by the measure). */
export interface ParserFor<V, R> {
  readonly perRow: (row: RowReader, draft: R) => Parser<V>;
}

/** How a field is read from its column: `required`, `optional` (a warning when not read) or `ifGiven` (an error). */
export interface ColumnRead<V, R> {
  readonly from: "column";
  /** The layout's field name of the column (`layouts.ts`): usually the record field's own name. */
  readonly column: string;
  readonly mode: "required" | "optional" | "ifGiven";
  readonly parse: Parser<V> | ParserFor<V, R>;
  /** The problem code when the value cannot be read. */
  readonly code: string;
  /** For `required`: the field in words, in "… is empty". */
  readonly label: string;
  /** For `optional` and `ifGiven`: the value when the cell is empty (or, `optional`, cannot be read). */
  readonly orElse: V;
}

/** A field not read from a column: from the row's pupil key, from the row itself (its source), or set later. */
export interface DerivedRead<V> {
  readonly from: "key" | "row" | "later";
  /** `key`: the value from the pupil key; `row`: from the row; `later`: the value until it is set. */
  readonly value: (row: RowReader, key: PupilKey) => V;
  /** For `later`: what sets it (the kind's rules, linking to the pupil list). */
  readonly by: string;
}

/** How one field of a record is read. */
export type FieldRead<V, R = never> = ColumnRead<V, R> | DerivedRead<V>;

/**
 * A kind's read description: exactly one `FieldRead` for each field of its table (a missing or an extra field
 * does not compile), in the order the fields are read.
 */
export type FieldReads<T extends FieldTable> = { readonly [K in keyof T]: FieldRead<TableRecord<T>[K], TableRecord<T>> };

/**
 * A required field: an empty cell is the error "`label` is empty", a value not read is the error `code`; both
 * reject the row.
 * @example
 * required("surname", sharedText, "missing-value", "the surname").mode // => "required"
 */
export function required<V, R = unknown>(column: string, parse: Parser<V> | ParserFor<V, R>, code: string, label: string): ColumnRead<V, R> {
  return { from: "column", column, mode: "required", parse, code, label, orElse: undefined as V };
}

/**
 * An optional field: an empty cell gives null (or the value given with `orElse`); a value not read gives it
 * too, with the warning `code` ("…; left empty").
 * @example
 * optional("gender", sharedGender, "bad-gender").orElse // => null
 */
export function optional<V, R = unknown>(column: string, parse: Parser<V> | ParserFor<V, R>, code: string): ColumnRead<V | null, R> {
  return { from: "column", column, mode: "optional", parse, code, label: "", orElse: null };
}

/**
 * A field that may be empty (giving null, or the value given with `orElse`) but, when given, must be read: a
 * value not read is the error `code`, rejecting the row.
 * @example
 * ifGiven("decision", parseEhcDecision, "unknown-decision").mode // => "ifGiven"
 */
export function ifGiven<V, R = unknown>(column: string, parse: Parser<V> | ParserFor<V, R>, code: string): ColumnRead<V | null, R> {
  return { from: "column", column, mode: "ifGiven", parse, code, label: "", orElse: null };
}

/**
 * The same read of an `optional` or `ifGiven` field, with `value` instead of null for an empty cell (and, for
 * `optional`, a value not read). A field that cannot be null must have one: without it, the read's type has
 * null in it, and the description does not compile.
 * @example
 * orElse(optional("gender", sharedGender, "bad-gender"), "U").orElse // => "U"
 */
export function orElse<V, R>(read: ColumnRead<V | null, R>, value: V): ColumnRead<V, R> {
  return { ...read, orElse: value } as ColumnRead<V, R>;
}

/**
 * A parser chosen per row, from the file (`row`) or a field read before this one (`draft`).
 * @example
 * const score = perRow((row, draft) => draft.measure === "readingAge" ? sharedAgeInMonths : sharedNumber);
 * score.perRow(null, { measure: "readingAge" })("8y 2m") // => { ok: true, value: 98 }
 */
export function perRow<V, R>(choose: (row: RowReader, draft: R) => Parser<V>): ParserFor<V, R> {
  return { perRow: choose };
}

/**
 * Dates in the file's order (day-first unless its mapping says month-first): see `datesOf`.
 * @example
 * FILE_DATES.perRow({ dateOrder: "mdy" })("09/23/2024") // => { ok: true, value: "2024-09-23" }
 */
export const FILE_DATES: ParserFor<string, unknown> = perRow((row) => datesOf(row));

/**
 * A field whose value comes from the row's pupil key.
 * @example
 * fromKey((key) => key.upn).value(null, { upn: "X201300125001", misId: null }) // => "X201300125001"
 */
export function fromKey<V>(value: (key: PupilKey) => V): DerivedRead<V> {
  return { from: "key", value: (_row, key) => value(key), by: "the pupil key" };
}

/**
 * A field whose value comes from the row itself (not one of its cells).
 * @example
 * fromRow((row) => row.line).value({ file: "pupils.csv", line: 7 }) // => 7
 */
export function fromRow<V>(value: (row: RowReader) => V): DerivedRead<V> {
  return { from: "row", value: (row) => value(row), by: "the row" };
}

/**
 * A field set after reading (by the kind's rules, or by linking to the pupil list): `value` until then.
 * @example
 * later(null, "linking (the academic year of the year group)").value() // => null
 */
export function later<V>(value: V, by: string): DerivedRead<V> {
  return { from: "later", value: () => value, by };
}

/**
 * A field the kind's rules always set before the record is made (undefined until then).
 * @example
 * setBy("the rules, from the assessment point").from // => "later"
 */
export function setBy<V>(by: string): DerivedRead<V> {
  return later(undefined as V, by);
}

/**
 * Every record's `pupilId`: the provisional id of the row's key (the UPN, else `mis:` and the MIS id).
 * @example
 * PUPIL_ID.value(null, { upn: null, misId: "1042" }) // => "mis:1042"
 */
export const PUPIL_ID: DerivedRead<string> = fromKey(provisionalPupilId);

/**
 * Every record's `source`: the row's file and line.
 * @example
 * SOURCE.value({ file: "pupils.csv", line: 2 }) // => { file: "pupils.csv", line: 2 }
 */
export const SOURCE: DerivedRead<{ file: string; line: number }> = fromRow((row) => ({ file: row.file, line: row.line }));

/**
 * A kind's cross-field rules, run on the values read (`draft`, which they may change) once every field is read,
 * whether or not the row was rejected (a required field not read holds `undefined` then): they record their
 * own problems and return whether the record is to be kept. The record is made only when they return true and
 * the row is not rejected.
 */
export type RecordCheck<R> = (row: RowReader, draft: R) => boolean;

/** Reads one record of a kind from a row (see `recordReader`); `undefined` when the row gives none. */
export type RecordReader<R> = (row: RowReader, key: PupilKey | undefined) => R | undefined;

/**
 * The reader of a kind of record, compiled once from its field table and read description: it reads the
 * described fields in the description's order, runs `check`, and makes the record as one object literal with
 * the table's keys in the table's order (see `recordMaker`). A row with no pupil key (`key` undefined, the row
 * already rejected) still has its fields read, so every problem in it is reported.
 * @throws {Error} when the description's fields are not the table's
 * @example
 * const readAttendance = recordReader(ATTENDANCE_FIELDS, ATTENDANCE_READS, (row) => !row.isRejected);
 * const row = new RowReader("attendance.csv", 2, ["X201300125001", "2024/25", "Autumn", "126", "120"],
 *   new Map([["upn", 0], ["academicYear", 1], ["term", 2], ["possibleSessions", 3], ["attendedSessions", 4]]),
 *   ["UPN", "Academic Year", "Term", "Possible", "Attended"]);
 * readAttendance(row, row.pupilKey())?.possibleSessions // => 126
 */
export function recordReader<T extends FieldTable>(
  table: T, reads: FieldReads<T>, check: RecordCheck<TableRecord<T>> = () => true,
): RecordReader<TableRecord<T>> {
  const names = Object.keys(reads);
  const missing = Object.keys(table).filter((name) => !names.includes(name));
  const extra = names.filter((name) => !(name in table));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`a read description does not match its field table (missing: ${missing.join(", ") || "none"}; not in the table: ${extra.join(", ") || "none"})`);
  }
  const steps = names.map((name) => stepOf((reads as Record<string, FieldRead<unknown, unknown>>)[name]!));
  return compiledReader(names, Object.keys(table), steps, check) as RecordReader<TableRecord<T>>;
}

type Step = (row: RowReader, key: PupilKey | undefined, draft: unknown) => unknown;

/** One field's read, as a function of the row (a closure per field, made once per kind). */
function stepOf(read: FieldRead<unknown, unknown>): Step {
  if (read.from !== "column") {
    const value = read.value;
    // A key-derived field of a row with no key (rejected) holds undefined; the record is not made.
    return read.from === "key" ? (row, key) => (key === undefined ? undefined : value(row, key)) : (row, key) => value(row, key!);
  }
  const { column, code, label, orElse, parse } = read;
  const fixed = typeof parse === "function" ? parse : null;
  const choose = typeof parse === "function" ? null : parse.perRow;
  const at = columnIndexOf(column);
  switch (read.mode) {
    case "required":
      return fixed !== null
        ? (row) => row.requiredAt(at(row), column, fixed, code, label)
        : (row, _key, draft) => row.requiredAt(at(row), column, choose!(row, draft), code, label);
    case "optional":
      return fixed !== null
        ? (row) => row.optionalAt(at(row), column, fixed, code) ?? orElse
        : (row, _key, draft) => row.optionalAt(at(row), column, choose!(row, draft), code) ?? orElse;
    case "ifGiven":
      // Only a cell with text is parsed, so `required` never says "is empty" here.
      return (row, _key, draft) => {
        const index = at(row);
        return row.textIn(index) === null ? orElse : row.requiredAt(index, column, fixed ?? choose!(row, draft), code, "");
      };
  }
}

/**
 * The reader of `recordReader`, compiled from the field names (`new Function`, with no data in its text, as
 * `recordMaker`): one statement per field, `d.<field> = step(row, key, d)`, in the description's order, then
 * the check and the record's literal. Written out, each field's read is a call the engine can inline and a
 * store to a known place in the draft; a loop over the steps (`draft[name] = steps[i](…)`) made every store and
 * every call a look-up, and read the trust's long assessment files 20–35% slower (`src/bench/README.md`).
 *
 * What reaches the generated source: only the record field names, the keys of the field tables written in
 * `schema/records.ts` (the read description's keys are checked to be the same set first), each checked by
 * `checkIdentifier`, and loop indices. No header, cell, file name, mapping file or option reaches it: a mapping
 * names layout columns, which the steps use as closure values (`column` in `stepOf`), never as text of the
 * source; the parsers, problem codes and labels are closures too. `recordReader` is not exported from the
 * barrel, and every call of it runs once, at module load, on a table written in the source.
 * (`new Function` would be refused under a Content-Security-Policy without 'unsafe-eval'; the readers run in
 * Node only, in the CLI and its import threads, never in the dashboards, which read the report's JSON. A
 * build-time generator writing these readers out as source would be as fast and need no eval, at the cost of a
 * generated file per kind kept in step with the tables.)
 *
 * The draft `d` is one object per reader, reused row after row (every field is written again each row before
 * the check reads it); a check must not keep it, and a per-row parser (`perRow`) must only read fields read
 * before its own, or it sees the previous row's value.
 */
function compiledReader(readOrder: readonly string[], keyOrder: readonly string[], steps: readonly Step[], check: RecordCheck<never>): RecordReader<unknown> {
  for (const name of keyOrder) checkIdentifier(name);
  const body = [
    `const d = { ${readOrder.map((name) => `${name}: undefined`).join(", ")} };`,
    ...readOrder.map((_name, i) => `const s${i} = steps[${i}];`),
    "return function read(row, key) {",
    ...readOrder.map((name, i) => `  d.${name} = s${i}(row, key, d);`),
    "  if (!check(row, d) || row.isRejected) return undefined;",
    `  return { ${keyOrder.map((name) => `${name}: d.${name}`).join(", ")} };`,
    "};",
  ].join("\n");
  return new Function("steps", "check", body)(steps, check) as RecordReader<unknown>;
}

/** Refuses a field name that is not a plain JavaScript identifier, or that a literal would take as the prototype. */
function checkIdentifier(name: string): void {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === "__proto__") throw new Error(`a record field is named '${name}', which cannot be compiled`);
}

/**
 * A function that makes a record of a field table from its values (`values`, any object with the table's
 * fields) as one object literal with the table's keys in the table's order. It is compiled from the table's
 * field names (`new Function`, with no data in its text, as the thread codecs in `record-columns.ts` are):
 * the only way JavaScript has to make an object with keys known only at run time laid out as a literal is to
 * write the literal. A record made key by key takes 2.5 times as long to make and keeps most of its fields in
 * a second array (200 bytes a pupil against 176; figures in `src/bench/README.md`).
 * @throws {Error} when a field's name is not a JavaScript identifier
 * @example
 * recordMaker({ pupilId: text(), score: nullable(number(z.number())) })({ score: 3, pupilId: "A" })
 * // => { pupilId: "A", score: 3 }
 */
export function recordMaker<T extends FieldTable>(table: T): (values: TableRecord<T>) => TableRecord<T> {
  const names = Object.keys(table);
  for (const name of names) checkIdentifier(name);
  return new Function("v", `return { ${names.map((name) => `${name}: v.${name}`).join(", ")} };`) as (values: TableRecord<T>) => TableRecord<T>;
}
