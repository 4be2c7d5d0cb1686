/**
 * The corpus of real export shapes in fixtures/exports/ (issue #12, part B: the real systems' vocabulary and
 * values). Each folder is imported as a SENCO would import it; every row must be accounted for (imported or
 * rejected with a reason) and the values are checked against what the rows say, worked by hand in the comments.
 * Each folder's NOTE.md names the public source its shape follows.
 */
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importFolder as builtImportFolder } from "../../dist/lib/import/import-folder.js";
import { importFile, openExport, readRows } from "../../src/lib/import/import-file.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { csvBytes, testUpn } from "./helpers.js";

const folder = (name: string) => `fixtures/exports/${name}`;

/** Every file's rows are imported or rejected, and every rejected row has an error on its line. */
function expectAllAccountedFor(data: SchoolData): void {
  for (const file of data.files) {
    expect(file.imported + file.rejected, file.file).toBe(file.rows);
    const errorLines = new Set(data.problems.filter((p) => p.file === file.file && p.severity === "error").map((p) => p.line));
    expect(errorLines.size, `${file.file}: one error line per rejected row`).toBe(file.rejected);
  }
}

const files = (data: SchoolData) => Object.fromEntries(data.files.map((f) => [f.file, [f.kind, f.rows, f.imported, f.rejected]]));
const problems = (data: SchoolData) => data.problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.code}`);
const pupil = (data: SchoolData, upn: string) => data.pupils.find((p) => p.upn === upn);
const spell = (data: SchoolData, pupilId: string) => data.senRegister.filter((s) => s.pupilId === pupilId);

describe("fixtures/exports: real shapes import with every row accounted for", () => {
  it("dfe-census-download: census names and codes (FSMeligible, NCyearActual R/N2/1-6, SENprovision, need codes)", async () => {
    const data = await importFolder(folder("dfe-census-download"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "census.csv": ["pupils", 5, 5, 0] });
    expect(problems(data)).toEqual([]);
    // Line 2: R, FSMeligible 0, DOB written 2018-05-01T00:00:00.
    expect(pupil(data, "R873999926501")).toMatchObject({ surname: "Fenwick", dateOfBirth: "2018-05-01", yearGroup: 0, fsm: false, admissionDate: "2022-09-05" });
    // Line 3: year 3, FSM 1, EVERFSM_6 1, SENprovision K with SLCN.
    expect(pupil(data, "F873999926502")).toMatchObject({ yearGroup: 3, fsm: true, disadvantaged: true });
    expect(spell(data, "F873999926502")).toMatchObject([{ status: "K", primaryNeed: "SLCN", secondaryNeed: null }]);
    // Line 4: E with ASD then SLCN.
    expect(spell(data, "V873999926503")).toMatchObject([{ status: "E", primaryNeed: "ASD", secondaryNeed: "SLCN" }]);
    // Line 5: N2 (nursery, -1). Line 6: FSMeligible 0 but EVERFSM_6 1: not FSM now, disadvantaged.
    expect(pupil(data, "J873999926504")?.yearGroup).toBe(-1);
    expect(pupil(data, "Y873999926505")).toMatchObject({ yearGroup: 2, fsm: false, disadvantaged: true });
    expect(data.senRegister.map((s) => s.status)).toEqual(["N", "K", "E", "N", "K"]);
  });

  it("target-tracker-sims-template: DOA, Eligible for free meals T/F, SEN Status code S/P/A, Year Y3, In LEA Care", async () => {
    const data = await importFolder(folder("target-tracker-sims-template"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "pupils.csv": ["pupils", 4, 4, 0] });
    expect(pupil(data, "M873999926506")).toMatchObject({ dateOfBirth: "2017-02-14", admissionDate: "2021-09-02", fsm: true, yearGroup: 3, lookedAfter: false });
    expect(pupil(data, "Q873999926508")).toMatchObject({ fsm: true, yearGroup: 4, lookedAfter: true });
    // A (School Action) and P (Action Plus) became K in 2014/15, S (statement) is E: each with a warning; no need column.
    expect(data.senRegister.map((s) => [s.pupilId, s.status])).toEqual([["B873999926507", "K"], ["Q873999926508", "K"], ["E873999926509", "E"]]);
    expect(problems(data)).toEqual([
      "pupils.csv:3 warning legacy-sen-status", "pupils.csv:3 warning missing-need",
      "pupils.csv:4 warning legacy-sen-status", "pupils.csv:4 warning missing-need",
      "pupils.csv:5 warning legacy-sen-status", "pupils.csv:5 warning missing-need",
    ]);
  });

  it("bromcom-api-names: PascalCase API fields (StudentId, ProvisionName, PremiumPupilFlag …) and ISO date-times", async () => {
    const data = await importFolder(folder("bromcom-api-names"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "assessment-results.csv": ["assessments", 4, 4, 0], "students.csv": ["pupils", 3, 3, 0] });
    expect(pupil(data, "Q873999926510")).toMatchObject({ misId: "5101", forename: "Jonah", surname: "Ellery", dateOfBirth: "2016-03-15", gender: "M", yearGroup: 4, disadvantaged: false });
    expect(pupil(data, "E873999926511")).toMatchObject({ eal: true, disadvantaged: true, lookedAfter: false });
    expect(pupil(data, "U873999926512")).toMatchObject({ lookedAfter: true, yearGroup: 3 });
    expect(data.senRegister.map((s) => s.status)).toEqual(["N", "K", "E"]);
    // Results linked by StudentId; TermName + EnteredDate give the point.
    expect(data.assessments.map((a) => [a.pupilId, a.subject, a.grade, a.academicYear, a.term, a.date])).toEqual([
      ["Q873999926510", "reading", "EXS", "2024/25", "autumn", "2024-12-10"],
      ["Q873999926510", "maths", "GDS", "2024/25", "autumn", "2024-12-10"],
      ["E873999926511", "reading", "WTS", "2024/25", "autumn", "2024-12-10"],
      ["U873999926512", "writing", "PK4", "2024/25", "spring", "2025-03-28"],
    ]);
  });

  it("arbor-monitoring-status: Monitoring is no SEN (census N), with a note on its row", async () => {
    const data = await importFolder(folder("arbor-monitoring-status"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "students.csv": ["pupils", 5, 5, 0] });
    expect(data.senRegister.map((s) => [s.status, s.primaryNeed])).toEqual([["N", null], ["K", "SLCN"], ["E", "ASD"], ["N", null], ["N", null]]);
    // Part A warns when a pupil list (the roster) lacks a field the analyses need: this Arbor export has no FSM
    // or pupil premium column, so that warning (on the header line) is right beside part B's notes.
    expect(problems(data)).toEqual(["students.csv:1 warning missing-column", "students.csv:2 warning sen-monitoring", "students.csv:6 warning sen-monitoring"]);
    expect(data.problems[0]?.message).toMatch(/no column for the free school meals flag or disadvantaged/);
    expect(pupil(data, "A873999926516")?.yearGroup).toBe(0); // Reception
  });

  it("sims-marksheet-ages: ages 7/10 and 8:05 in months; an unreadable age does not reject the score beside it", async () => {
    const data = await importFolder(folder("sims-marksheet-ages"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "marksheet.csv": ["assessments", 4, 3, 1], "pupils.csv": ["pupils", 4, 4, 0] });
    const results = (upn: string) => data.assessments.filter((a) => a.pupilId === upn).map((a) => [a.measure, a.score]);
    expect(results("T873999926519")).toEqual([["readingAge", 94], ["standardised", 98], ["spellingAge", 90]]); // 7·12+10, 7·12+6
    expect(results("D873999926520")).toEqual([["readingAge", 101], ["standardised", 104], ["spellingAge", 107]]); // 8·12+5, 8·12+11
    expect(results("T873999926521")).toEqual([["standardised", 91], ["spellingAge", 81]]); // 7/13 left out; 6·12+9
    expect(results("G873999926522")).toEqual([]);
    // The roster (Adno, UPN, names, DOB, Gender, Year) has no FSM column and the folder no SEN information:
    // part A's two missing-column warnings on its header line are right (those figures will be empty).
    expect(problems(data)).toEqual([
      "marksheet.csv:4 warning bad-value", "marksheet.csv:5 warning bad-value", "marksheet.csv:5 error bad-value",
      "pupils.csv:1 warning missing-column", "pupils.csv:1 warning missing-column",
    ]);
    expect(data.problems.slice(3).map((p) => /no column for the (free school meals|SEN status)/.exec(p.message)?.[1])).toEqual(["free school meals", "SEN status"]);
    expect(data.problems.find((p) => p.line === 4)).toMatchObject({ column: "Reading Age" });
    // The date 10/03/2025 is in spring 2024/25.
    expect(new Set(data.assessments.map((a) => `${a.academicYear} ${a.term} ${a.date}`))).toEqual(new Set(["2024/25 spring 2025-03-10"]));
  });

  it("excel-resave: 3-Sep-20, dd/mm/yy, dates with times, TRUE/FALSE", async () => {
    const data = await importFolder(folder("excel-resave"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "pupils.csv": ["pupils", 4, 4, 0], "sen-register.csv": ["senRegister", 2, 2, 0] });
    expect(pupil(data, "W873999926523")).toMatchObject({ dateOfBirth: "2016-09-03", admissionDate: "2020-09-03", fsm: true, disadvantaged: true, eal: false, lookedAfter: false });
    expect(pupil(data, "K873999926524")).toMatchObject({ dateOfBirth: "2017-02-14", admissionDate: "2021-09-01", fsm: false, eal: true });
    expect(pupil(data, "Z873999926525")).toMatchObject({ dateOfBirth: "2015-09-03", admissionDate: "2019-09-03" });
    expect(pupil(data, "N873999926526")).toMatchObject({ dateOfBirth: "2016-11-23", admissionDate: "2020-09-03", fsm: true, disadvantaged: false, lookedAfter: true });
    expect(data.senRegister.map((s) => [s.status, s.primaryNeed, s.secondaryNeed, s.startDate])).toEqual([
      ["K", "SPLD", null, "2022-10-14"], ["E", "SEMH", "SLCN", "2023-01-05"],
    ]);
    // Two-digit years: one warning per file and column, on its first such row (DOB and Admission Date on line 2
    // of pupils.csv; line 3's 14/02/17 and 01/09/21 are read the same way without one), SEN Start Date on line 2.
    expect(problems(data)).toEqual([
      "pupils.csv:2 warning two-digit-year", "pupils.csv:2 warning two-digit-year", "sen-register.csv:2 warning two-digit-year",
    ]);
    expect(data.problems.map((p) => p.column)).toEqual(["DOB", "Admission Date", "SEN Start Date"]);
    expect(data.problems[0]?.message).toMatch(/read as 2016; the column's later values are read the same way/);
  });

  it("sen-register-ranked-needs: one row per ranked need becomes one spell, rank 1 primary and 2 secondary", async () => {
    const data = await importFolder(folder("sen-register-ranked-needs"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "sen-report.csv": ["senRegister", 9, 9, 0], "students.csv": ["pupils", 5, 5, 0] });
    expect(data.senRegister.map((s) => [s.pupilId, s.status, s.primaryNeed, s.secondaryNeed, s.startDate, s.source.line])).toEqual([
      ["C873999926527", "K", "SLCN", "SEMH", "2024-12-16", 2], // lines 2 (rank 1) and 3 (rank 2)
      ["R873999926528", "E", "ASD", null, "2023-03-04", 4],
      ["F873999926529", "K", "MLD", "SPLD", "2025-01-09", 5], // rank 2 (line 5) came before rank 1 (line 6)
      ["R873999926530", "K", "SEMH", "SLCN", "2023-10-02", 7], // line 9's HI is ranked 3: not kept
      ["F873999926531", "N", null, null, null, 10], // Monitoring
    ]);
    // students.csv has no FSM or pupil premium column: part A's missing-column warning is right.
    // Its "Registration form(s) this academic year" is a class, read from the pupil list only: reported.
    expect(problems(data)).toEqual(["sen-report.csv:1 warning class-column-not-read", "sen-report.csv:9 warning third-need", "sen-report.csv:10 warning sen-monitoring", "students.csv:1 warning missing-column"]);
  });

  it("us-month-first-dates: dates that can only be month-first are reported; the mapping's dateOrder reads them all", async () => {
    const data = await importFolder(folder("us-month-first-dates"));
    expectAllAccountedFor(data);
    // The US export has no year group (its 'Grade' is a US grade, listed as not read), FSM or SEN column:
    // part A's three missing-column warnings on the header line are right; the dates are part B's.
    const dates = data.problems.filter((p) => p.code !== "missing-column");
    expect(problems(data)).toEqual([
      "students.csv:1 warning missing-column", "students.csv:1 warning missing-column", "students.csv:1 warning missing-column",
      "students.csv:2 warning bad-date", "students.csv:4 warning bad-date",
    ]);
    expect(dates[0]?.message).toMatch(/09\/23\/2016' can only be read month-first.*"dateOrder": "mdy"/);
    expect(pupil(data, "V873999926532")?.dateOfBirth).toBeNull();
    const mapped = await importFolder(folder("us-month-first-dates"), {
      mapping: { columns: {}, files: { "students.csv": { columns: {}, dateOrder: "mdy" } } },
    });
    expectAllAccountedFor(mapped);
    expect(mapped.problems.filter((p) => p.code !== "missing-column")).toEqual([]);
    expect(mapped.pupils.map((p) => [p.dateOfBirth, p.admissionDate])).toEqual([
      ["2016-09-23", "2020-09-03"], ["2017-03-04", "2021-09-02"], ["2015-12-31", "2019-09-04"],
    ]);
  });

  it("hodder-pira-wide: age-standardised score and reading age 8:05 under Date of test", async () => {
    const data = await importFolder(folder("hodder-pira-wide"));
    expectAllAccountedFor(data);
    expect(files(data)).toEqual({ "pira-results.csv": ["assessments", 3, 3, 0], "pupils.csv": ["pupils", 3, 3, 0] });
    expect(data.assessments.map((a) => [a.pupilId, a.measure, a.score])).toEqual([
      ["B873999926536", "standardised", 97], ["B873999926536", "readingAge", 101], // 8·12+5
      ["Q873999926537", "standardised", 112], ["Q873999926537", "readingAge", 119], // 9·12+11
      ["E873999926538", "standardised", 85], ["E873999926538", "readingAge", 82], // 6·12+10
    ]);
    expect(new Set(data.assessments.map((a) => `${a.academicYear} ${a.term} ${a.date}`))).toEqual(new Set(["2024/25 summer 2025-06-24"]));
  });
});

describe("ranked needs and month-first files, row by row", () => {
  const A = testUpn(1);
  const B = testUpn(2);
  it("an unranked need takes the next free rank, a second need with a taken rank is not kept: each with a warning", () => {
    const result = importFile("sen.csv", csvBytes([
      "UPN,SEN Status,Need Type,Ranking",
      `${A},K,SLCN,`, // no rank: primary (nothing held yet)
      `${A},K,SEMH,`, // no rank: secondary
      `${B},E,ASD,1`,
      `${B},E,HI,1`, // rank 1 taken by ASD
    ]));
    const spells = result.accepted.flatMap((row) => row.records.senRegister ?? []).map((d) => d.record);
    expect(spells.map((s) => [s.pupilId, s.primaryNeed, s.secondaryNeed])).toEqual([[A, "SLCN", "SEMH"], [B, "ASD", null]]);
    expect(result.accepted).toHaveLength(4); // every row read: two give the spells, two add to them
    expect(result.problems.map((p) => `${p.line} ${p.code}`)).toEqual(["2 missing-rank", "3 missing-rank", "5 duplicate-rank"]);
  });

  it("needs with their own start dates make one spell that starts with the earliest", () => {
    const result = importFile("sen.csv", csvBytes([
      "UPN,SEN Status,Need Type,Ranking,Start Date",
      `${A},K,SEMH,2,01/02/2025`,
      `${A},K,SLCN,1,05/09/2024`,
    ]));
    const spells = result.accepted.flatMap((row) => row.records.senRegister ?? []).map((d) => d.record);
    expect(spells.map((s) => [s.primaryNeed, s.secondaryNeed, s.startDate])).toEqual([["SLCN", "SEMH", "2024-09-05"]]);
  });

  it("a month-first mapping reads an assessment file's dates month-first too", () => {
    const bytes = csvBytes(["UPN,Subject,Measure,Date,Result", `${A},Reading,Standardised Score,04/15/2025,103`]);
    expect(importFile("star.csv", bytes).problems.map((p) => p.code)).toEqual(["bad-date"]);
    const mdy = readRows(openExport("star.csv", bytes, { kind: undefined, columns: {}, dateOrder: "mdy" }));
    const result = mdy.accepted[0]?.records.assessments?.[0]?.record;
    expect(result).toMatchObject({ date: "2025-04-15", term: "summer", academicYear: "2024/25", score: 103 });
  });
});

describe("ranked needs on two threads", () => {
  it("a built worker's spells hold the needs of later rows, as this thread's do", async () => {
    // The spell is made by a pupil's first row and finished by later rows: a worker must send it finished.
    const dir = mkdtempSync(join(tmpdir(), "sendscope-ranked-"));
    try {
      cpSync(folder("sen-register-ranked-needs"), join(dir, "a"), { recursive: true });
      cpSync(folder("excel-resave"), join(dir, "b"), { recursive: true });
      const one = await importFolder(dir, { threads: 1 });
      const two = await builtImportFolder(dir, { threads: 2 });
      expect(two).toEqual(one);
      expect(one.senRegister.find((s) => s.pupilId === "F873999926529")).toMatchObject({ primaryNeed: "MLD", secondaryNeed: "SPLD" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
