/**
 * Field tables: each kind of record is written once, as a table of its fields in order (name → the field's
 * zod schema and how its value is held), and everything else that lists the fields is made from the table:
 * the record's zod schema (`recordSchema`, in `records.ts`), the columns a record is sent between threads
 * as (`import/record-columns.ts`), and the row readers (`import/rows/field-reads.ts`: each kind's read
 * description has one entry per field of its table). The table's order is the records' key order.
 */
import { z } from "zod";

/**
 * How a field's value is held:
 * - `text`: a string;
 * - `label`: a string that millions of records share and the analyses compare over and over (an assessment's
 *   point, date and academic year): one engine-internalized copy per value (see `import/intern.ts`); never null;
 * - `number`: a number (integers stay integers);
 * - `boolean`: true or false;
 * - `source`: the record's `Source` (file and line).
 */
export type FieldStore = "text" | "label" | "number" | "boolean" | "source";

/** One field of a record: its zod schema (null included when `nullable`) and how its value is held. */
export interface Field<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly store: FieldStore;
  readonly nullable: boolean;
}

/** A kind of record's fields, by name, in the records' key order. */
export type FieldTable = Readonly<Record<string, Field>>;

/**
 * Where a record came from: the file (relative to the imported folder) and the 1-based line of its row.
 * @example
 * Source.parse({ file: "pupils.csv", line: 2 }) // => { file: "pupils.csv", line: 2 }
 */
export const Source = z.object({ file: z.string(), line: z.number().int().positive() });
/** Where a record came from. */
export type Source = z.infer<typeof Source>;

function field<S extends z.ZodType>(schema: S, store: FieldStore): Field<S> {
  return { schema, store, nullable: false };
}

/**
 * A text field (by default any string).
 * @example
 * text(z.string().min(1)).store // => "text"
 */
export function text<S extends z.ZodType<string> = z.ZodString>(schema?: S): Field<S> {
  return field(schema ?? (z.string() as z.ZodType as S), "text");
}

/**
 * A text field that millions of records share and the analyses compare often: held internalized (see `FieldStore`).
 * @example
 * label(z.string()).store // => "label"
 */
export function label<S extends z.ZodType<string>>(schema: S): Field<S> {
  return field(schema, "label");
}

/**
 * A number field.
 * @example
 * number(z.number().int()).store // => "number"
 */
export function number<S extends z.ZodType<number>>(schema: S): Field<S> {
  return field(schema, "number");
}

/**
 * A true/false field.
 * @example
 * boolean().schema.parse(true) // => true
 */
export function boolean(): Field<z.ZodBoolean> {
  return field(z.boolean(), "boolean");
}

/**
 * The record's `source` field.
 * @example
 * source().schema.parse({ file: "pupils.csv", line: 2 }) // => { file: "pupils.csv", line: 2 }
 */
export function source(): Field<typeof Source> {
  return field(Source, "source");
}

/**
 * The same field, also allowing null (not a `source` or `label` field).
 * @throws {Error} for a `source` or `label` field
 * @example
 * nullable(text()).schema.parse(null) // => null
 */
export function nullable<S extends z.ZodType>(of: Field<S>): Field<z.ZodNullable<S>> {
  if (of.store === "source" || of.store === "label") throw new Error(`a record's ${of.store} field cannot be null`);
  return { schema: of.schema.nullable(), store: of.store, nullable: true };
}

/** The zod object schema of a field table: each field's schema, in the table's order. */
export type RecordSchema<T extends FieldTable> = z.ZodObject<{ -readonly [K in keyof T]: T[K]["schema"] }>;

/**
 * The zod schema of a kind of record, made from its field table.
 * @example
 * recordSchema({ pupilId: text(), score: nullable(number(z.number())) }).parse({ pupilId: "A", score: null })
 * // => { pupilId: "A", score: null }
 */
export function recordSchema<T extends FieldTable>(table: T): RecordSchema<T> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, { schema }] of Object.entries(table)) shape[name] = schema;
  return z.object(shape) as unknown as RecordSchema<T>;
}
