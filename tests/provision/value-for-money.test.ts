// A governor's (and a member of the public's) attacks on the provision's costs, written from the published
// JSON alone (the SENCO's report beside it only to say what was true). Both attacks recovered hidden or rounded
// counts on the code before `disclosure/intervention-costs.ts`:
// - governors, sample school: the hidden costs of the year's table by intervention add up to the area table's
//   total less the shown ones, £48,406 − £44,822 = £3,584; the hidden ones (Reading recovery-style 1:1 and ELSA)
//   had published prices, £640 and £96 a placement (interventions[].cost.perPupil, or the value for money
//   £123.01 per month × 5.2027 months), and 640a + 96b = 3,584 has one solution with a, b ≤ 10 placements:
//   a = 5, b = 4 (by hand: a = 5 leaves 384 = 96 × 4; a = 0..4 leave 3,584, 2,944, 2,304, 1,664, 1,024, of
//   which only 2,304 = 96 × 24 divides, and 24 > 10), the SENCO's 5 and 4 pupils: a small group read off.
// - public: a cost beside its cost per pupil is the unrounded count (£43,130 ÷ £3,317.69 = 13, shown as 15).
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { hideInterventionPrices } from "../../src/lib/disclosure/intervention-costs.js";
import { rankCostEffectiveness } from "../../src/lib/interventions/ranking.js";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Prices a reader can find for an intervention's placements (by its name in the year's table). */
function pricesOf(report: Obj, group: string): { prices: number[]; placements: number } {
  const prices: number[] = [];
  let placements = 0;
  for (const iv of report.interventions.interventions as Obj[]) {
    if (iv.intervention !== group && !String(iv.intervention).startsWith(`${group} (`)) continue;
    placements += typeof iv.delivery?.placements === "number" ? iv.delivery.placements : (iv.n ?? 0);
    if (typeof iv.cost?.perPupil === "number") prices.push(iv.cost.perPupil);
    if (typeof iv.cost?.total === "number" && typeof iv.delivery?.placements === "number" && iv.delivery.placements > 0) prices.push(iv.cost.total / iv.delivery.placements);
    for (const rk of report.interventions.rankings as Obj[]) for (const e of rk.entries as Obj[]) {
      if (e.intervention === iv.intervention && typeof e.costPerUnit === "number" && typeof iv.impact?.net?.mean === "number") prices.push(e.costPerUnit * iv.impact.net.mean);
      if (e.intervention === iv.intervention && typeof e.impactPer100 === "number" && e.impactPer100 > 0 && typeof iv.impact?.net?.mean === "number") prices.push((100 * iv.impact.net.mean) / e.impactPer100);
    }
  }
  return { prices, placements };
}

/**
 * The price attack: the hidden year costs sum to the total less the shown; with a price for each hidden
 * intervention, whole numbers of placements (each at most the intervention's published placements) that make
 * the sum. Returns the hidden cells pinned to one count (none when some hidden cell has no price).
 */
function priceAttack(report: Obj): string[] {
  const p = report.provision;
  const total = (p.byArea as Obj[]).find((c) => c.isTotal === true);
  if (typeof total?.cost !== "number") return [];
  const cells = p.byIntervention as Obj[];
  const hidden = cells.filter((c) => c.suppressed === true);
  if (hidden.length === 0 || cells.some((c) => c.suppressed !== true && typeof c.cost !== "number")) return [];
  const rest = total.cost - cells.filter((c) => c.suppressed !== true).reduce((a, c) => a + c.cost, 0);
  const known = hidden.map((c) => ({ group: String(c.group), ...pricesOf(report, String(c.group)) }));
  if (known.some((k) => k.prices.length === 0)) return [];
  const solutions: number[][] = [];
  const search = (i: number, sum: number, chosen: number[]): void => {
    if (solutions.length > 1) return;
    if (i === known.length) {
      if (Math.abs(sum - rest) < 0.05) solutions.push([...chosen]);
      return;
    }
    const price = known[i]!.prices[0]!;
    for (let k = 0; k <= known[i]!.placements && sum + price * k <= rest + 0.05; k += 1) search(i + 1, sum + price * k, [...chosen, k]);
  };
  search(0, 0, []);
  return solutions.length === 1 ? known.map((k, i) => `${k.group} = ${solutions[0]![i]} placements, £${(k.prices[0]! * solutions[0]![i]!).toFixed(2)}`) : [];
}

