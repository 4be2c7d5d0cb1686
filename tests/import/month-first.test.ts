/**
 * A month-first file (`"dateOrder": "mdy"` in the mapping) is read month-first wherever its dates are read: its
 * rows, the roster check of its dates of birth (`link.ts`), the session marks summed into terms
 * (`formats/attendance-marks.ts`), the period in an attendance summary's title line, and its assessment points
 * (`rows/assessments.ts`, whose resolved points are remembered by date order too). The fixture is
 * fixtures/exports/us-month-first-resave (see its NOTE.md); every expected value is read off its rows by hand.
 */
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { openExport, readRows } from "../../src/lib/import/import-file.js";
import type { ColumnMapping } from "../../src/lib/import/mapping.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { csvBytes, testUpn } from "./helpers.js";

const FOLDER = "fixtures/exports/us-month-first-resave";
const MDY: ColumnMapping = {
  columns: {},
  files: {
    "pupils.csv": { columns: {}, dateOrder: "mdy" },
    "reading-results.csv": { columns: {}, dateOrder: "mdy" },
    "attendance-marks.csv": { columns: {}, dateOrder: "mdy" },
  },
};

const accounted = (data: SchoolData) => data.files.map((f) => [f.file, f.rows, f.imported, f.rejected, f.skipped ?? 0]);

describe("us-month-first-resave, read with dateOrder mdy", () => {
  it("reads the roster's dates of birth month-first", async () => {
    const data = await importFolder(FOLDER, { mapping: MDY });
    expect(data.pupils.map((p) => [p.forename, p.dateOfBirth])).toEqual([
      ["Ana", "2016-03-14"], ["Ben", "2016-04-05"], ["Cal", "2015-11-30"],
    ]);
  });

  it("checks the results file's dates of birth month-first: only Cal's (11/29 against 11/30) disagrees", async () => {
    const data = await importFolder(FOLDER, { mapping: MDY });
    // Day-first, Ben's 4/5/2016 would be 4 May against the roster's 5 April (a false warning), and Cal's
    // 11/29/2015 no date at all (his real disagreement missed).
    const mismatches = data.problems.filter((p) => p.code === "roster-mismatch");
    expect(mismatches.map((p) => [p.file, p.line, p.column, p.severity])).toEqual([["reading-results.csv", 4, "Date of Birth", "warning"]]);
    expect(mismatches[0]!.message).toContain("2015-11-30");
    expect(mismatches[0]!.message).toContain("11/29/2015");
  });

  it("sums the session marks into the terms of their month-first dates", async () => {
    const data = await importFolder(FOLDER, { mapping: MDY });
    const byPupil = data.attendance.map((a) => [a.pupilId, a.academicYear, a.term, a.possibleSessions, a.attendedSessions]);
    // Ana: 12/16/2024 '/' and 'I' (autumn: 2 possible, 1 attended); 1/6/2025 '/' and 'O' (spring: 2, 1);
    // 4/1/2025 '\' (1 April, summer: 1, 1). Ben: 1/6/2025 'L' and '/', 3/4/2025 'B' and '/' (spring: 4, 4;
    // late before registers close and an approved educational activity count as attended).
    expect(byPupil).toEqual([
      ["F873999926560", "2024/25", "autumn", 2, 1],
      ["F873999926560", "2024/25", "spring", 2, 1],
      ["F873999926560", "2024/25", "summer", 1, 1],
      ["V873999926561", "2024/25", "spring", 4, 4],
    ]);
    expect(data.problems.filter((p) => p.file === "attendance-marks.csv" && p.severity === "error")).toEqual([]);
  });

  it("reads the test dates month-first (6 January and 4 March: spring)", async () => {
    const data = await importFolder(FOLDER, { mapping: MDY });
    expect(data.assessments.map((a) => [a.pupilId, a.date, a.academicYear, a.term, a.score])).toEqual([
      ["F873999926560", "2025-01-06", "2024/25", "spring", 104],
      ["V873999926561", "2025-01-06", "2024/25", "spring", 97],
      ["J873999926562", "2025-03-04", "2024/25", "spring", 88],
    ]);
  });

  it("accounts for every row, and nothing but Cal's date of birth is reported beyond the roster's missing FSM and SEN columns", async () => {
    const data = await importFolder(FOLDER, { mapping: MDY });
    expect(accounted(data)).toEqual([
      // 9 marks summed into 4 pupil-term rows (Ana 3, Ben 1).
      ["attendance-marks.csv", 4, 4, 0, 0], ["pupils.csv", 3, 3, 0, 0], ["reading-results.csv", 3, 3, 0, 0],
    ]);
    expect(data.problems.map((p) => `${p.file}:${p.line} ${p.code}`)).toEqual([
      "attendance-marks.csv:1 attendance-marks-summed", "pupils.csv:1 missing-column", "pupils.csv:1 missing-column",
      "reading-results.csv:4 roster-mismatch",
    ]);
  });
});

