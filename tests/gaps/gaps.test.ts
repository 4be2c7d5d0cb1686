import { describe, expect, it } from "vitest";
import { gapBand } from "../../src/lib/stats/band.js";
import { gapSample, meanGap, meanGapOfSamples, proportionGap, ProportionGap, MeanGap } from "../../src/lib/gaps/in-school-gap.js";
import { NationalGap, nationalGap } from "../../src/lib/stats/national-gap.js";
import { AttainmentGap, attainmentGaps, gapsOf, ks2RwmGaps } from "../../src/lib/gaps/attainment-gaps.js";
import { groupByPoint } from "../../src/lib/cohort/attainment.js";
import { profiledResults } from "../../src/lib/cohort/results.js";
import { NationalComparison, nationalComparisons } from "../../src/lib/gaps/national-comparisons.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { pupil, result, school, spell } from "../cohort/builders.js";
import { smallSchool } from "../cohort/fixture-small.js";

describe("gapBand", () => {
  it("bands by interval and size", () => {
    expect(gapBand(-0.25, -0.4, -0.1)).toBe("well below"); // significant, |gap| ≥ 0.2
    expect(gapBand(-0.1, -0.18, -0.02)).toBe("below"); // significant, small
    expect(gapBand(-0.3, -0.6, 0)).toBe("close to"); // interval touches zero
    expect(gapBand(0.05, 0.01, 0.09)).toBe("above");
    expect(gapBand(0.2, 0.05, 0.35)).toBe("well above"); // 0.2 is large (≥)
    expect(gapBand(9, 1, 17, null)).toBe("above"); // no size threshold: never "well"
    expect(() => gapBand(Number.NaN, 0, 1)).toThrow(InvalidArgumentError);
    expect(() => gapBand(0, 1, -1)).toThrow(/gapBand: lower/);
  });
});

describe("proportionGap", () => {
  it("uses Newcombe's hybrid score interval", () => {
    const g = proportionGap(56, 70, 48, 80);
    expect(ProportionGap.safeParse(g).success).toBe(true);
    // Newcombe (1998) method 10 on 56/70 − 48/80: 0.2000 (0.0524, 0.3339) (Table II); formula in Python
    // with scipy.stats.norm.ppf(0.975): (0.052431, 0.333873)
    expect(g.difference).toBeCloseTo(0.2, 12);
    expect(g.lower).toBeCloseTo(0.052431, 5);
    expect(g.upper).toBeCloseTo(0.333873, 5);
    expect(g.band).toBe("well above"); // significant and 0.2 ≥ 0.2
  });
  it("handles 0/n at small n", () => {
    // 0/4 − 3/5: Python Newcombe formula (−0.882379, 0.013480) → crosses zero
    const g = proportionGap(0, 4, 3, 5);
    expect(g.lower).toBeCloseTo(-0.882379, 5);
    expect(g.upper).toBeCloseTo(0.01348, 5);
    expect(g.band).toBe("close to");
  });
  it("empty side: null figures, no band", () => {
    expect(proportionGap(0, 0, 3, 5)).toMatchObject({ n: 0, rate: null, comparisonRate: 0.6, difference: null, lower: null, band: null });
  });
});

describe("meanGap", () => {
  it("uses Welch's interval", () => {
    const g = meanGap([98, 92, 105], [100, 112], { large: 7.5 });
    expect(MeanGap.safeParse(g).success).toBe(true);
    expect(g.difference).toBeCloseTo(295 / 3 - 106, 10); // −7.6667
    // scipy.stats.ttest_ind([98,92,105],[100,112],equal_var=False).confidence_interval(0.95)
    expect(g.lower).toBeCloseTo(-41.622465, 4);
    expect(g.upper).toBeCloseTo(26.289132, 4);
    expect(g.band).toBe("close to");
  });
  it("one value or no spread: difference without interval", () => {
    expect(meanGap([98], [100, 112])).toMatchObject({ difference: -8, lower: null, band: null });
    expect(meanGap([5, 5], [5, 5])).toMatchObject({ difference: 0, lower: null, band: null });
    expect(meanGap([], [1, 2])).toMatchObject({ n: 0, mean: null, difference: null });
  });
});