/** The unrounded counts a public report gives back: a cost ÷ its cost per pupil, or a year's cost ÷ a price. */
function roundingUndone(report: Obj): string[] {
  const found: string[] = [];
  const p = report.provision;
  for (const c of [...p.byArea, ...p.byIntervention, ...p.thresholdBands] as Obj[]) {
    if (c.suppressed === true || typeof c.cost !== "number" || typeof c.n !== "number") continue;
    const prices = [...(typeof c.costPerPupil === "number" && c.costPerPupil > 0 ? [c.costPerPupil] : []), ...pricesOf(report, String(c.group)).prices];
    for (const price of prices) {
      const q = c.cost / price;
      if (Math.abs(q - Math.round(q)) < 0.01 && Math.round(q) !== c.n) found.push(`${String(c.partition)} ${String(c.group)}: ${Math.round(q)} (shown ${c.n})`);
    }
  }
  return found;
}

const SAMPLE = "fixtures/sample-school";

describe.runIf(existsSync(SAMPLE))("attacks on the provision's costs, sample school", async () => {
  const data = await importFolder(SAMPLE);
  const senco = buildReport(data, { audience: "senco" }) as unknown as Obj;
  const governors = buildReport(data, { audience: "governors" }) as unknown as Obj;
  const pub = buildReport(data, { audience: "public" }) as unknown as Obj;

  it("the SENCO's truth the attacks aimed at: Reading recovery 5 and ELSA 4 pupils in 2025/26, hidden for governors", () => {
    const year = (r: Obj, g: string) => (r.provision.byIntervention as Obj[]).find((c) => c.group === g)!;
    expect([year(senco, "Reading recovery-style 1:1").n, year(senco, "Reading recovery-style 1:1").cost]).toEqual([5, 3200]);
    expect([year(senco, "ELSA (emotional literacy support)").n, year(senco, "ELSA (emotional literacy support)").cost]).toEqual([4, 384]);
    expect(year(governors, "Reading recovery-style 1:1").suppressed).toBe(true);
    expect(year(governors, "ELSA (emotional literacy support)").suppressed).toBe(true);
  });

  it("governors: no hidden year cost can be solved for its count from the published prices", () => {
    expect(priceAttack(governors)).toEqual([]);
  });

  it("public: no hidden year cost can be solved, and no rounded count is given back by a cost ÷ a per-pupil figure or a price", () => {
    expect(priceAttack(pub)).toEqual([]);
    expect(roundingUndone(pub)).toEqual([]);
  });

  it("governors: a value for money is shown only with the cost per placement and the net impact it is made from, and equals their quotient", () => {
    const ivs = new Map((governors.interventions.interventions as Obj[]).map((i) => [i.intervention, i]));
    let shown = 0;
    for (const rk of governors.interventions.rankings as Obj[]) for (const e of rk.entries as Obj[]) {
      if (typeof e.costPerUnit !== "number") continue;
      const iv = ivs.get(e.intervention)!;
      expect(typeof iv.cost.perPupil).toBe("number");
      expect(typeof iv.impact.net.mean).toBe("number");
      expect(e.costPerUnit).toBeCloseTo(iv.cost.perPupil / iv.impact.net.mean, 9);
      shown += 1;
    }
    // Precision teaching (£24 a placement ÷ 3.74 months, £6.42) and Maths catch-up (£34.29 ÷ 4.70 points, £7.29)
    expect(shown).toBe(2);
    const rr = (governors.interventions.rankings as Obj[])[0]!.entries.find((e: Obj) => e.intervention === "Reading recovery-style 1:1");
    expect([rr.costPerUnit, rr.impactPer100, rr.rank]).toEqual([null, null, null]);
    expect(rr.suppressedFields).toContain("costPerUnit");
    // The SENCO's report is unchanged: £640 ÷ 5.2027 months = £123.01
    const s = (senco.interventions.rankings as Obj[])[0]!.entries.find((e: Obj) => e.intervention === "Reading recovery-style 1:1");
    expect(s.costPerUnit).toBeCloseTo(640 / 5.202702702702703, 9);
  });
  it("governors: a shown rank counts shown entries only, so it bounds no hidden value for money (attack: 'Rank 1 of 2')", () => {
    // The attack: with Precision teaching "Rank 1 of 2" at 15.58 months per £100 and Reading recovery's net impact
    // (5.20 months) published, Reading recovery's value is below 15.58, so its price is above 5.20 ÷ 15.58 × £100
    // ≈ £33. Every "of N" must count the entries with a shown rank, and no tie may name a hidden entry.
    for (const rk of governors.interventions.rankings as Obj[]) {
      const entries = rk.entries as Obj[];
      const shown = entries.filter((e) => typeof e.rank === "number");
      const shownNames = new Set(shown.map((e) => e.intervention));
      expect(shown.map((e) => e.rank)).toEqual(shown.map((_, k) => k + 1));
      for (const e of shown) {
        expect(e.statement).toMatch(new RegExp(`^Rank ${String(e.rank)} of ${shown.length}:`));
        for (const t of e.tiedWith as string[]) expect(shownNames.has(t)).toBe(true);
      }
      // A hidden entry is listed after every entry with a rank (its place in the list would give its rank).
      const lastRanked = Math.max(-1, ...entries.map((e, k) => (typeof e.rank === "number" ? k : -1)));
      entries.forEach((e, k) => { if ((e.suppressedFields as string[] | undefined)?.includes("rank")) expect(k).toBeGreaterThan(lastRanked); });
    }
    const months = (governors.interventions.rankings as Obj[]).find((rk) => rk.unit === "months")!;
    expect((months.entries as Obj[]).map((e) => [e.intervention, e.rank])).toEqual([["Precision teaching", 1], ["Reading recovery-style 1:1", null]]);
  });
});

