// Hand-made schools for the per-school, national and trend tests: cohorts of pupils with a chosen SEN
// status, year group and outcome, so every expected figure can be counted by hand.
import { upnCheckLetter } from "../../src/lib/import/upn.js";
import type { Assessment, AttendanceRecord, Pupil, SenRecord } from "../../src/lib/schema/records.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

const FORENAMES = ["Ottoline", "Barnaby", "Wilhelmina", "Crispin", "Perpetua", "Ignatius", "Clementine", "Rupert"];
const SURNAMES = ["Fairweather", "Quartermaine", "Ravenscroft", "Ashdown", "Blackwood", "Cholmondeley", "Drummond"];

/** One cohort: `count` pupils of one SEN status in one year group in `academicYear`, `met` of them meeting the standard. */
export interface CohortSpec {
  academicYear: string;
  yearGroup: 1 | 3 | 6;
  status: "N" | "K" | "E";
  count: number;
  met: number;
  /** Persistently absent pupils among them (attendance 80% instead of 97%); default 0. */
  absent?: number;
}

const START: Record<string, number> = { "2022/23": 2022, "2023/24": 2023, "2024/25": 2024 };
let serial = 0;

/**
 * A school made of cohorts. Each pupil: Y6 → KS2 reading and maths scaled (105 met, 95 not) and writing
 * (EXS / WTS); Y1 → phonics mark (36 / 25); every pupil → summer standardised reading (108 met, 88 not).
 * Pupils of earlier years left at the end of that year. Attendance in 2024/25 for pupils on roll then.
 */
export function makeSchool(school: string, cohorts: readonly CohortSpec[]): SchoolData {
  const pupils: Pupil[] = [];
  const senRegister: SenRecord[] = [];
  const assessments: Assessment[] = [];
  const attendance: AttendanceRecord[] = [];
  const src = (file: string) => ({ file: `${school}/${file}`, line: pupils.length + 2 });
  for (const c of cohorts) {
    const start = START[c.academicYear];
    if (start === undefined) throw new Error(`unknown year ${c.academicYear}`);
    for (let i = 0; i < c.count; i += 1) {
      serial += 1;
      const body = `9990${String(100000 + serial).slice(-6)}01`;
      const upn = `${upnCheckLetter(body)}${body}`;
      const met = i < c.met;
      const birthYear = start - c.yearGroup - 5;
      pupils.push({
        pupilId: upn, upn, misId: `M${900000 + serial}`, forename: FORENAMES[serial % FORENAMES.length]!,
        surname: `${SURNAMES[serial % SURNAMES.length]!}-${serial}`, dateOfBirth: `${birthYear}-0${1 + (serial % 9)}-1${serial % 10}`,
        gender: serial % 2 ? "F" : "M", yearGroup: c.yearGroup, yearGroupAcademicYear: c.academicYear,
        fsm: false, disadvantaged: false, eal: false, lookedAfter: false, admissionDate: `${start - 3}-09-04`,
        leavingDate: start < 2024 ? `${start + 1}-07-25` : null, school, registrationClass: null, source: src("pupils.csv"),
      });
      if (c.status !== "N") {
        senRegister.push({
          pupilId: upn, status: c.status, startDate: `${start - 2}-09-05`, endDate: null, primaryNeed: c.status === "E" ? "ASD" : "SLCN",
          secondaryNeed: null, ehcPlanDate: c.status === "E" ? `${start - 2}-09-05` : null,
          lastAnnualReview: c.status === "E" ? `${start}-11-01` : null, source: src("sen.csv"),
        });
      }
      const date = `${start + 1}-07-08`;
      const point = `${c.academicYear} summer`;
      const a = (subject: Assessment["subject"], measure: Assessment["measure"], score: number | null, grade: string | null): Assessment => ({
        pupilId: upn, subject, measure, academicYear: c.academicYear, term: "summer", point, date, score, grade, source: src("assessments.csv"),
      });
      assessments.push(a("reading", "standardised", met ? 108 : 88, null));
      if (c.yearGroup === 6) {
        assessments.push(a("reading", "scaled", met ? 105 : 95, null), a("maths", "scaled", met ? 105 : 95, null), a("writing", "teacherAssessment", null, met ? "EXS" : "WTS"));
      }
      if (c.yearGroup === 1) assessments.push(a("phonics", "phonicsMark", met ? 36 : 25, null));
      if (start === 2024) {
        const absent = i < (c.absent ?? 0);
        for (const term of ["autumn", "spring", "summer"] as const) {
          attendance.push({ pupilId: upn, academicYear: "2024/25", term, possibleSessions: 100, attendedSessions: absent ? 80 : 97, source: src("attendance.csv") });
        }
      }
    }
  }
  return {
    pupils, senRegister, assessments, interventions: [], attendance, suspensions: [], targets: [],
    files: [{ file: `${school}/pupils.csv`, kind: "pupils", layout: "sims", encoding: "utf-8", rows: pupils.length, imported: pupils.length, rejected: 0 }],
    problems: [],
  };
}