describe("meanGapOfSamples", () => {
  it("summarises a sample once: n, mean, variance, spread", () => {
    // [98, 92, 105]: mean 295/3, variance ((98−m)² + (92−m)² + (105−m)²)/2 = 254/6 (by hand)
    const s = gapSample([98, 92, 105]);
    expect(s).toMatchObject({ n: 3, spread: true, finite: true });
    expect(s.mean).toBeCloseTo(295 / 3, 12);
    expect(s.variance).toBeCloseTo(254 / 6, 10);
    expect(gapSample([])).toMatchObject({ n: 0, mean: null, spread: false });
    expect(gapSample([5, 5])).toMatchObject({ n: 2, mean: 5, variance: 0, spread: false });
    expect(gapSample([1, Infinity]).finite).toBe(false);
  });
  it("gives meanGap's figures, with one comparison sample used for several groups", () => {
    const comparison = gapSample([100, 112]);
    const g = meanGapOfSamples(gapSample([98, 92, 105]), comparison, { large: 7.5 });
    // scipy.stats.ttest_ind([98,92,105],[100,112],equal_var=False).confidence_interval(0.95), as in meanGap above
    expect(g.lower).toBeCloseTo(-41.622465, 4);
    expect(g.upper).toBeCloseTo(26.289132, 4);
    expect(meanGapOfSamples(gapSample([98]), comparison)).toMatchObject({ difference: -8, lower: null, band: null });
    expect(() => meanGapOfSamples(gapSample([1, NaN, 3]), comparison)).toThrow(/a\[1\] must be a finite number/);
  });
});

describe("nationalGap", () => {
  it("shifts the school's Wilson interval by the national rate", () => {
    const g = nationalGap(1, 3, { rate: 0.299, year: "autumn 2023/24", source: "DfE" });
    expect(NationalGap.safeParse(g).success).toBe(true);
    // Wilson(1, 3) = (0.061492, 0.792340) (closed form, scipy norm.ppf(0.975)); minus 0.299
    expect(g.difference).toBeCloseTo(1 / 3 - 0.299, 12);
    expect(g.lower).toBeCloseTo(0.061492 - 0.299, 5);
    expect(g.upper).toBeCloseTo(0.79234 - 0.299, 5);
    expect(g.band).toBe("close to");
    expect(nationalGap(0, 0, { rate: 0.3, year: "y", source: "s" })).toMatchObject({ n: 0, rate: null, difference: null, band: null });
  });
  it("is 'well below' when the whole interval is far under", () => {
    // 2/40 vs 0.52: Wilson(2,40) upper ≈ 0.165 → interval entirely below 0, gap −0.47
    expect(nationalGap(2, 40, { rate: 0.52, year: "y", source: "s" }).band).toBe("well below");
  });
});

describe("attainmentGaps", () => {
  // Reading scaled, summer 2025: K p1 98; E p2 92, p3 105; N p4 100, p5 112.
  const data = smallSchool({
    assessments: [
      result("p1", { measure: "scaled", score: 98 }), result("p2", { measure: "scaled", score: 92 }),
      result("p3", { measure: "scaled", score: 105 }), result("p4", { measure: "scaled", score: 100 }),
      result("p5", { measure: "scaled", score: 112 }),
    ],
  });
  const gaps = attainmentGaps(data);
  it("compares K, E and all SEN with no SEN", () => {
    expect(gaps.every((g) => AttainmentGap.safeParse(g).success)).toBe(true);
    expect(gaps.map((g) => g.group)).toEqual(["K", "E", "SEN"]);
    const sen = gaps.find((g) => g.group === "SEN");
    // ≥100: SEN 1/3 (105), N 2/2 → Newcombe (Python formula): −0.666667 (−0.938508, 0.135300)
    expect(sen?.expected?.difference).toBeCloseTo(-2 / 3, 10);
    expect(sen?.expected?.lower).toBeCloseTo(-0.938508, 5);
    expect(sen?.expected?.upper).toBeCloseTo(0.1353, 5);
    expect(sen?.expected?.band).toBe("close to");
    expect(sen?.mean?.lower).toBeCloseTo(-41.622465, 4); // Welch, as in meanGap above
    expect(gaps.find((g) => g.group === "K")?.mean).toMatchObject({ n: 1, difference: -8, lower: null });
  });
  it("KS2 RWM gaps", () => {
    const y6 = { yearGroup: 6, yearGroupAcademicYear: "2024/25" };
    const k = (id: string, r: number, w: string, m: number) => [
      result(id, { measure: "scaled", score: r }),
      result(id, { subject: "writing", measure: "teacherAssessment", score: null, grade: w }),
      result(id, { subject: "maths", measure: "scaled", score: m }),
    ];
    const d = school({
      pupils: [pupil("a", y6), pupil("b", y6), pupil("c", y6)],
      senRegister: [spell("c", "K")],
      assessments: [...k("a", 100, "EXS", 100), ...k("b", 100, "WTS", 100), ...k("c", 101, "EXS", 99)],
    });
    const sen = ks2RwmGaps(d, "2024/25").find((g) => g.group === "SEN");
    expect(sen?.gap).toMatchObject({ n: 1, count: 0, comparisonN: 2, comparisonCount: 1, difference: -0.5 }); // 0/1 − 1/2
    expect(ks2RwmGaps(d, "2024/25").find((g) => g.group === "E")?.gap).toMatchObject({ n: 0, difference: null });
  });
});

