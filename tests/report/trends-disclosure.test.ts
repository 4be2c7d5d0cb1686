// Gap trends, national comparisons and KS2 RWM gaps in the report, and how disclosure control treats them:
// a trend must not leak a year whose group is hidden, through its point or through its verdict.
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/lib/report/build-report.js";
import { makeSchool } from "./trust-builder.js";
import { recoverableCells, smallShownCells } from "./privacy-checks.js";

// KS2 over three years. SEN in Year 6: 2022/23 8 (3 met), 2023/24 4 (1 met: hidden for governors),
// 2024/25 10 (6 met). A Year 3 SEN cohort of 7 in 2023/24 makes the whole-school SEN reading group 11 that
// year. Counts are chosen so that no shown count is 1 or 2 of its group or all but 1 or 2 (the numerator
// rule of #13 would hide them).
const data = makeSchool("Oak Primary", [
  { academicYear: "2022/23", yearGroup: 6, status: "N", count: 20, met: 16 },
  { academicYear: "2022/23", yearGroup: 6, status: "K", count: 6, met: 3 },
  { academicYear: "2022/23", yearGroup: 6, status: "E", count: 2, met: 0 },
  { academicYear: "2023/24", yearGroup: 6, status: "N", count: 20, met: 17 },
  { academicYear: "2023/24", yearGroup: 6, status: "K", count: 3, met: 1 },
  { academicYear: "2023/24", yearGroup: 6, status: "E", count: 1, met: 0 },
  { academicYear: "2023/24", yearGroup: 3, status: "N", count: 20, met: 14 },
  { academicYear: "2023/24", yearGroup: 3, status: "K", count: 7, met: 3 },
  { academicYear: "2024/25", yearGroup: 6, status: "N", count: 20, met: 15 },
  { academicYear: "2024/25", yearGroup: 6, status: "K", count: 7, met: 4 },
  { academicYear: "2024/25", yearGroup: 6, status: "E", count: 3, met: 2 },
  { academicYear: "2024/25", yearGroup: 1, status: "N", count: 25, met: 22 },
  { academicYear: "2024/25", yearGroup: 1, status: "K", count: 6, met: 3 },
]);
const asOf = "2025-07-11";
const senco = buildReport(data, { asOf, audience: "senco" });
const governors = buildReport(data, { asOf, audience: "governors" });
const trend = (r: typeof senco, key: string) => {
  const t = r.gaps.trends.find((x) => x.key === key);
  if (!t) throw new Error(`no trend ${key}`);
  return t;
};

describe("gap trends in the report", () => {
  it("gives the SENCO every year of the KS2 RWM gap (SEN − no SEN), by hand", () => {
    const t = trend(senco, "ks2Rwm");
    expect(t.points.map((p) => [p.academicYear, p.n, p.comparisonN])).toEqual([["2022/23", 8, 20], ["2023/24", 4, 20], ["2024/25", 10, 20]]);
    expect(t.points.map((p) => p.difference)).toEqual([3 / 8 - 16 / 20, 1 / 4 - 17 / 20, 6 / 10 - 15 / 20].map((d) => expect.closeTo(d, 12)));
    // Least-squares slope over three equally spaced years = (last − first) / 2 = (−0.15 − −0.425) / 2.
    expect(t.slopePerYear).toBeCloseTo(0.1375, 12);
    expect(t.hiddenYears).toEqual([]);
    expect(t.verdict).toMatch(/^The gap was −42\.5 percentage points in 2022\/23 and −15\.0 percentage points in 2024\/25/);
    expect(["closing", "no clear change"]).toContain(t.direction);
  });

  it("hides a year whose SEN group is under 6 for governors, and rewrites the verdict without it", () => {
    const t = trend(governors, "ks2Rwm");
    const hidden = t.points.find((p) => p.academicYear === "2023/24");
    expect(hidden).toMatchObject({ n: null, comparisonN: null, difference: null, suppressed: true });
    expect(t.hiddenYears).toEqual(["2023/24"]);
    // The reason is the one every hidden figure gets (#17: no "too few pupils" for a year hidden otherwise).
    expect(t.verdict).toContain("2023/24 not shown: hidden to protect privacy");
    expect(t.verdict).not.toContain("60.0"); // the hidden year's gap, 0.25 − 0.85
    // From the two shown years only: slope (−0.15 − −0.425) / 2 years.
    expect(t.slopePerYear).toBeCloseTo(0.1375, 12);
  });

  it("shows a whole-school standardised point of 11 pupils: its year-group cells are not published for governors", () => {
    const s = trend(senco, "standardised|reading");
    // By hand 2023/24: SEN = Y6 4 + Y3 7 = 11 pupils, 1 + 3 at 108, the rest 88 → mean 88 + 20·4/11.
    const p = s.points.find((x) => x.academicYear === "2023/24");
    expect(p?.n).toBe(11);
    expect(p?.difference).toBeCloseTo((88 + (20 * 4) / 11) - (88 + (20 * 31) / 40), 10);
    // Governors get the statutory assessments only (#13, publish for the audience): no Year 6 standardised
    // cell of 4 pupils to take from the whole-school 11, so the point is shown (#17: no over-suppression).
    expect(governors.attainment.cells.filter((c) => c.measure === "standardised")).toEqual([]);
    const g = trend(governors, "standardised|reading");
    expect(g.points.find((x) => x.academicYear === "2023/24")).toMatchObject({ n: 11 });
    expect(g.hiddenYears).not.toContain("2023/24");
  });

  it("follows Year 1 phonics (one year: no trend to report)", () => {
    const t = trend(senco, "phonicsMark|phonics");
    expect(t.points).toHaveLength(1);
    expect(t.direction).toBe("not enough data");
  });
});

