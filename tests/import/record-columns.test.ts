/**
 * One school's data sent between threads as columns (`encodeSchoolData` / `decodeSchoolData`) must come back
 * as the records the import made: equal field by field (including nulls in every nullable field), with keys
 * in the same order, one `source` object still shared by a wide row's several results, and whole numbers as
 * integers. The expected values are the records themselves (the sample school's import, and records written
 * out by hand here), not anything the codec computed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { COLUMN_KINDS, decodeSchoolData, encodeSchoolData, transferablesOf } from "../../src/lib/import/record-columns.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { Assessment, AttendanceRecord, EhcRequest, InterventionRecord, Pupil, PupilTarget, SenRecord, Suspension } from "../../src/lib/schema/records.js";

let sample: SchoolData;

beforeAll(async () => {
  sample = await importFolder("fixtures/sample-school");
});

const source = { file: "x.csv", line: 7 };
/** One record of each kind with every nullable field null, and one with every field set. */
const NULLS: Omit<SchoolData, "files" | "problems"> = {
  pupils: [{ pupilId: "P1", upn: null, misId: null, forename: "", surname: "", dateOfBirth: null, gender: "U" as never, yearGroup: null,
    yearGroupAcademicYear: null, fsm: null, disadvantaged: null, eal: null, lookedAfter: null, admissionDate: null, leavingDate: null,
    school: null, registrationClass: null, source }],
  senRegister: [{ pupilId: "P1", status: "K", startDate: null, endDate: null, primaryNeed: null, secondaryNeed: null, ehcPlanDate: null,
    lastAnnualReview: null, source }],
  assessments: [{ pupilId: "P1", subject: "reading", measure: "standardised", academicYear: "2024/25", term: "autumn", point: "2024/25 autumn",
    date: "2024-12-13", score: null, grade: null, source }],
  interventions: [{ pupilId: "P1", intervention: "Catch-up", group: null, startDate: "2024-09-16", endDate: null, sessionsPlanned: null,
    sessionsAttended: null, minutesPerSession: null, staff: null, cost: null, measure: null, entryScore: null, entryDate: null,
    exitScore: null, exitDate: null, exitTarget: null, source }],
  attendance: [{ pupilId: "P1", academicYear: "2024/25", term: "autumn", possibleSessions: 0, attendedSessions: 0, source }],
  suspensions: [{ pupilId: "P1", startDate: "2025-01-20", days: null, permanent: false, reason: null, source }],
  targets: [{ pupilId: "P1", subject: "maths", measure: null, targetScore: null, targetGrade: null, targetDate: null, source }],
  ehcRequests: [{ pupilId: "P1", requestDate: "2025-10-06", decision: "pending", decisionDate: null, outcome: null, outcomeDate: null, source }],
};
const FULL: Omit<SchoolData, "files" | "problems"> = {
  pupils: [{ pupilId: "A123456789012", upn: "A123456789012", misId: "1001", forename: "Ada", surname: "Lee", dateOfBirth: "2016-05-01",
    gender: "F", yearGroup: 3, yearGroupAcademicYear: "2025/26", fsm: true, disadvantaged: false, eal: true, lookedAfter: false,
    admissionDate: "2020-09-03", leavingDate: "2026-07-20", school: "Ash Primary", registrationClass: "3A", source: { file: "pupils.csv", line: 2 } }],
  senRegister: [{ pupilId: "A123456789012", status: "E", startDate: "2023-09-04", endDate: "2024-07-19", primaryNeed: "SLCN",
    secondaryNeed: "ASD", ehcPlanDate: "2023-11-01", lastAnnualReview: "2024-10-01", source: { file: "sen.csv", line: 3 } }],
  assessments: [{ pupilId: "A123456789012", subject: "maths", measure: "scaled", academicYear: "2024/25", term: "summer", point: "KS2",
    date: "2025-07-11", score: 101.5, grade: "EXS", source: { file: "a.csv", line: 9 } }],
  interventions: [{ pupilId: "A123456789012", intervention: "Precision teaching", group: "PT-A", startDate: "2024-09-16",
    endDate: "2024-12-13", sessionsPlanned: 30, sessionsAttended: 27, minutesPerSession: 20.5, staff: "TA", cost: 180.25,
    measure: "readingAge", entryScore: 84, entryDate: "2024-09-16", exitScore: 91, exitDate: "2024-12-13", exitTarget: 90,
    source: { file: "provision.csv", line: 4 } }],
  attendance: [{ pupilId: "A123456789012", academicYear: "2024/25", term: "spring", possibleSessions: 140, attendedSessions: 131,
    source: { file: "att.csv", line: 5 } }],
  suspensions: [{ pupilId: "A123456789012", startDate: "2025-01-20", days: 1.5, permanent: true, reason: "Persistent disruption",
    source: { file: "susp.csv", line: 6 } }],
  targets: [{ pupilId: "A123456789012", subject: "writing", measure: "teacherAssessment", targetScore: 95, targetGrade: "EXS",
    targetDate: "2025-07-18", source: { file: "targets.csv", line: 8 } }],
  ehcRequests: [{ pupilId: "A123456789012", requestDate: "2025-01-06", decision: "agreed", decisionDate: "2025-02-14", outcome: "issued",
    outcomeDate: "2025-05-23", source: { file: "ehc-requests.csv", line: 2 } }],
};
const SCHEMAS = {
  pupils: Pupil, senRegister: SenRecord, assessments: Assessment, interventions: InterventionRecord, attendance: AttendanceRecord,
  suspensions: Suspension, targets: PupilTarget, ehcRequests: EhcRequest,
};

