/**
 * The shapes in fixtures/exports/ (each folder's NOTE.md names the public source its shape follows): every
 * data row imported, rejected or skipped with a reason, each file the right kind, key values right, and
 * every file, column and row left out reported. Expected values are read off the fixture rows by hand.
 */
import { readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatValidateReport, validateJson } from "../../src/lib/cli/validate.js";
import { detectExport, headerTest, isDetectionFailure } from "../../src/lib/import/detect.js";
import { importFile } from "../../src/lib/import/import-file.js";
import { linkFiles } from "../../src/lib/import/link.js";
import { csvBytes } from "./helpers.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { misIdKey } from "../../src/lib/import/link.js";
import { extensionOf, READABLE_EXTENSIONS } from "../../src/lib/import/readable.js";
import { readCsv } from "../../src/lib/import/csv.js";
import { skipReason } from "../../src/lib/import/import-file.js";
import { headersAlike } from "../../src/lib/import/unread-columns.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

const ROOT = "fixtures/exports";

/** Every file's rows are imported, rejected or skipped, and each skipped row has a reason. */
function expectAccounted(data: SchoolData): void {
  for (const f of data.files) {
    expect(f.imported + f.rejected + (f.skipped ?? 0), f.file).toBe(f.rows);
    expect(f.skippedRows ?? [], f.file).toHaveLength(f.skipped ?? 0);
  }
}

const fileOf = (data: SchoolData, name: string) => {
  const file = data.files.find((f) => f.file === name);
  if (file === undefined) throw new Error(`no file ${name}`);
  return file;
};

