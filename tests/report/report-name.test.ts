// One rule for the name a report goes by (src/lib/report/report-name.ts), where `buildReport`,
// `sendscope report` and the dashboards' data loaders each had their own, and a trust's report took its
// folder's raw name ("riverside-trust").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { exportsSchool, nameFromFolder, reportName } from "../../src/lib/report/report-name.js";
import { handMadeSchool } from "./hand-made-school.js";

const dir = mkdtempSync(join(tmpdir(), "sendscope-report-name-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reportName", () => {
  it("the school most pupils' records name; ties by name", () => {
    expect(exportsSchool({ pupils: [{ school: "Oak" }, { school: "Elm" }, { school: "Oak" }] })).toEqual({ schools: 2, name: "Oak" });
    expect(exportsSchool({ pupils: [{ school: "Oak" }, { school: "Elm" }] })).toEqual({ schools: 2, name: "Elm" });
    expect(exportsSchool({ pupils: [{ school: null }] })).toEqual({ schools: 0, name: null });
  });
  it("folder names made readable", () => {
    expect(nameFromFolder("/d/riverside-trust")).toBe("Riverside trust");
    expect(nameFromFolder("/d/oak_learning__trust/")).toBe("Oak learning trust");
    expect(nameFromFolder("/d/Riverside Trust")).toBe("Riverside Trust");
  });
  it("buildReport names one school after its records, as sendscope report does", () => {
    const data = handMadeSchool();
    expect(buildReport(data).meta.schoolName).toBe("Hand-made Primary");
    expect(reportName({ data, folder: "/x/exports" })).toBe("Hand-made Primary");
  });
  it("a trust's report, from its folder, reads as a name (not the folder's raw name)", async () => {
    const folder = join(dir, "riverside-trust");
    generate({ seed: 31, out: folder, pupils: 160, schools: 2 });
    const report = await analyseFolder(folder, { audience: "governors" });
    expect(report.meta.schoolName).toBe("Riverside trust");
    expect((await analyseFolder(folder, { audience: "governors", trustName: "Riverside Learning Trust" })).meta.schoolName).toBe("Riverside Learning Trust");
  }, 60_000);
});