describe("hideInterventionPrices (hand-made report objects)", () => {
  const make = (over: { hiddenInYear?: boolean; netMean?: number | null; label?: string } = {}) => ({
    provision: {
      byArea: [{ group: "all", isTotal: true, n: 20, cost: 1000, costPerPupil: 50 }],
      thresholdBands: [],
      byIntervention: [{ partition: "p", group: "RR", n: over.hiddenInYear ? null : 8, cost: over.hiddenInYear ? null : 800, costPerPupil: over.hiddenInYear ? null : 100, ...(over.hiddenInYear ? { suppressed: true } : {}) }],
    },
    interventions: {
      interventions: [{ intervention: over.label ?? "RR", n: 10, cost: { n: 10, total: 1000, perPupil: 100, perPupilHour: 20 }, impact: { net: { n: 10, mean: over.netMean === undefined ? 4 : over.netMean } } }],
      rankings: [{ unit: "months", entries: [{ intervention: over.label ?? "RR", n: 10, impactPer100: 4, lower: 1, upper: 7, costPerUnit: 25, costPerUnitLower: 14.29, costPerUnitUpper: 100, rank: 1, tiedWith: [], reason: null, statement: "Rank 1 of 1: …" }] }],
    },
  }) as unknown as Obj;

  it("keeps the price and value for money of an intervention shown in the year's table (governors)", () => {
    const r = make();
    hideInterventionPrices(r, false);
    expect(r.interventions.interventions[0].cost.perPupil).toBe(100);
    expect(r.interventions.rankings[0].entries[0].costPerUnit).toBe(25); // £100 ÷ 4 months
  });

  it("hides both when the intervention is hidden in the year's table, also for a label split by measure", () => {
    for (const label of ["RR", "RR (readingAge)"]) {
      const r = make({ hiddenInYear: true, label });
      hideInterventionPrices(r, false);
      expect(r.interventions.interventions[0].cost).toMatchObject({ total: null, perPupil: null, perPupilHour: null, suppressed: true });
      expect(r.interventions.rankings[0].entries[0]).toMatchObject({ impactPer100: null, costPerUnit: null, rank: null, lower: null, upper: null });
      expect(r.interventions.rankings[0].entries[0].statement)
        .toBe("Its cost per placement is hidden to protect privacy, and so are its value for money and its place in the ranking.");
    }
  });

  it("hides the value for money when the net impact it divides by is hidden (£100 ÷ value would give it back)", () => {
    const r = make({ netMean: null });
    hideInterventionPrices(r, false);
    expect(r.interventions.interventions[0].cost.perPupil).toBe(100);
    expect(r.interventions.rankings[0].entries[0].costPerUnit).toBeNull();
    // The cost is shown, so the sentence must name the net impact, not the cost, as what was hidden.
    expect(r.interventions.rankings[0].entries[0].statement)
      .toBe("Its net impact is hidden to protect privacy, and so are its value for money and its place in the ranking.");
  });

  it("ranks the shown entries again when a ranked one is hidden: ranks, 'of N', ties, statements and order (by hand)", () => {
    const entry = (intervention: string, rank: number, tiedWith: string[], per100: [number, number, number], cost: [number, number, number], statement: string) =>
      ({ intervention, n: 12, impactPer100: per100[0], lower: per100[1], upper: per100[2], costPerUnit: cost[0], costPerUnitLower: cost[1], costPerUnitUpper: cost[2], rank, tiedWith, reason: null, statement });
    const r = make() as Obj;
    r.interventions.confidence = 0.9;
    r.interventions.interventions.push(
      { intervention: "A", n: 12, cost: { n: 12, total: 600, perPupil: 50, perPupilHour: 10 }, impact: { net: { n: 12, mean: 6 } } },
      { intervention: "C", n: 12, cost: { n: 12, total: 600, perPupil: 50, perPupilHour: 10 }, impact: { net: { n: 12, mean: 2 } } },
    );
    r.provision.byIntervention[0] = { partition: "p", group: "RR", n: null, cost: null, suppressed: true };
    // Ranked A 1st, RR 2nd (hidden), C 3rd; RR tied with both. A: £50 a placement, net 6 months (4 to 8): 12 per £100
    // (8 to 16), £50 ÷ 6 = £8.33 a month (£50 ÷ 8 = £6.25 to £50 ÷ 4 = £12.50); C: net 2 (1 to 3): 4 per £100 (2 to
    // 6), £25 a month (£16.67 to £50). The statements as rankCostEffectiveness words them at 90%.
    r.interventions.rankings[0].entries = [
      entry("A", 1, ["RR"], [12, 8, 16], [50 / 6, 6.25, 12.5], "Rank 1 of 3: 12.00 months per £100 per placement (90% interval 8.00 to 16.00); about £8.33 per placement per month gained (£6.25 to £12.50). Cannot be told apart from RR."),
      entry("RR", 2, ["A", "C"], [5, 1, 9], [20, 11, 100], "Rank 2 of 3: 5.00 months per £100 per placement (90% interval 1.00 to 9.00); about £20.00 per placement per month gained (£11.00 to £100). Cannot be told apart from A and C."),
      entry("C", 3, ["RR"], [4, 2, 6], [25, 50 / 3, 50], "Rank 3 of 3: 4.00 months per £100 per placement (90% interval 2.00 to 6.00); about £25.00 per placement per month gained (£16.67 to £50.00). Cannot be told apart from RR."),
    ];
    hideInterventionPrices(r, false);
    const out = r.interventions.rankings[0].entries as Obj[];
    expect(out.map((e) => [e.intervention, e.rank, e.tiedWith])).toEqual([["A", 1, []], ["C", 2, []], ["RR", null, []]]);
    expect(out[0]!.statement).toBe("Rank 1 of 2: 12.00 months per £100 per placement (90% interval 8.00 to 16.00); about £8.33 per placement per month gained (£6.25 to £12.50).");
    expect(out[1]!.statement).toBe("Rank 2 of 2: 4.00 months per £100 per placement (90% interval 2.00 to 6.00); about £25.00 per placement per month gained (£16.67 to £50.00).");
  });

  it("re-ranks a small group's entry without the intervals disclosure left out of it (fields null, sentence without them)", () => {
    const r = make() as Obj;
    r.interventions.interventions.push({ intervention: "A", n: 8, cost: { n: 8, total: 400, perPupil: 50, perPupilHour: 10 }, impact: { net: { n: 8, mean: 6 } } });
    r.provision.byIntervention[0] = { partition: "p", group: "RR", n: null, cost: null, suppressed: true };
    // As `smallMeans` leaves an entry of fewer than 11 pupils: intervals null, the sentence without them.
    r.interventions.rankings[0].entries = [
      { intervention: "RR", n: 10, impactPer100: 20, lower: 11, upper: 29, costPerUnit: 5, costPerUnitLower: 3.45, costPerUnitUpper: 9.09, rank: 1, tiedWith: ["A"], reason: null, statement: "Rank 1 of 2: …" },
      { intervention: "A", n: 8, impactPer100: 12, lower: null, upper: null, costPerUnit: 50 / 6, costPerUnitLower: null, costPerUnitUpper: null, rank: 2, tiedWith: ["RR"], reason: null, statement: "Rank 2 of 2: 12.00 months per £100 per placement; about £8.33 per placement per month gained. Cannot be told apart from RR." },
    ];
    hideInterventionPrices(r, false);
    const a = (r.interventions.rankings[0].entries as Obj[])[0]!;
    expect([a.intervention, a.rank, a.tiedWith]).toEqual(["A", 1, []]);
    expect(a.statement).toBe("Rank 1 of 1: 12.00 months per £100 per placement; about £8.33 per placement per month gained.");
  });

  it("re-ranks as a ranking of the shown interventions alone would rank them, whichever ranked one is hidden", () => {
    // Four interventions (months, 10 pupils each): net per £100 A 6 (3 to 9), B 5 (4 to 6), C 3 (2 to 4), D 8 ÷ £200
    // = 4 (1 to 7). Hiding one must leave the others ranked, tied and worded as rankCostEffectiveness ranks the
    // other three alone: the re-ranking depends on no sentence's wording.
    const nets: Record<string, [number, number, number, number]> = { A: [6, 3, 9, 100], B: [5, 4, 6, 100], C: [3, 2, 4, 100], D: [8, 2, 14, 200] };
    const inputs = (names: string[]) => names.map((name) => {
      const [mean, lower, upper, cost] = nets[name]!;
      return { intervention: name, n: 10, net: { n: 10, method: "comparison" as const, unit: "months" as const, mean, lower, upper, perMonth: null }, costPerPupil: cost };
    });
    const all = Object.keys(nets);
    const ranked = rankCostEffectiveness(inputs(all))[0]!;
    // Not a case where nothing is tied or everything is: A is tied with B, C and D; B and C are told apart.
    expect(ranked.entries.map((e) => [e.intervention, e.rank, e.tiedWith])).toEqual([["A", 1, ["B", "C", "D"]], ["B", 2, ["A", "D"]], ["D", 3, ["A", "B", "C"]], ["C", 4, ["A", "D"]]]);
    for (const hide of all) {
      const r: Obj = {
        provision: { byArea: [], thresholdBands: [], byIntervention: all.map((g) => (g === hide ? { partition: "p", group: g, n: null, cost: null, suppressed: true } : { partition: "p", group: g, n: 10, cost: 1000 })) },
        interventions: {
          confidence: 0.95,
          interventions: inputs(all).map((i) => ({ intervention: i.intervention, n: 10, cost: { n: 10, total: i.costPerPupil * 10, perPupil: i.costPerPupil, perPupilHour: 10 }, impact: { net: { n: 10, mean: i.net.mean } } })),
          rankings: JSON.parse(JSON.stringify([ranked])) as Obj[],
        },
      };
      hideInterventionPrices(r, false);
      const alone = rankCostEffectiveness(inputs(all.filter((n) => n !== hide)))[0]!;
      const pick = (e: Obj) => [e.intervention, e.rank, e.tiedWith, e.statement];
      expect((r.interventions.rankings[0].entries as Obj[]).slice(0, -1).map(pick)).toEqual(alone.entries.map(pick));
      expect((r.interventions.rankings[0].entries as Obj[]).at(-1)!.intervention).toBe(hide);
    }
  });

  it("public: every price and the provision's costs per pupil are left out, the costs stay", () => {
    const r = make();
    hideInterventionPrices(r, true);
    expect(r.interventions.interventions[0].cost.perPupil).toBeNull();
    expect(r.interventions.rankings[0].entries[0].costPerUnit).toBeNull();
    expect(r.provision.byArea[0]).toMatchObject({ cost: 1000, costPerPupil: null });
    expect(r.provision.byIntervention[0]).toMatchObject({ cost: 800, costPerPupil: null });
  });
});