describe("fixtures/exports: every folder is accounted for", () => {
  // (fixtures/exports/README.md, the corpus's index, is not a folder of exports.)
  for (const folder of readdirSync(ROOT).filter((name) => statSync(`${ROOT}/${name}`).isDirectory())) {
    it(`${folder}: rows = imported + rejected + skipped; every other file listed as not read`, async () => {
      const data = await importFolder(`${ROOT}/${folder}`);
      expectAccounted(data);
      const all = readdirSync(`${ROOT}/${folder}`).sort();
      // A workbook's sheets and a CTF's tables are reported as `file#Sheet` (part C): each is its file, read.
      const read = [...new Set(data.files.map((f) => f.file.replace(/#.*$/, "")))].sort();
      const unread = (data.unreadFiles ?? []).map((u) => u.file).sort();
      // Each file is either read or listed with a reason, never both, never neither.
      expect([...read, ...unread].sort()).toEqual(all);
      for (const file of unread) expect(READABLE_EXTENSIONS.has(extensionOf(file))).toBe(false);
      for (const u of data.unreadFiles ?? []) expect(u.reason.length).toBeGreaterThan(20);
    });
  }
});

describe("nfer-results-beside-roster", () => {
  it("the results file with names is an assessments file, never a second pupil list; the roster keeps every row", async () => {
    const data = await importFolder(`${ROOT}/nfer-results-beside-roster`);
    const roster = fileOf(data, "sims-pupils.csv");
    expect([roster.kind, roster.rows, roster.imported, roster.rejected]).toEqual(["pupils", 6, 6, 0]);
    // No subject or assessment-point column: part C reads the subject and term from the test name ('Year 4
    // Reading Autumn') and the date of test, so all 6 rows are read as assessments.
    const nfer = fileOf(data, "nfer-reading-autumn.csv");
    expect([nfer.kind, nfer.rows, nfer.imported, nfer.rejected]).toEqual(["assessments", 6, 6, 0]);
    // No roster row rejected as a duplicate of a results or class-list row.
    expect(data.problems.filter((p) => p.code === "duplicate-pupil" || p.code === "duplicate-row")).toEqual([]);
    // Roster: 6 pupils; the class list adds one pupil not on it (G999200116007): 7.
    expect(data.pupils.map((p) => p.upn).sort()).toEqual([
      "A999200116003", "D999200116005", "G999200116007", "L999200116002", "P999200116004", "T999200116006", "X999200116001",
    ]);
    // The roster's details are kept where the class list disagrees (Ava there, Ada on the roster).
    expect(data.pupils.find((p) => p.upn === "L999200116002")?.forename).toBe("Ada");
  });

  it("names and dates of birth in other files are checked against the roster: a disagreement is a warning", async () => {
    const data = await importFolder(`${ROOT}/nfer-results-beside-roster`);
    const mismatches = data.problems.filter((p) => p.code === "roster-mismatch").map((p) => [p.file, p.line, p.column, p.severity]);
    expect(mismatches).toEqual([
      ["a-class-list.csv", 3, "Forename", "warning"],
      ["arbor-assessments-with-names.csv", 4, "Date of Birth", "warning"],
    ]);
    const list = fileOf(data, "a-class-list.csv");
    expect([list.kind, list.imported, list.rejected]).toEqual(["pupils", 3, 0]);
    const arbor = fileOf(data, "arbor-assessments-with-names.csv");
    expect([arbor.kind, arbor.imported, arbor.rejected]).toEqual(["assessments", 4, 0]);
    // The names and date of birth are read (for the check), so they are not ignored columns.
    expect(arbor.ignoredColumns).toBeUndefined();
    // Arbor's maths scores, then the NFER file's (read since part C): raw score and age-standardised score
    // (read as the standardised score; the plain 'Standardised score' column is listed as not read).
    expect(data.assessments.map((a) => [a.pupilId, a.subject, a.measure, a.score])).toEqual([
      ["X999200116001", "maths", "standardised", 97],
      ["L999200116002", "maths", "standardised", 85],
      ["A999200116003", "maths", "standardised", 111],
      ["P999200116004", "maths", "standardised", 81],
      ["X999200116001", "reading", "rawScore", 31], ["X999200116001", "reading", "standardised", 101],
      ["L999200116002", "reading", "rawScore", 19], ["L999200116002", "reading", "standardised", 90],
      ["A999200116003", "reading", "rawScore", 36], ["A999200116003", "reading", "standardised", 112],
      ["P999200116004", "reading", "rawScore", 14], ["P999200116004", "reading", "standardised", 78],
      ["D999200116005", "reading", "rawScore", 24], ["D999200116005", "reading", "standardised", 96],
      ["T999200116006", "reading", "rawScore", 28], ["T999200116006", "reading", "standardised", 100],
    ]);
    // Its names and DOB are checked against the roster (they agree); the test name is read; the rest listed.
    expect(fileOf(data, "nfer-reading-autumn.csv").ignoredColumns).toEqual(["Gender", "Class", "Standardised score"]);
  });

  it("the roster does not depend on file names: the same files under other names give the same pupils", async () => {
    const { mkdtemp, copyFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/roster-`);
    // The roster now sorts first and the class list last.
    await copyFile(`${ROOT}/nfer-results-beside-roster/sims-pupils.csv`, `${dir}/a-pupils.csv`);
    await copyFile(`${ROOT}/nfer-results-beside-roster/a-class-list.csv`, `${dir}/z-class-list.csv`);
    const renamed = await importFolder(dir);
    const original = await importFolder(`${ROOT}/nfer-results-beside-roster`);
    const people = (d: SchoolData) => d.pupils.map((p) => `${p.upn} ${p.forename} ${p.surname} ${p.dateOfBirth}`).sort();
    expect(people(renamed)).toEqual(people(original));
    expect(renamed.problems.filter((p) => p.code === "roster-mismatch").map((p) => [p.file, p.line])).toEqual([["z-class-list.csv", 3]]);
  });
});

describe("a second pupil list", () => {
  it("columns the roster lacks are reported as not read for the pupils on the roster", () => {
    const roster = importFile("roster.csv", csvBytes([
      "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,FSM Eligible,SEN Status",
      "X999200116001,Hughes,Noah,11/02/2017,M,Year 3,No,N",
      "L999200116002,Iqbal,Zara,28/09/2017,F,Year 3,Yes,K",
    ]));
    const extra = importFile("eal-list.csv", csvBytes([
      "UPN,Surname,Forename,EAL",
      "X999200116001,Hughes,Noah,Yes",
      "A999200116003,Jones,Ella,No",
    ]));
    const data = linkFiles([extra, roster]);
    // Noah is on the roster (his EAL flag is not read: warned); Ella is not (added, with her EAL flag).
    expect(data.pupils.map((p) => [p.upn, p.eal])).toEqual([["A999200116003", false], ["X999200116001", null], ["L999200116002", null]]);
    const warning = data.problems.find((p) => p.code === "not-on-roster");
    expect([warning?.file, warning?.line, warning?.severity]).toEqual(["eal-list.csv", 1, "warning"]);
    expect(warning?.message).toMatch(/^1 of this list's pupils are on the roster \(roster\.csv\).*column 'EAL' is not read/);
    expect(data.files.map((f) => [f.file, f.imported, f.rejected])).toEqual([["eal-list.csv", 2, 0], ["roster.csv", 2, 0]]);
  });
});

describe("sims-title-lines-and-total", () => {
  it("finds the header below title lines and skips blank and summary rows, neither imported nor rejected", async () => {
    const data = await importFolder(`${ROOT}/sims-title-lines-and-total`);
    const list = fileOf(data, "sims-student-list.csv");
    expect([list.kind, list.layout, list.rows, list.imported, list.rejected, list.skipped]).toEqual(["pupils", "sims", 6, 4, 0, 2]);
    expect(list.skippedRows?.map((r) => r.line)).toEqual([9, 10]);
    expect(list.skippedRows?.[1]?.reason).toMatch(/summary row \('Total: 4 students'\)/);
    const marks = fileOf(data, "sims-marksheet-reading.csv");
    expect([marks.kind, marks.rows, marks.imported, marks.rejected, marks.skipped]).toEqual(["assessments", 7, 4, 0, 3]);
    expect(marks.skippedRows?.map((r) => r.line)).toEqual([8, 9, 10]);
    expect(data.problems.filter((p) => p.severity === "error")).toEqual([]);
    // Lines of the first data rows are the file's own (header on line 4 and line 3).
    expect(data.pupils.map((p) => [p.source.line, p.surname])).toEqual([
      [5, "Hughes"], [6, "Iqbal"], [7, "Jones"], [8, "Kowalski"],
    ]);
    expect(data.assessments.map((a) => [a.source.line, a.subject, a.score])).toEqual([
      [4, "reading", 104], [4, "maths", 99], [5, "reading", 86], [5, "maths", 92],
      [6, "reading", 112], [6, "maths", 108], [7, "reading", 78], [7, "maths", 81],
    ]);
  });

  it("keeps the raw lines above the header as the file's preamble", () => {
    const text = "Year 3 Reading and Maths - Autumn 2024\r\n\r\nUPN,Legal Surname,Legal Forename\r\nX999200116001,Hughes,Noah\r\n";
    const csv = readCsv(text, headerTest());
    expect([csv.headerLine, csv.preamble, csv.rowCount]).toEqual([3, ["Year 3 Reading and Maths - Autumn 2024", ""], 1]);
    // The same through csv-parse (a quoted cell sends the text there).
    const quoted = readCsv(text.replace("Hughes", '"Hughes"'), headerTest());
    expect([quoted.headerLine, quoted.preamble, quoted.rowCount]).toEqual([3, ["Year 3 Reading and Maths - Autumn 2024", ""], 1]);
    // An unrecognised header is never passed over for a data row that happens to hold header words below it.
    const custom = readCsv("Ref,Topic,Kind,Points\nP1,Phonics,Phonics Mark,33\n", headerTest());
    expect(headerTest()(["P1", "Phonics", "Phonics Mark", "33"])).toBe(true); // header words, but a data row
    expect([custom.header, custom.headerLine, custom.rowCount]).toEqual([["Ref", "Topic", "Kind", "Points"], 1, 1]);
    // A title line without a delimiter does not hide a tab-delimited header.
    const tabbed = readCsv("Attendance 01/09/2024 - 20/12/2024\nUPN\tLegal Surname\tLegal Forename\nX999200116001\tHughes\tNoah\n", headerTest());
    expect([tabbed.header, tabbed.headerLine]).toEqual([["UPN", "Legal Surname", "Legal Forename"], 2]);
  });

  it("skips only rows that are blank or a summary with figures beside it", () => {
    expect(skipReason(["", " ", ""])).toBe("a blank row (every cell empty)");
    expect(skipReason(["Average", "", "", "95.5", "101%"])).toMatch(/summary row/);
    expect(skipReason(["", "Total", "28"])).toMatch(/summary row/);
    expect(skipReason(["Class average", "", "101.5"])).toMatch(/summary row \('Class average'\)/);
    expect(skipReason(["Year 3 mean", "97"])).toMatch(/summary row/);
    // A pupil called Mean, or a 'Total' beside words, is a data row.
    expect(skipReason(["", "Mean", "Ada", "01/05/2016"])).toBeNull();
    expect(skipReason(["Totals", "see sheet 2"])).toBeNull();
    expect(skipReason(["X999200116001", "Total"])).toBeNull();
  });
});

describe("sims-sen-needs-one-row-per-need", () => {
  it("a register with one row per ranked need is an SEN register, not a pupil list", async () => {
    const data = await importFolder(`${ROOT}/sims-sen-needs-one-row-per-need`);
    const register = fileOf(data, "sen-needs-ranked.csv");
    expect([register.kind, register.rows, register.imported, register.rejected]).toEqual(["senRegister", 7, 7, 0]);
    const roster = fileOf(data, "sims-pupils.csv");
    expect([roster.kind, roster.imported]).toEqual(["pupils", 5]);
    expect(data.pupils).toHaveLength(5);
    // By hand from the rows: pupil 1 K SLCN (rank 1), SEMH (2); 2 E ASD, SLCN; 3 K SPLD; 4 K MLD, PD. Every
    // need is on its pupil's record, as primary or secondary need (ranks may make one record of two rows).
    const needs: Array<[string, string]> = [["001", "SLCN"], ["001", "SEMH"], ["002", "ASD"], ["002", "SLCN"], ["003", "SPLD"], ["004", "MLD"], ["004", "PD"]];
    for (const [pupil, need] of needs) {
      expect(data.senRegister.some((s) => s.pupilId.endsWith(pupil) && (s.primaryNeed === need || s.secondaryNeed === need)), `${pupil} ${need}`).toBe(true);
    }
    expect(new Set(data.senRegister.map((s) => `${s.pupilId.slice(-3)} ${s.status}`))).toEqual(new Set(["001 K", "002 E", "003 K", "004 K"]));
    // The names agree with the roster: no warning; the rank is either read or reported as not read.
    expect(data.problems.filter((p) => p.code === "roster-mismatch")).toEqual([]);
    for (const column of register.ignoredColumns ?? []) expect(column).toBe("Rank");
  });

  it("the same header without repeated pupils is a pupil list with SEN columns, as a SIMS student list is", () => {
    const header = ["UPN", "Legal Surname", "Legal Forename", "SEN Status", "Need Type"];
    const rows = [["X999200116001", "Lewis", "Amira", "K", "SLCN"], ["L999200116002", "Morgan", "Finn", "E", "ASD"]];
    const repeated = [...rows, ["X999200116001", "Lewis", "Amira", "K", "SEMH"], ["L999200116002", "Morgan", "Finn", "E", "SLCN"], ["A999200116003", "Nowak", "Lena", "K", "SPLD"], ["A999200116003", "Nowak", "Lena", "K", "MLD"]];
    const once = detectExport(header, undefined, rows);
    const many = detectExport(header, undefined, repeated);
    expect(isDetectionFailure(once) ? null : once.kind).toBe("pupils");
    expect(isDetectionFailure(many) ? null : many.kind).toBe("senRegister");
    // A 'Rank' column is the need's rank (part B's field of the SEN register): the header itself says one row
    // per ranked need, so such a file is an SEN register even when no pupil happens to have two needs (read
    // as a pupil list, its ranks would be left unread).
    const ranked = detectExport([...header, "Rank"], undefined, rows.map((row) => [...row, "1"]));
    expect(isDetectionFailure(ranked) ? null : ranked.kind).toBe("senRegister");
  });
});

describe("unread-files", () => {
  it("validate lists every file not read, every ignored column, near misses and missing fields; never 'No problems found'", async () => {
    const data = await importFolder(`${ROOT}/unread-files`);
    const json = validateJson(data);
    const unread = json.unreadFiles.map((u) => u.file);
    for (const file of ["annual-review.pdf", "attendance-autumn.tsv", "ctf-export.xml", "marks.xlsx", "NOTE.md"]) {
      expect(unread.includes(file)).toBe(!READABLE_EXTENSIONS.has(extensionOf(file)));
    }
    // Since part C, .tsv, .xlsx and .xml are read: only the note and the PDF are files not read. The TSV is
    // read (2 attendance rows); the placeholder workbook and the empty CTF are read and fail, each with an
    // error saying what to do, so nothing in the folder passes without a word.
    expect(unread).toEqual(["NOTE.md", "annual-review.pdf"]);
    expect(json.unreadFiles.find((u) => u.file === "annual-review.pdf")?.reason).toMatch(/export it as CSV/);
    expect(json.files.find((f) => f.file === "attendance-autumn.tsv")).toMatchObject({ kind: "attendance", rows: 2, imported: 2 });
    const pupils = json.files.find((f) => f.file === "pupils.csv")!;
    // The empty trailing column with no header holds no value: not listed. "Reg Group" is read as the
    // registration class (issue #18), so it is no longer listed.
    expect(pupils.ignoredColumns).toEqual(["Ethnicity", "Pupil Premium Eligibilty"]);
    expect(json.problems.map((p) => [p.file, p.code, p.column, p.severity])).toEqual([
      ["ctf-export.xml", "unreadable-ctf", null, "error"],
      ["marks.xlsx", "unreadable-workbook", null, "error"],
      ["pupils.csv", "unmapped-column", "Pupil Premium Eligibilty", "warning"],
      ["pupils.csv", "missing-column", null, "warning"],
    ]);
    expect(json.problems[0]?.message).toMatch(/holds no <Pupil>.*make the CTF again/);
    expect(json.problems[1]?.message).toMatch(/cannot be read .*export the sheet as CSV/);
    expect(json.problems[2]?.message).toMatch(/may be the disadvantaged \(pupil premium\) flag/);
    expect(json.problems[3]?.message).toMatch(/no column for the year group/);
    const text = formatValidateReport(data, "unread-files");
    expect(text).not.toMatch(/No problems found/);
    expect(text).toMatch(/Files not read \(2\)\n {2}NOTE\.md: /);
    expect(text).toMatch(/Columns not read \(2\)/);
  });

  it("'No problems found' only when nothing was ignored", async () => {
    const clean = await importFolder(`${ROOT}/adno-leading-zeros`);
    // The folder's NOTE.md is not read: listed, so not "No problems found" either.
    expect(formatValidateReport(clean, "x")).not.toMatch(/No problems found/);
    const withoutNote: SchoolData = { ...clean, unreadFiles: [] };
    expect(formatValidateReport(withoutNote, "x")).toMatch(/No problems found: every row was imported/);
  });

  it("headers alike: misspellings, extra or missing words, shared words", () => {
    expect(headersAlike("Pupil Premium Eligibilty", "Pupil Premium")).toBe(true);
    expect(headersAlike("Eligible for free meals", "Free School Meals Eligible")).toBe(true);
    expect(headersAlike("Legal Surnme", "Legal Surname")).toBe(true);
    expect(headersAlike("Ethnicity", "EAL")).toBe(false);
    expect(headersAlike("Start Date", "Date of Birth")).toBe(false); // 'date' alone is not enough
    expect(headersAlike("Test", "Test Date")).toBe(false); // one word inside a longer header is not enough
    expect(headersAlike("Date of test", "Test Date")).toBe(true);
  });
});

describe("adno-leading-zeros", () => {
  it("MIS ids match with leading zeros ignored", async () => {
    const data = await importFolder(`${ROOT}/adno-leading-zeros`);
    expect(fileOf(data, "attendance-resaved.csv").imported).toBe(3);
    expect(data.attendance.map((a) => [a.pupilId, a.attendedSessions])).toEqual([
      ["mis:001601", 138], ["mis:001602", 119], ["mis:000417", 131],
    ]);
    expect(misIdKey("000417")).toBe("417");
    expect(misIdKey("0")).toBe("0");
  });
});

describe("recognition by content", () => {
  it("a test publisher's results header (names and scores) is not a pupil list", () => {
    const nfer = detectExport(["UPN", "Surname", "Forename", "Class", "Test", "Date of test", "Raw score", "Standardised score"]);
    // Not readable as it stands (no subject column), but recognised as what it is.
    expect(nfer.kind).toBe("assessments");
  });

  it("a file lacking a field its kind requires names the column that may be it", () => {
    const failed = detectExport(["UPN", "Subject", "Measure", "Score", "Assesment Date"]);
    expect(isDetectionFailure(failed) && failed.kind).toBe("assessments");
    expect(isDetectionFailure(failed) ? failed.reason : "").toMatch(/'Assesment Date' may be the date \(rename it '(Assessment Date|Test Date)'\)/);
  });

  it("validate --json on the sample school only gains the new fields: nothing skipped or ignored, its two notes unread", async () => {
    const json = validateJson(await importFolder("fixtures/sample-school"));
    for (const f of json.files) expect([f.skipped, f.skippedRows, f.ignoredColumns]).toEqual([0, [], []]);
    expect(json.unreadFiles.map((u) => u.file)).toEqual(["README.md", "expected-problems.json"]);
  });

  it("a trust folder lists unread files by their path in the folder, and each school has its own roster", async () => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/trust-`);
    for (const school of ["ash", "birch"]) {
      await mkdir(`${dir}/${school}`);
      // Each school's class list sorts first; its roster has more pupil fields.
      await writeFile(`${dir}/${school}/a-class.csv`, "UPN,Surname,Forename\nX999200116001,Quinn,Rosa\n");
      await writeFile(`${dir}/${school}/pupils.csv`, "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,FSM Eligible,SEN Status\nX999200116001,Quinn,Rose,12/12/2018,F,Year 1,No,N\n");
    }
    // (Since part C a workbook is read; a PDF is a file sendscope does not read.)
    await writeFile(`${dir}/birch/review.pdf`, "%PDF-1.4 placeholder");
    const data = await importFolder(dir);
    expect(data.unreadFiles?.map((u) => u.file)).toEqual(["birch/review.pdf"]);
    // Rose on each roster; Rosa on each class list is a warning, per school.
    expect(data.pupils.map((p) => [p.school, p.forename])).toEqual([["ash", "Rose"], ["birch", "Rose"]]);
    expect(data.problems.filter((p) => p.code === "roster-mismatch").map((p) => p.file)).toEqual(["ash/a-class.csv", "birch/a-class.csv"]);
  });

  it("the sample school's files are the kinds they were", async () => {
    const data = await importFolder("fixtures/sample-school");
    expect(data.files.map((f) => [f.file, f.kind])).toEqual([
      ["arbor-assessments.csv", "assessments"], ["arbor-interventions.csv", "interventions"],
      ["arbor-suspensions.csv", "suspensions"], ["ehc-requests.csv", "ehcRequests"], ["nfer-standardised-wide.csv", "assessments"],
      ["sims-attendance.csv", "attendance"], ["sims-pupils.csv", "pupils"],
      ["sims-sen-register.csv", "senRegister"], ["targets.csv", "targets"],
    ]);
  });
});
