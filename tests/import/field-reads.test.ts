/**
 * The row readers made from the field tables (`src/lib/import/rows/field-reads.ts`): each kind's read
 * description has one entry for every field of its table (the mapped type makes that a compile error; this
 * checks it at run time too), the compiled reader makes records with the table's keys in order, and the
 * problems of a row come in the order they always have (the expected orders and messages below were worked
 * out from the hand-written readers the descriptions replaced, and checked against them before the change).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nullable, number, text } from "../../src/lib/schema/fields.js";
import { ATTENDANCE_FIELDS, PUPIL_FIELDS, RECORD_FIELDS, RECORD_KINDS, type RecordKind } from "../../src/lib/schema/records.js";
import { importFile } from "../../src/lib/import/import-file.js";
import { ASSESSMENT_READS } from "../../src/lib/import/rows/assessments.js";
import { ATTENDANCE_READS } from "../../src/lib/import/rows/attendance.js";
import { EHC_REQUEST_READS } from "../../src/lib/import/rows/ehc-requests.js";
import { optional, orElse, recordMaker, recordReader, type FieldReads } from "../../src/lib/import/rows/field-reads.js";
import { sharedGender } from "../../src/lib/import/rows/shared-values.js";
import { INTERVENTION_READS } from "../../src/lib/import/rows/interventions.js";
import { PUPIL_READS } from "../../src/lib/import/rows/pupils.js";
import { SEN_RECORD_READS } from "../../src/lib/import/rows/sen-register.js";
import { SUSPENSION_READS } from "../../src/lib/import/rows/suspensions.js";
import { TARGET_READS } from "../../src/lib/import/rows/targets.js";
import { csvBytes, testUpn } from "./helpers.js";

/** Every kind's read description (this object's type is itself a check that no kind is left out). */
const READS: { [K in RecordKind]: FieldReads<(typeof RECORD_FIELDS)[K]> } = {
  pupils: PUPIL_READS, senRegister: SEN_RECORD_READS, assessments: ASSESSMENT_READS, interventions: INTERVENTION_READS,
  attendance: ATTENDANCE_READS, suspensions: SUSPENSION_READS, targets: TARGET_READS, ehcRequests: EHC_REQUEST_READS,
};

const [a, b] = [testUpn(1), testUpn(2)];

/** The problems of a one-file import, as [line, column, code, message]. */
function problemsOf(file: string, lines: string[]): Array<[number, string | null, string, string]> {
  return importFile(file, csvBytes(lines)).problems.map((p) => [p.line, p.column, p.code, p.message]);
}

describe("the read descriptions", () => {
  it("describe every field of every table exactly once, and nothing else", () => {
    for (const kind of RECORD_KINDS) {
      expect(Object.keys(READS[kind]).sort(), kind).toEqual(Object.keys(RECORD_FIELDS[kind]).sort());
      for (const read of Object.values(READS[kind])) expect(["column", "key", "row", "later"], kind).toContain(read.from);
    }
  });

  it("do not compile with a field left out, a field the table lacks, or an optional read of a field that cannot be null with no value for empty", () => {
    // Each `@ts-expect-error` fails `npm run typecheck` if the line below it compiles.
    const { gender, ...withoutGender } = PUPIL_READS;
    // @ts-expect-error -- the table's `gender` has no read description
    const missing: FieldReads<typeof PUPIL_FIELDS> = withoutGender;
    const { pupilId, academicYear, term, possibleSessions, attendedSessions, source } = ATTENDANCE_READS;
    // A description is written as an object literal (as each kind's is), so an extra entry is an error.
    const extra: FieldReads<typeof ATTENDANCE_FIELDS> = {
      pupilId, academicYear, term, possibleSessions, attendedSessions, source,
      // @ts-expect-error -- `extra` is not a field of the table
      extra: term,
    };
    // @ts-expect-error -- `gender` cannot be null, so an optional read of it needs its value for an empty cell ("U")
    const nullGender: FieldReads<typeof PUPIL_FIELDS> = { ...PUPIL_READS, gender: optional("gender", sharedGender, "bad-gender") };
    const withU: FieldReads<typeof PUPIL_FIELDS> = { ...PUPIL_READS, gender: orElse(optional("gender", sharedGender, "bad-gender"), "U") };
    // At run time, recordReader refuses the first two (and the test below checks its message).
    expect(() => recordReader(PUPIL_FIELDS, missing)).toThrow("missing: gender");
    expect(() => recordReader(ATTENDANCE_FIELDS, extra)).toThrow("not in the table: extra");
    expect([gender.from, nullGender.gender.from, withU.gender.from]).toEqual(["column", "column", "column"]);
  });

  it("read the pupil from the key and the source from the row, in every kind", () => {
    for (const kind of RECORD_KINDS) {
      expect(READS[kind].pupilId.from, kind).toBe("key");
      expect(READS[kind].source.from, kind).toBe("row");
    }
  });

  it("leave the year group's academic year to linking, and read the gender as U when it is empty", () => {
    const result = importFile("pupils.csv", csvBytes(["upn,surname,forename,gender", `${a},Lee,Ada,`]));
    const pupil = result.accepted[0]!.records.pupils![0]!.record;
    expect(pupil.yearGroupAcademicYear).toBeNull();
    expect(pupil.gender).toBe("U");
  });
});

