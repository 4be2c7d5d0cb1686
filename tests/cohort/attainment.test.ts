import { describe, expect, it } from "vitest";
import { AttainmentCell, attainment, groupByPoint, valuesByPoint } from "../../src/lib/cohort/attainment.js";
import { type ProfiledResult, profiledResults } from "../../src/lib/cohort/results.js";
import { RwmCell, ks2Rwm } from "../../src/lib/cohort/ks2-rwm.js";
import { containsNaN, pupil, result, school, spell } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

// Reading scaled scores, 2024/25 summer, dated 2025-07-01 (p2 is E by then: the E spell began 2025-02-01).
// p1 K 98, p2 E 92, p3 E 105, p4 N 100 (an earlier 80 on 2025-06-01 is superseded), p5 N 112.
const data = smallSchool({
  assessments: [
    result("p1", { measure: "scaled", score: 98 }),
    result("p2", { measure: "scaled", score: 92 }),
    result("p3", { measure: "scaled", score: 105 }),
    result("p4", { measure: "scaled", score: 80, date: "2025-06-01" }),
    result("p4", { measure: "scaled", score: 100 }),
    result("p5", { measure: "scaled", score: 112 }),
    result("p1", { subject: "writing", measure: "teacherAssessment", score: null, grade: "WTS" }),
    result("p2", { subject: "writing", measure: "teacherAssessment", score: null, grade: "PK4" }),
    result("p3", { subject: "writing", measure: "teacherAssessment", score: null, grade: "EXS" }),
    result("p4", { subject: "writing", measure: "teacherAssessment", score: null, grade: "GDS" }),
    result("p5", { subject: "writing", measure: "teacherAssessment", score: null, grade: "A" }),
  ],
});

const find = (cells: AttainmentCell[], measure: string, dimension: string, group: string) =>
  cells.find((c) => c.measure === measure && c.dimension === dimension && c.group === group);

describe("attainment", () => {
  const cells = attainment(data);
  it("matches the schema and never holds NaN", () => {
    expect(cells.every((c) => AttainmentCell.safeParse(c).success)).toBe(true);
    expect(containsNaN(cells)).toBe(false);
  });
  it("total: scaled scores 98, 92, 105, 100, 112", () => {
    const all = find(cells, "scaled", "senStatus", "all");
    // ≥100: 105, 100, 112 → 3/5; ≥110: 112 → 1/5; mean 507/5 = 101.4
    expect(all).toMatchObject({ isTotal: true, n: 5, count: 3, rate: 0.6, higherCount: 1, higherRate: 0.2 });
    expect(all?.lower).toBeCloseTo(0.230724, 5); // Wilson(3, 5), closed form with norm.ppf(0.975)
    expect(all?.upper).toBeCloseTo(0.882379, 5);
    expect(all?.mean).toBeCloseTo(101.4, 10);
    expect(all?.meanLower).toBeCloseTo(92.042103, 5); // scipy.stats.t.interval(0.95, 4, loc=101.4, scale=sem)
    expect(all?.meanUpper).toBeCloseTo(110.757897, 5);
  });
  it("splits by SEN status on the result's date", () => {
    expect(find(cells, "scaled", "senStatus", "K")).toMatchObject({ n: 1, count: 0, rate: 0, mean: 98, meanLower: null }); // p1
    const e = find(cells, "scaled", "senStatus", "E"); // p2 92, p3 105
    expect(e).toMatchObject({ n: 2, count: 1, rate: 0.5, mean: 98.5 });
    expect(e?.meanLower).toBeCloseTo(15.909669, 5); // scipy.stats.t.interval(0.95, 1, loc=98.5, scale=sem([92,105]))
    expect(find(cells, "scaled", "senStatus", "N")).toMatchObject({ n: 2, count: 2, rate: 1 }); // 100, 112
    expect(find(cells, "scaled", "senAny", "SEN")).toMatchObject({ n: 3, count: 1 }); // 98, 92, 105
  });
  it("teacher assessment: EXS+ and GDS, A left out, no mean", () => {
    // WTS, PK4, EXS, GDS ranked (A is absent, no rank): n 4; EXS+ 2; GDS 1.
    expect(find(cells, "teacherAssessment", "senStatus", "all")).toMatchObject({ n: 4, count: 2, higherCount: 1, mean: null });
  });
  it("empty groups are n 0 with null figures", () => {
    const onlyN = attainment(smallSchool({ assessments: [result("p4", { measure: "scaled", score: 101 })] }));
    expect(find(onlyN, "scaled", "senStatus", "E")).toMatchObject({
      n: 0, count: 0, rate: null, lower: null, upper: null, higherCount: 0, higherRate: null, mean: null, meanLower: null,
    });
  });
  it("partitions: siblings share one partition with one total", () => {
    const part = cells.filter((c) => c.measure === "scaled" && c.dimension === "senStatus");
    expect(new Set(part.map((c) => c.partition)).size).toBe(1);
    expect(part.filter((c) => c.isTotal)).toHaveLength(1);
    expect(part.filter((c) => !c.isTotal).reduce((s, c) => s + c.n, 0)).toBe(5); // N + K + E = total
  });
  it("splits by year group when asked", () => {
    const y = attainment(data, { byYearGroup: true, measures: ["scaled"], dimensions: ["all"] });
    expect(y).toHaveLength(1);
    expect(y[0]).toMatchObject({ yearGroup: 4, n: 5 }); // all five are Year 4 in 2024/25
  });
});

