import { describe, expect, it } from "vitest";
import { AttendanceByGroup, attendanceByGroup } from "../../src/lib/cohort/attendance.js";
import { SuspensionCell, suspensionsByGroup } from "../../src/lib/cohort/suspensions.js";
import { attendance, containsNaN, school, suspension } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

// Status date 15 Jan 2025: p1 K, p2 K, p3 E, p4 N, p5 N, p6 K (left in December but has autumn sessions).
const data = smallSchool({
  attendance: [
    attendance("p1", 100, 90), attendance("p1", 100, 95, { term: "spring" }), // 15/200 missed = 7.5%
    attendance("p2", 100, 85), // 15% missed → persistent
    attendance("p3", 100, 40), // 60% missed → persistent and severe
    attendance("p4", 100, 100),
    attendance("p5", 100, 89), // 11% → persistent
    attendance("p6", 50, 50),
    attendance("p4", 100, 0, { academicYear: "2023/24" }), // another year: ignored
  ],
  suspensions: [
    suspension("p1", { startDate: "2025-01-20", days: 1 }),
    suspension("p1", { startDate: "2024-10-01", days: 0.5 }),
    suspension("p3", { startDate: "2025-03-01", days: null }),
    suspension("p5", { startDate: "2025-05-01", days: 0, permanent: true }),
    suspension("p5", { startDate: "2024-05-01", days: 2 }), // 2023/24: ignored
  ],
});

describe("attendanceByGroup", () => {
  const a = attendanceByGroup(data, "2024/25");
  const cell = (group: string) => a.cells.find((c) => c.dimension === "senStatus" && c.group === group);
  it("matches the schema", () => {
    expect(AttendanceByGroup.safeParse(a).success).toBe(true);
    expect(a.statusDate).toBe("2025-01-15");
  });
  it("total: 6 pupils, 549 of 650 sessions, 3 persistent, 1 severe", () => {
    const all = a.cells.find((c) => c.isTotal);
    // possible 200+100+100+100+100+50 = 650; attended 185+85+40+100+89+50 = 549
    expect(all).toMatchObject({ n: 6, possibleSessions: 650, attendedSessions: 549, count: 3, severeCount: 1 });
    expect(all?.attendanceRate).toBeCloseTo(549 / 650, 12);
    expect(all?.rate).toBeCloseTo(0.5, 12);
  });
  it("by SEN status", () => {
    expect(cell("K")).toMatchObject({ n: 3, possibleSessions: 350, attendedSessions: 320, count: 1 }); // p1, p2, p6
    expect(cell("E")).toMatchObject({ n: 1, count: 1, severeCount: 1, rate: 1 }); // p3
    expect(cell("N")).toMatchObject({ n: 2, count: 1, severeCount: 0 }); // p4, p5
  });
  it("persistent absence is inclusive of 10%, and terms can be chosen", () => {
    const autumn = attendanceByGroup(data, "2024/25", { terms: ["autumn"] });
    // p1 in autumn alone: 10/100 = 10% → now persistent
    expect(autumn.cells.find((c) => c.isTotal)?.count).toBe(4);
  });
  it("compares persistent absence with national", () => {
    const k = a.national.find((x) => x.group === "K")?.gap;
    expect(k).toMatchObject({ n: 3, count: 1, nationalRate: 0.299 });
    expect(k?.difference).toBeCloseTo(1 / 3 - 0.299, 12);
  });
  it("empty year: n 0 and null rates", () => {
    const empty = attendanceByGroup(data, "2019/20");
    for (const c of empty.cells) expect(c).toMatchObject({ n: 0, count: 0, rate: null, attendanceRate: null, severeRate: null });
    expect(containsNaN(empty)).toBe(false);
  });
});

describe("suspensionsByGroup", () => {
  const cells = suspensionsByGroup(data, "2024/25");
  const cell = (group: string) => cells.find((c) => c.dimension === "senStatus" && c.group === group);
  it("counts pupils suspended, suspensions and days", () => {
    expect(cells.every((c) => SuspensionCell.safeParse(c).success)).toBe(true);
    // On roll during 2024/25: p1..p6. Suspended: p1 (2), p3 (1); days 1 + 0.5 (+ none recorded for p3).
    expect(cells.find((c) => c.isTotal)).toMatchObject({ n: 6, count: 2, suspensions: 3, days: 1.5, permanentExclusions: 1 });
    expect(cell("K")).toMatchObject({ n: 3, count: 1, suspensions: 2, days: 1.5 });
    expect(cell("E")).toMatchObject({ n: 1, count: 1, suspensions: 1, days: 0 });
    expect(cell("N")).toMatchObject({ n: 2, count: 0, rate: 0, permanentExclusions: 1 });
  });
  it("counts a pupil both suspended and permanently excluded in both counts, days from the suspensions only", () => {
    // p4: a 2-day and a 0.25-day suspension and a permanent exclusion (3 days recorded, not counted) in 2024/25.
    const both = smallSchool({
      suspensions: [
        suspension("p4", { startDate: "2024-11-04", days: 2 }),
        suspension("p4", { startDate: "2025-02-03", days: 3, permanent: true }),
        suspension("p4", { startDate: "2025-01-06", days: 0.25 }),
      ],
    });
    expect(suspensionsByGroup(both, "2024/25").find((c) => c.isTotal)).toMatchObject({
      n: 6, count: 1, suspensions: 2, days: 2.25, permanentExclusions: 1,
    });
  });
  it("empty cohort", () => {
    const none = suspensionsByGroup(school({}), "2024/25");
    expect(none.find((c) => c.isTotal)).toMatchObject({ n: 0, count: 0, rate: null, days: 0 });
  });
});
