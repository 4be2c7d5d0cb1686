import { describe, expect, it } from "vitest";
import { Progress, progress } from "../../src/lib/cohort/progress.js";
import { BelowCurriculumProgress, belowCurriculumProgress } from "../../src/lib/cohort/below-curriculum.js";
import { prepareAnalysis } from "../../src/lib/cohort/context.js";
import { readProfiledResults, shareProfiledResults } from "../../src/lib/cohort/results.js";
import { containsNaN, result } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

const autumn = { point: "2024/25 autumn", term: "autumn" as const, date: "2024-12-13" };
const summer = { point: "2024/25 summer", term: "summer" as const, date: "2025-07-01" };
const ra = (id: string, score: number, when: { point: string; term: "autumn" | "summer" }, date: string) =>
  result(id, { measure: "readingAge", score, ...when, date });

const data = smallSchool({
  assessments: [
    // Standardised reading: p1 90→95 (+5), p2 100→93 (−7), p3 88→88 (0), p4 summer only (left out).
    result("p1", { score: 90, ...autumn }), result("p1", { score: 95, ...summer }),
    result("p2", { score: 100, ...autumn }), result("p2", { score: 93, ...summer }),
    result("p3", { score: 88, ...autumn }), result("p3", { score: 88, ...summer }),
    result("p4", { score: 101, ...summer }),
    // Reading ages over exactly 6 months (15 Sep → 15 Mar): p1 100→110 (ratio 10/6), p5 120→123 (0.5), p3 96→97 (1/6).
    ra("p1", 100, autumn, "2024-09-15"), ra("p1", 110, summer, "2025-03-15"),
    ra("p5", 120, autumn, "2024-09-15"), ra("p5", 123, summer, "2025-03-15"),
    ra("p3", 96, autumn, "2024-09-15"), ra("p3", 97, summer, "2025-03-15"),
  ],
});

describe("progress", () => {
  const p = progress(data, { from: "2024/25 autumn", to: "2024/25 summer" });
  const cell = (measure: string, dimension: string, group: string) =>
    p.cells.find((c) => c.measure === measure && c.dimension === dimension && c.group === group);
  it("matches the schema", () => {
    expect(Progress.safeParse(p).success).toBe(true);
    expect(containsNaN(p)).toBe(false);
  });
  it("standardised change: +5, −7, 0", () => {
    const all = cell("standardised", "senStatus", "all");
    // mean −2/3; scipy.stats.t.interval(0.95, 2, loc=-2/3, scale=sem([5,-7,0])) = (−15.640338, 14.307004)
    expect(all).toMatchObject({ n: 3, count: 2, betterCount: 1 }); // ≥0: +5, 0; ≥+5: +5
    expect(all?.mean).toBeCloseTo(-2 / 3, 10);
    expect(all?.meanLower).toBeCloseTo(-15.640338, 5);
    expect(all?.meanUpper).toBeCloseTo(14.307004, 5);
    // p2 is E on the summer date (E from 1 Feb 2025): E = p2 (−7), p3 (0)
    expect(cell("standardised", "senStatus", "E")).toMatchObject({ n: 2, mean: -3.5, count: 1, betterCount: 0 });
    expect(cell("standardised", "senStatus", "N")).toMatchObject({ n: 0, count: 0, mean: null, rate: null });
  });
  it("reading-age ratio gain: 10/6, 3/6, 1/6", () => {
    const all = cell("readingAge", "senStatus", "all");
    expect(all).toMatchObject({ n: 3, count: 1, betterCount: 0 }); // ≥1: 1.667 only; ≥2: none
    expect(all?.mean).toBeCloseTo((10 / 6 + 0.5 + 1 / 6) / 3, 10); // 0.777778
    expect(all?.meanLower).toBeCloseTo(-1.178818, 5); // scipy.stats.t.interval(0.95, 2, loc=mean, scale=sem(ratios))
  });
  it("lists stalled pupils", () => {
    // p2: −7 ≤ −5; p3: ratio 1/6 < 0.5. p5's ratio of exactly 0.5 is not stalled.
    expect(p.stalled.pupilLevel).toBe(true);
    expect(p.stalled.rows.map((r) => [r.pupilId, r.measure])).toEqual([["p2", "standardised"], ["p3", "readingAge"]]);
    expect(p.stalled.rows[1]?.ratio).toBeCloseTo(1 / 6, 10);
  });
  it("words each stalled pupil's reason from its own value and measure (values shared across pupils and measures)", () => {
    // p1, p2: standardised −7 each; p3: reading age 120 → 78 over 6 months, ratio −42/6 = −7 (the same value,
    // another measure); p4: 100 → 102, ratio 2/6 = 0.33. Texts as `PROGRESS_THRESHOLDS`' documentation words them.
    const d = smallSchool({
      assessments: [
        result("p1", { score: 100, ...autumn }), result("p1", { score: 93, ...summer }),
        result("p2", { score: 90, ...autumn }), result("p2", { score: 83, ...summer }),
        ra("p3", 120, autumn, "2024-09-15"), ra("p3", 78, summer, "2025-03-15"),
        ra("p4", 100, autumn, "2024-09-15"), ra("p4", 102, summer, "2025-03-15"),
      ],
    });
    const rows = progress(d, { from: "2024/25 autumn", to: "2024/25 summer" }).stalled.rows;
    expect(rows.map((r) => [r.pupilId, r.reason])).toEqual([
      ["p1", "standardised score fell by 7 (≤ −5)"],
      ["p2", "standardised score fell by 7 (≤ −5)"],
      ["p3", "ratio gain -7.00 (below 0.5: under half a month gained per month)"],
      ["p4", "ratio gain 0.33 (below 0.5: under half a month gained per month)"],
    ]);
  });
  it("gives the same figures from a share of a school's profiled results (pupils numbered by the share)", () => {
    const whole = prepareAnalysis(data);
    const part = prepareAnalysis(data);
    readProfiledResults(whole);
    expect(shareProfiledResults(whole, new Map([["all", part]]), () => "all")).toBe(true);
    expect(progress(part, { from: "2024/25 autumn", to: "2024/25 summer" })).toEqual(p);
  });
  it("rejects the same point twice", () => {
    expect(() => progress(data, { from: "x", to: "x" })).toThrow(/progress: from and to/);
  });
});

