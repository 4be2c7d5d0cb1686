/**
 * One school's imported data as a few typed arrays and a table of strings, so a worker thread can hand it
 * to the main thread without copying (the arrays' memory is transferred) and the main thread rebuilds the
 * records without parsing any text (see `importPlanned`).
 *
 * A structured clone of the same records (`postMessage` of plain objects) costs the receiving thread about as
 * much as importing them itself, which would leave a second thread nothing to win (figures in
 * `src/bench/README.md`).
 *
 * Each kind of record has a codec, made from its field table (`schema/fields.ts`), that writes its fields in
 * order and reads them back in the same order, into an object literal with the keys in the table's order (the
 * order the row readers give them), so rebuilt records are the same as imported ones down to their key order.
 * Text goes in an `Int32Array` of indexes into the string table (−1 for null); numbers and true/false go in a
 * `Float64Array` (NaN for null; true 1, false 0).
 */
import type { FieldStore, FieldTable } from "../schema/fields.js";
import { RECORD_FIELDS, RECORD_KINDS, type RecordKind, type Source } from "../schema/records.js";
import type { RecordOf, SchoolData } from "../schema/school-data.js";
import { internalized } from "./intern.js";

/** The record kinds of `SchoolData` that are sent as columns (its `files` and `problems` are few, and go as they are). */
export const COLUMN_KINDS: readonly RecordKind[] = RECORD_KINDS;

/** A record kind sent as columns. */
export type ColumnKind = RecordKind;

/** One kind of record as columns: `length` records, each `texts` entries of `text` and `numbers` of `numbers`, in record order. */
export interface RecordColumns {
  length: number;
  text: Int32Array;
  numbers: Float64Array;
}

/** One school's `SchoolData` as columns (see `encodeSchoolData`). */
export interface EncodedSchoolData {
  /** Every distinct text value of the records, indexed by the `text` columns. */
  strings: string[];
  /** Each kind of record as columns. */
  columns: Record<ColumnKind, RecordColumns>;
  /** The file reports, as they are. */
  files: SchoolData["files"];
  /** The problems, as they are. */
  problems: SchoolData["problems"];
  /** The files not read, as they are (absent when none). */
  unreadFiles?: SchoolData["unreadFiles"];
}

/** Writes one record's fields, in order. */
class ColumnWriter {
  private readonly indexes = new Map<string, number>();
  readonly strings: string[] = [];
  private text = new Int32Array(0);
  private numbers = new Float64Array(0);
  private t = 0;
  private n = 0;
  private lastSource: Source | null = null;

  /** Starts a kind of record: `length` records of `texts` text and `numbers` number entries each. */
  start(length: number, texts: number, numbers: number): void {
    this.text = new Int32Array(length * texts);
    this.numbers = new Float64Array(length * numbers);
    this.t = 0;
    this.n = 0;
    this.lastSource = null;
  }

  /** The columns written since `start`, which must be full. */
  finish(length: number): RecordColumns {
    if (this.t !== this.text.length || this.n !== this.numbers.length) throw new Error("a codec wrote a different number of fields from the one it declares");
    return { length, text: this.text, numbers: this.numbers };
  }

  textOrNull(value: string | null): void {
    if (value === null) {
      this.text[this.t++] = -1;
      return;
    }
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.indexes.set(value, index);
    }
    this.text[this.t++] = index;
  }

  numberOrNull(value: number | null): void {
    // NaN stands for null, so a NaN value could not come back: records never hold one (their schemas want finite numbers).
    if (value !== null && Number.isNaN(value)) throw new Error("a record holds NaN, which cannot be sent as a column");
    this.numbers[this.n++] = value === null ? NaN : value;
  }

  booleanOrNull(value: boolean | null): void {
    this.numbers[this.n++] = value === null ? NaN : value ? 1 : 0;
  }

  /** A record's source: the same object as the previous record's (one row's several results) is written as line 0. */
  source(value: Source): void {
    if (value === this.lastSource) {
      this.text[this.t++] = -1;
      this.numbers[this.n++] = 0;
      return;
    }
    this.lastSource = value;
    this.textOrNull(value.file);
    this.numberOrNull(value.line);
  }
}

