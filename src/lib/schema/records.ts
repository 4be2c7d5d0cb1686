/**
 * The typed records a folder of MIS and assessment exports becomes. Every record names its pupil by
 * `pupilId`: the pupil's UPN where the export has one, otherwise the MIS id (see `import/link.ts`).
 * Every record also carries `source` (file and line) so any figure can be traced back to a row.
 */
import { z } from "zod";
import {
  AcademicYear, Gender, IsoDate, MeasureKind, Need, SenStatus, Subject, Term,
} from "./primitives.js";

/**
 * Where a record came from: the file (relative to the imported folder) and the 1-based line of its row.
 * @example
 * Source.parse({ file: "pupils.csv", line: 2 }) // => { file: "pupils.csv", line: 2 }
 */
export const Source = z.object({ file: z.string(), line: z.number().int().positive() });
/** Where a record came from. */
export type Source = z.infer<typeof Source>;

/**
 * A pupil on roll, or a leaver (with `leavingDate`). Year group is a number: Nursery −1, Reception 0,
 * Year 1 … Year 13, and it is the pupil's year group in `yearGroupAcademicYear` (for a leaver the academic
 * year they left in; otherwise the academic year of the export, which import takes to be the latest academic
 * year in the folder's data unless told). A pupil's year group in another year is offset by whole years.
 * @example
 * Pupil.parse({ pupilId: "A123…", upn: "A123…", misId: "1001", forename: "Ada", surname: "Lee",
 *   dateOfBirth: "2016-05-01", gender: "F", yearGroup: 3, yearGroupAcademicYear: "2025/26", fsm: false,
 *   disadvantaged: false, eal: false, lookedAfter: false, admissionDate: "2020-09-03", leavingDate: null,
 *   school: null, source: { file: "pupils.csv", line: 2 } })
 */
export const Pupil = z.object({
  pupilId: z.string().min(1),
  upn: z.string().length(13).nullable(),
  misId: z.string().min(1).nullable(),
  forename: z.string(),
  surname: z.string(),
  dateOfBirth: IsoDate.nullable(),
  gender: Gender,
  yearGroup: z.number().int().min(-1).max(14).nullable(),
  yearGroupAcademicYear: AcademicYear.nullable(),
  fsm: z.boolean().nullable(),
  disadvantaged: z.boolean().nullable(),
  eal: z.boolean().nullable(),
  lookedAfter: z.boolean().nullable(),
  admissionDate: IsoDate.nullable(),
  leavingDate: IsoDate.nullable(),
  school: z.string().nullable(),
  source: Source,
});
/** A pupil on roll. */
export type Pupil = z.infer<typeof Pupil>;

/**
 * One spell on the SEN register: a status in force from `startDate` to `endDate` (null = still open).
 * EHC plan pupils carry the plan date and the date of the last annual review.
 * @example
 * SenRecord.parse({ pupilId: "…", status: "K", startDate: "2023-09-04", endDate: null, primaryNeed: "SLCN",
 *   secondaryNeed: null, ehcPlanDate: null, lastAnnualReview: null, source: { file: "sen.csv", line: 2 } })
 */
export const SenRecord = z.object({
  pupilId: z.string().min(1),
  status: SenStatus,
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  primaryNeed: Need.nullable(),
  secondaryNeed: Need.nullable(),
  ehcPlanDate: IsoDate.nullable(),
  lastAnnualReview: IsoDate.nullable(),
  source: Source,
});
/** One spell on the SEN register. */
export type SenRecord = z.infer<typeof SenRecord>;

/**
 * One assessment result. Numeric measures hold `score`; teacher assessment holds `grade` (e.g. "EXS").
 * `point` is a label such as "2024/25 autumn"; `date` is the assessment date or, where the export gives only
 * the point, the nominal end of that term.
 * @example
 * Assessment.parse({ pupilId: "…", subject: "reading", measure: "standardised", academicYear: "2024/25",
 *   term: "autumn", point: "2024/25 autumn", date: "2024-12-13", score: 94, grade: null,
 *   source: { file: "assessments.csv", line: 5 } })
 */
