// A small hand-made school for the report tests (until and beside the generated sample school): 60 pupils,
// Y1–Y6, with valid UPNs, names and dates of birth, SEN spells (E, K, N), reading standardised scores in
// autumn and summer 2024/25, KS2 results for Y6, and import problems whose messages name pupils.
import { upnCheckLetter } from "../../src/lib/import/upn.js";
import type { Assessment, Pupil, SenRecord } from "../../src/lib/schema/records.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

const FORENAMES = ["Amara", "Oliver", "Isla", "Noah", "Freya", "Zayn", "Poppy", "Leo", "Maya", "Arlo", "Ruby", "Theo"];
const SURNAMES = ["Okafor", "Whitlock", "Nakamura", "Pemberton", "Quigley", "Rahman", "Szabo", "Thornbury", "Underhill", "Vasquez"];

/** A deterministic pseudo-random sequence (LCG, Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const src = (file: string, line: number) => ({ file, line });

export function handMadeSchool(): SchoolData {
  const rand = lcg(42);
  const pupils: Pupil[] = [];
  const senRegister: SenRecord[] = [];
  const assessments: Assessment[] = [];
  for (let i = 0; i < 60; i += 1) {
    const yearGroup = 1 + (i % 6);
    const body = `2013001${String(25000 + i).slice(-5)}`;
    const upn = `${upnCheckLetter(body)}${body}`;
    const birthYear = 2024 - yearGroup - 5;
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const pupilId = upn;
    pupils.push({
      pupilId, upn, misId: String(5000 + i), forename: FORENAMES[i % FORENAMES.length]!, surname: SURNAMES[Math.floor(i / 6) % SURNAMES.length]!,
      dateOfBirth: `${birthYear}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      gender: i % 2 === 0 ? "F" : "M", yearGroup, yearGroupAcademicYear: "2024/25",
      fsm: rand() < 0.25, disadvantaged: rand() < 0.3, eal: rand() < 0.15, lookedAfter: false,
      admissionDate: "2019-09-04", leavingDate: null, school: "Hand-made Primary", registrationClass: null, source: src("pupils.csv", i + 2),
    });
    const status: SenRecord["status"] = i % 15 === 0 ? "E" : i % 6 === 1 ? "K" : "N";
    if (status !== "N") {
      senRegister.push({
        pupilId, status, startDate: "2022-09-05", endDate: null, primaryNeed: status === "E" ? "ASD" : "SLCN",
        secondaryNeed: null, ehcPlanDate: status === "E" ? "2022-09-05" : null,
        lastAnnualReview: status === "E" ? "2024-03-01" : null, source: src("sen.csv", senRegister.length + 2),
      });
    }
    const base = status === "N" ? 102 : status === "K" ? 91 : 82;
    const autumn = Math.round(base + (rand() - 0.5) * 20);
    const summer = Math.round(autumn + (rand() - 0.4) * 10);
    for (const [term, date, score] of [["autumn", "2024-12-13", autumn], ["summer", "2025-07-11", summer]] as const) {
      assessments.push({
        pupilId, subject: "reading", measure: "standardised", academicYear: "2024/25", term, point: `2024/25 ${term}`,
        date, score, grade: null, source: src("assessments.csv", assessments.length + 2),
      });
    }
    if (yearGroup === 6) {
      assessments.push(
        { pupilId, subject: "reading", measure: "scaled", academicYear: "2024/25", term: "summer", point: "2024/25 summer", date: "2025-07-08", score: base - 2 + Math.round(rand() * 8), grade: null, source: src("ks2.csv", i + 2) },
        { pupilId, subject: "maths", measure: "scaled", academicYear: "2024/25", term: "summer", point: "2024/25 summer", date: "2025-07-08", score: base - 2 + Math.round(rand() * 8), grade: null, source: src("ks2.csv", i + 2) },
        { pupilId, subject: "writing", measure: "teacherAssessment", academicYear: "2024/25", term: "summer", point: "2024/25 summer", date: "2025-07-08", score: null, grade: status === "N" ? "EXS" : "WTS", source: src("ks2.csv", i + 2) },
      );
    }
  }
  const named = pupils[3]!;
  return {
    pupils, senRegister, assessments, interventions: [], attendance: [], suspensions: [], targets: [],
    files: [
      { file: "pupils.csv", kind: "pupils", layout: "sims", encoding: "utf-8", rows: 61, imported: 60, rejected: 1 },
      { file: "sen.csv", kind: "senRegister", layout: "sims", encoding: "utf-8", rows: senRegister.length, imported: senRegister.length, rejected: 0 },
    ],
    problems: [
      { file: "pupils.csv", line: 62, column: "UPN", severity: "error", code: "upn-check-letter", message: `UPN '${named.upn}' of ${named.forename} ${named.surname} has the wrong check letter` },
      { file: "pupils.csv", line: 5, column: "Date of Birth", severity: "warning", code: "dob-odd", message: `date of birth ${named.dateOfBirth} looks early for Year ${named.yearGroup}` },
    ],
  };
}
