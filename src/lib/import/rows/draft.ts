/**
 * What a row converter returns: records of one or more kinds, each with the pupil key it was read with
 * (linking to the pupil list happens once every file is read; see `link.ts`).
 */
import type {
  Assessment, AttendanceRecord, InterventionRecord, Pupil, PupilTarget, SenRecord, Suspension,
} from "../../schema/records.js";
import type { PupilKey } from "../row-reader.js";

/** A record with the key it names its pupil by. */
export interface Draft<T> {
  key: PupilKey;
  record: T;
}

/** The records read from one row (most rows give one record; a wide assessment row gives several). */
export interface RowRecords {
  pupils?: Draft<Pupil>[];
  senRegister?: Draft<SenRecord>[];
  assessments?: Draft<Assessment>[];
  interventions?: Draft<InterventionRecord>[];
  attendance?: Draft<AttendanceRecord>[];
  suspensions?: Draft<Suspension>[];
  targets?: Draft<PupilTarget>[];
}

/**
 * The provisional pupil id for a key: the UPN, else `mis:` and the MIS id.
 * @example
 * provisionalPupilId({ upn: null, misId: "1042" }) // => "mis:1042"
 */
export function provisionalPupilId(key: PupilKey): string {
  return key.upn ?? `mis:${key.misId ?? ""}`;
}
