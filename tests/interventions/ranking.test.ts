import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { rankCostEffectiveness, type RankingInput } from "../../src/lib/interventions/ranking.js";

const input = (intervention: string, n: number, mean: number, lower: number, upper: number, cost: number | null,
  unit: "months" | "points" = "points"): RankingInput => ({
  intervention, n, costPerPupil: cost, net: { n, method: "comparison", unit, mean, lower, upper, perMonth: null },
});

describe("rankCostEffectiveness", () => {
  const [points] = rankCostEffectiveness([
    input("A", 10, 6, 3, 9, 200),
    input("B", 10, 2, 0.5, 3.5, 100),
    input("C", 3, 30, 20, 40, 100),
    input("D", 12, 20, 15, 25, 100),
    input("E", 8, 4, 1, 7, null),
    input("F", 10, 1, -2, 4, 100),
  ]);
  const byName = new Map(points?.entries.map((e) => [e.intervention, e]));

  it("gives impact per £100 per placement with its interval and cost per point", () => {
    const a = byName.get("A");
    // 6/200 × 100 = 3, interval 3/200 × 100 = 1.5 to 9/200 × 100 = 4.5
    expect(a).toMatchObject({ impactPer100: 3, lower: 1.5, upper: 4.5 });
    expect(a?.costPerUnit).toBeCloseTo(33.333333, 5); // 200 / 6
    expect(a?.costPerUnitLower).toBeCloseTo(22.222222, 5); // 200 / 9
    expect(a?.costPerUnitUpper).toBeCloseTo(66.666667, 5); // 200 / 3
    expect(byName.get("B")?.costPerUnitUpper).toBeCloseTo(200, 9); // 100 / 0.5
  });

  it("never ranks an intervention without clear evidence of impact, and lists it beneath", () => {
    // F's net-impact interval, −2 to 4 points, includes 0.
    expect(byName.get("F")).toMatchObject({ rank: null, impactPer100: null, costPerUnit: null });
    expect(byName.get("F")?.reason).toBe("no clear evidence of impact (95% interval of net impact -2.00 to 4.00 points)");
    expect(byName.get("F")?.statement).toBe("Not ranked: no clear evidence of impact (95% interval of net impact -2.00 to 4.00 points).");
  });

  it("ranks only what can be told apart", () => {
    // Per £100: D 20 (15 to 25), A 3 (1.5 to 4.5), B 2 (0.5 to 3.5); se = half-width / 1.96: A 0.765306,
    // B 0.765306, D 2.551020. A vs B: |3 − 2| = 1 < 1.96·√(0.765306² + 0.765306²) = 2.121 → cannot be told
    // apart; D vs A: 17 > 1.96·√(2.551020² + 0.765306²) = 5.220 → apart; D vs B: 18 > 5.220 → apart.
    // Ranks follow the estimates, one each (no shared rank): D 1, A 2, B 3; A and B say they are tied.
    expect(byName.get("D")?.rank).toBe(1);
    expect(byName.get("A")?.rank).toBe(2);
    expect(byName.get("B")?.rank).toBe(3);
    expect(byName.get("A")?.tiedWith).toEqual(["B"]);
    expect(byName.get("B")?.tiedWith).toEqual(["A"]);
    expect(byName.get("D")?.statement).toMatch(/^Rank 1 of 3: 20\.00 points per £100 per placement/);
    // A: £200 a placement ÷ 6 points = £33.33, interval £200 ÷ 9 = £22.22 to £200 ÷ 3 = £66.67 (the cost is per
    // placement, not per pupil: describeCost divides by the placements with a cost).
    expect(byName.get("A")?.statement).toContain("about £33.33 per placement per point gained (£22.22 to £66.67)");
    expect(byName.get("A")?.statement).toMatch(/Cannot be told apart from B/);
    expect(byName.get("D")?.tiedWith).toEqual([]);
  });

  it("never ranks small groups or uncosted interventions, and lists them last", () => {
    expect(byName.get("C")).toMatchObject({ rank: null, impactPer100: null });
    expect(byName.get("C")?.reason).toMatch(/only 3 pupils \(fewer than 5\)/);
    expect(byName.get("E")?.reason).toBe("no cost recorded");
    expect(points?.entries.map((e) => e.intervention)).toEqual(["D", "A", "B", "C", "E", "F"]);
  });

  it("keeps months and points apart, and never ranks a one-pupil group", () => {
    const rankings = rankCostEffectiveness([input("R", 6, 4, 1, 7, 100, "months"), input("S", 1, 9, 9, 9, 50, "months"), input("T", 6, 2, 1, 3, 10)]);
    expect(rankings.map((r) => r.unit)).toEqual(["months", "points"]);
    expect(rankings[0]?.entries.find((e) => e.intervention === "S")?.rank).toBeNull();
    expect(rankings[0]?.entries.find((e) => e.intervention === "S")?.reason).toMatch(/only 1 pupil /);
  });

  it("rejects a bad minimum", () => {
    expect(() => rankCostEffectiveness([], { minPupils: 0 })).toThrow(InvalidArgumentError);
  });
});
