// Per-pupil costs never reach governors or the public, and a cost of a group of 1 or 2 pupils is hidden like
// any small cell, with a second cell hidden so that it cannot be worked out as the total less the others
// (issue #15). The attacker here is a governor holding the published report and doing sums.
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/lib/report/build-report.js";
import { costsConfig } from "../../src/lib/provision/config.js";
import type { InterventionRecord } from "../../src/lib/schema/records.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { handMadeSchool } from "../report/hand-made-school.js";

type Cell = { partition: string; group: string; isTotal?: boolean; n: number | null; cost: number | null; suppressed?: boolean };

function schoolWithProvision(): SchoolData {
  const data = handMadeSchool();
  // One SEN support pupil's need becomes hearing impairment: alone in "Sensory and/or physical".
  const k = data.senRegister.find((s) => s.status === "K")!;
  k.primaryNeed = "HI";
  const ehc = data.senRegister.filter((s) => s.status === "E").map((s) => s.pupilId);
  const none = data.pupils.map((p) => p.pupilId).filter((id) => !data.senRegister.some((s) => s.pupilId === id));
  let line = 1;
  const place = (pupilId: string, over: Partial<InterventionRecord>): InterventionRecord => ({
    pupilId, intervention: "X", group: null, startDate: "2024-09-09", endDate: "2025-07-11", sessionsPlanned: null,
    sessionsAttended: null, minutesPerSession: null, staff: null, cost: null, measure: null, entryScore: null, entryDate: null,
    exitScore: null, exitDate: null, exitTarget: null, source: { file: "provision.csv", line: ++line }, ...over,
  });
  data.interventions = [
    // Two EHC pupils with 1:1 support: 190 × 120 min = 380 h × £18 = £6,840.5 with £0.50 resources (above £6,000)
    ...ehc.slice(0, 2).map((id) => place(id, { intervention: "One to one support", group: `S-${id}`, sessionsPlanned: 190, minutesPerSession: 120, staff: "TA" })),
    // The pupil with HI: a group of their own, £431.17
    place(k.pupilId, { intervention: "Sound field", group: "SF", cost: 431.17 }),
    // Ten pupils without SEN in a phonics group (£50 each) and seven in a social skills group (£35 each)
    ...none.slice(0, 10).map((id) => place(id, { intervention: "Phonics group", group: "PG", cost: 50 })),
    ...none.slice(10, 17).map((id) => place(id, { intervention: "Social skills", group: "SS", cost: 35 })),
  ];
  return data;
}

const costs = costsConfig({ interventions: { "One to one support": { groupSize: 1, resourcesPerPupil: 0.5 } } });
const data = schoolWithProvision();
const senco = buildReport(data, { asOf: "2025-07-11", costs });

describe("provision for governors and the public", () => {
  it("the SENCO sees each pupil's cost and the two above the threshold", () => {
    const above = senco.provision.pupils.rows.filter((r) => r.aboveThreshold);
    expect(above.map((r) => r.cost)).toEqual([6840.5, 6840.5]); // 380 h × £18 ÷ 1 + £0.50
    expect(senco.provision.staffHours.length).toBeGreaterThan(0);
  });

  for (const audience of ["governors", "public"] as const) {
    const report = buildReport(data, { asOf: "2025-07-11", audience, costs });
    const p = report.provision;
    const json = JSON.stringify(p);

    it(`${audience}: no pupil list, no staff hours, no pupil identifier`, () => {
      expect(p.pupils.rows).toEqual([]);
      expect(p.uncosted.rows).toEqual([]);
      expect(p.staffHours).toEqual([]);
      for (const pupil of data.pupils) {
        expect(json).not.toContain(pupil.pupilId);
        expect(json).not.toContain(pupil.surname);
      }
    });

    it(`${audience}: no per-pupil cost above the threshold appears anywhere in the published report`, () => {
      const all = JSON.stringify(report);
      expect(all).not.toMatch(/6840\.5\b/);
      expect(all).not.toMatch(/13681\b/); // the two together (the hidden cell's cost)
      expect(all).not.toMatch(/431\.17\b/);
    });

    it(`${audience}: every shown cost is of ${6} or more pupils, and no hidden cost is the total less the shown`, () => {
      const tables = [p.byArea, p.byIntervention, p.thresholdBands] as unknown as Cell[][];
      for (const cells of tables) {
        // (the public's sizes are rounded to 5, so the SENCO's size of the same cell is the one checked)
        const sencoCells = [senco.provision.byArea, senco.provision.byIntervention, senco.provision.thresholdBands].flat() as unknown as Cell[];
        for (const c of cells) {
          if (c.suppressed || c.cost === null || c.cost === 0) continue;
          expect(sencoCells.find((s) => s.partition === c.partition && s.group === c.group)!.n).toBeGreaterThanOrEqual(6);
        }
        // The total of every table is the area table's total (every costed pupil, and every placement, once).
        const total = (p.byArea as unknown as Cell[]).find((c) => c.isTotal)!;
        const hidden = cells.filter((c) => !c.isTotal && c.suppressed === true);
        if (total.cost !== null && hidden.length > 0) {
          // A governor subtracts the shown cells from the total: what is left must be the sum of 2 or more
          // hidden cells, never one pupil's or one small group's cost alone.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
        }
      }
      // The two pupils above £6,000 and the one pupil with a sensory need are hidden.
      expect((p.thresholdBands as unknown as Cell[]).find((c) => c.group === "above")!.suppressed).toBe(true);
      expect((p.byArea as unknown as Cell[]).find((c) => c.group === "SP")!.suppressed).toBe(true);
      expect((p.byIntervention as unknown as Cell[]).find((c) => c.group === "One to one support")!.suppressed).toBe(true);
    });
  }
});

describe("the provision's cost by year, for governors and the public (hideSmallProvisionYears)", () => {
  it("hides a year fewer than the threshold share, and the smallest other year of its kind, since each kind sums to the same total", async () => {
    const { hideSmallProvisionYears } = await import("../../src/lib/disclosure/publication.js");
    // By hand: financial 2026-27 has 2 pupils (< 6), so its £1,400 (about one pupil's cost) is hidden; it is the
    // only hidden financial year, so 2024-25 (20 pupils, fewer than 2025-26's 50) is hidden too, else
    // 1,400 = (academic total 30,000 + 10,000) − 25,000 − 13,600. The academic years (both ≥ 6) stay shown.
    const years = [
      { yearKind: "academic", year: "2024/25", n: 30, cost: 10_000 },
      { yearKind: "academic", year: "2025/26", n: 55, cost: 30_000 },
      { yearKind: "financial", year: "2024-25", n: 20, cost: 13_600 },
      { yearKind: "financial", year: "2025-26", n: 50, cost: 25_000 },
      { yearKind: "financial", year: "2026-27", n: 2, cost: 1_400 },
    ];
    hideSmallProvisionYears(years, 6);
    expect(years.map((y) => [y.year, y.n, y.cost])).toEqual([
      ["2024/25", 30, 10_000], ["2025/26", 55, 30_000], ["2024-25", null, null], ["2025-26", 50, 25_000], ["2026-27", null, null],
    ]);
  });
});
