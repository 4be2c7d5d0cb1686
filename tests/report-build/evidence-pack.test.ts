// One pupil's top-up evidence pack (issue #15) from the sample school: the pupil whose EHC plan support costs
// £6,840 in 2025/26 (190 sessions × 120 min = 380 h × £18 ÷ 1, src/generator/support.ts), £840 over £6,000.
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { evidencePackHtml } from "../../src/report-build/evidence-pack.js";

const data = await importFolder("fixtures/sample-school");
const senco = buildReport(data);
const top = senco.provision.pupils.rows[0]!;

describe("evidencePackHtml", () => {
  const html = evidencePackHtml(data, senco, top.pupilId);
  it("holds the costed provision map against the threshold, with its year", () => {
    expect(top.cost).toBe(6840);
    expect(html).toContain("£6,840.00");
    expect(html).toContain("above it by £840.00"); // 6,840 − 6,000
    expect(html).toMatch(/2\. Costed provision map <span class="dated">academic year 2025\/26/);
  });
  it("has each section dated, and names this pupil only", () => {
    for (const n of [1, 2, 3, 4, 5]) expect(html).toMatch(new RegExp(`<h2>${n}\\. [^<]+<span class="dated">`));
    const pupil = data.pupils.find((p) => p.pupilId === top.pupilId)!;
    expect(html).toContain(`${pupil.forename} ${pupil.surname}`);
    const others = data.pupils.filter((p) => p.pupilId !== top.pupilId && p.upn !== null).slice(0, 200);
    for (const o of others) expect(html).not.toContain(o.upn!);
    expect(html).not.toMatch(/<script/);
  });
  it("refuses a governors' report (no pupil costs) and an unknown pupil", () => {
    expect(() => evidencePackHtml(data, buildReport(data, { audience: "governors" }), top.pupilId)).toThrow(/not the SENCO's/);
    expect(() => evidencePackHtml(data, senco, "nobody")).toThrow(/no pupil nobody/);
  });
});
