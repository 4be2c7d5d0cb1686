import { describe, expect, it } from "vitest";
import { GapTrend, attainmentGapTrend, gapTrend } from "../../src/lib/gaps/trend.js";
import { result } from "../cohort/builders.js";
import { smallSchool } from "../cohort/fixture-small.js";

const pt = (academicYear: string, difference: number, lower: number, upper: number) =>
  ({ academicYear, n: 10, comparisonN: 40, difference, lower, upper });

describe("gapTrend", () => {
  it("closing: nearer zero, slope towards zero, intervals apart", () => {
    const t = gapTrend([pt("2024/25", -0.1, -0.25, 0.05), pt("2022/23", -0.5, -0.7, -0.3), pt("2023/24", -0.3, -0.5, -0.1)]);
    expect(GapTrend.safeParse(t).success).toBe(true);
    expect(t.points.map((p) => p.academicYear)).toEqual(["2022/23", "2023/24", "2024/25"]);
    expect(t.slopePerYear).toBeCloseTo(0.2, 12); // −0.5, −0.3, −0.1 over three years: +0.2 a year
    expect(t.direction).toBe("closing");
    expect(t.verdict).toMatch(/−50\.0 percentage points in 2022\/23 and −10\.0 percentage points in 2024\/25/);
  });
  it("no clear change when the intervals overlap, however the point estimates move", () => {
    const t = gapTrend([pt("2022/23", -0.4, -0.6, -0.15), pt("2024/25", -0.3, -0.5, -0.05)]);
    expect(t.direction).toBe("no clear change");
    expect(t.verdict).toMatch(/could be chance/);
  });
  it("widening", () => {
    expect(gapTrend([pt("2022/23", -0.1, -0.2, 0), pt("2023/24", -0.5, -0.7, -0.3)]).direction).toBe("widening");
  });
  it("mixed: ends nearer zero but the slope points the other way", () => {
    // −0.5, −0.1, −0.9, −0.3 over 2021–2024: least-squares slope −0.02 (cov −0.1 / var 5)
    const t = gapTrend([pt("2021/22", -0.5, -0.6, -0.4), pt("2022/23", -0.1, -0.2, 0), pt("2023/24", -0.9, -1, -0.8), pt("2024/25", -0.3, -0.35, -0.25)]);
    expect(t.slopePerYear).toBeCloseTo(-0.02, 12);
    expect(t.direction).toBe("no clear change");
  });
  it("not enough data with one usable year", () => {
    const t = gapTrend([pt("2024/25", -0.1, -0.2, 0), { academicYear: "2023/24", n: 0, comparisonN: 5, difference: null, lower: null, upper: null }]);
    expect(t).toMatchObject({ direction: "not enough data", slopePerYear: null });
    expect(t.points).toHaveLength(2);
  });
});

describe("attainmentGapTrend", () => {
  it("computes the gap per academic year from the data", () => {
    // 2023/24 summer (dated 2024-07-01): p1 K 80, p3 E 85, p4 N 100, p5 N 104 → SEN mean gap 82.5 − 102 = −19.5
    // 2024/25 summer (dated 2025-07-01): p1 K 95, p3 E 99, p4 N 101, p5 N 103 → SEN mean gap 97 − 102 = −5
    const y23 = { academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" };
    const data = smallSchool({
      assessments: [
        result("p1", { score: 80, ...y23 }), result("p3", { score: 85, ...y23 }), result("p4", { score: 100, ...y23 }), result("p5", { score: 104, ...y23 }),
        result("p1", { score: 95 }), result("p3", { score: 99 }), result("p4", { score: 101 }), result("p5", { score: 103 }),
      ],
    });
    const t = attainmentGapTrend(data, { subject: "reading", measure: "standardised", term: "summer", group: "SEN", figure: "mean" });
    expect(t.unit).toBe("points");
    expect(t.points.map((p) => p.difference)).toEqual([-19.5, -5]);
    expect(t.slopePerYear).toBeCloseTo(14.5, 12);
  });
});
