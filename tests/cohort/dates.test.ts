import { describe, expect, it } from "vitest";
import { academicYearOf, academicYearStartYear, addDays, addMonths, monthOf, monthsBetween } from "../../src/lib/cohort/dates.js";

/** Whether `iso` is a calendar date, by JavaScript's own calendar (the check the dates module made before it read dates by hand). */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

describe("dates read character by character", () => {
  it("accept exactly the calendar dates, and give the same year, month and academic year as the Date object", () => {
    // Every yyyy-mm-dd with days 1–31 in the leap-year edge cases 1900 (not leap), 2000 (leap), 2024 and 2025.
    for (const y of [1900, 2000, 2024, 2025]) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          if (!isCalendarDate(iso)) {
            expect(() => monthOf(iso), iso).toThrow(/not a calendar date/);
            continue;
          }
          expect(monthOf(iso)).toBe(m);
          expect(academicYearOf(iso)).toBe(m >= 9 ? `${y}/${String((y + 1) % 100).padStart(2, "0")}` : `${y - 1}/${String(y % 100).padStart(2, "0")}`);
        }
      }
    }
    expect(monthOf("2024-02-29")).toBe(2);
    expect(() => monthOf("2025-02-29")).toThrow(/not a calendar date/);
    expect(() => monthOf("1900-02-29")).toThrow(/not a calendar date/);
  });

  it("refuse malformed text with the message naming the function", () => {
    for (const bad of ["2025-1-05", "2025/01/05", "20250105", "2025-01-0x", " 2025-01-05", "２０２５-01-05", ""]) {
      expect(() => addDays(bad, 1), bad).toThrow(/addDays: expected a date as yyyy-mm-dd/);
    }
  });

  it("read academic years the same way, and refuse years that do not follow on", () => {
    expect(academicYearStartYear("2024/25")).toBe(2024);
    expect(academicYearStartYear("1999/00")).toBe(1999); // 1999 + 1 = 2000, written 00
    expect(() => academicYearStartYear("2024/26")).toThrow(/not two consecutive years/);
    expect(() => academicYearStartYear("2024-25")).toThrow(/expected an academic year/);
    expect(() => academicYearStartYear("2O24/25")).toThrow(/expected an academic year/);
  });
});

describe("months counted in numbers", () => {
  it("clamp to the end of a shorter month, across year ends, and forwards and back", () => {
    // By hand from a calendar.
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-12-31", 2)).toBe("2024-02-29");
    expect(addMonths("2024-03-31", -13)).toBe("2023-02-28");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(addMonths("0999-05-31", 1)).toBe("0999-06-30"); // four digits, as toISOString writes the year
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });
  it("count whole months to an anchor no later than the end date, then days / 30.4375", () => {
    expect(monthsBetween("2024-01-31", "2024-02-29")).toBe(1); // 31 Jan + 1 month = 29 Feb (clamped)
    // 31 Jan + 1 month = 29 Feb is after 28 Feb: 0 whole months, 28 days (Python: 28/30.4375 = 0.919917864476386).
    expect(monthsBetween("2024-01-31", "2024-02-28")).toBeCloseTo(0.919917864476386, 12);
    expect(monthsBetween("2024-02-28", "2024-01-31")).toBeCloseTo(-0.919917864476386, 12);
    expect(monthsBetween("2023-09-15", "2024-09-15")).toBe(12);
    // 15 Sep 2023 + 12 months = 15 Sep 2024 is after 14 Sep: 11 whole months, then 15 Aug → 14 Sep is 30 days.
    expect(monthsBetween("2023-09-15", "2024-09-14")).toBeCloseTo(11 + 30 / 30.4375, 12);
  });
});

describe("monthsBetween worked out in numbers", () => {
  /** The definition as it was written before (anchor by `addMonths`, compared as text): the reference. */
  function monthsBetweenByAnchor(from: string, to: string): number {
    if (to < from) return -monthsBetweenByAnchor(to, from);
    const [ay, am] = from.split("-").map(Number) as [number, number, number];
    const [by, bm, bd] = to.split("-").map(Number) as [number, number, number];
    let whole = (by - ay) * 12 + (bm - am);
    if (addMonths(from, whole) > to) whole -= 1;
    const [cy, cm, cd] = addMonths(from, whole).split("-").map(Number) as [number, number, number];
    return whole + (Date.UTC(by, bm - 1, bd) - Date.UTC(cy, cm - 1, cd)) / 86_400_000 / 30.4375;
  }

  it("gives hand-worked values at month ends and leap days", () => {
    expect(monthsBetween("2024-09-15", "2025-03-15")).toBe(6);
    // 31 January + 1 month is 29 February 2024 (clamped), so to 1 March is 1 month and 1 day.
    expect(monthsBetween("2024-01-31", "2024-03-01")).toBe(1 + 1 / 30.4375);
    // 31 January + 1 month is 28 February 2025, after 27 February: 0 months and 27 days.
    expect(monthsBetween("2025-01-31", "2025-02-27")).toBe(27 / 30.4375);
    // 29 February 2024 + 12 months is 28 February 2025.
    expect(monthsBetween("2024-02-29", "2025-02-28")).toBe(12);
    expect(monthsBetween("2025-03-15", "2024-09-15")).toBe(-6);
  });

  it("equals the anchor-by-text definition on every pair of days around month ends over three years", () => {
    // Days 1, 15 and 27–31 of every month of 2023–2025 (leap 2024), each against each: 232 days, 53,824 pairs.
    const days: string[] = [];
    for (const y of [2023, 2024, 2025]) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 27, 28, 29, 30, 31]) {
          const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          if (isCalendarDate(iso)) days.push(iso);
        }
      }
    }
    for (const from of days) {
      for (const to of days) expect(monthsBetween(from, to), `${from} → ${to}`).toBe(monthsBetweenByAnchor(from, to));
    }
  });
});