describe("nationalComparisons", () => {
  const y1 = { yearGroup: 1, yearGroupAcademicYear: "2024/25" };
  const ph = (id: string, score: number) => result(id, { subject: "phonics", measure: "phonicsMark", score });
  const d = school({
    pupils: [pupil("q1", y1), pupil("q2", y1), pupil("q3", y1)],
    senRegister: [spell("q2", "K"), spell("q3", "K")],
    assessments: [ph("q1", 35), ph("q2", 30), ph("q3", 32)], // met: q1, q3 (32 is the threshold)
  });
  const c = nationalComparisons(d, "2024/25");
  const find = (m: string, g: string) => c.find((x) => x.measure === m && x.group === g);
  it("phonics and SEN share against national; missing measures left out", () => {
    expect(c.every((x) => NationalComparison.safeParse(x).success)).toBe(true);
    expect(find("phonicsMet", "K")?.gap).toMatchObject({ n: 2, count: 1, rate: 0.5, nationalRate: 0.52 });
    expect(find("phonicsMet", "K")?.gap.difference).toBeCloseTo(-0.02, 12); // 1/2 − 0.52
    expect(find("phonicsMet", "N")?.gap.difference).toBeCloseTo(1 - 0.88, 12);
    expect(find("phonicsMet", "all")?.gap.difference).toBeCloseTo(2 / 3 - 0.8, 12);
    expect(find("phonicsMet", "E")?.gap).toMatchObject({ n: 0, rate: null, band: null });
    // On roll 16 Jan 2025, a primary school: against state-funded primary schools' SEN support share of
    // January 2023 (13.5%), the latest primary figure shipped on or before that date.
    expect(find("senShare", "K")?.gap.difference).toBeCloseTo(2 / 3 - 0.135, 12);
    expect(find("senShare", "K")?.gap.nationalLabel).toBe("state-funded primary schools in England, January 2023");
    expect(c.some((x) => x.measure === "ks2Rwm" || x.measure === "persistentAbsence")).toBe(false);
  });
});

describe("attainmentGaps from each point's values by SEN status", () => {
  it("equals gapsOf of each point's rows (the path taken by year group, or when a status is not N, K or E)", () => {
    const data = smallSchool({
      assessments: [
        result("p1", { measure: "scaled", score: 98 }), result("p2", { measure: "scaled", score: 92 }),
        result("p3", { measure: "scaled", score: 105 }), result("p4", { measure: "scaled", score: 100 }),
        result("p5", { measure: "scaled", score: 112 }), result("p4", { measure: "scaled", score: 96, academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" }),
        result("p1", { measure: "scaled", score: 91, academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" }), result("p5", { measure: "scaled", score: 108, academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" }),
      ],
    });
    for (const byYearGroup of [false, true]) {
      const gaps = attainmentGaps(data, { byYearGroup });
      const fromRows = [...groupByPoint(profiledResults(data), byYearGroup).values()].flatMap((rows) =>
        gapsOf(rows, rows[0]!.measure).map((g) => ({ point: rows[0]!.point, yearGroup: byYearGroup ? rows[0]!.profile.yearGroup : null, ...g })));
      expect(gaps.length).toBe(6); // two points × K, E, SEN
      expect(gaps.map((g) => ({ point: g.point, yearGroup: g.yearGroup, group: g.group, expected: g.expected, higher: g.higher, mean: g.mean }))).toEqual(fromRows);
    }
  });
});