describe("recordReader and recordMaker", () => {
  const TABLE = { pupilId: text(), score: nullable(number(z.number())), source: RECORD_FIELDS.pupils.source };

  it("refuse a description whose fields are not the table's", () => {
    const reads = { pupilId: READS.pupils.pupilId, source: READS.pupils.source, extra: READS.pupils.source };
    expect(() => recordReader(TABLE, reads as unknown as FieldReads<typeof TABLE>))
      .toThrow("a read description does not match its field table (missing: score; not in the table: extra)");
  });

  it("make a record with the table's keys in the table's order, whatever the order of the values given", () => {
    const make = recordMaker(TABLE);
    const source = { file: "x.csv", line: 2 };
    const record = make({ source, score: 3, pupilId: "A" });
    expect(Object.keys(record)).toEqual(["pupilId", "score", "source"]);
    expect(record).toStrictEqual({ pupilId: "A", score: 3, source });
    expect(record.source).toBe(source);
  });

  it("make the records of every kind with the table's keys in order (long and wide assessments, targets, EHC requests too)", () => {
    const files: Array<[RecordKind, string, string[]]> = [
      ["pupils", "pupils.csv", ["upn,surname,forename,sen_status,primary_need", `${a},Lee,Ada,K,SLCN`]],
      ["senRegister", "sen.csv", ["upn,sen_status,primary_need,start_date", `${a},K,SLCN,2024-09-04`]],
      ["assessments", "long.csv", ["upn,subject,measure,assessment_point,value", `${a},reading,standardised,2024/25 autumn,95`]],
      ["assessments", "wide.csv", ["upn,assessment_point,date,reading_standardised,maths_standardised", `${a},2024/25 autumn,2024-12-02,95,101`]],
      ["interventions", "provision.csv", ["upn,intervention,start_date,measure,entry_score", `${a},Precision teaching,2024-09-16,Reading age,7y 2m`]],
      ["attendance", "attendance.csv", ["upn,academic_year,term,possible_sessions,attended_sessions", `${a},2024/25,autumn,140,131`]],
      ["suspensions", "suspensions.csv", ["upn,start_date,days,type,reason", `${a},2025-01-20,1.5,Permanent exclusion,Assault`]],
      ["targets", "targets.csv", ["upn,subject,target,target_date", `${a},reading,EXS,2025-07-18`]],
      ["ehcRequests", "ehc-requests.csv", ["upn,request_date,decision,decision_date", `${a},2025-10-06,agreed,2025-11-10`]],
    ];
    for (const [kind, file, lines] of files) {
      const rows = importFile(file, csvBytes(lines)).accepted;
      const records = rows.flatMap((row) => (row.records[kind] ?? []).map((draft) => draft.record));
      expect(records.length, file).toBeGreaterThan(0);
      for (const record of records) expect(Object.keys(record), file).toEqual(Object.keys(RECORD_FIELDS[kind]));
    }
  });

  it("read each kind's values as the hand-written readers did (checked by hand against the rows)", () => {
    const target = importFile("targets.csv", csvBytes(["upn,subject,target", `${a},reading,exs`])).accepted[0]!.records.targets![0]!.record;
    // An outcome code with no measure column: the grade in upper case, the measure teacher assessment.
    expect([target.measure, target.targetScore, target.targetGrade]).toEqual(["teacherAssessment", null, "EXS"]);
    const place = importFile("provision.csv", csvBytes(["upn,intervention,start_date,measure,entry_score", `${a},PT,2024-09-16,Reading age,7y 2m`]))
      .accepted[0]!.records.interventions![0]!.record;
    // 7 years 2 months = 86 months: the score is read as an age because the measure (read first) is one.
    expect([place.measure, place.entryScore]).toEqual(["readingAge", 86]);
    const suspension = importFile("suspensions.csv", csvBytes(["upn,start_date,type", `${a},2025-01-20,Permanent exclusion`, `${b},2025-01-21,`]))
      .accepted.map((row) => row.records.suspensions![0]!.record.permanent);
    expect(suspension).toEqual([true, false]);
    const pupil = importFile("pupils.csv", csvBytes(["upn,surname,forename,fsm", `${a},Lee,Ada,Y`])).accepted[0]!.records.pupils![0]!.record;
    // Eligible for free school meals and no disadvantaged column: disadvantaged.
    expect([pupil.fsm, pupil.disadvantaged]).toEqual([true, true]);
  });

  it("find each file's columns again when the next file has them in another order (a reader serves many files)", () => {
    // The same two rows, written with the columns in two orders, one file after the other, and a file without the
    // optional columns: the values are the cells' whatever the order (possible 126 and 130, attended 120 and 101).
    const first = importFile("attendance-a.csv", csvBytes(["upn,academic_year,term,possible_sessions,attended_sessions", `${a},2024/25,Autumn,126,120`, `${b},2024/25,Spring,130,101`]));
    const second = importFile("attendance-b.csv", csvBytes(["attended_sessions,term,upn,possible_sessions,academic_year", `120,Autumn,${a},126,2024/25`, `101,Spring,${b},130,2024/25`]));
    const read = (file: typeof first) => file.accepted.map((row) => {
      const record = row.records.attendance![0]!.record;
      return [record.pupilId, record.term, record.possibleSessions, record.attendedSessions];
    });
    expect(read(first)).toEqual([[a, "autumn", 126, 120], [b, "spring", 130, 101]]);
    expect(read(second)).toEqual(read(first));
    // Pupils: the gender column only in the first file; in the second (no such column) it is U, by `orElse`.
    const withGender = importFile("pupils-a.csv", csvBytes(["upn,surname,forename,gender", `${a},Lee,Ada,F`])).accepted[0]!.records.pupils![0]!.record;
    const without = importFile("pupils-b.csv", csvBytes(["forename,upn,surname", `Ada,${a},Lee`])).accepted[0]!.records.pupils![0]!.record;
    expect([withGender.gender, withGender.forename, without.gender, without.forename, without.surname]).toEqual(["F", "Ada", "U", "Ada", "Lee"]);
  });
});

