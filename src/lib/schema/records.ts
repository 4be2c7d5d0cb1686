/**
 * The typed records a folder of MIS and assessment exports becomes. Every record names its pupil by
 * `pupilId`: the pupil's UPN where the export has one, otherwise the MIS id (see `import/link.ts`).
 * Every record also carries `source` (file and line) so any figure can be traced back to a row.
 */
import { z } from "zod";
import { boolean, label, nullable, number, recordSchema, source, text } from "./fields.js";
import {
  AcademicYear, Gender, IsoDate, MeasureKind, Need, SenStatus, Subject, Term,
} from "./primitives.js";

export { Source } from "./fields.js";

/** A record's pupil: the pupil's UPN, else `mis:` and the MIS id (see `import/link.ts`). */
const pupilId = text(z.string().min(1));
/** A score, mark or age of any measure. */
const score = number(z.number().finite());

/** The fields of `Pupil`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const PUPIL_FIELDS = {
  pupilId,
  upn: nullable(text(z.string().length(13))),
  misId: nullable(text(z.string().min(1))),
  forename: text(),
  surname: text(),
  dateOfBirth: nullable(text(IsoDate)),
  gender: text(Gender),
  yearGroup: nullable(number(z.number().int().min(-1).max(14))),
  yearGroupAcademicYear: nullable(text(AcademicYear)),
  fsm: nullable(boolean()),
  disadvantaged: nullable(boolean()),
  eal: nullable(boolean()),
  lookedAfter: nullable(boolean()),
  admissionDate: nullable(text(IsoDate)),
  leavingDate: nullable(text(IsoDate)),
  school: nullable(text()),
  /** The registration class (form, tutor group) on the pupil list, as the MIS writes it ("3A", "Oak"); null when not exported. */
  registrationClass: nullable(text(z.string().min(1))),
  source: source(),
} as const;

/**
 * A pupil on roll, or a leaver (with `leavingDate`). Year group is a number: Nursery −1, Reception 0,
 * Year 1 … Year 13, and it is the pupil's year group in `yearGroupAcademicYear` (for a leaver the academic
 * year they left in; otherwise the academic year of the export, which import takes to be the latest academic
 * year in the folder's data unless told). A pupil's year group in another year is offset by whole years.
 * @example
 * Pupil.parse({ pupilId: "A123…", upn: "A123…", misId: "1001", forename: "Ada", surname: "Lee",
 *   dateOfBirth: "2016-05-01", gender: "F", yearGroup: 3, yearGroupAcademicYear: "2025/26", fsm: false,
 *   disadvantaged: false, eal: false, lookedAfter: false, admissionDate: "2020-09-03", leavingDate: null,
 *   school: null, registrationClass: "3A", source: { file: "pupils.csv", line: 2 } })
 */
export const Pupil = recordSchema(PUPIL_FIELDS);
/** A pupil on roll. */
export type Pupil = z.infer<typeof Pupil>;

/** The fields of `SenRecord`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const SEN_RECORD_FIELDS = {
  pupilId,
  status: text(SenStatus),
  startDate: nullable(text(IsoDate)),
  endDate: nullable(text(IsoDate)),
  primaryNeed: nullable(text(Need)),
  secondaryNeed: nullable(text(Need)),
  ehcPlanDate: nullable(text(IsoDate)),
  lastAnnualReview: nullable(text(IsoDate)),
  source: source(),
} as const;

/**
 * One spell on the SEN register: a status in force from `startDate` to `endDate` (null = still open).
 * EHC plan pupils carry the plan date and the date of the last annual review.
 * @example
 * SenRecord.parse({ pupilId: "…", status: "K", startDate: "2023-09-04", endDate: null, primaryNeed: "SLCN",
 *   secondaryNeed: null, ehcPlanDate: null, lastAnnualReview: null, source: { file: "sen.csv", line: 2 } })
 */
export const SenRecord = recordSchema(SEN_RECORD_FIELDS);
/** One spell on the SEN register. */
export type SenRecord = z.infer<typeof SenRecord>;

