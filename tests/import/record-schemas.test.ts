/**
 * The zod record schemas parse what the import gives (issue #16: they used to parse nothing), and refuse a
 * wrong record, saying where. The schemas are made from the field tables (`schema/fields.ts`); the fields that
 * may be null are listed here by hand, from the record schemas as they were written out before the tables.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { label, nullable, source } from "../../src/lib/schema/fields.js";
import { RECORD_FIELDS, RECORD_KINDS, type RecordKind } from "../../src/lib/schema/records.js";
import { SchoolData } from "../../src/lib/schema/school-data.js";

let sample: SchoolData;

beforeAll(async () => {
  sample = await importFolder("fixtures/sample-school");
});

/** Each kind's fields that may be null (the `.nullable()` fields of the schemas written out by hand). */
const NULLABLE: Record<RecordKind, string[]> = {
  pupils: ["upn", "misId", "dateOfBirth", "yearGroup", "yearGroupAcademicYear", "fsm", "disadvantaged", "eal", "lookedAfter",
    "admissionDate", "leavingDate", "school", "registrationClass"],
  senRegister: ["startDate", "endDate", "primaryNeed", "secondaryNeed", "ehcPlanDate", "lastAnnualReview"],
  assessments: ["score", "grade"],
  interventions: ["group", "endDate", "sessionsPlanned", "sessionsAttended", "minutesPerSession", "staff", "cost", "measure",
    "entryScore", "entryDate", "exitScore", "exitDate", "exitTarget"],
  attendance: [],
  suspensions: ["days", "reason"],
  targets: ["measure", "targetScore", "targetGrade", "targetDate"],
  ehcRequests: ["decisionDate", "outcome", "outcomeDate"],
};

/** The sample school with one record of `kind` changed by `change`. */
function withChanged<K extends RecordKind>(kind: K, change: (record: Record<string, unknown>) => void): unknown {
  const records = sample[kind]!.map((record, i) => {
    if (i !== 0) return record;
    const copy: Record<string, unknown> = { ...record };
    change(copy);
    return copy;
  });
  return { ...sample, [kind]: records };
}

/** Where `SchoolData` finds the data wrong: each issue's path, once. */
function issuePaths(data: unknown): string[] {
  const result = SchoolData.safeParse(data);
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
}

describe("the record schemas", () => {
  it("parse the sample school's import as it is", () => {
    const parsed = SchoolData.parse(sample);
    expect(parsed).toStrictEqual(sample);
    for (const kind of RECORD_KINDS) expect(sample[kind]!.length, kind).toBeGreaterThan(0);
  });

  it("have the row readers' fields, in the row readers' order", () => {
    for (const kind of RECORD_KINDS) {
      for (const record of sample[kind]!) expect(Object.keys(record)).toEqual(Object.keys(RECORD_FIELDS[kind]));
    }
  });

  it("take null in exactly the fields that may be null", () => {
    for (const kind of RECORD_KINDS) {
      const shape = SchoolData.shape[kind];
      const schema = (shape instanceof z.ZodOptional ? shape.unwrap() : shape).element;
      const nullable = Object.keys(RECORD_FIELDS[kind]).filter((field) => schema.safeParse({ ...sample[kind]![0]!, [field]: null }).success);
      expect(nullable, kind).toEqual(NULLABLE[kind]);
    }
  });

  it("refuse a date the calendar does not have, or one written the school's way, naming the record and field", () => {
    expect(issuePaths(withChanged("assessments", (r) => (r.date = "2025-02-31")))).toEqual(["assessments.0.date"]);
    expect(issuePaths(withChanged("pupils", (r) => (r.dateOfBirth = "18/07/2016")))).toEqual(["pupils.0.dateOfBirth"]);
    // 2024 is a leap year: its 29 February is a day.
    expect(issuePaths(withChanged("pupils", (r) => (r.dateOfBirth = "2024-02-29")))).toEqual([]);
  });

  it("refuse an unknown code, a number that is not whole or not finite, a missing field and a record with no source", () => {
    expect(issuePaths(withChanged("senRegister", (r) => (r.status = "S")))).toEqual(["senRegister.0.status"]);
    expect(issuePaths(withChanged("attendance", (r) => (r.possibleSessions = 12.5)))).toEqual(["attendance.0.possibleSessions"]);
    expect(issuePaths(withChanged("assessments", (r) => (r.score = Number.POSITIVE_INFINITY)))).toEqual(["assessments.0.score"]);
    expect(issuePaths(withChanged("pupils", (r) => delete r.surname))).toEqual(["pupils.0.surname"]);
    expect(issuePaths(withChanged("targets", (r) => (r.source = { file: "targets.csv", line: 0 })))).toEqual(["targets.0.source.line"]);
  });

  it("have no field that is a source or a label and may be null (the thread codec reads neither as null)", () => {
    expect(() => nullable(source())).toThrow(/source field cannot be null/);
    expect(() => nullable(label(z.string()))).toThrow(/label field cannot be null/);
  });
});