describe("a row's problems, in the order the hand-written readers gave them", () => {
  it("pupils: the surname's before the forename's", () => {
    expect(problemsOf("pupils.csv", ["upn,forename,surname", `${a},,`])).toEqual([
      [2, "surname", "missing-value", "the surname is empty"],
      [2, "forename", "missing-value", "the forename is empty"],
    ]);
  });

  it("SEN register: the needs' before the dates', and the census warning even on a row rejected for its UPN", () => {
    expect(problemsOf("sen.csv", ["upn,sen_status,start_date,primary_need", `${a},K,31/02/2024,XYZ`])).toEqual([
      [2, "primary_need", "unknown-need", expect.stringMatching(/^'XYZ' .*; left empty$/)],
      [2, "start_date", "bad-date", "'31/02/2024' is not a date: February 2024 has 29 days; left empty"],
    ]);
    const badUpn = `${a.slice(0, 12)}${a[12] === "0" ? "1" : "0"}`;
    const problems = problemsOf("sen.csv", ["upn,sen_status,primary_need", `${badUpn},K,`]);
    expect(problems.map(([, column, code]) => [column, code])).toEqual([["upn", "upn-check-letter"], ["primary_need", "missing-need"]]);
  });

  it("interventions: the scores' before the entry and exit dates'", () => {
    expect(problemsOf("provision.csv", ["upn,intervention,start_date,entry_date,exit_target", `${a},PT,2024-09-16,31/02/2024,lots`])).toEqual([
      [2, "exit_target", "bad-number", expect.stringMatching(/^'lots' .*; left empty$/)],
      [2, "entry_date", "bad-date", "'31/02/2024' is not a date: February 2024 has 29 days; left empty"],
    ]);
  });

  it("EHC requests: the dates' before the decision's, each rejecting the row", () => {
    expect(problemsOf("ehc-requests.csv", ["upn,request_date,decision,decision_date", `${a},2025-10-06,maybe,31/02/2025`])).toEqual([
      [2, "decision_date", "bad-date", "'31/02/2025' is not a date: February 2025 has 28 days"],
      [2, "decision", "unknown-decision", expect.stringMatching(/^'maybe' is not a decision sendscope reads/)],
    ]);
  });

  it("targets: the date's before the empty target's; the target is read only on a row not rejected", () => {
    expect(problemsOf("targets.csv", ["upn,subject,target,target_date", `${a},reading,,31/02/2025`])).toEqual([
      [2, "target_date", "bad-date", "'31/02/2025' is not a date: February 2025 has 28 days; left empty"],
      [2, "target", "missing-value", "the target is empty"],
    ]);
    expect(problemsOf("targets.csv", ["upn,subject,target", `${a},,lots`])).toEqual([[2, "subject", "missing-value", "the subject is empty"]]);
  });
});