/** Reads one record's fields back, in the order they were written. */
class ColumnReader {
  private t = 0;
  private n = 0;
  private lastSource: Source | null = null;

  /**
   * @param labels internalized copies of the table's strings read with `label`, by index (null until one is
   *   read): one array per school, as long as the table and filled from the start, so that it stays a plain
   *   array (an array filled at scattered indexes becomes a hash table, slow to look up)
   */
  constructor(
    private readonly strings: readonly string[],
    private readonly labels: Array<string | null>,
    private readonly textColumn: Int32Array,
    private readonly numberColumn: Float64Array,
  ) {}

  /** A text the analyses compare often (a point label, a date, an academic year), internalized as the import makes it (see `internalized`). */
  label<T extends string = string>(): T {
    const index = this.textColumn[this.t++]!;
    return (this.labels[index] ??= internalized(this.strings[index]!)) as T;
  }

  textOrNull<T extends string = string>(): T | null {
    const index = this.textColumn[this.t++]!;
    return index < 0 ? null : (this.strings[index] as T);
  }

  text<T extends string = string>(): T {
    return this.strings[this.textColumn[this.t++]!] as T;
  }

  numberOrNull(): number | null {
    const value = this.numberColumn[this.n++]!;
    return Number.isNaN(value) ? null : wholeAsInteger(value);
  }

  number(): number {
    return wholeAsInteger(this.numberColumn[this.n++]!);
  }

  booleanOrNull(): boolean | null {
    const value = this.numberColumn[this.n++]!;
    return Number.isNaN(value) ? null : value === 1;
  }

  boolean(): boolean {
    return this.numberColumn[this.n++] === 1;
  }

  source(): Source {
    const file = this.textOrNull();
    const line = this.number();
    if (line === 0) return this.lastSource!;
    return (this.lastSource = { file: file!, line });
  }
}

/**
 * A whole number read from a `Float64Array` as V8's small integer (as the import gives it), not a boxed
 * double: V8 keeps a field that has only ever held small integers unboxed, and one boxed value stored in it
 * would make it box every record's value (tens of MB more on a trust: `src/bench/README.md`).
 */
function wholeAsInteger(value: number): number {
  const integer = value | 0;
  // −0 stays −0 (`-0 | 0` is 0).
  return integer === value && (integer !== 0 || 1 / value > 0) ? integer : value;
}

/** How one kind of record is written to columns and read back: `write` and `read` take the fields in the same order. */
interface Codec<T> {
  /** Text entries per record (a source takes one). */
  texts: number;
  /** Number entries per record (a source takes one). */
  numbers: number;
  write(record: T, to: ColumnWriter): void;
  read(from: ColumnReader): T;
}

/** The `ColumnWriter` method that writes a field of each kind of store. */
const WRITE: Record<FieldStore, keyof ColumnWriter> = {
  text: "textOrNull", label: "textOrNull", number: "numberOrNull", boolean: "booleanOrNull", source: "source",
};

/** The `ColumnReader` method that reads a field of each kind of store, by whether it may be null. */
const READ: Record<FieldStore, readonly [notNull: keyof ColumnReader, orNull: keyof ColumnReader]> = {
  text: ["text", "textOrNull"], label: ["label", "label"], number: ["number", "numberOrNull"],
  boolean: ["boolean", "booleanOrNull"], source: ["source", "source"],
};

/**
 * The codec of a kind of record, made from its field table (`RECORD_FIELDS`). Its `write` and `read` are
 * compiled from the table (`new Function`, with the table's own field names and the methods above, no data):
 * `read` builds each record as one object literal with the table's keys, as the row readers do, so a rebuilt
 * record has the same shape as an imported one (its fields inside the object; a record built key by key
 * would keep most of them in a separate array, and cost more memory and time on millions of records).
 */
