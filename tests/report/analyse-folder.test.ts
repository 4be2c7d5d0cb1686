/**
 * `analyseFolder` builds a report in stages (`buildReportInStages`: the records are let go before disclosure
 * control). The report must be the one `buildReport` makes in one go (the independent computation here), for
 * both audiences, with and without a given date, for a generated trust and for the sample school.
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { generatedFolder } from "../helpers/generated-folder.js";

const AS_OF = "2026-07-17";
const trust = generatedFolder("sendscope-analyse-folder-", { seed: 20261124, pupils: 600, schools: 3 });

describe("analyseFolder", () => {
  for (const audience of ["senco", "governors"] as const) {
    it(`builds the same ${audience} report as buildReport, with a date given and with the default date`, async () => {
      // analyseFolder names a trust's report after its folder (issue 17); buildReport is told the same name.
      const expected = buildReport(trust.data, { asOf: AS_OF, audience, trustName: basename(trust.dir) });
      const staged = await analyseFolder(trust.dir, { asOf: AS_OF, audience });
      expect(staged.schools).toHaveLength(3);
      expect(staged).toEqual(expected);
      expect(await analyseFolder(trust.dir, { audience })).toEqual(buildReport(trust.data, { audience, trustName: basename(trust.dir) }));
    }, 60_000);
  }

  it("builds the sample school's report", async () => {
    const sample = await importFolder("fixtures/sample-school");
    expect(await analyseFolder("fixtures/sample-school", { audience: "governors" })).toEqual(buildReport(sample, { audience: "governors" }));
  });
});
