/**
 * The export shapes of `fixtures/exports/` (issue #12, part C): TSV and tab-delimited text, Excel workbooks,
 * the DfE Common Transfer File, attendance summaries over a date range, per-session attendance marks, and
 * single-subject test exports; and what a column mapping can say. Every expected value below was worked out
 * by hand from the fixture files (the arithmetic is written beside it), not by running the code.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attendanceCode } from "../../src/data/attendance-codes.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { emptyImport, openTable, readRows, type FileImport } from "../../src/lib/import/import-file.js";
import { splitByWeights, splitSessions, termShares } from "../../src/lib/import/formats/attendance-period.js";
import { delimiterFor } from "../../src/lib/import/formats/delimited.js";
import { detectDelimiter } from "../../src/lib/import/csv.js";
import { isReadableFile } from "../../src/lib/import/readable.js";
import { tableRows } from "../../src/lib/import/formats/table.js";
import { pointLabel, testContext } from "../../src/lib/import/formats/test-context.js";
import { ColumnMapping, mappingForFile } from "../../src/lib/import/mapping.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

const EXPORTS = "fixtures/exports";

/** Every file's rows are imported or rejected, and every rejected row has an error on its line. */
function expectAccounted(data: SchoolData): void {
  for (const file of data.files) {
    expect(file.imported + file.rejected, file.file).toBe(file.rows);
    const errorLines = new Set(data.problems.filter((p) => p.file === file.file && p.severity === "error" && p.line > 0).map((p) => p.line));
    if (file.kind !== null) expect(errorLines.size, file.file).toBeGreaterThanOrEqual(file.rejected);
  }
}

function fileOf(data: SchoolData, name: string) {
  const file = data.files.find((f) => f.file === name);
  expect(file, name).toBeDefined();
  return file!;
}

const codesOf = (data: SchoolData, file: string) => data.problems.filter((p) => p.file === file).map((p) => `${p.line} ${p.severity} ${p.code}`);

describe("tab-delimited text (SIMS Export Report)", () => {
  it("reads a .tsv with a tab and sniffs a .txt's delimiter", () => {
    expect(delimiterFor("Student List.tsv", "a,b,c\n")).toBe("\t");
    expect(delimiterFor("Attendance.txt", "UPN\tTerm\n1\tAutumn\n")).toBe("\t");
    expect(delimiterFor("pupils.csv", "UPN\tTerm\n")).toBeUndefined();
    // A title line with no delimiter does not decide: the table's lines agree on one tab each.
    expect(detectDelimiter("Attendance, autumn term\nUPN\tTerm\nA\tAutumn\nB\tSpring\n")).toBe("\t");
    expect(isReadableFile("Results.XLSX")).toBe(true);
    expect(isReadableFile("notes.docx")).toBe(false);
  });

  it("imports the SIMS student list and attendance, rejecting the bad UPN", async () => {
    const data = await importFolder(`${EXPORTS}/sims-export-report-tsv`);
    expectAccounted(data);
    expect(fileOf(data, "Student List.tsv")).toMatchObject({ kind: "pupils", layout: "sims", rows: 5, imported: 4, rejected: 1 });
    expect(fileOf(data, "Attendance.txt")).toMatchObject({ kind: "attendance", rows: 4, imported: 4, rejected: 0 });
    expect(codesOf(data, "Student List.tsv")).toEqual(["6 error upn-check-letter"]);
    const ben = data.pupils.find((p) => p.upn === "H201300125602")!;
    expect([ben.surname, ben.forename, ben.dateOfBirth, ben.yearGroup, ben.fsm]).toEqual(["Khan", "Ben", "2015-11-02", 4, true]);
    expect(data.senRegister.map((s) => [s.pupilId, s.status, s.primaryNeed])).toEqual([
      ["U201300125601", "N", null], ["H201300125602", "K", "SLCN"], ["X201300125603", "E", "ASD"], ["L201300125604", "N", null],
    ]);
    expect(data.attendance.find((a) => a.pupilId === "X201300125603")).toMatchObject({ academicYear: "2024/25", term: "autumn", possibleSessions: 140, attendedSessions: 70 });
  });
});

