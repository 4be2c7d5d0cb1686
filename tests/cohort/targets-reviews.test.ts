import { describe, expect, it } from "vitest";
import { TargetsOnTrack, targetsOnTrack } from "../../src/lib/cohort/targets.js";
import { EhcReviews, ehcReviews } from "../../src/lib/cohort/ehc-reviews.js";
import { pupil, result, spell, target } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

describe("targetsOnTrack", () => {
  const autumn = { point: "2024/25 autumn", term: "autumn" as const, date: "2024-12-13" };
  const data = smallSchool({
    assessments: [
      result("p1", { score: 95, ...autumn }), result("p1", { score: 102 }), // 102 is after asOf: ignored
      result("p2", { score: 93, ...autumn }),
      result("p3", { subject: "writing", measure: "teacherAssessment", grade: "WTS", score: null, ...autumn }),
    ],
    targets: [
      target("p1"), // 95 < 100 → off track
      target("p2", { targetScore: 90 }), // 93 ≥ 90 → on track
      target("p3", { subject: "writing", measure: null, targetScore: null, targetGrade: "EXS" }), // WTS < EXS
      target("p4"), // no result
      target("p6"), // left in December: not on roll
    ],
  });
  const t = targetsOnTrack(data, "2025-03-31");
  it("judges each target by the latest result on or before asOf", () => {
    expect(TargetsOnTrack.safeParse(t).success).toBe(true);
    const reading = t.cells.filter((c) => c.subject === "reading");
    expect(reading.find((c) => c.isTotal)).toMatchObject({ n: 2, count: 1, rate: 0.5 }); // p1 off, p2 on
    expect(reading.find((c) => c.group === "K")).toMatchObject({ n: 1, count: 0 }); // p1
    expect(reading.find((c) => c.group === "E")).toMatchObject({ n: 1, count: 1 }); // p2 (E since 1 Feb)
    expect(reading.find((c) => c.group === "N")).toMatchObject({ n: 0, count: 0, rate: null });
    expect(t.cells.find((c) => c.subject === "writing" && c.isTotal)).toMatchObject({ n: 1, count: 0 });
  });
  it("lists pupils off track or with no result", () => {
    expect(t.offTrack.rows.map((r) => [r.pupilId, r.status, r.latest])).toEqual([
      ["p1", "off track", "95"], ["p3", "off track", "WTS"], ["p4", "no result", null],
    ]);
  });
  it("names each pupil from their record; for an id given twice, the last record (as a map of the pupils keeps)", () => {
    expect(t.offTrack.rows.map((r) => [r.forename, r.surname])).toEqual([["Fp1", "Sp1"], ["Fp3", "Sp3"], ["Fp4", "Sp4"]]);
    const twice = smallSchool({ targets: [target("p4")] });
    twice.pupils.push(pupil("p4", { forename: "Later", surname: "Record" }));
    expect(targetsOnTrack(twice, "2025-03-31").offTrack.rows.map((r) => [r.pupilId, r.forename, r.surname])).toEqual([
      ["p4", "Later", "Record"],
    ]);
  });
});

describe("ehcReviews", () => {
  const data = smallSchool();
  data.senRegister.push(
    spell("p4", "E", { primaryNeed: "SEMH", ehcPlanDate: "2023-01-15", lastAnnualReview: "2024-01-15" }),
    spell("p5", "E", { primaryNeed: "PD" }),
  );
  const r = ehcReviews(data, "2025-03-01");
  it("classifies each open plan", () => {
    expect(EhcReviews.safeParse(r).success).toBe(true);
    // p2: plan 2025-02-01, no review → due 2026-02-01 (in date). p3: review 2024-03-10 → due 2025-03-10,
    // 9 days after asOf (due soon). p4: review 2024-01-15 → due 2025-01-15, 45 days ago (15 Jan→15 Feb 31
    // days, 15 Feb→1 Mar 14 days): overdue. p5: no dates.
    expect(r.due.rows.map((x) => [x.pupilId, x.status, x.daysUntilDue])).toEqual([
      ["p4", "overdue", -45], ["p5", "no date", null], ["p3", "due soon", 9],
    ]);
    expect(r.due.rows[2]?.dueDate).toBe("2025-03-10");
  });
  it("counts plans by status", () => {
    const c = (status: string) => r.cells.find((x) => x.status === status);
    expect(c("all")).toMatchObject({ n: 4, isTotal: true });
    expect(c("in date")).toMatchObject({ n: 2, rate: 0.5 }); // p2, p3
    expect(c("overdue")).toMatchObject({ n: 1, rate: 0.25 });
    expect(c("no date")).toMatchObject({ n: 1 });
    expect(c("due soon")).toMatchObject({ n: 1 });
  });
  it("respects the window and the empty policy", () => {
    expect(ehcReviews(data, "2025-03-01", { windowDays: 5 }).due.rows.map((x) => x.pupilId)).toEqual(["p4", "p5"]);
    const none = ehcReviews(smallSchool(), "2021-01-01"); // before any plan
    expect(none.cells.every((x) => x.n === 0 && x.rate === null)).toBe(true);
    expect(() => ehcReviews(data, "2025-03-01", { windowDays: -1 })).toThrow(/ehcReviews: windowDays/);
  });
});
