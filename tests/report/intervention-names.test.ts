/**
 * Governor-facing intervention names from the folder's column mapping (`"interventionNames"`, issue #13: "the
 * SENCO can give governor-facing names in the mapping or a config file"). Expected names are the mapping's own
 * strings; a given name that holds a pupil's forename is refused by the same check as any published name.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";

let folder = "";
let forename = "";

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "sendscope-names-"));
  cpSync("fixtures/sample-school", folder, { recursive: true });
  forename = (await importFolder("fixtures/sample-school")).pupils.find((p) => p.forename.length > 3)!.forename;
  writeFileSync(join(folder, "sendscope.mapping.json"), JSON.stringify({
    interventionNames: {
      "_comment": "names for governors",
      "Precision teaching": "Precision teaching in small groups",
      "Maths booster club": `Booster club with ${forename}`,
    },
  }));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const namesOf = (report: { interventions: { interventions: Array<{ intervention: string }> } }) =>
  report.interventions.interventions.map((i) => i.intervention);

describe("governor-facing intervention names from the mapping", () => {
  it("are published for governors in place of the provision map's names (buildReport and analyseFolder)", async () => {
    const data = await importFolder(folder);
    expect(data.interventionNames?.["Precision teaching"]).toBe("Precision teaching in small groups");
    for (const report of [buildReport(data, { audience: "governors" }), await analyseFolder(folder, { audience: "governors" })]) {
      const names = namesOf(report);
      expect(names).toContain("Precision teaching in small groups");
      expect(names).not.toContain("Precision teaching");
      // The given name holds a pupil's forename, so it is refused; the provision map's own name is publishable.
      expect(names).toContain("Maths booster club");
      expect(JSON.stringify(report)).not.toContain(forename);
    }
  });

  it("leave the SENCO's report with the provision map's names", async () => {
    const names = namesOf(buildReport(await importFolder(folder)));
    expect(names).toContain("Precision teaching");
    expect(names).not.toContain("Precision teaching in small groups");
  });
});