describe("Excel's own text exports", () => {
  it("reads a .txt saved by Excel as Unicode Text (UTF-16LE, tab-delimited)", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { csvBytes } = await import("./helpers.js");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-utf16-`);
    await writeFile(`${folder}/pupils.txt`, csvBytes(["UPN\tSurname\tForename\tDOB", "U201300125601\tLée\tAda\t14/03/2016"], "utf-16le"));
    const data = await importFolder(folder);
    expect(data.files).toEqual([{ file: "pupils.txt", kind: "pupils", layout: "sims", encoding: "utf-16le", rows: 1, imported: 1, rejected: 0 }]);
    expect([data.pupils[0]!.surname, data.pupils[0]!.dateOfBirth]).toEqual(["Lée", "2016-03-14"]);
  });

  it("reports a damaged workbook as a file it cannot read", async () => {
    const { openFormatted } = await import("../../src/lib/import/formats/index.js");
    const opened = openFormatted("broken.xlsx", Buffer.from("PK\u0003\u0004 this is not a workbook"), () => ({ kind: undefined, columns: {} }));
    expect(opened.map((o) => [o.result.file, o.result.kind, o.result.problems.map((p) => p.code)])).toEqual([["broken.xlsx", null, ["unreadable-workbook"]]]);
  });
});

describe("Excel workbooks", () => {
  it("reads each sheet with data as a table, dates as dd/mm/yyyy and TRUE/FALSE as flags", async () => {
    const data = await importFolder(`${EXPORTS}/xlsx-workbook`);
    expectAccounted(data);
    expect(data.files.map((f) => [f.file, f.kind, f.encoding, f.rows, f.imported, f.rejected])).toEqual([
      ["assessment-tracker.xlsx#Pupils", "pupils", "xlsx", 3, 3, 0],
      ["assessment-tracker.xlsx#Reading", "assessments", "xlsx", 3, 2, 1],
      ["assessment-tracker.xlsx#Notes", null, "xlsx", 0, 0, 0],
    ]);
    // The empty "Sheet3" has nothing to read and is not listed; "Notes" (one line of text) is reported.
    expect(codesOf(data, "assessment-tracker.xlsx#Notes")).toEqual(["1 error unknown-export"]);
    // Line 4 of "Reading" is Excel row 4: a standardised score of 412.
    expect(codesOf(data, "assessment-tracker.xlsx#Reading")).toEqual(["4 error out-of-range"]);
    expect(data.pupils.map((p) => [p.upn, p.dateOfBirth, p.yearGroup, p.fsm])).toEqual([
      ["U201300125601", "2016-03-14", 4, false], ["H201300125602", "2015-11-02", 4, true], ["X201300125603", "2017-06-30", 3, false],
    ]);
    // Numbers in full (88.5 is not rounded as a display format might), reading ages in months.
    expect(data.assessments.map((a) => [a.pupilId, a.measure, a.score, a.point])).toEqual([
      ["U201300125601", "standardised", 104, "2024/25 autumn"], ["U201300125601", "readingAge", 98, "2024/25 autumn"],
      ["H201300125602", "standardised", 88.5, "2024/25 autumn"], ["H201300125602", "readingAge", 90, "2024/25 autumn"],
    ]);
  });
});

describe("the DfE Common Transfer File", () => {
  const xml = readFileSync(`${EXPORTS}/ctf-xml/CTF_999_1234_999_5678_001.xml`, "utf8").split("\n");
  /** The 1-based line of the n-th (0-based) line containing `text`, found in the file here, not by the reader. */
  const lineOf = (text: string, n = 0) => xml.map((l, i) => (l.includes(text) ? i + 1 : 0)).filter((i) => i > 0)[n]!;
  const F = "CTF_999_1234_999_5678_001.xml";

  it("reads pupils, SEN spells with ranked needs, attendance and stage assessments, and reports the rest", async () => {
    const data = await importFolder(`${EXPORTS}/ctf-xml`);
    expectAccounted(data);
    expect(data.files.map((f) => [f.file, f.kind, f.rows, f.imported, f.rejected])).toEqual([
      [`${F}#Pupils`, "pupils", 4, 3, 1],
      [`${F}#SEN`, "senRegister", 3, 3, 0],
      [`${F}#Attendance`, "attendance", 8, 8, 0],
      [`${F}#StageAssessments`, "assessments", 1, 1, 0],
    ]);
    // The fourth pupil's UPN has the wrong check letter (L is right for 201300125604).
    expect(data.problems.find((p) => p.code === "upn-check-letter")).toMatchObject({ file: `${F}#Pupils`, line: lineOf("<Pupil>", 3) });
    const ada = data.pupils.find((p) => p.upn === "U201300125601")!;
    expect([ada.dateOfBirth, ada.gender, ada.yearGroup, ada.fsm, ada.admissionDate, ada.source.line])
      .toEqual(["2016-03-14", "F", 4, true, "2020-09-03", lineOf("<Pupil>", 0)]);
    const cara = data.pupils.find((p) => p.upn === "X201300125603")!;
    // Cara's FSM ended 2023-07-31, before the file's date (2025-03-01); she is in care.
    expect([cara.fsm, cara.lookedAfter]).toEqual([false, true]);
    // Ben has no FSMhistory: unknown, not "no".
    expect(data.pupils.find((p) => p.upn === "H201300125602")!.fsm).toBeNull();
    // Ada's SEN support spell ends the day before her EHC plan starts; needs ranked 1 and 2.
    expect(data.senRegister.map((s) => [s.pupilId, s.status, s.startDate, s.endDate, s.primaryNeed, s.secondaryNeed])).toEqual([
      ["U201300125601", "K", "2023-09-04", "2024-09-01", "SLCN", "SEMH"],
      ["U201300125601", "E", "2024-09-02", null, "SLCN", "SEMH"],
      ["X201300125603", "K", "2022-09-05", null, "ASD", null],
    ]);
    expect(data.problems.filter((p) => p.code === "ctf-need-not-read").map((p) => p.line)).toEqual([lineOf("<SENneed>", 2)]);
    // Attendance. Ada: marks from Mon 16 Dec 2024, two a weekday: 16–20 Dec "/\/\/\/I/\" = 10 possible,
    // 9 attended (I is illness); 23 Dec–3 Jan all "#" (closure, not possible); 6–10 Jan "/\O\/\/\/\" = 10, 9.
    // Ben: 380 possible, 380 − 20 − 10 = 350 attended over 1 Sep 2023–31 Jul 2024: weekdays autumn 86
    // (1 Sep + 17 weeks), spring 65 (13 weeks), summer 88 (17 weeks + 29–31 Jul), 239 in all; 380 × 86/239 =
    // 136.74, × 65/239 = 103.35, × 88/239 = 139.92 → 136 + 103 + 139 = 378, the 2 left to the largest remainders
    // (summer .92, autumn .74) → 137, 103, 140; attended 125.94, 95.19, 128.87 → 126, 95, 129.
    // Cara: her marks hold '?', so her totals (200, 150) are split over 2024/25: autumn 87, spring 64,
    // summer 88 weekdays (239): 72.80, 53.56, 73.64 → 73, 53, 74; 54.60, 40.17, 55.23 → 55, 40, 55.
    expect(data.attendance.map((a) => [a.pupilId.slice(-3), a.academicYear, a.term, a.possibleSessions, a.attendedSessions])).toEqual([
      ["601", "2024/25", "autumn", 10, 9], ["601", "2024/25", "spring", 10, 9],
      ["602", "2023/24", "autumn", 137, 126], ["602", "2023/24", "spring", 103, 95], ["602", "2023/24", "summer", 140, 129],
      ["603", "2024/25", "autumn", 73, 55], ["603", "2024/25", "spring", 53, 40], ["603", "2024/25", "summer", 74, 55],
    ]);
    expect(data.problems.filter((p) => p.code === "ctf-attendance-split").map((p) => p.line)).toEqual([lineOf("<YearData>", 1), lineOf("<YearData>", 2)]);
    // The MTC result (KS2/MAT/TT/MTC/MT) of summer 2025; the KS1 writing teacher assessment is reported.
    expect(data.assessments.map((a) => [a.pupilId, a.subject, a.measure, a.point, a.score])).toEqual([
      ["H201300125602", "mtc", "mtcScore", "2024/25 summer", 21],
    ]);
    const notRead = data.problems.filter((p) => p.code === "ctf-not-read").map((p) => [p.line, p.message.split(":")[0]]);
    expect(notRead).toEqual([
      [lineOf("<Ethnicity>"), "<BasicDetails><Ethnicity>"],
      [lineOf("<LEA>", 2), "<SchoolHistory><School><LEA>"],
      [lineOf("<SchoolName>", 1), "<SchoolHistory><School><SchoolName>"],
      [lineOf("<Contacts>"), "<Contacts>"],
      [lineOf("<StageAssessment>", 1), "<StageAssessment> KS1/ENG/TA/WRIT/TA"],
      [lineOf("<Address>"), "<Address>"],
    ]);
  });

  it("reports XML that is not a CTF, or not well formed, as a file it cannot read", async () => {
    const { openFormatted } = await import("../../src/lib/import/formats/index.js");
    const none = () => ({ kind: undefined, columns: {} });
    const other = openFormatted("other.xml", Buffer.from("<?xml version=\"1.0\"?>\n<Catalogue><Item/></Catalogue>\n"), none);
    expect(other.map((o) => [o.result.kind, o.result.problems[0]?.code])).toEqual([[null, "unreadable-ctf"]]);
    const broken = openFormatted("broken.xml", Buffer.from("<CTfile>\n<Pupil>\n</CTfile>\n"), none);
    expect(broken[0]!.result.problems[0]).toMatchObject({ code: "unreadable-ctf", severity: "error" });
  });
});

