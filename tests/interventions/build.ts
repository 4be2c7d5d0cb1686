// Builders of hand-made records for the intervention tests (synthetic pupils only).
import type { Assessment, InterventionRecord, Pupil } from "../../src/lib/schema/records.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

let line = 1;

/** A provision-map record with defaults; override any field. */
export function rec(over: Partial<InterventionRecord> & { pupilId: string }): InterventionRecord {
  line += 1;
  return {
    intervention: "Precision teaching", group: "PT-A", startDate: "2024-09-16", endDate: "2024-12-13",
    sessionsPlanned: 30, sessionsAttended: 30, minutesPerSession: 20, staff: "TA", cost: 100,
    measure: "standardised", entryScore: 80, entryDate: "2024-09-16", exitScore: 85, exitDate: "2024-12-13",
    exitTarget: null, source: { file: "provision.csv", line }, ...over,
  };
}

/** A pupil with defaults; override any field. */
export function pupil(over: Partial<Pupil> & { pupilId: string }): Pupil {
  line += 1;
  return {
    upn: null, misId: over.pupilId, forename: "Test", surname: over.pupilId, dateOfBirth: "2016-09-16",
    gender: "F", yearGroup: 3, yearGroupAcademicYear: "2024/25", fsm: false, disadvantaged: false, eal: false,
    lookedAfter: false, admissionDate: null, leavingDate: null, school: null, registrationClass: null,
    source: { file: "pupils.csv", line }, ...over,
  };
}

/** A termly standardised maths score at a point ("2024/25 autumn" dated 2024-12-02 unless given). */
export function assess(pupilId: string, point: string, date: string, score: number, over: Partial<Assessment> = {}): Assessment {
  line += 1;
  return {
    pupilId, subject: "maths", measure: "standardised", academicYear: point.slice(0, 7),
    term: point.endsWith("autumn") ? "autumn" : point.endsWith("spring") ? "spring" : "summer",
    point, date, score, grade: null, source: { file: "assessments.csv", line }, ...over,
  };
}

/** SchoolData with only the given pupils, assessments and provision map. */
export function school(pupils: Pupil[], assessments: Assessment[], interventions: InterventionRecord[]): SchoolData {
  return {
    pupils, senRegister: [], assessments, interventions, attendance: [], suspensions: [], targets: [], files: [],
    problems: [],
  };
}
