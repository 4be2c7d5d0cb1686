import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/lib/cli/main.js";
import { upnCheckLetter } from "../../src/lib/import/upn.js";
import { formatAnalyseSummary, runAnalyse } from "../../src/lib/cli/analyse.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { makeSchool } from "../report/trust-builder.js";
import { capture } from "../helpers/capture.js";

describe("runAnalyse", () => {
  it("reads pupils under headers only a --mapping file explains (as validate does)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sendscope-analyse-mapping-"));
    try {
      // Two pupils and one result each, the pupil list under headers no MIS uses.
      const [ada, bo] = ["201300125001", "201300125002"].map((body) => `${upnCheckLetter(body)}${body}`);
      writeFileSync(join(dir, "roll.csv"), `Pupil Reference,Family Name,Given Names,Year\n${ada},Lee,Ada,4\n${bo},Kim,Bo,4\n`);
      writeFileSync(join(dir, "results.csv"), `UPN,Subject,Measure,Assessment Point,Result\n${ada},Reading,Standardised Score,2024/25 summer,96\n${bo},Reading,Standardised Score,2024/25 summer,104\n`);
      const mappingFile = join(dir, "odd.mapping.json");
      writeFileSync(mappingFile, JSON.stringify({ columns: { "Pupil Reference": "upn", "Family Name": "surname", "Given Names": "forename", Year: "yearGroup" } }));
      const pupilsImported = async (mapping?: string): Promise<number> => {
        const c = capture();
        expect(await runAnalyse(dir, { json: true, audience: "senco", ...(mapping === undefined ? {} : { mapping }) }, c.io)).toBe(0);
        return (JSON.parse(c.out.join("")) as { meta: { pupilsImported: number } }).meta.pupilsImported;
      };
      // Without the mapping the pupil list is not recognised, so no pupil is imported.
      expect(await pupilsImported()).toBe(0);
      expect(await pupilsImported(mappingFile)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints the package's version for --version", async () => {
    const c = capture();
    expect(await main(["--version"], c.io)).toBe(0);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(c.out.join("").trim()).toBe(pkg.version);
  });

  it("returns 2 with a one-line message for a missing folder", async () => {
    const c = capture();
    const code = await runAnalyse("tests/cli/no-such-folder", { json: true, audience: "senco" }, c.io);
    expect(code).toBe(2);
    expect(c.out).toEqual([]);
    const message = c.err.join("");
    expect(message.trimEnd().split("\n")).toHaveLength(1);
    expect(message).toMatch(/^sendscope analyse: tests\/cli\/no-such-folder: /);
    expect(message).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("returns 2 for a malformed --as-of", async () => {
    if (!existsSync("fixtures/sample-school")) return;
    const c = capture();
    expect(await runAnalyse("fixtures/sample-school", { json: true, audience: "senco", asOf: "18/07/2025" }, c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/^sendscope analyse: buildReport: asOf must be a date as yyyy-mm-dd/);
  });

  it.runIf(existsSync("fixtures/sample-school"))("prints the governors' report as JSON and a readable summary", async () => {
    const json = capture();
    expect(await runAnalyse("fixtures/sample-school", { json: true, audience: "governors" }, json.io)).toBe(0);
    const report = JSON.parse(json.out.join("")) as { meta: { audience: string } };
    expect(report.meta.audience).toBe("governors");
    const text = capture();
    expect(await runAnalyse("fixtures/sample-school", { json: false, audience: "senco" }, text.io)).toBe(0);
    expect(text.out.join("")).toMatch(/^sendscope analysis for .*\(for the SENCO\)\n {2}pupils on roll: \d+/);
  });

  it("summarises gap trends and a trust's schools", () => {
    const school = (name: string) => makeSchool(name, [
      { academicYear: "2023/24", yearGroup: 6, status: "N", count: 20, met: 17 },
      { academicYear: "2023/24", yearGroup: 6, status: "K", count: 8, met: 2 },
      { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20, met: 18 },
      { academicYear: "2024/25", yearGroup: 6, status: "K", count: 8, met: 3 },
    ]);
    const text = formatAnalyseSummary(buildReport(mergeSchoolData([school("Elm"), school("Fir")]), { asOf: "2025-07-11" }));
    // Two years of KS2 with overlapping intervals (gap −60 then −52.5 points on 16 SEN pupils): no clear change.
    expect(text).toContain("  gap trend, KS2 reading, writing and maths at the expected standard (Year 6) (SEN − no SEN): no clear change\n");
    expect(text).toContain("  schools: 2 (figures above are for all of them together");
  });
});