describe("attendance over a date range", () => {
  it("counts school weekdays per term and splits by the largest remainder", () => {
    // 2 Sep (Mon)–20 Dec 2024 is 16 weeks: 80 weekdays, all autumn.
    expect(termShares("2024-09-02", "2024-12-20")).toEqual([{ academicYear: "2024/25", term: "autumn", weekdays: 80 }]);
    // 16–31 Dec: 12 weekdays; 1–10 Jan: 8 (holidays are not known, as the rule says).
    expect(termShares("2024-12-16", "2025-01-10").map((s) => s.weekdays)).toEqual([12, 8]);
    // August is left out: 28 Jul–5 Sep 2025 has 4 weekdays in July and 5 (1–5 Sep) in 2025/26 autumn.
    expect(termShares("2025-07-28", "2025-09-05").map((s) => [s.academicYear, s.term, s.weekdays])).toEqual([
      ["2024/25", "summer", 4], ["2025/26", "autumn", 5],
    ]);
    expect(splitByWeights(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 26 × 12/20 = 15.6, × 8/20 = 10.4 → 15 + 10, one left to .6 → 16, 10; 24 → 14.4, 9.6 → 14, 10.
    expect(splitSessions(termShares("2024-12-16", "2025-01-10"), 26, 24).map((t) => [t.possible, t.attended])).toEqual([[16, 14], [10, 10]]);
  });

  it("imports a SIMS summary whose period is in the file name, split into terms", async () => {
    const data = await importFolder(`${EXPORTS}/sims-attendance-summary`);
    expectAccounted(data);
    const name = "Attendance 02-09-2024 to 11-04-2025.csv";
    expect(fileOf(data, name)).toMatchObject({ kind: "attendance", rows: 4, imported: 3, rejected: 1 });
    // Line 5: 281 present of 280 possible (rejected); its parts, 281 + 0 + 0 + 0, are not 280 either (warned).
    // Lines 2–4 add up: 260 + 4 + 10 + 6 = 280; 230 + 0 + 30 + 20 = 280; 140 + 0 + 100 + 36 = 276.
    // Its 'Reg Group' column is a class, read from the pupil list only: reported (tests/import/class-column.test.ts).
    expect(codesOf(data, name)).toEqual(["1 warning attendance-period", "1 warning class-column-not-read", "5 warning attendance-summary-sum", "5 error attended-exceeds-possible"]);
    // Weekdays: autumn 2 Sep–31 Dec 87 (17 weeks + 30, 31 Dec), spring 1 Jan–31 Mar 64 (3 + 12 weeks + 1),
    // summer 1–11 Apr 9; 160 in all. Ada: 280 possible → 152.25, 112, 15.75 → 152, 112, 16; attended
    // 260 + 4 AEA = 264 → 143.55, 105.6, 14.85 → 143 + 105 + 14 = 262, 2 left (.85, .6) → 143, 106, 15.
    // Ben: 230 → 125.06, 92, 12.94 → 125, 92, 13. Cara: 276 → 150.08, 110.4, 15.53 → 150, 110, 16;
    // 140 → 76.13, 56, 7.88 → 76, 56, 8.
    expect(data.attendance.map((a) => [a.pupilId.slice(-3), a.term, a.possibleSessions, a.attendedSessions, a.source.line])).toEqual([
      ["601", "autumn", 152, 143, 2], ["601", "spring", 112, 106, 2], ["601", "summer", 16, 15, 2],
      ["602", "autumn", 152, 125, 3], ["602", "spring", 112, 92, 3], ["602", "summer", 16, 13, 3],
      ["603", "autumn", 150, 76, 4], ["603", "spring", 110, 56, 4], ["603", "summer", 16, 8, 4],
    ]);
  });

  it("takes the period from a title line, and a period within one term as that term", () => {
    const result: FileImport = { ...emptyImport("summary.csv"), encoding: "utf-8" };
    const table = tableRows(["UPN", "Possible", "Present", "AEA"], [{ line: 3, fields: ["U201300125601", "140", "120", "6"] }], 2);
    const opened = openTable(result, table, { kind: undefined, columns: {} }, ["Attendance Summary 02/09/2024 - 20/12/2024"]);
    const read = readRows(opened);
    expect(read.accepted.map((r) => r.records.attendance?.map((d) => [d.record.academicYear, d.record.term, d.record.possibleSessions, d.record.attendedSessions])))
      .toEqual([[["2024/25", "autumn", 140, 126]]]);
    expect(read.problems[0]!.message).toContain("taken from the title line 'Attendance Summary 02/09/2024 - 20/12/2024'");
  });

  it("reports a summary with no period, with what to put in the mapping", async () => {
    const result: FileImport = { ...emptyImport("summary.csv"), encoding: "utf-8" };
    const opened = openTable(result, tableRows(["UPN", "Possible", "Present"], [{ line: 2, fields: ["U201300125601", "140", "120"] }]), { kind: undefined, columns: {} });
    expect(opened.pending).toBeNull();
    expect(opened.result.problems.map((p) => [p.severity, p.code])).toEqual([["error", "attendance-period-unknown"]]);
    expect(opened.result.needs?.map((n) => n.key)).toEqual(["periodStart", "periodEnd"]);
    const withPeriod = openTable({ ...result, problems: [] }, tableRows(["UPN", "Possible", "Present"], [{ line: 2, fields: ["U201300125601", "140", "120"] }]),
      { kind: undefined, columns: {}, values: { periodStart: "06/01/2025", periodEnd: "28/03/2025" } });
    expect(readRows(withPeriod).accepted[0]!.records.attendance?.map((d) => [d.record.term, d.record.attendedSessions])).toEqual([["spring", 120]]);
  });
});

describe("per-session attendance marks", () => {
  it("classes the DfE codes", () => {
    expect(["/", "\\", "L", "B", "I", "O", "X", "#", "D", "Y1", "C2"].map((m) => attendanceCode(m)?.counts)).toEqual([
      "present", "present", "present", "aea", "authorised", "unauthorised", "notPossible", "notPossible", "notPossible", "notPossible", "authorised",
    ]);
    expect(attendanceCode("?")).toBeUndefined();
  });

  it("sums Arbor's marks into pupil-term records and reports every mark not counted", async () => {
    const data = await importFolder(`${EXPORTS}/arbor-attendance-marks`);
    expectAccounted(data);
    expect(fileOf(data, "attendance-marks.csv")).toMatchObject({ kind: "attendance", rows: 5, imported: 4, rejected: 1 });
    expect(codesOf(data, "attendance-marks.csv")).toEqual([
      "1 warning attendance-marks-summed", "11 error bad-attendance-mark", "12 error duplicate-mark", "13 error bad-attendance-mark",
      "16 error upn-check-letter",
    ]);
    // Ada, autumn: / \ L I → 4 possible, 3 attended; spring: / B O X → X not possible: 3, attended / and B: 2.
    // Ben, autumn: only line 10's / counts (1, 1); spring: two closures (#): 0 possible.
    expect(data.attendance.map((a) => [a.pupilId.slice(-3), a.term, a.possibleSessions, a.attendedSessions, a.source.line])).toEqual([
      ["601", "autumn", 4, 3, 2], ["601", "spring", 3, 2, 6], ["602", "autumn", 1, 1, 10], ["602", "spring", 0, 0, 14],
    ]);
    expect(data.problems.find((p) => p.code === "attendance-marks-summed")!.message).toMatch(/^15 session marks \(lines 2–16\) were summed into 5 pupil-term records/);
  });

  it("leaves a file of dated marks that are not register marks to recognition", () => {
    const result = (): FileImport => ({ ...emptyImport("m.csv"), encoding: "utf-8" });
    // A test's marks by date (a subject column): a long assessment export, not a register.
    const tests = openTable(result(), tableRows(["UPN", "Subject", "Date", "Mark"], [{ line: 2, fields: ["U201300125601", "Phonics", "12/06/2025", "34"] }]), { kind: undefined, columns: {} });
    expect(tests.result.kind).toBe("assessments");
    // Session marks that are numbers, not DfE codes: not summed as attendance.
    const numbers = openTable(result(), tableRows(["UPN", "Date", "Session", "Mark"], [2, 3].map((line) => ({ line, fields: ["U201300125601", "12/06/2025", "AM", "34"] }))), { kind: undefined, columns: {} });
    expect(numbers.result.kind).not.toBe("attendance");
    expect(numbers.result.problems.some((p) => p.code === "attendance-marks-summed")).toBe(false);
  });
});

describe("single-subject test exports", () => {
  it("reads a test's subject, term and year from a test name, title line or file name", () => {
    expect(testContext("NFER Reading Test Autumn Year 4")).toEqual({
      subject: "reading", subjectWord: "reading", term: "autumn", calendarYear: null, academicYearStart: null, unmapped: null,
    });
    expect(pointLabel(testContext("NGRT-B spring 2025.csv"), null)).toBe("Spring 2025");
    expect(pointLabel(testContext("PiRA 4 Summer"), 2024)).toBe("2024/25 summer");
    expect(testContext("PUMA 5 Autumn").subject).toBe("maths");
    expect(testContext("GL PTE 9").unmapped).toBe("PTE (Progress Test in English)");
    // Two subjects named, no test family: no guess.
    expect(testContext("Reading and maths summary").subject).toBeNull();
  });

  it("imports an NFER export: the subject from the test name, the point from the date of test", async () => {
    const data = await importFolder(`${EXPORTS}/nfer-single-subject`);
    expectAccounted(data);
    const name = "NFER results export.csv";
    // Dev's age-standardised score '1O4' (a letter O) is a warning on that cell; his raw score is kept (each
    // value in a wide row is judged on its own: part B of issue #12).
    expect(fileOf(data, name)).toMatchObject({ kind: "assessments", rows: 4, imported: 4, rejected: 0 });
    // Its 'Class' column is a class, read from the pupil list only: reported (tests/import/class-column.test.ts).
    expect(codesOf(data, name)).toEqual(["1 warning test-context-inferred", "1 warning class-column-not-read", "5 warning bad-value"]);
    const note = data.problems.find((p) => p.code === "test-context-inferred")!.message;
    expect(note).toContain("subject 'reading' from the test name 'NFER Reading Test Autumn Year 4' (column 'Test')");
    expect(note).toContain("not read: 'Standardised score'");
    // The age-standardised score is the standardised measure; Cara's is blank, so only her raw score.
    expect(data.assessments.map((a) => [a.pupilId.slice(-3), a.subject, a.measure, a.score, a.date, a.point])).toEqual([
      ["601", "reading", "rawScore", 31, "2024-12-12", "2024/25 autumn"], ["601", "reading", "standardised", 104, "2024-12-12", "2024/25 autumn"],
      ["602", "reading", "rawScore", 18, "2024-12-12", "2024/25 autumn"], ["602", "reading", "standardised", 88, "2024-12-12", "2024/25 autumn"],
      ["603", "reading", "rawScore", 25, "2024-12-12", "2024/25 autumn"],
      ["604", "reading", "rawScore", 27, "2024-12-12", "2024/25 autumn"],
    ]);
  });

  it("imports PiRA results: the term per row from the test name, the year from the file name", async () => {
    const data = await importFolder(`${EXPORTS}/hodder-pira-test-name`);
    expectAccounted(data);
    expect(fileOf(data, "PiRA results 2024-25.csv")).toMatchObject({ kind: "assessments", rows: 3, imported: 3, rejected: 0 });
    // No dates: each point's nominal date (summer 15 July, spring 31 March of 2025).
    expect(data.assessments.map((a) => [a.pupilId.slice(-3), a.measure, a.score, a.point, a.date])).toEqual([
      ["601", "rawScore", 30, "2024/25 summer", "2025-07-15"], ["601", "standardised", 103, "2024/25 summer", "2025-07-15"],
      ["602", "rawScore", 21, "2024/25 summer", "2025-07-15"], ["602", "standardised", 92, "2024/25 summer", "2025-07-15"],
      ["603", "rawScore", 24, "2024/25 spring", "2025-03-31"], ["603", "standardised", 98, "2024/25 spring", "2025-03-31"],
    ]);
  });

  it("reads GL NGRT given its title line (as the CSV reader's preamble), SAS as the standardised score", () => {
    // The file's lines 1–2 are a title and a blank line; the header is line 3 (what part A's reader gives).
    const lines = readFileSync(`${EXPORTS}/gl-ngrt-title-line/NGRT-B spring 2025.csv`, "utf8").split(/\r?\n/);
    const table = tableRows(lines[2]!.split(","), [3, 4, 5].map((i) => ({ line: i + 1, fields: lines[i]!.split(",") })), 3);
    const result: FileImport = { ...emptyImport("NGRT-B spring 2025.csv"), encoding: "utf-8" };
    const read = readRows(openTable(result, table, { kind: undefined, columns: {} }, [lines[0]!]));
    expect(read.kind).toBe("assessments");
    expect(read.problems.map((p) => p.code)).toEqual(["test-context-inferred"]);
    expect(read.problems[0]!.message).toContain("subject 'reading' from the title line 'GL Assessment New Group Reading Test (NGRT) Form B - Group report' (NGRT)");
    expect(read.problems[0]!.message).toContain("assessment point 'Spring 2025' from the file name 'NGRT-B spring 2025.csv'");
    expect(read.accepted.map((r) => r.records.assessments?.map((d) => [d.record.pupilId.slice(-3), d.record.measure, d.record.score, d.record.point]))).toEqual([
      [["601", "standardised", 107, "2024/25 spring"]], [["602", "standardised", 84, "2024/25 spring"]], [["603", "standardised", 96, "2024/25 spring"]],
    ]);
  });

  it("imports fixtures/exports/gl-ngrt-title-line whole: the CSV reader passes over the title lines (part A), 3 results, none rejected", async () => {
    const data = await importFolder(`${EXPORTS}/gl-ngrt-title-line`);
    expectAccounted(data);
    const name = "NGRT-B spring 2025.csv";
    // Header on line 3 (a title line and a blank line above it); Group, Stanine and NPR have no field.
    expect(fileOf(data, name)).toMatchObject({ kind: "assessments", rows: 3, imported: 3, rejected: 0, ignoredColumns: ["Group", "Stanine", "NPR"] });
    expect(codesOf(data, name)).toEqual(["3 warning test-context-inferred"]);
    expect(data.problems.find((p) => p.file === name)!.message).toContain("from the title line 'GL Assessment New Group Reading Test (NGRT) Form B - Group report' (NGRT)");
    // SAS per row of the file: 107, 84, 96; spring 2025 is in 2024/25.
    expect(data.assessments.map((a) => [a.pupilId.slice(-3), a.subject, a.measure, a.score, a.point, a.source.line])).toEqual([
      ["601", "reading", "standardised", 107, "2024/25 spring", 4], ["602", "reading", "standardised", 84, "2024/25 spring", 5],
      ["603", "reading", "standardised", 96, "2024/25 spring", 6],
    ]);
  });
});

describe("summary and blank rows below a shaped table (part A's skipping, part C's shapes)", () => {
  /** A copy of a fixture folder with lines added to the end of one of its files. */
  function withLines(folder: string, file: string, lines: string): string {
    const dir = mkdtempSync(join(tmpdir(), "sendscope-total-"));
    cpSync(`${EXPORTS}/${folder}`, dir, { recursive: true });
    appendFileSync(join(dir, file), lines);
    return dir;
  }
  const records = (data: SchoolData) => [data.attendance, data.assessments];

  it("an attendance summary's Total and blank rows are skipped, never split into terms as a pupil's", async () => {
    const name = "Attendance 02-09-2024 to 11-04-2025.csv";
    // The Total row's figures are the four pupils' sums (280 + 280 + 276 + 280 = 1116 …).
    const dir = withLines("sims-attendance-summary", name, "Total,,,,1116,911,4,140,62,5,81.6\r\n,,,,,,,,,,\r\n");
    try {
      const data = await importFolder(dir);
      const original = await importFolder(`${EXPORTS}/sims-attendance-summary`);
      expect(fileOf(data, name)).toMatchObject({ rows: 6, imported: 3, rejected: 1, skipped: 2 });
      expect(fileOf(data, name).skippedRows).toEqual([
        { line: 6, reason: "a summary row ('Total'), not a pupil's" }, { line: 7, reason: "a blank row (every cell empty)" },
      ]);
      // No problem on either line (not even the sum check), and the same 9 pupil-term records as without them.
      expect(codesOf(data, name)).toEqual(codesOf(original, name));
      expect(records(data)).toEqual(records(original));
      // Present and AEA are read (as attended sessions): not listed as columns not read.
      expect(fileOf(data, name).ignoredColumns).toEqual(["Name", "Reg Group", "Authorised", "Unauthorised", "Unexplained", "%"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a marks file's blank and Total rows are skipped, not summed nor errors", async () => {
    const dir = withLines("arbor-attendance-marks", "attendance-marks.csv", ",,,,,\r\nTotal,,,,,\r\n");
    try {
      const data = await importFolder(dir);
      const original = await importFolder(`${EXPORTS}/arbor-attendance-marks`);
      // 5 pupil-term records (4 imported, 1 rejected) and the 2 rows skipped.
      expect(fileOf(data, "attendance-marks.csv")).toMatchObject({ rows: 7, imported: 4, rejected: 1, skipped: 2 });
      expect(fileOf(data, "attendance-marks.csv").skippedRows?.map((r) => r.line)).toEqual([17, 18]);
      expect(codesOf(data, "attendance-marks.csv")).toEqual(codesOf(original, "attendance-marks.csv"));
      expect(records(data)).toEqual(records(original));
      // The summed table leaves the pupil's name and the mark's description out: listed, not lost silently.
      expect(fileOf(data, "attendance-marks.csv").ignoredColumns).toEqual(["Student", "Mark Description"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a test export's 'Class average' row (13 characters, as long as a UPN) is skipped", async () => {
    const name = "NFER results export.csv";
    const dir = withLines("nfer-single-subject", name, "Class average,,,,,,25.25,95.5,98\r\n");
    try {
      const data = await importFolder(dir);
      const original = await importFolder(`${EXPORTS}/nfer-single-subject`);
      expect(fileOf(data, name)).toMatchObject({ rows: 5, imported: 4, rejected: 0, skipped: 1 });
      expect(codesOf(data, name)).toEqual(codesOf(original, name));
      expect(records(data)).toEqual(records(original));
      // The test name gave the subject and point: read, so not listed; 'Standardised score' is not read.
      expect(fileOf(data, name).ignoredColumns).toEqual(["Class", "Standardised score"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what the mapping can say", () => {
  const pte = (text: string) => Buffer.from(text.split("\n").join("\r\n"));

  it("accepts and ignores comment keys, and finds a sheet's entry under its workbook", () => {
    const mapping = ColumnMapping.parse({
      _comment: "draft", columns: { _why: "none", "Pupil Ref": "upn" },
      files: { _comment: "x", "marks.xlsx": { _why: "guess", kind: "assessments", values: { _subject: "?", subject: "maths" }, ignore: ["Class"] } },
    });
    expect(mapping.columns).toEqual({ "Pupil Ref": "upn" });
    expect(mappingForFile(mapping, "marks.xlsx#Sheet1")).toEqual({
      kind: "assessments", columns: { "Pupil Ref": "upn" }, values: { subject: "maths" }, ignore: ["Class"],
    });
    expect(ColumnMapping.safeParse({ files: { "a.csv": { values: { subjet: "maths" } } } }).success).toBe(false);
  });

  it("gives a file its subject, point and measures, and leaves ignored columns out", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-map-values-`);
    await writeFile(`${folder}/GL PTE 9.csv`, pte("UPN,Name,Class,SAS,Score A,Stanine\nU201300125601,Ada Lee,4L,112,41,7\nH201300125602,Ben Khan,4L,91,23,4\n"));
    // Without a mapping: a test file whose subject cannot be told (PTE) is reported, nothing imported.
    await expect(importFolder(folder)).rejects.toThrow(/PTE \(Progress Test in English\) is not one sendscope subject/);
    const data = await importFolder(folder, {
      mapping: ColumnMapping.parse({
        files: { "GL PTE 9.csv": { values: { subject: "reading", assessmentPoint: "Summer 2025" }, measures: { "Score A": "raw score" }, ignore: ["Class", "Stanine"] } },
      }),
    });
    expectAccounted(data);
    expect(data.files[0]).toMatchObject({ kind: "assessments", rows: 2, imported: 2, rejected: 0 });
    expect(data.assessments.map((a) => [a.pupilId.slice(-3), a.subject, a.measure, a.score, a.point])).toEqual([
      ["601", "reading", "standardised", 112, "2024/25 summer"], ["601", "reading", "rawScore", 41, "2024/25 summer"],
      ["602", "reading", "standardised", 91, "2024/25 summer"], ["602", "reading", "rawScore", 23, "2024/25 summer"],
    ]);
    expect(data.problems.map((p) => p.code)).toEqual(["test-context-inferred"]);
    expect(data.problems[0]!.message).toContain("subject 'reading' from the mapping");
  });

  it("adds fixed values as columns for any kind (an attendance file with no year or term)", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-map-fixed-`);
    await writeFile(`${folder}/att.csv`, pte("UPN,Possible Sessions,Attended Sessions\nU201300125601,120,110\n"));
    const data = await importFolder(folder, { mapping: ColumnMapping.parse({ files: { "att.csv": { values: { academicYear: "2024/25", term: "Spring" } } } }) });
    expect(data.attendance.map((a) => [a.academicYear, a.term, a.possibleSessions, a.attendedSessions])).toEqual([["2024/25", "spring", 120, 110]]);
  });
});

describe("sendscope map", () => {
  it("writes a draft mapping for the files not read fully, refuses to overwrite it, and the filled draft reads them", async () => {
    const { mkdtemp, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { main } = await import("../../src/lib/cli/main.js");
    const folder = await mkdtemp(`${tmpdir()}/sendscope-map-`);
    const crlf = (text: string) => text.split("\n").join("\r\n");
    await writeFile(`${folder}/pupils.csv`, crlf("UPN,Surname,Forename\nU201300125601,Lee,Ada\nH201300125602,Khan,Ben\n"));
    await writeFile(`${folder}/GL PTE 9 summer 2025.csv`, crlf("UPN,Name,Class,SAS,Stanine\nU201300125601,Ada Lee,4L,112,7\nH201300125602,Ben Khan,4L,91,4\n"));
    await writeFile(`${folder}/Attendance summary.csv`, crlf("UPN,Name,Possible,Present,AEA,Authorised,Unauthorised\nU201300125601,Ada Lee,140,130,2,6,2\n"));
    await writeFile(`${folder}/provision.csv`, crlf("Pupil UPN No,Intervention Name,Date Started,Favourite colour\nU201300125601,Toe by Toe,02/09/2024,blue\n"));
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };

    expect(await main(["map", folder], io)).toBe(0);
    const draft = JSON.parse(await readFile(`${folder}/sendscope.mapping.json`, "utf8")) as { files: Record<string, Record<string, unknown>> };
    expect(Object.keys(draft.files).sort()).toEqual(["Attendance summary.csv", "GL PTE 9 summer 2025.csv", "provision.csv"]);
    expect(draft.files["GL PTE 9 summer 2025.csv"]!.values).toEqual({
      subject: "", "_why subject": "PTE (Progress Test in English) has no one sendscope subject; fill this in",
    });
    expect(Object.keys(draft.files["Attendance summary.csv"]!.values as object)).toEqual(["periodStart", "_why periodStart", "periodEnd", "_why periodEnd"]);
    expect(draft.files["provision.csv"]!.kind).toBe("interventions");
    expect(draft.files["provision.csv"]!.columns).toEqual({
      // The known header it is most like, by validate's rule (nearField): 'Pupil UPN' and two words of its three.
      "Pupil UPN No": "upn", "_why Pupil UPN No": "looks like 'Pupil UPN' (upn); a guess: check it",
      "Date Started": "startDate", "_why Date Started": "looks like 'start_date' (startDate); a guess: check it",
    });
    expect(String(draft.files["provision.csv"]!["_not matched"])).toMatch(/^'Favourite colour'/);

    // Not again without --force; with it, the same draft.
    out.length = 0;
    expect(await main(["map", folder], io)).toBe(2);
    expect(out.join("")).toMatch(/already exists; edit it, or run with --force/);
    expect(await main(["map", folder, "--force"], io)).toBe(0);

    // The draft as it is changes nothing (empty values are not used); filled in, every file is read.
    const unfilled = await importFolder(folder);
    expect(unfilled.files.filter((f) => f.kind === null).map((f) => f.file).sort()).toEqual(["Attendance summary.csv", "GL PTE 9 summer 2025.csv"]);
    const filled = JSON.parse(await readFile(`${folder}/sendscope.mapping.json`, "utf8")) as { files: Record<string, { values: Record<string, string> }> };
    filled.files["GL PTE 9 summer 2025.csv"]!.values.subject = "reading";
    filled.files["Attendance summary.csv"]!.values.periodStart = "02/09/2024";
    filled.files["Attendance summary.csv"]!.values.periodEnd = "20/12/2024";
    await writeFile(`${folder}/sendscope.mapping.json`, JSON.stringify(filled));
    const data = await importFolder(folder);
    expectAccounted(data);
    expect(data.files.map((f) => [f.file, f.kind, f.rows, f.imported])).toEqual([
      ["Attendance summary.csv", "attendance", 1, 1], ["GL PTE 9 summer 2025.csv", "assessments", 2, 2],
      ["provision.csv", "interventions", 1, 1], ["pupils.csv", "pupils", 2, 2],
    ]);
    expect(data.attendance.map((a) => [a.term, a.possibleSessions, a.attendedSessions])).toEqual([["autumn", 140, 132]]);
    expect(data.assessments.map((a) => [a.pupilId.slice(-3), a.subject, a.score, a.point])).toEqual([
      ["601", "reading", 112, "2024/25 summer"], ["602", "reading", 91, "2024/25 summer"],
    ]);
    expect(data.interventions.map((i) => [i.intervention, i.startDate])).toEqual([["Toe by Toe", "2024-09-02"]]);
  });

  it("writes nothing when every file was read", async () => {
    const { main } = await import("../../src/lib/cli/main.js");
    const out: string[] = [];
    expect(await main(["map", `${EXPORTS}/sims-export-report-tsv`], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) })).toBe(0);
    expect(out.join("")).toMatch(/no mapping written/);
  });
});