function roundTrip(data: SchoolData): SchoolData {
  return decodeSchoolData(encodeSchoolData(data));
}

describe("school data as columns", () => {
  it("gives the sample school's import back record for record, keys in the same order", () => {
    const back = roundTrip(sample);
    expect(back).toStrictEqual(sample);
    for (const kind of COLUMN_KINDS) {
      expect(back[kind]).toHaveLength(sample[kind]!.length);
      back[kind]!.forEach((record, i) => expect(Object.keys(record)).toEqual(Object.keys(sample[kind]![i]!)));
    }
  });

  it("keeps one source object for a row's several results, and a new one for each other row", () => {
    const distinct = (data: SchoolData) => new Set(data.assessments.map((a) => a.source)).size;
    const back = roundTrip(sample);
    expect(distinct(sample)).toBeLessThan(sample.assessments.length);
    expect(distinct(back)).toBe(distinct(sample));
    sample.assessments.forEach((a, i) => {
      if (i > 0 && a.source === sample.assessments[i - 1]!.source) expect(back.assessments[i]!.source).toBe(back.assessments[i - 1]!.source);
    });
  });

  it("carries every field of every kind, null or set, with keys in the schema's order", () => {
    for (const records of [NULLS, FULL]) {
      const data: SchoolData = { ...records, files: [], problems: [] };
      const back = roundTrip(data);
      expect(back).toStrictEqual(data);
      for (const kind of COLUMN_KINDS) expect(Object.keys(back[kind]![0]!)).toEqual(Object.keys(SCHEMAS[kind].shape));
    }
  });

  it("gives whole numbers back as integers, −0 as −0 and fractions as they were", () => {
    const scores = [94, -3, 0, -0, 101.5, 2 ** 40];
    const data: SchoolData = {
      ...NULLS, files: [], problems: [],
      assessments: scores.map((score, i) => ({ ...NULLS.assessments[0]!, score, source: { file: "a.csv", line: i + 2 } })),
    };
    const back = roundTrip(data).assessments.map((a) => a.score);
    back.forEach((score, i) => expect(Object.is(score, scores[i])).toBe(true));
  });

  it("refuses a NaN (it would come back as null) rather than change the data", () => {
    const data: SchoolData = { ...NULLS, files: [], problems: [], assessments: [{ ...NULLS.assessments[0]!, score: NaN }] };
    expect(() => encodeSchoolData(data)).toThrow(/NaN/);
  });

  it("moves its columns' memory rather than copying it", () => {
    const encoded = encodeSchoolData(sample);
    const buffers = transferablesOf(encoded);
    expect(buffers).toHaveLength(COLUMN_KINDS.length * 2);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(encoded, buffers);
    expect(encoded.columns.assessments.text.byteLength).toBe(0);
    port1.close();
    port2.close();
  });
});
