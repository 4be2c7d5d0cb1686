/**
 * `SchoolData`: everything imported from one folder of exports, plus the import report.
 */
import { z } from "zod";
import {
  Assessment, AttendanceRecord, EhcRequest, InterventionRecord, Pupil, PupilTarget, SenRecord, Suspension,
  type RecordKind,
} from "./records.js";
import { FileReport, Problem, UnreadFile } from "./report.js";

/**
 * Everything imported from a folder of exports. Arrays are in file order, then line order.
 * @example
 * const data: SchoolData = await importFolder("fixtures/sample-school");
 * data.pupils.length // => 420
 */
export const SchoolData = z.object({
  pupils: z.array(Pupil),
  senRegister: z.array(SenRecord),
  assessments: z.array(Assessment),
  interventions: z.array(InterventionRecord),
  attendance: z.array(AttendanceRecord),
  suspensions: z.array(Suspension),
  targets: z.array(PupilTarget),
  /** Requests for an EHC needs assessment; absent in data made before they were imported (older folders have none). */
  ehcRequests: z.array(EhcRequest).optional(),
  files: z.array(FileReport),
  problems: z.array(Problem),
  /** Files in the folder that were not read, with why (see `readable.ts`); absent when there were none. */
  unreadFiles: z.array(UnreadFile).optional(),
  /**
   * Governor-facing intervention names, by the provision map's name, from the folder's column mapping
   * (`"interventionNames"`); absent when it gives none. Checked like any published name (see `applyDisclosure`).
   */
  interventionNames: z.record(z.string(), z.string()).optional(),
});
/** Everything imported from a folder of exports. */
export type SchoolData = z.infer<typeof SchoolData>;

/** One record of a kind (`SchoolData`'s list of that name; a kind absent from older data counts as none). */
export type RecordOf<K extends RecordKind> = NonNullable<SchoolData[K]>[number];
