import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import type { ComparisonPupil } from "../../src/lib/interventions/comparison.js";
import { summariseImpact, verdictOf } from "../../src/lib/interventions/impact.js";
import { placementOutcome } from "../../src/lib/interventions/outcomes.js";
import type { InterventionRecord } from "../../src/lib/schema/records.js";
import { pupil, rec } from "./build.js";

const out = (r: InterventionRecord, dob: string | null = "2016-09-16") =>
  placementOutcome(r, pupil({ pupilId: r.pupilId, dateOfBirth: dob }), r.endDate, "2025-07-01");
const cp = (pupilId: string, entryScore: number, exitScore: number, monthsElapsed = 3): ComparisonPupil => ({
  pupilId, entryScore, exitScore, monthsElapsed, value: exitScore - entryScore,
});

describe("summariseImpact: raw progress and ratio gain", () => {
  it("gives Brooks's group ratio gain and band for reading ages", () => {
    const outcomes = [
      rec({ pupilId: "a", measure: "readingAge", entryScore: 80, exitScore: 89 }),
      rec({ pupilId: "b", measure: "readingAge", entryScore: 90, exitScore: 97 }),
    ].map((r) => out(r));
    const impact = summariseImpact(outcomes, null, "reading");
    expect(impact.unit).toBe("months");
    expect(impact.raw.mean).toBe(8); // gains 9 and 7
    // 2 calendar months (16 Sep → 16 Nov) and 27 days (→ 13 Dec): 2 + 27 / 30.4375 = 2.887064 months; 8 / 2.887064 = 2.770982
    expect(impact.raw.monthsElapsed).toBeCloseTo(2.887064, 5);
    expect(impact.raw.ratioGain).toBeCloseTo(2.770982, 5);
    expect(impact.raw.band).toBe("useful");
    // scipy.stats.t.interval(0.95, 1, loc=8, scale=scipy.stats.sem([9, 7])) = (-4.706205, 20.706205); ÷ 2.887064
    expect(impact.raw.lower).toBeCloseTo(-4.706205, 5);
    expect(impact.raw.ratioGainLower).toBeCloseTo(-1.630101, 5);
    expect(impact.raw.ratioGainUpper).toBeCloseTo(7.172064, 5);
  });

  it("ignores missing exit scores and zero elapsed time, and is n: 0 with nulls when nothing is left", () => {
    const outcomes = [
      rec({ pupilId: "a", exitScore: null }),
      rec({ pupilId: "b", entryDate: "2024-12-13" }),
    ].map((r) => out(r));
    const impact = summariseImpact(outcomes, null, "maths");
    expect(impact.n).toBe(0);
    expect(impact.raw).toMatchObject({ n: 0, mean: null, lower: null, upper: null, ratioGain: null, band: null });
    expect(impact.verdict).toBe("too-few");
  });

  it("reports a one-pupil group without an interval and as too few", () => {
    const impact = summariseImpact([out(rec({ pupilId: "a", entryScore: 80, exitScore: 86 }))], null, "maths");
    expect(impact.n).toBe(1);
    expect(impact.raw.mean).toBe(6);
    expect(impact.raw.lower).toBeNull();
    expect(impact.verdict).toBe("too-few");
  });

  it("rejects placements that mix measures", () => {
    const mixed = [out(rec({ pupilId: "a" })), out(rec({ pupilId: "b", measure: "readingAge" }))];
    expect(() => summariseImpact(mixed, null, null)).toThrow(InvalidArgumentError);
  });
});