describe("belowCurriculumProgress", () => {
  const s23 = { academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" };
  const ta = (id: string, grade: string, when: object) =>
    result(id, { subject: "writing", measure: "teacherAssessment", score: null, grade, ...when });
  const d = smallSchool({
    assessments: [
      ta("p2", "PK2", s23), ta("p2", "PK4", {}), // +2
      ta("p3", "EM", s23), ta("p3", "PK1", {}), // +1
      ta("p1", "WTS", s23), ta("p1", "EXS", {}), // not below the curriculum: left out
      ta("p4", "PK6", s23), ta("p4", "PK6", {}), // 0
    ],
  });
  const b = belowCurriculumProgress(d, { fromYear: "2023/24", toYear: "2024/25" });
  it("counts steps moved", () => {
    expect(BelowCurriculumProgress.safeParse(b).success).toBe(true);
    const all = b.cells.find((c) => c.isTotal);
    expect(all).toMatchObject({ n: 3, mean: 1, count: 2 }); // steps 2, 1, 0
    expect(all?.meanLower).toBeCloseTo(-1.484138, 5); // scipy.stats.t.interval(0.95, 2, loc=1, scale=sem([2,1,0]))
    const e = b.cells.find((c) => c.group === "E"); // p2, p3 are E on 2025-07-01
    expect(e).toMatchObject({ n: 2, mean: 1.5, count: 2 });
    expect(e?.meanUpper).toBeCloseTo(7.853102, 5); // scipy.stats.t.interval(0.95, 1, loc=1.5, scale=sem([2,1]))
    expect(b.pupils.rows.find((r) => r.pupilId === "p2")).toMatchObject({ fromGrade: "PK2", toGrade: "PK4", steps: 2 });
  });
  it("gives the same result from a share of the profiled results (pupils numbered by the share, not the whole)", () => {
    const whole = prepareAnalysis(d);
    const part = prepareAnalysis(d);
    readProfiledResults(whole);
    expect(shareProfiledResults(whole, new Map([["all", part]]), () => "all")).toBe(true);
    expect(belowCurriculumProgress(part, { fromYear: "2023/24", toYear: "2024/25" })).toEqual(b);
  });
  it("pairs each pupil's subjects separately, with the last start of a subject", () => {
    // p2 starts maths at PK1 and writing at PK2, then (a later summer result in 2023/24) writing at PK3:
    // writing moves PK3 → PK4 (+1), maths PK1 → PK5 (+4). Ranks from TEACHER_ASSESSMENT_RANK (PK1…PK6 consecutive).
    const math = (grade: string, when: object) =>
      result("p2", { subject: "maths", measure: "teacherAssessment", score: null, grade, ...when });
    const two = smallSchool({
      assessments: [
        math("PK1", s23), ta("p2", "PK2", s23), ta("p2", "PK3", { ...s23, date: "2024-07-10" }),
        ta("p2", "PK4", {}), math("PK5", {}),
      ],
    });
    const rows = belowCurriculumProgress(two, { fromYear: "2023/24", toYear: "2024/25" }).pupils.rows;
    expect(rows.map((r) => [r.subject, r.fromGrade, r.toGrade, r.steps])).toEqual([["writing", "PK3", "PK4", 1], ["maths", "PK1", "PK5", 4]]);
  });
});