describe("without the mapping, the same files read day-first, as before", () => {
  it("reports the dates that can only be month-first and reads the rest day-first", async () => {
    const data = await importFolder(FOLDER);
    expect(data.pupils.map((p) => p.dateOfBirth)).toEqual([null, "2016-05-04", null]);
    // 12/16/2024 cannot be read (its two marks not counted); 1/6/2025 is 1 June, 4/1/2025 4 January, 3/4/2025 3 April.
    expect(data.attendance.map((a) => [a.pupilId, a.term, a.possibleSessions])).toEqual([
      ["F873999926560", "summer", 2], ["F873999926560", "spring", 1], ["V873999926561", "summer", 4],
    ]);
    expect(data.problems.filter((p) => p.file === "attendance-marks.csv" && p.code === "bad-date").map((p) => p.line)).toEqual([2, 3]);
  });
});

describe("the date order and the remembered points", () => {
  const A = testUpn(1);
  const header = "UPN,Subject,Measure,Date,Result";
  const read = (dateOrder: "dmy" | "mdy", date: string) => {
    const bytes = csvBytes([header, `${A},Reading,Standardised Score,${date},103`, `${A},Maths,Standardised Score,${date},99`]);
    return readRows(openExport(`${dateOrder}.csv`, bytes, { kind: undefined, columns: {}, dateOrder }))
      .accepted.flatMap((row) => row.records.assessments ?? []).map((d) => [d.record.date, d.record.term]);
  };

  it("one date text read in both orders, one after the other, gives each file its own point", () => {
    // 01/06/2025: 1 June (summer) day-first, 6 January (spring) month-first; asked in turn, so a point
    // remembered for one order is never given to the other.
    for (let i = 0; i < 2; i += 1) {
      expect(read("dmy", "01/06/2025")).toEqual([["2025-06-01", "summer"], ["2025-06-01", "summer"]]);
      expect(read("mdy", "01/06/2025")).toEqual([["2025-01-06", "spring"], ["2025-01-06", "spring"]]);
    }
  });

  it("a date that only one order can read is an error in the other, every time it is asked", () => {
    const codes = (dateOrder: "dmy" | "mdy", date: string) => {
      const bytes = csvBytes([header, `${A},Reading,Standardised Score,${date},103`]);
      return readRows(openExport("x.csv", bytes, { kind: undefined, columns: {}, dateOrder })).problems.map((p) => p.code);
    };
    expect(read("mdy", "12/16/2024")).toEqual([["2024-12-16", "autumn"], ["2024-12-16", "autumn"]]);
    expect(codes("dmy", "12/16/2024")).toEqual(["bad-date"]);
    expect(read("dmy", "16/12/2024")).toEqual([["2024-12-16", "autumn"], ["2024-12-16", "autumn"]]);
    expect(codes("mdy", "16/12/2024")).toEqual(["bad-date"]);
  });
});

describe("an attendance summary's period in a month-first title line", () => {
  it("is read month-first", async () => {
    const A = testUpn(1);
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-mdy-summary-`);
    await writeFile(`${folder}/pupils.csv`, csvBytes(["UPN,Surname,Forename", `${A},Lee,Ada`]));
    // 1/6/2025 – 3/28/2025: 6 January to 28 March, all spring; day-first, 3/28 is no date.
    await writeFile(`${folder}/summary.csv`, csvBytes(["Attendance 1/6/2025 - 3/28/2025", "UPN,Name,Possible,Present,AEA,Authorised,Unauthorised", `${A},Ada Lee,110,100,2,6,2`]));
    const data = await importFolder(folder, { mapping: { columns: {}, files: { "summary.csv": { columns: {}, dateOrder: "mdy" } } } });
    expect(data.attendance.map((a) => [a.academicYear, a.term, a.possibleSessions, a.attendedSessions])).toEqual([["2024/25", "spring", 110, 102]]);
  });
});