/** The fields of `Assessment`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const ASSESSMENT_FIELDS = {
  pupilId,
  subject: text(Subject),
  measure: text(MeasureKind),
  academicYear: label(AcademicYear),
  term: text(Term),
  point: label(z.string()),
  date: label(IsoDate),
  score: nullable(score),
  grade: nullable(text()),
  source: source(),
} as const;

/**
 * One assessment result. Numeric measures hold `score`; teacher assessment holds `grade` (e.g. "EXS").
 * `point` is a label such as "2024/25 autumn"; `date` is the assessment date or, where the export gives only
 * the point, the nominal end of that term.
 * @example
 * Assessment.parse({ pupilId: "…", subject: "reading", measure: "standardised", academicYear: "2024/25",
 *   term: "autumn", point: "2024/25 autumn", date: "2024-12-13", score: 94, grade: null,
 *   source: { file: "assessments.csv", line: 5 } })
 */
export const Assessment = recordSchema(ASSESSMENT_FIELDS);
/** One assessment result. */
export type Assessment = z.infer<typeof Assessment>;

/** The fields of `InterventionRecord`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const INTERVENTION_FIELDS = {
  pupilId,
  intervention: text(z.string().min(1)),
  group: nullable(text()),
  startDate: text(IsoDate),
  endDate: nullable(text(IsoDate)),
  sessionsPlanned: nullable(number(z.number().int().nonnegative())),
  sessionsAttended: nullable(number(z.number().int().nonnegative())),
  minutesPerSession: nullable(number(z.number().nonnegative())),
  staff: nullable(text()),
  cost: nullable(number(z.number().nonnegative())),
  measure: nullable(text(MeasureKind)),
  entryScore: nullable(score),
  entryDate: nullable(text(IsoDate)),
  exitScore: nullable(score),
  exitDate: nullable(text(IsoDate)),
  exitTarget: nullable(score),
  source: source(),
} as const;

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
export const InterventionRecord = recordSchema(INTERVENTION_FIELDS);
/** One pupil's place in one run of an intervention. */
export type InterventionRecord = z.infer<typeof InterventionRecord>;

/** The fields of `AttendanceRecord`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const ATTENDANCE_FIELDS = {
  pupilId,
  academicYear: label(AcademicYear),
  term: text(Term),
  possibleSessions: number(z.number().int().nonnegative()),
  attendedSessions: number(z.number().int().nonnegative()),
  source: source(),
} as const;

/**
 * Attendance for one pupil over one term: possible and attended sessions (a session is half a day).
 * @example
 * AttendanceRecord.parse({ pupilId: "…", academicYear: "2024/25", term: "autumn", possibleSessions: 140,
 *   attendedSessions: 131, source: { file: "attendance.csv", line: 2 } })
 */
export const AttendanceRecord = recordSchema(ATTENDANCE_FIELDS);
/** Attendance for one pupil over one term. */
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/** The fields of `Suspension`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const SUSPENSION_FIELDS = {
  pupilId,
  startDate: text(IsoDate),
  days: nullable(number(z.number().nonnegative())),
  permanent: boolean(),
  reason: nullable(text()),
  source: source(),
} as const;

/**
 * A suspension (fixed-period exclusion) or permanent exclusion.
 * @example
 * Suspension.parse({ pupilId: "…", startDate: "2025-01-20", days: 1.5, permanent: false,
 *   reason: "Physical assault against an adult", source: { file: "suspensions.csv", line: 2 } })
 */
export const Suspension = recordSchema(SUSPENSION_FIELDS);
/** A suspension or permanent exclusion. */
export type Suspension = z.infer<typeof Suspension>;

