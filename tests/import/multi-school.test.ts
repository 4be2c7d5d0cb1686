/**
 * A trust's folder (one sub-folder per school) imports as one dataset: every pupil carries its school, each
 * school is linked on its own (the same MIS id in two schools is two pupils, not a duplicate), and every
 * record is tied to a pupil of its own school. Expected counts come from reading the generated files
 * directly (line counts), not from the importer.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { type ImportProgress, importFolder } from "../../src/lib/import/import-folder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

let dir = "";
let data: SchoolData;
const SCHOOLS = ["school-001", "school-002", "school-003"];

/** Data lines of a generated pupil list (Windows-1252, CRLF), split into fields. */
function pupilRows(school: string): string[][] {
  const text = iconv.decode(readFileSync(join(dir, school, "sims-pupils.csv")), "win1252");
  return text.split("\r\n").slice(1).filter((l) => l !== "").map((l) => l.split(","));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sendscope-multi-"));
  generate({ seed: 11, out: dir, pupils: 240, schools: 3 });
  data = await importFolder(dir);
});

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("a folder of three schools", () => {
  it("imports every school's pupils, each with its school set from the sub-folder", () => {
    expect(readdirSync(dir).sort()).toEqual(SCHOOLS);
    for (const school of SCHOOLS) {
      const expected = pupilRows(school).map((f) => f[0]).sort();
      const imported = data.pupils.filter((p) => p.school === school).map((p) => p.upn).sort();
      expect(imported).toEqual(expected);
    }
    expect(data.pupils.every((p) => p.school !== null && SCHOOLS.includes(p.school))).toBe(true);
  });

  it("links each school on its own: MIS ids shared between schools are not duplicates", () => {
    const misIds = SCHOOLS.map((s) => new Set(pupilRows(s).map((f) => f[1])));
    const shared = [...misIds[0]!].filter((id) => misIds[1]!.has(id) || misIds[2]!.has(id));
    expect(shared.length).toBeGreaterThan(0); // the generator numbers admissions per school, so ids repeat
    expect(data.problems.filter((p) => p.code === "duplicate-pupil" || p.code === "duplicate-row")).toEqual([]);
    expect(data.problems.filter((p) => p.severity === "error")).toEqual([]);
    for (const file of data.files) expect(file.imported).toBe(file.rows);
  });

  it("ties every record to a pupil of the school whose folder it came from", () => {
    const schoolOf = new Map(data.pupils.map((p) => [p.pupilId, p.school]));
    const records = [...data.senRegister, ...data.assessments, ...data.attendance, ...data.interventions, ...data.targets];
    expect(records.length).toBeGreaterThan(1000);
    for (const r of records) expect(schoolOf.get(r.pupilId)).toBe(r.source.file.split("/")[0]);
  });
});

describe("schools known only by MIS id", () => {
  it("keeps two pupils with the same MIS id in two schools apart, and links each school's rows to its own", async () => {
    const root = mkdtempSync(join(tmpdir(), "sendscope-mis-"));
    try {
      for (const [school, surname, score] of [["north", "Lee", "96"], ["south", "Kim", "104"]] as const) {
        mkdirSync(join(root, school));
        writeFileSync(join(root, school, "pupils.csv"), `Adno,Surname,Forename\n1001,${surname},Ada\n`);
        writeFileSync(join(root, school, "results.csv"), `Adno,Subject,Measure,Assessment Point,Result\n1001,Reading,Standardised Score,2024/25 autumn,${score}\n`);
      }
      const both = await importFolder(root);
      expect(both.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(both.pupils.map((p) => [p.school, p.surname, p.misId])).toEqual([["north", "Lee", "1001"], ["south", "Kim", "1001"]]);
      const ids = both.pupils.map((p) => p.pupilId);
      expect(new Set(ids).size).toBe(2);
      const surnameOf = new Map(both.pupils.map((p) => [p.pupilId, p.surname]));
      expect(both.assessments.map((a) => [surnameOf.get(a.pupilId), a.score])).toEqual([["Lee", 96], ["Kim", 104]]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a UPN is national, so a pupil's UPN id is kept as it is in a multi-school folder", () => {
    expect(data.pupils.length).toBeGreaterThan(240);
    for (const p of data.pupils) expect(p.pupilId).toBe(p.upn);
  });
});

describe("progress while importing a large folder", () => {
  it("reports each file as it is read, then once more when all is linked; bytes add up to the folder's", async () => {
    const calls: ImportProgress[] = [];
    await importFolder(dir, { onProgress: (p) => calls.push(p) });
    const csvFiles = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".csv")).map((e) => join(e.parentPath, e.name));
    const bytes = csvFiles.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(calls.length).toBe(csvFiles.length + 1);
    expect(calls.map((c) => c.filesDone)).toEqual([...csvFiles.map((_, i) => i + 1), csvFiles.length]);
    expect(calls.every((c) => c.filesTotal === csvFiles.length && c.bytesTotal === bytes)).toBe(true);
    expect(calls.at(-1)).toMatchObject({ bytesDone: bytes, file: null });
    expect(calls[0]?.file).toMatch(/^school-001\//);
  });
});
