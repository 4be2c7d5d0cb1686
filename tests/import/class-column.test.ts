/**
 * A class column in a file other than the pupil list is not read (sendscope reads `registrationClass` from the
 * pupil list only: SIMS "Reg Group", Arbor "Registration Form", Bromcom "Tutor Group"…), so the import says so,
 * with the file, the line of its headers, the column and what to do, instead of listing it among columns
 * "sendscope does not use" with advice to map it (a mapping cannot give a results file a class).
 *
 * Real shapes: NFER's results download has a `Class` column beside the results
 * (fixtures/exports/nfer-results-beside-roster/NOTE.md); SIMS's attendance summary has `Reg Group`
 * (fixtures/exports/sims-attendance-summary); Arbor's SEN report has "Registration form(s) this academic year"
 * (fixtures/exports/sen-register-ranked-needs/NOTE.md). The hand-made folder below has a pupil list without a
 * class, a marksheet with `Reg Group` and an attendance file with `Form`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { classHeader } from "../../src/lib/import/unread-columns.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

let dir = "";
let data: SchoolData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sendscope-class-column-"));
  writeFileSync(join(dir, "pupils.csv"), [
    "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year",
    "T873999926519,000201,Nakamura,Rosa,12/03/2017,F,Year 3",
    "D873999926520,000202,Oduya,Sami,28/09/2016,M,Year 3",
  ].join("\r\n"));
  writeFileSync(join(dir, "assessments.csv"), [
    "UPN,Reg Group,Subject,Measure,Assessment Point,Academic Year,Assessment Date,Score",
    "T873999926519,3N,Reading,Standardised Score,Spring 2025,2024/25,2025-03-10,98",
    "D873999926520,3N,Reading,Standardised Score,Spring 2025,2024/25,2025-03-10,104",
  ].join("\r\n"));
  writeFileSync(join(dir, "attendance.csv"), [
    "UPN,Form,Academic Year,Term,Possible Marks,Present + AEA",
    "T873999926519,3N,2024/25,Autumn,126,120",
    "D873999926520,3N,2024/25,Autumn,126,126",
  ].join("\r\n"));
  data = await importFolder(dir);
});

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

const classWarnings = (d: SchoolData) => d.problems.filter((p) => p.code === "class-column-not-read");

describe("a class column in a file other than the pupil list", () => {
  it("is read nowhere (the pupils have no class) and each one is reported with file, line, column and what to do", () => {
    expect(data.files.map((f) => [f.file, f.kind])).toEqual([["assessments.csv", "assessments"], ["attendance.csv", "attendance"], ["pupils.csv", "pupils"]]);
    expect(data.pupils.map((p) => p.registrationClass)).toEqual([null, null]);
    expect(classWarnings(data).map((p) => [p.file, p.line, p.column, p.severity])).toEqual([
      ["assessments.csv", 1, "Reg Group", "warning"],
      ["attendance.csv", 1, "Form", "warning"],
    ]);
    const message = classWarnings(data)[0]!.message;
    expect(message).toContain("'Reg Group'");
    expect(message).toMatch(/pupil list/);
    expect(message).toMatch(/add .* to the pupil list's export/);
  });

  it("is still listed among the file's columns not read", () => {
    expect(data.files.find((f) => f.file === "assessments.csv")!.ignoredColumns).toContain("Reg Group");
  });

  it("is reported in the real-shaped exports: NFER's Class, SIMS attendance's Reg Group, Arbor SEN report's registration form", async () => {
    const found = async (folder: string) => classWarnings(await importFolder(`fixtures/exports/${folder}`)).map((p) => [p.file, p.column]);
    expect(await found("nfer-results-beside-roster")).toEqual([["nfer-reading-autumn.csv", "Class"]]);
    expect(await found("nfer-single-subject")).toEqual([["NFER results export.csv", "Class"]]);
    expect(await found("sims-attendance-summary")).toEqual([["Attendance 02-09-2024 to 11-04-2025.csv", "Reg Group"]]);
    expect(await found("sen-register-ranked-needs")).toEqual([["sen-report.csv", "Registration form(s) this academic year"]]);
  });

  it("knows a class header by the pupil list's names for it, and nothing else", () => {
    expect(["Reg Group", "reg_group", "Class", "Tutor Group", "TutorGroupName", "Registration Form", "Form"].map((h) => classHeader(h) !== null)).toEqual([true, true, true, true, true, true, true]);
    expect(["Group", "Group Size", "Classroom Teacher", "Form of test", "Reading Age", "Intervention group"].map((h) => classHeader(h))).toEqual([null, null, null, null, null, null]);
  });
});

/** A folder of a pupil list (its class column holding `classes`, "" for none) and an NFER results file with `Class`. */
async function withPupilClasses(classes: readonly string[]): Promise<SchoolData> {
  const folder = mkdtempSync(join(tmpdir(), "sendscope-class-column-"));
  try {
    const upns = ["T873999926519", "D873999926520", "T873999926521"];
    writeFileSync(join(folder, "pupils.csv"), [
      "UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group",
      `${upns[0]},000201,Nakamura,Rosa,12/03/2017,F,Year 3,${classes[0]}`,
      `${upns[1]},000202,Oduya,Sami,28/09/2016,M,Year 3,${classes[1]}`,
      `${upns[2]},000203,Price,Noor,02/11/2016,F,Year 3,${classes[2]}`,
    ].join("\r\n"));
    writeFileSync(join(folder, "nfer.csv"), [
      "UPN,Surname,Forename,Class,Test,Date of test,Raw score,Standardised score,Age-standardised score",
      `${upns[0]},Nakamura,Rosa,3N,NFER Reading Test Autumn Year 3,12/12/2024,31,102,104`,
      `${upns[1]},Oduya,Sami,3N,NFER Reading Test Autumn Year 3,12/12/2024,18,85,88`,
      `${upns[2]},Price,Noor,3N,NFER Reading Test Autumn Year 3,12/12/2024,25,95,96`,
    ].join("\r\n"));
    return await importFolder(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("a class column elsewhere when the pupil list has classes", () => {
  it("gives no warning when the pupil list gives every pupil a class (the column is still listed as not read)", async () => {
    const data = await withPupilClasses(["3N", "3N", "3S"]);
    expect(data.pupils.map((p) => p.registrationClass)).toEqual(["3N", "3N", "3S"]);
    expect(classWarnings(data)).toEqual([]);
    expect(data.files.find((f) => f.file === "nfer.csv")!.ignoredColumns).toContain("Class");
    // The rest of the import is as without a class column: the results are read.
    expect(data.assessments.filter((a) => a.measure === "standardised").map((a) => a.score)).toEqual([104, 88, 96]);
  });

  it("keeps the warning, saying how many pupils lack a class, when the pupil list gives some pupils none", async () => {
    const data = await withPupilClasses(["3N", "", "3S"]);
    expect(data.pupils.map((p) => p.registrationClass)).toEqual(["3N", null, "3S"]);
    expect(classWarnings(data).map((p) => [p.file, p.line, p.column, p.severity])).toEqual([["nfer.csv", 1, "Class", "warning"]]);
    // 1 of the 3 pupils (Oduya, line 3) has an empty Reg Group.
    expect(classWarnings(data)[0]!.message).toContain("so it is not read here: the pupil list gives no class for 1 of its 3 pupils: fill in their class in the MIS");
  });

  it("says the pupil list gives no pupil a class when its class column is empty", async () => {
    const data = await withPupilClasses(["", "", ""]);
    expect(classWarnings(data)[0]!.message).toContain("so it is not read here: the pupil list gives no pupil a class: add a class column to the pupil list's export");
  });
});

describe("the sample school", () => {
  it("has no class column outside its pupil list, so no such warning (its analyse JSON is unchanged)", async () => {
    expect(classWarnings(await importFolder("fixtures/sample-school"))).toEqual([]);
  });
});
