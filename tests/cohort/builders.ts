// Small builders for hand-made SchoolData values in the cohort and gaps tests.
import type {
  Assessment, AttendanceRecord, Pupil, PupilTarget, SenRecord, Suspension,
} from "../../src/lib/schema/records.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

let line = 1;
const src = (file: string) => ({ file, line: ++line });

/** A pupil on roll since 2020, Year 4 in 2024/25, born in October, no flags set. */
export function pupil(pupilId: string, over: Partial<Pupil> = {}): Pupil {
  return {
    pupilId, upn: null, misId: pupilId, forename: `F${pupilId}`, surname: `S${pupilId}`,
    dateOfBirth: "2015-10-10", gender: "F", yearGroup: 4, yearGroupAcademicYear: "2024/25",
    fsm: false, disadvantaged: false, eal: false, lookedAfter: false,
    admissionDate: "2020-09-03", leavingDate: null, school: null, registrationClass: null, source: src("pupils.csv"), ...over,
  };
}

/** An open SEN spell from 2023-09-01. */
export function spell(pupilId: string, status: SenRecord["status"], over: Partial<SenRecord> = {}): SenRecord {
  return {
    pupilId, status, startDate: "2023-09-01", endDate: null,
    primaryNeed: status === "N" ? null : "SLCN", secondaryNeed: null,
    ehcPlanDate: null, lastAnnualReview: null, source: src("sen.csv"), ...over,
  };
}

/** An assessment result at "2024/25 summer" dated 2025-07-01. */
export function result(pupilId: string, over: Partial<Assessment> = {}): Assessment {
  return {
    pupilId, subject: "reading", measure: "standardised", academicYear: "2024/25", term: "summer",
    point: "2024/25 summer", date: "2025-07-01", score: 100, grade: null, source: src("assessments.csv"), ...over,
  };
}

/** A term of attendance in 2024/25 autumn. */
export function attendance(pupilId: string, possible: number, attended: number, over: Partial<AttendanceRecord> = {}): AttendanceRecord {
  return {
    pupilId, academicYear: "2024/25", term: "autumn", possibleSessions: possible, attendedSessions: attended,
    source: src("attendance.csv"), ...over,
  };
}

/** A one-day suspension on 2025-01-20. */
export function suspension(pupilId: string, over: Partial<Suspension> = {}): Suspension {
  return { pupilId, startDate: "2025-01-20", days: 1, permanent: false, reason: null, source: src("suspensions.csv"), ...over };
}

/** A standardised reading target of 100. */
export function target(pupilId: string, over: Partial<PupilTarget> = {}): PupilTarget {
  return {
    pupilId, subject: "reading", measure: "standardised", targetScore: 100, targetGrade: null,
    targetDate: "2025-07-18", source: src("targets.csv"), ...over,
  };
}

/** A SchoolData value from the parts given (everything else empty). */
export function school(parts: Partial<SchoolData>): SchoolData {
  return {
    pupils: [], senRegister: [], assessments: [], interventions: [], attendance: [], suspensions: [], targets: [],
    files: [], problems: [], ...parts,
  };
}

/** Whether any number anywhere inside `value` is NaN (JSON.stringify would hide it as null). */
export function containsNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(containsNaN);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsNaN);
  return false;
}
