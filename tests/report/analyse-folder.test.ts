/**
 * `analyseFolder` builds a report in stages (`buildReportInStages`: the records are let go before disclosure
 * control). The report must be the one `buildReport` makes in one go (the independent computation here), for
 * both audiences, with and without a given date, for a generated trust and for the sample school.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
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
  for (const audience of ["senco", "governors"] as const) {
    it(`builds the same ${audience} report as buildReport, with a date given and with the default date`, async () => {
      // analyseFolder names a trust's report after its folder (issue 17); buildReport is told the same name.
      const expected = buildReport(data, { asOf: AS_OF, audience, trustName: basename(dir) });
      const staged = await analyseFolder(dir, { asOf: AS_OF, audience });
      expect(staged.schools).toHaveLength(3);
      expect(staged).toEqual(expected);
      expect(await analyseFolder(dir, { audience })).toEqual(buildReport(data, { audience, trustName: basename(dir) }));
    }, 60_000);
  }

  it("builds the sample school's report", async () => {
    const sample = await importFolder("fixtures/sample-school");
    expect(await analyseFolder("fixtures/sample-school", { audience: "governors" })).toEqual(buildReport(sample, { audience: "governors" }));
  });
});