describe("national comparisons and KS2 RWM gaps in the report", () => {
  it("compares each group with national for the report's year (by hand)", () => {
    const rwm = senco.gaps.national.filter((c) => c.measure === "ks2Rwm");
    // 2024/25 Year 6: N 20 (15 met), SEN 10 (6 met), all 30 (21 met); national 69%, 18%, 62%.
    expect(rwm.map((c) => [c.group, c.n, c.gap.count])).toEqual([["N", 20, 15], ["SEN", 10, 6], ["all", 30, 21]]);
    expect(rwm.find((c) => c.group === "all")?.gap.difference).toBeCloseTo(21 / 30 - 0.62, 12);
    const phonics = senco.gaps.national.filter((c) => c.measure === "phonicsMet");
    // Y1: N 25 (22 met), K 6 (3 met), E 0; national N 88%, K 52%.
    expect(phonics.find((c) => c.group === "K")?.gap.difference).toBeCloseTo(3 / 6 - 0.52, 12);
  });

  it("hides a national comparison wherever its group is hidden in the report's own tables", () => {
    const cell = (group: string) => governors.ks2Rwm.cells.find((c) => c.academicYear === "2024/25" && c.group === group && c.dimension === "senStatus");
    // EHC plan 3 pupils: SEN support against EHC plan is not published that year (only where both are large
    // enough), and neither is any comparison of K or E; SEN against no SEN, and all pupils, are (#17).
    expect(cell("E")).toBeUndefined();
    expect(governors.gaps.national.filter((c) => c.measure === "ks2Rwm" && c.academicYear === "2024/25").map((c) => [c.group, c.suppressed ?? false]))
      .toEqual([["N", false], ["SEN", false], ["all", false]]);
    for (const c of governors.gaps.national) {
      if (c.measure === "ks2Rwm" && c.group === "SEN") expect(c.n).toBe(10);
      if (c.measure === "phonicsMet" && c.group === "E") expect(c.n).toBe(0);
    }
    for (const g of governors.gaps.ks2Rwm) {
      const groupCell = governors.ks2Rwm.cells.find((c) => c.academicYear === g.academicYear && c.group === g.group && c.dimension === (g.group === "SEN" ? "senAny" : "senStatus"));
      if (groupCell?.suppressed) expect(g.gap.suppressed).toBe(true);
    }
    expect(governors.gaps.ks2Rwm.find((g) => g.academicYear === "2023/24" && g.group === "SEN")?.gap.n).toBeNull();
    expect(smallShownCells(governors, 6)).toEqual([]);
    expect(recoverableCells(governors, senco)).toEqual([]);
  });
});
