import { describe, expect, it } from "vitest";
import { findComparison, inferSubject } from "../../src/lib/interventions/comparison.js";
import { academicYearStartOf } from "../../src/lib/cohort/dates.js";
import { yearGroupIn } from "../../src/lib/cohort/pupil-facts.js";
import { placementOutcome } from "../../src/lib/interventions/outcomes.js";
import { assess, pupil, rec } from "./build.js";

const AUT = ["2024/25 autumn", "2024-12-02"] as const;
const SPR = ["2024/25 spring", "2025-03-17"] as const;
const SUM = ["2023/24 summer", "2024-06-24"] as const;

// group g1, g2 and candidates c1…c9 (year 3 in 2024/25 unless said): [autumn, spring] maths scores
const scores: Record<string, [number, number]> = {
  g1: [80, 88], g2: [90, 95], c1: [79, 82], c2: [81, 81], c3: [85, 89], c4: [92, 93], c5: [70, 75], c6: [100, 99],
  c7: [80, 90], c8: [80, 90], c9: [80, 90],
};
const pupils = new Map(Object.keys(scores).map((id) => [id, pupil({
  pupilId: id, yearGroup: id === "c7" ? 4 : 3, leavingDate: id === "c9" ? "2025-02-01" : null,
})]));
const assessments = Object.entries(scores).flatMap(([id, [a, s]]) => [
  assess(id, SUM[0], SUM[1], a), assess(id, AUT[0], AUT[1], a), assess(id, SPR[0], SPR[1], s),
]);
const run = [
  rec({ pupilId: "g1", intervention: "Maths", startDate: "2025-01-06", endDate: "2025-03-10", entryScore: 78 }),
  rec({ pupilId: "g2", intervention: "Maths", startDate: "2025-01-06", endDate: "2025-03-10", entryScore: 91 }),
];
const other = rec({ pupilId: "c8", intervention: "Other maths", startDate: "2025-02-01", endDate: "2025-05-01" });
const outcomes = run.map((r) => placementOutcome(r, pupils.get(r.pupilId), "2025-03-10", "2025-07-01"));

describe("findComparison", () => {
  const found = findComparison(outcomes, "maths", "standardised", "2025-01-06", "2025-03-10",
    { assessments, pupils, excluded: [...run, other] }, { asOf: "2025-07-01", perPupil: 2 });

  it("uses the last point before the start and the first after the end", () => {
    expect(found?.startPoint).toBe("2024/25 autumn");
    expect(found?.endPoint).toBe("2024/25 spring");
  });

  it("matches each pupil to the nearest same-year pupils on the start-point score, leaving out busy pupils and leavers", () => {
    // g1 (80): c1 (79) and c2 (81), distance 1 each (c7 is year 4, c8 is in another maths intervention,
    // c9 left before the end point); g2 (90): c4 (92, distance 2) and c3 (85, distance 5)
    expect(found?.pupils.map((p) => p.pupilId)).toEqual(["c1", "c2", "c3", "c4"]);
    expect(found?.pupils.map((p) => p.value)).toEqual([3, 0, 4, 1]); // spring − autumn
    // 2024-12-02 → 2025-03-17 is 3 calendar months (→ 2 Mar) and 15 days: 3 + 15 / 30.4375 = 3.492813 months
    expect(found?.pupils[0]?.monthsElapsed).toBeCloseTo(3.492813, 5);
  });

  it("measures the group the same way", () => {
    expect(found?.group.map((p) => [p.pupilId, p.value])).toEqual([["g1", 8], ["g2", 5]]);
  });

  it("matches the same way when scores are not whole numbers", () => {
    // Every score halved: distances halve, so the same pupils are nearest; values are the halved changes.
    const halved = assessments.map((a) => ({ ...a, score: (a.score as number) / 2 }));
    const runHalved = run.map((r) => ({ ...r, entryScore: (r.entryScore as number) / 2 }));
    const outcomesHalved = runHalved.map((r) => placementOutcome(r, pupils.get(r.pupilId), "2025-03-10", "2025-07-01"));
    const half = findComparison(outcomesHalved, "maths", "standardised", "2025-01-06", "2025-03-10",
      { assessments: halved, pupils, excluded: [...runHalved, other] }, { asOf: "2025-07-01", perPupil: 2 });
    expect(half?.pupils.map((p) => p.pupilId)).toEqual(["c1", "c2", "c3", "c4"]);
    expect(half?.pupils.map((p) => p.value)).toEqual([1.5, 0, 2, 0.5]); // (spring − autumn) / 2
  });

  it("finds nothing when the run lies within one gap between points", () => {
    const none = findComparison(outcomes, "maths", "standardised", "2025-01-06", "2025-01-20",
      { assessments: assessments.filter((a) => a.point !== SPR[0] && a.point !== SUM[0]), pupils, excluded: run },
      { asOf: "2025-07-01" });
    expect(none).toBeNull();
  });
});

describe("inferSubject and year groups", () => {
  it("reads reading ages as reading, and otherwise picks the subject whose scores match the entry scores", () => {
    expect(inferSubject([rec({ pupilId: "g1", measure: "readingAge" })], [])).toBe("reading");
    const reading = Object.keys(scores).map((id) => assess(id, AUT[0], AUT[1], 100, { subject: "reading" }));
    // g1 entered at 78 and g2 at 91: maths scores 80/90 (mean |diff| 1.5) beat reading 100/100 (15.5)
    expect(inferSubject(run, [...assessments, ...reading])).toBe("maths");
    expect(inferSubject(run, [])).toBeNull();
  });
  it("offsets year groups by academic year, with the one dates module's helpers", () => {
    expect(academicYearStartOf("2025-03-10")).toBe(2024);
    expect(academicYearStartOf("2025-09-01")).toBe(2025);
    expect(yearGroupIn(pupil({ pupilId: "x", yearGroup: 4, yearGroupAcademicYear: "2025/26" }), "2023/24")).toBe(2);
  });
});
