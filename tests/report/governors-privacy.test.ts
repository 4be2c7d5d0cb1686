// End to end on the generated sample school: the governors' report holds no pupil identifier, no shown
// group of 1–5 pupils, and no hidden cell that can be worked out from a total. The checks walk the JSON
// themselves (tests/report/privacy-checks.ts), not through the disclosure code.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { leakedIdentifiers, recoverableCells, smallShownCells, suppressedCount } from "./privacy-checks.js";

const FOLDER = "fixtures/sample-school";

describe.runIf(existsSync(FOLDER))("governors' report of the sample school", async () => {
  const data = await importFolder(FOLDER);
  const senco = buildReport(data, { audience: "senco" });
  const governors = buildReport(data, { audience: "governors" });

  it("was built from real pupils, and the SENCO's report does hold identifiers (so the scan can fail)", () => {
    expect(data.pupils.length).toBeGreaterThan(50);
    expect(leakedIdentifiers(senco, data).length).toBeGreaterThan(0);
  });

  it("holds no UPN, MIS id, forename, surname or date of birth (any format) from the input", () => {
    expect(leakedIdentifiers(governors, data)).toEqual([]);
    expect(JSON.stringify(governors)).not.toMatch(/[A-Z]\d{11}[0-9A-Z]/);
  });

  it("shows no group of 1–5 pupils; suppressed cells are null, never 0", () => {
    expect(smallShownCells(senco, 6).length).toBeGreaterThan(0);
    expect(smallShownCells(governors, 6)).toEqual([]);
    expect(suppressedCount(governors)).toBeGreaterThan(0);
  });

  it("has no hidden cell recoverable from a total (0 or at least 2 hidden per partition)", () => {
    expect(recoverableCells(governors, senco)).toEqual([]);
  });

  it("hides a gap wherever the attainment cell of its group or of the no-SEN group is hidden", () => {
    let checked = 0;
    for (const gap of governors.gaps.attainment) {
      const dimension = gap.group === "SEN" ? "senAny" : "senStatus";
      const cellOf = (group: string) => governors.attainment.cells.find((c) => c.subject === gap.subject && c.measure === gap.measure &&
        c.point === gap.point && c.yearGroup === gap.yearGroup && c.dimension === dimension && c.group === group && !c.isTotal);
      const hidden = cellOf(gap.group)?.suppressed === true || cellOf("N")?.suppressed === true;
      // A count hidden field by field (the group shown): the comparisons of shares go too, the gap in means stays.
      const countHidden = (c: { suppressed?: boolean } | undefined) => c !== undefined && c.suppressed !== true && ((c as { suppressedFields?: string[] }).suppressedFields ?? []).length > 0;
      const fieldHidden = countHidden(cellOf(gap.group)) || countHidden(cellOf("N"));
      for (const figure of [gap.expected, gap.higher, gap.mean]) {
        if (figure === null || !(hidden || (fieldHidden && figure !== gap.mean))) continue;
        checked += 1;
        expect(figure.suppressed).toBe(true);
        expect(figure.n).toBeNull();
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("removes pupil-level lists and problem messages", () => {
    expect(governors.meta.import.problems.rows).toEqual([]);
    if (governors.progress) expect(governors.progress.stalled.rows).toEqual([]);
    expect(governors.targets.offTrack.rows).toEqual([]);
    expect(governors.reviews.due.rows).toEqual([]);
    expect(governors.meta.import.problemCounts.errors).toBe(data.problems.filter((p) => p.severity === "error").length);
  });

  it("hides a national comparison, a KS2 RWM gap or a trend point wherever its group is hidden in the KS2 table", () => {
    const rwmCell = (year: string, group: string) => governors.ks2Rwm.cells.find((c) => c.academicYear === year && c.group === group &&
      c.dimension === (group === "SEN" ? "senAny" : "senStatus"));
    let checked = 0;
    // Hidden whole, or its count hidden field by field (the group's size shown).
    const hidden = (c: { suppressed?: boolean; count?: number | null } | undefined) => c?.suppressed === true || (c !== undefined && c.count === null);
    for (const c of governors.gaps.national) {
      if (c.measure !== "ks2Rwm" || c.group === "all") continue;
      if (hidden(rwmCell(c.academicYear, c.group))) { checked += 1; expect(c.suppressed === true || c.gap.count === null).toBe(true); }
    }
    for (const g of governors.gaps.ks2Rwm) {
      if (hidden(rwmCell(g.academicYear, g.group)) || hidden(rwmCell(g.academicYear, "N"))) {
        checked += 1;
        expect(g.gap.suppressed).toBe(true);
        expect(g.gap.difference).toBeNull();
      }
    }
    expect(checked).toBeGreaterThan(0);
    const ks2 = governors.gaps.trends.find((t) => t.key === "ks2Rwm");
    for (const p of ks2?.points ?? []) if (hidden(rwmCell(p.academicYear, "SEN"))) expect(p.suppressed).toBe(true);
  });

  it("names every hidden trend year and keeps its figures out of the verdict", () => {
    expect(governors.gaps.trends.length).toBeGreaterThan(0);
    for (const t of governors.gaps.trends) {
      const hidden = t.points.filter((p) => p.suppressed === true).map((p) => p.academicYear);
      expect(t.hiddenYears).toEqual(hidden);
      for (const y of hidden) expect(t.verdict).toContain(y);
      const sencoTrend = senco.gaps.trends.find((x) => x.key === t.key);
      for (const p of sencoTrend?.points ?? []) {
        if (!hidden.includes(p.academicYear) || p.difference === null) continue;
        const v = Math.abs(t.unit === "proportion" ? p.difference * 100 : p.difference).toFixed(1);
        expect(t.verdict).not.toContain(` ${v} `);
      }
    }
  });

  it("publishes no intervention run (their labels are the SENCO's free text), no staff and no pupil lists", () => {
    expect(governors.interventions.nonResponders.rows).toEqual([]);
    expect(governors.interventions.notMeasured.rows).toEqual([]);
    expect(senco.interventions.interventions.some((iv) => iv.runs.length > 1)).toBe(true);
    senco.interventions.interventions.forEach((iv, i) => {
      const shown = governors.interventions.interventions[i];
      // The sample's intervention names hold no pupil's or staff member's name, so they are kept.
      expect(shown?.intervention).toBe(iv.intervention);
      expect(shown?.delivery.staff).toEqual([]);
      expect(shown?.runs).toEqual([]);
      if (iv.n !== null && iv.n > 0 && iv.n < 6) expect(shown).toMatchObject({ n: null, narrative: null, suppressed: true });
    });
    for (const ranking of governors.interventions.rankings) {
      for (const e of ranking.entries) if (e.suppressed !== true && e.n !== null) expect(e.n).toBeGreaterThanOrEqual(6);
    }
  });

  it("shows the whole cohort's KS2 reading, writing and maths figure every year (#17: hiding no SEN does not hide all)", () => {
    // The national comparison repeats N, SEN and all of the KS2 table: a hidden N there must not hide all.
    const years = [...new Set(senco.ks2Rwm.cells.map((c) => c.academicYear))];
    expect(years.length).toBeGreaterThan(1);
    for (const y of years) {
      const all = governors.ks2Rwm.cells.find((c) => c.academicYear === y && c.dimension === "senAny" && c.isTotal);
      expect(all?.n).toBe(senco.ks2Rwm.cells.find((c) => c.academicYear === y && c.dimension === "senAny" && c.isTotal)?.n);
    }
    for (const c of governors.gaps.national) if (c.measure === "ks2Rwm" && c.group === "all") expect(c.suppressed).not.toBe(true);
  });

  it("rounds the pupils on roll for the public, on their own", () => {
    const pub = buildReport(data, { audience: "public" });
    expect(Number(pub.meta.pupilsOnRoll) % 5).toBe(0);
    expect(Math.abs(Number(pub.meta.pupilsOnRoll) - Number(senco.meta.pupilsOnRoll))).toBeLessThanOrEqual(2);
    expect(pub.identification.onRoll).toBe(pub.meta.pupilsOnRoll);
  });

  it("applies a higher threshold when asked", () => {
    const strict = buildReport(data, { audience: "governors", threshold: 11 });
    expect(smallShownCells(strict, 11)).toEqual([]);
    expect(recoverableCells(strict, senco)).toEqual([]);
  });
});
