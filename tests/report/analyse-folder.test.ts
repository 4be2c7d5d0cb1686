/**
 * `analyseFolder` builds a report in stages, and with `sectionsWorker` makes a multi-school folder's
 * per-school sections on a worker thread. The report must be the one `buildReport` makes in one go on the
 * main thread (the independent computation here), for both audiences, with and without a given date, and
 * when the worker has to give the sections back to the main thread (a pupil's files in two schools' folders).
 *
 * The worker is a built module (`dist/lib/report/sections-worker.js`; `npm test` builds first), so these
 * tests call the built `analyseFolder` and `startSchoolSections`.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseFolder } from "../../dist/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { schoolSections } from "../../src/lib/report/per-school.js";
import { hasSchoolFolders, startSchoolSections } from "../../dist/lib/report/school-sections.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";

const AS_OF = "2026-07-17";
let dir = "";
let data: SchoolData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sendscope-analyse-folder-"));
  generate({ seed: 20261124, out: dir, pupils: 600, schools: 3 });
  data = await importFolder(dir);
}, 60_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("analyseFolder", () => {
  it("finds the generated trust laid out one sub-folder per school, and the sample school not", async () => {
    expect(await hasSchoolFolders(dir)).toBe(true);
    expect(await hasSchoolFolders("fixtures/sample-school")).toBe(false);
  });

  it("gets from the worker the sections the main thread makes from the whole data", async () => {
    const worker = startSchoolSections({ folder: dir, import: {}, asOf: AS_OF });
    try {
      const made = await worker.result();
      const upTo = { ...data, assessments: data.assessments.filter((a) => a.date <= AS_OF) };
      const ks2Years = [...new Set(upTo.assessments.map((a) => a.academicYear))].sort();
      const expected = schoolSections(upTo, AS_OF, "2025/26", ks2Years);
      expect(made.sections?.map((s) => s.school)).toEqual(readdirSync(dir).sort());
      expect(made).toEqual(expected);
    } finally {
      await worker.stop();
    }
  });

  for (const audience of ["senco", "governors"] as const) {
    it(`builds the same ${audience} report as buildReport, with a date given and with the default date`, async () => {
      // analyseFolder names a trust's report after its folder (issue 17); buildReport is told the same name.
      const expected = buildReport(data, { asOf: AS_OF, audience, trustName: basename(dir) });
      const onWorker = await analyseFolder(dir, { asOf: AS_OF, audience, sectionsWorker: true });
      expect(onWorker.schools).toHaveLength(3);
      expect(onWorker).toEqual(expected);
      expect(await analyseFolder(dir, { asOf: AS_OF, audience })).toEqual(expected);
      expect(await analyseFolder(dir, { audience, sectionsWorker: true })).toEqual(buildReport(data, { audience, trustName: basename(dir) }));
    }, 60_000);
  }

  it("makes the sections itself when a pupil's records are in two schools' folders", async () => {
    const twice = mkdtempSync(join(tmpdir(), "sendscope-analyse-twice-"));
    try {
      generate({ seed: 20261124, out: twice, pupils: 600, schools: 3 });
      const [first, second] = readdirSync(twice).sort();
      const pupilList = readdirSync(join(twice, first!)).find((f) => f.includes("pupils"))!;
      // The second school's pupil list is replaced by the first's: the same pupil ids in two folders.
      for (const f of readdirSync(join(twice, second!)).filter((name) => name.includes("pupils"))) rmSync(join(twice, second!, f));
      copyFileSync(join(twice, first!, pupilList), join(twice, second!, pupilList));
      const worker = startSchoolSections({ folder: twice, import: {}, asOf: AS_OF });
      const made = await worker.result();
      await worker.stop();
      expect(made.sections).toBeNull();
      expect(made).toMatchObject({ reason: expect.stringMatching(/in two schools' files/) });
      const report = await analyseFolder(twice, { asOf: AS_OF, sectionsWorker: true });
      expect(report).toEqual(buildReport(await importFolder(twice), { asOf: AS_OF, trustName: basename(twice) }));
    } finally {
      rmSync(twice, { recursive: true, force: true });
    }
  }, 60_000);

  it("builds the sample school's report on the main thread alone", async () => {
    const sample = await importFolder("fixtures/sample-school");
    expect(await analyseFolder("fixtures/sample-school", { audience: "governors", sectionsWorker: true })).toEqual(buildReport(sample, { audience: "governors" }));
  });
});
