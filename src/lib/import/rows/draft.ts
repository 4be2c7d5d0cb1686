/**
 * What a row converter gives: records of one or more kinds, with the pupil key they were read with (linking
 * to the pupil list happens later; see `link.ts`). Converters write into a `RowOutput`, which one file reuses
 * from row to row; `importFile` turns each kept row's output into `RowRecords` (drafts), while a folder's
 * import (`linkOpened`) takes the records straight from the output, so a row costs no objects but its records.
 */
import {
  RECORD_KINDS, type Assessment, type AttendanceRecord, type InterventionRecord, type Pupil, type PupilTarget, type RecordKind,
  type EhcRequest, type SenRecord, type Suspension,
} from "../../schema/records.js";
import type { FileKind } from "../../schema/report.js";
import type { RecordOf } from "../../schema/school-data.js";
import type { PupilKey } from "../row-reader.js";

/** A record with the key it names its pupil by. */
export interface Draft<T> {
  key: PupilKey;
  record: T;
}

/** The records read from one row, by kind (most rows give one record; a wide assessment row gives several). */
export type RowRecords = { [K in RecordKind]?: Draft<RecordOf<K>>[] };

/**
 * The records read from the current row, by kind, and the pupil key they were read with. One output serves
 * a whole file: `clear` empties it before each row, so the caller must take the records before the next row.
 * @example
 * const reader = new RowReader("suspensions.csv", 2, ["X201300125001", "04/03/2025", "2", "Fixed Term"],
 *   new Map([["upn", 0], ["startDate", 1], ["days", 2], ["suspensionType", 3]]), ["UPN", "Start Date", "Days", "Type"]);
 * const out = new RowOutput();
 * readSuspensionRow(reader, out);
 * out.suspensions.length // => 1
 * out.key // => { upn: "X201300125001", misId: null }
 */
export class RowOutput {
  /** The key the row names its pupil by (null until a converter sets it). */
  key: PupilKey | null = null;
  readonly pupils: Pupil[] = [];
  readonly senRegister: SenRecord[] = [];
  readonly assessments: Assessment[] = [];
  readonly interventions: InterventionRecord[] = [];
  readonly attendance: AttendanceRecord[] = [];
  readonly suspensions: Suspension[] = [];
  readonly targets: PupilTarget[] = [];
  readonly ehcRequests: EhcRequest[] = [];
  /** The lists above, in `RECORD_KINDS` order. */
  private readonly lists: ReadonlyArray<unknown[]> = RECORD_KINDS.map((kind) => this[kind]);

  /** Forget the previous row's key and records. */
  clear(): void {
    this.key = null;
    const lists = this.lists;
    for (let i = 0; i < lists.length; i += 1) emptied(lists[i]!);
  }

  /**
   * The row's records as drafts (new arrays, safe to keep). The file's own kind is always there (an empty
   * list for a row with no results, e.g. a wide assessment row with every cell empty); another kind (the SEN
   * spell of a pupil-list row) only when the row gave one.
   */
  toRowRecords(fileKind: FileKind): RowRecords {
    const records: Partial<Record<RecordKind, Draft<unknown>[]>> = {};
    const key = this.key;
    RECORD_KINDS.forEach((kind, i) => {
      const list = this.lists[i]!;
      if (fileKind === kind || list.length > 0) records[kind] = key === null ? [] : list.map((record) => ({ key, record }));
    });
    return records as RowRecords;
  }
}

/** Empty a list of a row's records (a row has one or two: popping them is quicker than setting `length`). */
function emptied(list: unknown[]): void {
  while (list.length > 0) list.pop();
}

/**
 * The provisional pupil id for a key: the UPN, else `mis:` and the MIS id.
 * @example
 * provisionalPupilId({ upn: null, misId: "1042" }) // => "mis:1042"
 */
export function provisionalPupilId(key: PupilKey): string {
  return key.upn ?? `mis:${key.misId ?? ""}`;
}