describe("summariseImpact: comparison (difference in differences)", () => {
  const outcomes = ["a", "b", "c", "d"].map((id) => out(rec({ pupilId: id })));
  const found = {
    startPoint: "2024/25 autumn", endPoint: "2024/25 spring",
    // the group's own termly gains 6, 8, 3, 7
    group: [cp("a", 80, 86), cp("b", 78, 86), cp("c", 82, 85), cp("d", 79, 86)],
    // matched comparison pupils' gains 2, 1, 3, 0, 4
    pupils: [cp("x1", 80, 82), cp("x2", 79, 80), cp("x3", 81, 84), cp("x4", 83, 83), cp("x5", 77, 81)],
  };
  const impact = summariseImpact(outcomes, found, "maths");

  it("nets off what similar pupils made, with Welch's interval", () => {
    expect(impact.comparison).toMatchObject({ n: 5, basis: "termly", groupN: 4, mean: 2, groupMean: 6 });
    // scipy.stats.ttest_ind([6,8,3,7], [2,1,3,0,4], equal_var=False).confidence_interval() = (0.750865, 7.249135)
    expect(impact.net.method).toBe("comparison");
    expect(impact.net.mean).toBeCloseTo(4, 12);
    expect(impact.net.lower).toBeCloseTo(0.750865, 5);
    expect(impact.net.upper).toBeCloseTo(7.249135, 5);
    expect(impact.verdict).toBe("clear-impact");
  });

  it("estimates regression to the mean from the comparison pupils", () => {
    expect(impact.regressionToMean.method).toBe("comparison");
    expect(impact.regressionToMean.mean).toBeCloseTo(2, 12); // their mean gain, typical progress being 0 points
  });

  it("gives Hedges' g of the gains with its interval and EEF months", () => {
    // numpy by the formula: d = 4 / s_pooled (s_pooled² = (3·4.6667 + 4·2.5)/7), g = d(1 − 3/(4·9 − 9)),
    // SE = √(9/20 + g²/18): g = 1.920219, interval (0.334166, 3.506273)
    expect(impact.effectSize?.g).toBeCloseTo(1.920219, 5);
    expect(impact.effectSize?.lower).toBeCloseTo(0.334166, 5);
    expect(impact.effectSize?.upper).toBeCloseTo(3.506273, 5);
    expect(impact.effectSize?.eefMonths).toBe(12); // 0.96 and above → 12
    expect(impact.effectSize?.eefMonthsLower).toBe(4); // 0.33 lies in 0.27–0.35 → 4
  });
});

describe("summariseImpact: regression to the mean from reliability", () => {
  it("nets off typical progress and (1 − r)(100 − entry)", () => {
    const outcomes = [[80, 86], [85, 88], [90, 91]].map(([e, x], i) => out(rec({ pupilId: `p${i}`, entryScore: e, exitScore: x })));
    const impact = summariseImpact(outcomes, null, "maths");
    // expected rises 0.1 × (20, 15, 10) = 2, 1.5, 1; nets 6 − 2 = 4, 3 − 1.5 = 1.5, 1 − 1 = 0
    expect(impact.regressionToMean).toMatchObject({ method: "reliability", reliability: 0.9 });
    expect(impact.regressionToMean.mean).toBeCloseTo(1.5, 12);
    expect(impact.net.mean).toBeCloseTo(1.833333, 5);
    // scipy.stats.t.interval(0.95, 2, loc=1.833333, scale=scipy.stats.sem([4, 1.5, 0])) = (-3.186428, 6.853095)
    expect(impact.net.lower).toBeCloseTo(-3.186428, 5);
    expect(impact.net.upper).toBeCloseTo(6.853095, 5);
    expect(impact.verdict).toBe("no-clear-evidence");
    expect(impact.effectSize).toBeNull();
  });

  it("uses chronological age as the population mean for reading ages, and a reliability option", () => {
    // born 2016-09-16, entry 2024-09-16: age 96 months; reading ages 84 and 90; gains 10 and 8 in 2.887064 months
    const outcomes = [[84, 94], [90, 98]].map(([e, x], i) =>
      out(rec({ pupilId: `p${i}`, measure: "readingAge", entryScore: e, exitScore: x })));
    const impact = summariseImpact(outcomes, null, "reading", { reliability: { readingAge: 0.8 } });
    // rises 0.2 × (96 − 84) = 2.4 and 0.2 × (96 − 90) = 1.2; nets 10 − 2.887064 − 2.4 = 4.712936 and
    // 8 − 2.887064 − 1.2 = 3.912936; mean 4.312936
    expect(impact.regressionToMean.mean).toBeCloseTo(1.8, 10);
    expect(impact.net.mean).toBeCloseTo(4.312936, 5);
    expect(impact.net.perMonth).toBeCloseTo(4.312936 / 2.887064, 5);
  });

  it("states no method when neither a comparison nor a reliability applies", () => {
    const outcomes = [out(rec({ pupilId: "a", measure: "rawScore" })), out(rec({ pupilId: "b", measure: "rawScore" }))];
    const impact = summariseImpact(outcomes, null, null);
    expect(impact.net.method).toBe("none");
    expect(impact.verdict).toBe("not-measured");
  });
});

describe("verdictOf", () => {
  const net = { n: 8, method: "comparison" as const, unit: "points" as const, perMonth: null };
  it("only claims impact when the whole interval is above zero", () => {
    expect(verdictOf({ ...net, mean: 3, lower: 0.1, upper: 6 })).toBe("clear-impact");
    expect(verdictOf({ ...net, mean: 3, lower: -0.1, upper: 6 })).toBe("no-clear-evidence");
    expect(verdictOf({ ...net, mean: -3, lower: -6, upper: -0.1 })).toBe("clear-decline");
    expect(verdictOf({ ...net, mean: 3, lower: null, upper: null })).toBe("no-clear-evidence");
    expect(verdictOf({ ...net, n: 1, mean: 3, lower: null, upper: null })).toBe("too-few");
  });
});
