import { describe, expect, it } from "vitest";
import { senStatusOn, spellsByPupil } from "../../src/lib/cohort/sen-status.js";
import { isOnRollOn, isSummerBorn, yearGroupIn } from "../../src/lib/cohort/pupil-facts.js";
import { groupKey, pupilProfiles, splitByGroup } from "../../src/lib/cohort/groups.js";
import { academicYearOf, addMonths, monthsBetween, shiftAcademicYear } from "../../src/lib/cohort/dates.js";
import { InvalidArgumentError } from "../../src/lib/errors.js";
import { pupil, spell } from "./builders.js";
import { smallSchool } from "./fixture-small.js";

describe("dates", () => {
  it("academic years run September to August", () => {
    expect(academicYearOf("2025-08-31")).toBe("2024/25");
    expect(academicYearOf("2025-09-01")).toBe("2025/26");
    expect(shiftAcademicYear("2024/25", -1)).toBe("2023/24");
    expect(shiftAcademicYear("1999/00", 1)).toBe("2000/01");
  });
  it("adds months with end-of-month clamping and measures months", () => {
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28"); // 2025 has no 29 February
    expect(addMonths("2025-01-16", -12)).toBe("2024-01-16");
    expect(monthsBetween("2024-09-15", "2025-03-15")).toBe(6); // Sep→Mar = 6 whole months
    expect(monthsBetween("2024-09-15", "2024-10-30")).toBeCloseTo(1 + 15 / 30.4375, 10); // 1 month + 15 days
  });
  it("rejects malformed dates", () => {
    expect(() => academicYearOf("16/01/2025")).toThrow(InvalidArgumentError);
    expect(() => addMonths("2025-02-30", 1)).toThrow(/not a calendar date/);
  });
});

describe("senStatusOn", () => {
  const spells = spellsByPupil(smallSchool().senRegister);
  it("follows a pupil whose status changes mid-year (K until 31 Jan 2025, E from 1 Feb)", () => {
    const p2 = spells.get("p2") ?? [];
    expect(senStatusOn(p2, "2025-01-31")).toMatchObject({ status: "K", primaryNeed: "SLCN" }); // K spell's last day
    expect(senStatusOn(p2, "2025-02-01")).toMatchObject({ status: "E", primaryNeed: "ASD" }); // E spell's first day
  });
  it("is N with no spell in force", () => {
    expect(senStatusOn([], "2025-01-16")).toEqual({ status: "N", primaryNeed: null, spell: null });
    expect(senStatusOn(spells.get("p1") ?? [], "2023-08-31").status).toBe("N"); // before the spell starts
  });
  it("prefers the later-starting spell when two overlap, and E over K on the same start", () => {
    const a = spell("x", "K", { startDate: "2024-01-01" });
    const b = spell("x", "E", { startDate: "2024-01-01" });
    const c = spell("x", "K", { startDate: "2024-06-01" });
    expect(senStatusOn([a, b], "2024-03-01").status).toBe("E");
    expect(senStatusOn([a, b, c], "2024-07-01").status).toBe("K");
  });
});

describe("pupil facts", () => {
  it("offsets the year group by whole academic years", () => {
    // Year 6 in 2025/26 → Year 4 in 2023/24 (two years earlier) and Year 7 in 2026/27.
    const p = pupil("a", { yearGroup: 6, yearGroupAcademicYear: "2025/26" });
    expect(yearGroupIn(p, "2023/24")).toBe(4);
    expect(yearGroupIn(p, "2026/27")).toBe(7);
    expect(yearGroupIn(pupil("b", { yearGroup: null }), "2024/25")).toBeNull();
  });
  it("summer-born is April to August", () => {
    expect(isSummerBorn({ dateOfBirth: "2016-03-31" })).toBe(false);
    expect(isSummerBorn({ dateOfBirth: "2016-04-01" })).toBe(true);
    expect(isSummerBorn({ dateOfBirth: "2016-08-31" })).toBe(true);
    expect(isSummerBorn({ dateOfBirth: "2016-09-01" })).toBe(false);
    expect(isSummerBorn({ dateOfBirth: null })).toBeNull();
  });
  it("on roll between admission and leaving, inclusive", () => {
    const p = { admissionDate: "2020-09-03", leavingDate: "2024-12-20" };
    expect(isOnRollOn(p, "2024-12-20")).toBe(true);
    expect(isOnRollOn(p, "2024-12-21")).toBe(false);
    expect(isOnRollOn(p, "2020-09-02")).toBe(false);
  });
});

describe("profiles and groups", () => {
  it("profiles pupils on a date", () => {
    const profiles = pupilProfiles(smallSchool(), "2025-01-16");
    // On roll 16 Jan 2025: p1..p5 (p6 left 20 Dec 2024).
    expect(profiles.filter((p) => p.onRoll).map((p) => p.pupilId)).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    const p1 = profiles.find((p) => p.pupilId === "p1");
    expect(p1).toMatchObject({ senStatus: "K", primaryNeed: "SLCN", yearGroup: 4, summerBorn: true, fsm: true });
    expect(groupKey(p1!, "senAny")).toBe("SEN");
    expect(groupKey(p1!, "yearGroup")).toBe("Y4");
    expect(groupKey(profiles.find((p) => p.pupilId === "p4")!, "primaryNeed")).toBe("none");
  });
  it("keeps fixed groups even when empty", () => {
    const profiles = pupilProfiles(smallSchool(), "2025-01-16").filter((p) => p.onRoll);
    const split = splitByGroup(profiles, (p) => p, "lookedAfter").map(([g, xs]) => [g, xs.length]);
    expect(split).toEqual([["yes", 0], ["no", 5]]); // nobody is looked after
    const status = splitByGroup(profiles, (p) => p, "senStatus").map(([g, xs]) => [g, xs.length]);
    expect(status).toEqual([["N", 2], ["K", 2], ["E", 1]]); // N: p4 p5; K: p1 p2; E: p3
  });
});