describe("ks2Rwm", () => {
  const y6 = { yearGroup: 6, yearGroupAcademicYear: "2024/25" };
  const ks2 = (id: string, subject: "reading" | "writing" | "maths", v: number | string) =>
    result(id, typeof v === "string"
      ? { subject, measure: "teacherAssessment", grade: v, score: null }
      : { subject, measure: "scaled", score: v });
  const d = school({
    pupils: [pupil("y1", y6), pupil("y2", y6), pupil("y3", y6), pupil("y4", y6), pupil("y5", { yearGroup: 5 })],
    senRegister: [spell("y3", "K"), spell("y4", "K")],
    assessments: [
      ks2("y1", "reading", 105), ks2("y1", "writing", "EXS"), ks2("y1", "maths", 101), // met
      ks2("y2", "reading", 99), ks2("y2", "writing", "EXS"), ks2("y2", "maths", 110), // reading 99 < 100
      ks2("y3", "reading", 100), ks2("y3", "writing", "GDS"), ks2("y3", "maths", 100), // met (thresholds inclusive)
      ks2("y4", "reading", 110), ks2("y4", "maths", 108), // no writing → not met
      ks2("y5", "reading", 120), ks2("y5", "writing", "GDS"), ks2("y5", "maths", 120), // Year 5: not counted
    ],
  });
  const cells = ks2Rwm(d, "2024/25");
  it("counts Year 6 pupils meeting all three", () => {
    expect(cells.every((c) => RwmCell.safeParse(c).success)).toBe(true);
    expect(cells.find((c) => c.isTotal)).toMatchObject({ n: 4, count: 2, rate: 0.5 }); // y1, y3 of y1..y4
    expect(cells.find((c) => c.dimension === "senAny" && c.group === "SEN")).toMatchObject({ n: 2, count: 1, rate: 0.5 }); // y3, y4
    expect(cells.find((c) => c.dimension === "senStatus" && c.group === "E")).toMatchObject({ n: 0, count: 0, rate: null });
  });
});

describe("valuesByPoint", () => {
  // Two points and two subjects, results of one point apart, so the groups' order is the order first seen.
  const mixed = smallSchool({
    assessments: [
      result("p1", { measure: "scaled", score: 98 }),
      result("p1", { measure: "scaled", score: 90, academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" }),
      result("p2", { measure: "scaled", score: 92 }),
      result("p4", { subject: "maths", measure: "scaled", score: 104 }),
      result("p3", { measure: "scaled", score: 105 }),
      result("p5", { measure: "scaled", score: 112, academicYear: "2023/24", point: "2023/24 summer", date: "2024-07-01" }),
      result("p5", { measure: "scaled", score: 111 }),
    ],
  });
  const results = profiledResults(mixed);
  it("has groupByPoint's groups in its order, each result's value under its SEN status on the result's date", () => {
    for (const byYearGroup of [false, true]) {
      const rows = [...groupByPoint(results, byYearGroup).values()];
      const values = valuesByPoint(results, byYearGroup)!;
      expect(values.map((v) => v.first)).toEqual(rows.map((r) => r[0]));
      const of = (list: ProfiledResult[], statuses: string[]) => list.filter((r) => statuses.includes(r.profile.senStatus)).map((r) => r.value);
      expect(values.map((v) => [v.all, v.N, v.K, v.E, v.SEN])).toEqual(
        rows.map((r) => [of(r, ["N", "K", "E"]), of(r, ["N"]), of(r, ["K"]), of(r, ["E"]), of(r, ["K", "E"])]),
      );
    }
    // By hand (fixture-small: p1 K, p2 and p3 E by 2025-07-01, p4 and p5 N): reading 2024/25 holds p1 98, p2 92,
    // p3 105, p5 111 in result order; maths 2024/25 p4 104; reading 2023/24 p1 90, p5 112.
    const byHand = valuesByPoint(results, false)!.map((v) => [v.first.subject, v.first.academicYear, v.all.length, v.SEN]);
    expect(byHand).toContainEqual(["reading", "2024/25", 4, [98, 92, 105]]);
    expect(byHand).toContainEqual(["maths", "2024/25", 1, []]);
  });
  it("is null when a SEN status is not N, K or E (attainment then splits the rows)", () => {
    const odd = results.map((r) => ({ ...r, profile: { ...r.profile, senStatus: r.pupilId === "p2" ? "X" : r.profile.senStatus } })) as unknown as ProfiledResult[];
    expect(valuesByPoint(odd, false)).toBeNull();
  });
  it("gives the same cells as the split of the rows by SEN status", () => {
    // Not by year group, by SEN status alone, cells come from each point's values by status (pointValues); with
    // another dimension asked, every point is split from its rows (splitByGroup): the SEN cells must match.
    const byValues = attainment(mixed);
    const byRows = attainment(mixed, { dimensions: ["senStatus", "senAny", "gender"] });
    expect(byValues.length).toBeGreaterThan(0);
    expect(byValues).toEqual(byRows.filter((c) => c.dimension !== "gender"));
  });
});
