import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { formatAnalyseSummary, runAnalyse } from "../../src/lib/cli/analyse.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { mergeSchoolData } from "../../src/lib/import/import-folder.js";
import { makeSchool } from "../report/trust-builder.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

describe("runAnalyse", () => {
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