export const Assessment = z.object({
  pupilId: z.string().min(1),
  subject: Subject,
  measure: MeasureKind,
  academicYear: AcademicYear,
  term: Term,
  point: z.string(),
  date: IsoDate,
  score: z.number().finite().nullable(),
  grade: z.string().nullable(),
  source: Source,
});
/** One assessment result. */
export type Assessment = z.infer<typeof Assessment>;

/**
 * One pupil's place in one run of an intervention (the provision map). `group` names the run (a group over
 * a period); `cost` is the cost attributed to this pupil's place, in pounds. Entry and exit measures are of
 * kind `measure` (a reading age in months, a standardised score, …).
 * @example
 * InterventionRecord.parse({ pupilId: "…", intervention: "Precision teaching", group: "PT-2024-A",
 *   startDate: "2024-09-16", endDate: "2024-12-13", sessionsPlanned: 30, sessionsAttended: 27,
 *   minutesPerSession: 20, staff: "TA", cost: 180, measure: "readingAge", entryScore: 84,
 *   entryDate: "2024-09-16", exitScore: 91, exitDate: "2024-12-13", exitTarget: 90,
 *   source: { file: "provision.csv", line: 2 } })
 */
export const InterventionRecord = z.object({
  pupilId: z.string().min(1),
  intervention: z.string().min(1),
  group: z.string().nullable(),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  sessionsPlanned: z.number().int().nonnegative().nullable(),
  sessionsAttended: z.number().int().nonnegative().nullable(),
  minutesPerSession: z.number().nonnegative().nullable(),
  staff: z.string().nullable(),
  cost: z.number().nonnegative().nullable(),
  measure: MeasureKind.nullable(),
  entryScore: z.number().finite().nullable(),
  entryDate: IsoDate.nullable(),
  exitScore: z.number().finite().nullable(),
  exitDate: IsoDate.nullable(),
  exitTarget: z.number().finite().nullable(),
  source: Source,
});
/** One pupil's place in one run of an intervention. */
export type InterventionRecord = z.infer<typeof InterventionRecord>;

/**
 * Attendance for one pupil over one term: possible and attended sessions (a session is half a day).
 * @example
 * AttendanceRecord.parse({ pupilId: "…", academicYear: "2024/25", term: "autumn", possibleSessions: 140,
 *   attendedSessions: 131, source: { file: "attendance.csv", line: 2 } })
 */
export const AttendanceRecord = z.object({
  pupilId: z.string().min(1),
  academicYear: AcademicYear,
  term: Term,
  possibleSessions: z.number().int().nonnegative(),
  attendedSessions: z.number().int().nonnegative(),
  source: Source,
});
/** Attendance for one pupil over one term. */
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/**
 * A suspension (fixed-period exclusion) or permanent exclusion.
 * @example
 * Suspension.parse({ pupilId: "…", startDate: "2025-01-20", days: 1.5, permanent: false,
 *   reason: "Physical assault against an adult", source: { file: "suspensions.csv", line: 2 } })
 */
export const Suspension = z.object({
  pupilId: z.string().min(1),
  startDate: IsoDate,
  days: z.number().nonnegative().nullable(),
  permanent: z.boolean(),
  reason: z.string().nullable(),
  source: Source,
});
/** A suspension or permanent exclusion. */
export type Suspension = z.infer<typeof Suspension>;

/**
 * A pupil's target in a subject: a target score (`targetScore`, of kind `measure`) or a target outcome code
 * (`targetGrade`, e.g. "EXS"), by `targetDate`.
 * @example
 * PupilTarget.parse({ pupilId: "…", subject: "reading", measure: "standardised", targetScore: 95,
 *   targetGrade: null, targetDate: "2025-07-18", source: { file: "targets.csv", line: 2 } })
 */
export const PupilTarget = z.object({
  pupilId: z.string().min(1),
  subject: Subject,
  measure: MeasureKind.nullable(),
  targetScore: z.number().finite().nullable(),
  targetGrade: z.string().nullable(),
  targetDate: IsoDate.nullable(),
  source: Source,
});
/** A pupil's target in a subject. */
export type PupilTarget = z.infer<typeof PupilTarget>;
