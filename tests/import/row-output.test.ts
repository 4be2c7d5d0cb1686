/**
 * Rows are read into a reused `RowOutput`; `importFile` turns each kept row's output into drafts. These check
 * the drafts keep the shape they had when readers returned them, and that results written as plain whole
 * numbers (answered by value, without the text) read as the same scores and problems as any other text.
 */
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/lib/import/import-file.js";
import { plainWholeNumber } from "../../src/lib/import/values.js";
import { csvBytes, testUpn } from "./helpers.js";

const [a, b] = [testUpn(1), testUpn(2)];

describe("rows read into a RowOutput", () => {
  it("a wide row with every result empty is kept with an empty list of results", () => {
    const result = importFile("wide.csv", csvBytes([
      "upn,assessment_point,date,reading_standardised,maths_standardised",
      `${a},2024/25 autumn,2024-12-02,95,`,
      `${b},2024/25 autumn,2024-12-02,,`,
    ]));
    // By hand: line 2 has one result (reading 95), line 3 none; both rows are kept.
    expect(result.accepted.map((row) => [row.line, row.records.assessments?.map((d) => d.record.score)])).toEqual([[2, [95]], [3, []]]);
    expect(Object.keys(result.accepted[1]!.records)).toEqual(["assessments"]);
    expect(result.accepted[0]!.records.assessments![0]!.key).toEqual({ upn: a, misId: null });
  });

  it("a pupil-list row with SEN columns gives its pupil and its spell, under one key", () => {
    const result = importFile("pupils.csv", csvBytes([
      "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,SEN Status,Primary Need",
      `${a},1001,Lee,Ada,01/05/2016,F,Year 3,K,SLCN`,
      `${b},1002,Khan,Omar,12/11/2015,M,Year 4,,`,
    ]));
    const [first, second] = result.accepted;
    expect(first!.records.pupils![0]!.key).toBe(first!.records.senRegister![0]!.key);
    expect(first!.records.senRegister![0]!.record.status).toBe("K");
    // No SEN status on line 3: no spell, and no senRegister list at all.
    expect(second!.records.senRegister).toBeUndefined();
  });
});

describe("whole-number results", () => {
  const file = (scores: string[]) => importFile("scores.csv", csvBytes([
    "UPN,Arbor Student ID,Subject,Measure,Assessment Point,Academic Year,Assessment Date,Score",
    ...scores.map((score) => `${a},1001,Reading,Standardised Score,Autumn 2024,2024/25,2024-12-02,${score}`),
  ]));

  it("read by value: leading zeros, spaces and decimals give the same scores", () => {
    const result = file(["95", "095", " 95 ", "95.0", "40", "160"]);
    expect(result.accepted.map((row) => row.records.assessments![0]!.record.score)).toEqual([95, 95, 95, 95, 40, 160]);
  });

  it("out of range by value, with the value (not the text) in the reason", () => {
    const result = file(["0412", "39", "161"]);
    expect(result.accepted).toHaveLength(0);
    // Standardised scores run 40 to 160 (MEASURE_RANGES.standardised).
    expect(result.problems.map((p) => `${p.line} ${p.code} ${p.message}`)).toEqual([
      "2 out-of-range 412 is not a possible standardised score (expected 40 to 160)",
      "3 out-of-range 39 is not a possible standardised score (expected 40 to 160)",
      "4 out-of-range 161 is not a possible standardised score (expected 40 to 160)",
    ]);
  });

  it("plainWholeNumber reads 1 to 9 ASCII digits only", () => {
    expect([plainWholeNumber("094"), plainWholeNumber("0"), plainWholeNumber("123456789")]).toEqual([94, 0, 123456789]);
    expect([plainWholeNumber(""), plainWholeNumber("9.5"), plainWholeNumber(" 9"), plainWholeNumber("1234567890")]).toEqual([-1, -1, -1, -1]);
  });
});
