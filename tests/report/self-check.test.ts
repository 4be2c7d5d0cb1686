/**
 * The report checks itself (issue 17): every report a reader can get (SENCO and governors; the sample
 * school, a generated school, the hand-made school and a generated two-school trust) must agree with itself
 * (see `selfCheck` for what is checked and how each expected value is recomputed), and the pages' sources
 * must take their labels and dates from it (`pageChecks`). The last block plants each kind of fault in a
 * good report, so each check is shown to fail when it should.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generator/generate.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import type { SendscopeReport } from "../../src/lib/report/schema.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { handMadeSchool } from "./hand-made-school.js";
import { narrativeNumbers, pageChecks, selfCheck } from "./self-check.js";

let dir = "";
let sample: SchoolData;
let generated: SchoolData;
const handMade = handMadeSchool();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sendscope-self-check-"));
  generate({ seed: 4242, out: join(dir, "one"), pupils: 240, schools: 1 });
  generate({ seed: 977, out: join(dir, "Riverside Trust"), pupils: 300, schools: 2 });
  sample = await importFolder("fixtures/sample-school");
  generated = await importFolder(join(dir, "one"));
}, 120_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("every report agrees with itself", () => {
  for (const audience of ["senco", "governors"] as const) {
    it(`the sample school, for ${audience}`, () => {
      expect(selfCheck(buildReport(sample, { audience }), sample)).toEqual([]);
    });
    it(`a generated school (seed 4242, 240 pupils), for ${audience}`, () => {
      expect(selfCheck(buildReport(generated, { audience }), generated)).toEqual([]);
    });
    it(`the hand-made school, for ${audience}`, () => {
      expect(selfCheck(buildReport(handMade, { audience }), handMade)).toEqual([]);
    });
  }

  it("the sample school counted at a standardised threshold of 100: the shares and labels follow the option", () => {
    const report = buildReport(sample, { audience: "governors", standardisedThreshold: 100 });
    expect(report.meta.thresholds.find((t) => t.measure === "standardised")?.expectedLabel).toBe("a standardised score of 100 or more (at or above the national average of 100)");
    expect(selfCheck(report, sample)).toEqual([]);
  });

  it("a generated trust of two schools, named for the trust's folder", async () => {
    const folder = join(dir, "Riverside Trust");
    const report = await analyseFolder(folder, { audience: "governors" });
    expect(report.meta.schoolName).toBe(basename(folder));
    expect(selfCheck(report, null)).toEqual([]);
  }, 60_000);

  it("the pages take their labels and dates from the report", () => {
    expect(pageChecks()).toEqual([]);
  });
});

describe("each check fails when it should (faults planted in a good report)", () => {
  const good = (): SendscopeReport => buildReport(sample, { audience: "senco" });

  it("reads the numbers of an intervention sentence", () => {
    // By hand: the group changed by +8.2, similar pupils by +3.5, the net 4.7 points.
    expect(narrativeNumbers("X (3 pupils, Sep 2024): on the termly tests, scores changed by +8.2 points on average; similar pupils' changed by +3.5 points. That is 4.7 points more than similar pupils made (95% interval 0.7 to 8.7 points): clear evidence of impact.")).toEqual({
      group: { value: 8.2, unit: "point" }, against: { value: 3.5, unit: "point" }, net: { value: 4.7, unit: "point" },
    });
  });

  it("a change row showing the smaller of the two years' counts", () => {
    const r = good();
    const row = r.identification.change.find((c) => c.group === "E")!;
    (row as { count: number }).count += 3;
    expect(selfCheck(r, sample).some((f) => f.startsWith("count: identification change, E"))).toBe(true);
  });

  it("a section grouped on another date that does not say so", () => {
    const r = good();
    delete (r.suspensions as { statusDate?: string }).statusDate;
    const cells = r.suspensions.cells.filter((c) => c.dimension === "senStatus");
    const k = cells.find((c) => c.group === "K")!;
    (k as { n: number }).n = (r.identification.senStatus.find((c) => c.group === "K")?.n ?? 0) + 1;
    expect(selfCheck(r, sample).some((f) => f.startsWith("count: suspensions"))).toBe(true);
  });

  it("a threshold label that is not the threshold counted", () => {
    const r = good();
    const t = (r.meta as unknown as { thresholds: Array<{ measure: string; expected: number | null }> }).thresholds.find((x) => x.measure === "standardised")!;
    t.expected = 100;
    const findings = selfCheck(r, sample);
    expect(findings.some((f) => f.startsWith("threshold:") && f.includes("scored 100 or more"))).toBe(true);
  });

  it("a sentence whose arithmetic does not hold", () => {
    const r = good();
    const i = r.interventions.interventions.find((x) => x.impact?.verdict === "clear-impact")!;
    i.narrative = (i.narrative ?? "").replace(/changed by \+(\d+)\.(\d)/, (_m, a: string, b: string) => `changed by +${Number(a) + 2}.${b}`);
    expect(selfCheck(r, sample).some((f) => f.startsWith(`narrative: ${i.intervention}`))).toBe(true);
  });

  it("a ranking with a no-clear-evidence entry, and two rank 1s", () => {
    const r = good();
    // The points ranking lists Maths catch-up (clear impact) and two interventions with no clear evidence.
    const ranking = r.interventions.rankings.find((x) => x.unit === "points")!;
    for (const e of ranking.entries) e.rank = 1;
    const findings = selfCheck(r, sample);
    expect(findings.some((f) => f.includes("share rank 1"))).toBe(true);
    expect(findings.some((f) => f.includes("(no clear evidence)"))).toBe(true);
  });

  it("a national figure that does not say which schools it is for", () => {
    const r = good();
    for (const x of r.identification.national) delete (x.gap as { nationalScope?: string }).nationalScope;
    expect(selfCheck(r, sample).some((f) => f.startsWith("phase:"))).toBe(true);
  });

  it("a primary school's EHC plan share compared with all schools, special schools included", () => {
    const r = good();
    const e = r.identification.national.find((x) => x.measure === "senShare" && x.group === "E")!;
    e.gap.nationalScope = "all schools in England (including special schools)";
    expect(selfCheck(r, sample)).toContain(`phase: a primary school's E share is compared with "all schools in England (including special schools)", not state-funded primary schools`);
  });

  it("a trust's report named after a school", () => {
    const r = good();
    (r as { schools?: unknown[] }).schools = [{ school: "school-001" }, { school: "school-002" }];
    r.meta.schoolName = "school-001";
    expect(selfCheck(r, null)).toContain('name: a report on 2 schools is named "school-001", not for the trust');
  });
});