/** The fields of `PupilTarget`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const TARGET_FIELDS = {
  pupilId,
  subject: text(Subject),
  measure: nullable(text(MeasureKind)),
  targetScore: nullable(score),
  targetGrade: nullable(text()),
  targetDate: nullable(text(IsoDate)),
  source: source(),
} as const;

/**
 * A pupil's target in a subject: a target score (`targetScore`, of kind `measure`) or a target outcome code
 * (`targetGrade`, e.g. "EXS"), by `targetDate`.
 * @example
 * PupilTarget.parse({ pupilId: "…", subject: "reading", measure: "standardised", targetScore: 95,
 *   targetGrade: null, targetDate: "2025-07-18", source: { file: "targets.csv", line: 2 } })
 */
export const PupilTarget = recordSchema(TARGET_FIELDS);
/** A pupil's target in a subject. */
export type PupilTarget = z.infer<typeof PupilTarget>;

/**
 * The local authority's decision whether to carry out an EHC needs assessment (Children and Families Act 2014,
 * s.36): `agreed` (it will assess), `refused` (it decided not to), or `pending` (not yet decided).
 * @example
 * EhcDecision.parse("agreed") // => "agreed"
 */
export const EhcDecision = z.enum(["agreed", "refused", "pending"]);
/** The authority's decision whether to assess. */
export type EhcDecision = z.infer<typeof EhcDecision>;

/**
 * The outcome of an EHC needs assessment (SEND Regulations 2014, reg. 10 and 13): `issued` (a final EHC plan was
 * issued) or `notIssued` (the authority decided not to issue a plan).
 * @example
 * EhcOutcome.parse("issued") // => "issued"
 */
export const EhcOutcome = z.enum(["issued", "notIssued"]);
/** The outcome of an EHC needs assessment. */
export type EhcOutcome = z.infer<typeof EhcOutcome>;

/** The fields of `EhcRequest`, in order (see `fields.ts`): its schema and its thread codec are made from them. */
export const EHC_REQUEST_FIELDS = {
  pupilId,
  requestDate: text(IsoDate),
  decision: text(EhcDecision),
  decisionDate: nullable(text(IsoDate)),
  outcome: nullable(text(EhcOutcome)),
  outcomeDate: nullable(text(IsoDate)),
  source: source(),
} as const;

/**
 * A request to the local authority for an EHC needs assessment: the date it was made (received by the
 * authority), the authority's decision whether to assess and its date, and the outcome (a final plan issued,
 * or a decision not to issue one) and its date. The DfE's SEN2 return records the same steps (its `requests`
 * and `assessment` modules: received date, request outcome and date, assessment outcome and date).
 * @example
 * EhcRequest.parse({ pupilId: "…", requestDate: "2025-10-06", decision: "agreed", decisionDate: "2025-11-10",
 *   outcome: null, outcomeDate: null, source: { file: "ehc-requests.csv", line: 2 } })
 */
export const EhcRequest = recordSchema(EHC_REQUEST_FIELDS);
/** A request for an EHC needs assessment. */
export type EhcRequest = z.infer<typeof EhcRequest>;

/**
 * Each kind of record's field table, by its list's name in `SchoolData`, in `SchoolData`'s order.
 * @example
 * Object.keys(RECORD_FIELDS.attendance) // => ["pupilId", "academicYear", "term", "possibleSessions", "attendedSessions", "source"]
 */
export const RECORD_FIELDS = {
  pupils: PUPIL_FIELDS,
  senRegister: SEN_RECORD_FIELDS,
  assessments: ASSESSMENT_FIELDS,
  interventions: INTERVENTION_FIELDS,
  attendance: ATTENDANCE_FIELDS,
  suspensions: SUSPENSION_FIELDS,
  targets: TARGET_FIELDS,
  ehcRequests: EHC_REQUEST_FIELDS,
} as const;

/** A kind of record, by its list's name in `SchoolData`. */
export type RecordKind = keyof typeof RECORD_FIELDS;

/**
 * The kinds of record, in `SchoolData`'s order.
 * @example
 * RECORD_KINDS[0] // => "pupils"
 */
export const RECORD_KINDS = Object.keys(RECORD_FIELDS) as RecordKind[];