function codecOf(table: FieldTable): Codec<never> {
  const fields = Object.entries(table);
  for (const [name] of fields) if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`a record field is named '${name}', which cannot be compiled`);
  const stores = fields.map(([, field]) => field.store);
  const writes = fields.map(([name, field]) => `w.${WRITE[field.store]}(r.${name});`).join(" ");
  const reads = fields.map(([name, field]) => `${name}: r.${READ[field.store][field.nullable ? 1 : 0]}()`).join(", ");
  return {
    texts: stores.filter((store) => store !== "number" && store !== "boolean").length,
    numbers: stores.filter((store) => store === "number" || store === "boolean" || store === "source").length,
    write: new Function("r", "w", writes) as Codec<never>["write"],
    read: new Function("r", `return { ${reads} };`) as Codec<never>["read"],
  };
}

const CODECS = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, codecOf(RECORD_FIELDS[kind])])) as unknown as {
  [K in ColumnKind]: Codec<RecordOf<K>>;
};

function encodeKind<K extends ColumnKind>(kind: K, records: ReadonlyArray<RecordOf<K>>, writer: ColumnWriter): RecordColumns {
  const codec = CODECS[kind] as Codec<RecordOf<K>>;
  writer.start(records.length, codec.texts, codec.numbers);
  for (const record of records) codec.write(record, writer);
  return writer.finish(records.length);
}

function decodeKind<K extends ColumnKind>(kind: K, strings: readonly string[], labels: Array<string | null>, columns: RecordColumns): Array<RecordOf<K>> {
  const codec = CODECS[kind] as Codec<RecordOf<K>>;
  const reader = new ColumnReader(strings, labels, columns.text, columns.numbers);
  const records = new Array<RecordOf<K>>(columns.length);
  for (let i = 0; i < columns.length; i += 1) records[i] = codec.read(reader);
  return records;
}

/**
 * One school's data as columns and a string table (see the module's comment), to send to another thread
 * with `transferablesOf`. `decodeSchoolData` gives the same data back.
 * @throws {Error} when a record holds NaN (no imported record does)
 * @example
 * const encoded = encodeSchoolData(data);
 * encoded.columns.assessments.length === data.assessments.length // => true
 */
export function encodeSchoolData(data: SchoolData): EncodedSchoolData {
  const writer = new ColumnWriter();
  const columns = {} as Record<ColumnKind, RecordColumns>;
  // A kind that older data lacks (`ehcRequests`) is left out, so it decodes as absent again.
  for (const kind of COLUMN_KINDS) {
    const records = data[kind];
    if (records !== undefined) columns[kind] = encodeKind(kind, records, writer);
  }
  return {
    strings: writer.strings, columns, files: data.files, problems: data.problems,
    ...(data.unreadFiles === undefined ? {} : { unreadFiles: data.unreadFiles }),
  };
}

/**
 * The data `encodeSchoolData` was given: the same records, with their keys in the same order, one string per
 * distinct value, and one `source` object shared by a row's several records as at import.
 * @example
 * expect(decodeSchoolData(encodeSchoolData(data))).toStrictEqual(data)
 */
export function decodeSchoolData(encoded: EncodedSchoolData): SchoolData {
  const { strings, columns } = encoded;
  const records = {} as { -readonly [K in ColumnKind]: SchoolData[K] };
  const labels = new Array<string | null>(strings.length).fill(null);
  for (const kind of COLUMN_KINDS) {
    const kindColumns = columns[kind] as RecordColumns | undefined;
    if (kindColumns !== undefined) (records as Record<ColumnKind, unknown>)[kind] = decodeKind(kind, strings, labels, kindColumns);
  }
  return {
    ...records,
    files: encoded.files,
    problems: encoded.problems,
    ...(encoded.unreadFiles === undefined ? {} : { unreadFiles: encoded.unreadFiles }),
  };
}

/**
 * The memory `postMessage` can move, rather than copy, with an encoded school.
 * @example
 * port.postMessage(encoded, transferablesOf(encoded))
 */
export function transferablesOf(encoded: EncodedSchoolData): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const kind of COLUMN_KINDS) {
    const kindColumns = encoded.columns[kind] as RecordColumns | undefined;
    if (kindColumns === undefined) continue;
    const { text, numbers } = kindColumns;
    buffers.push(text.buffer as ArrayBuffer, numbers.buffer as ArrayBuffer);
  }
  return buffers;
}
