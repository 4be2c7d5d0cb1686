/**
 * Every step the annual-review plan sets the school (ask for advice, last day for invitations and the advice
 * gathered, the meeting, the review report) falls on a school day: not a Saturday or Sunday, not in the school
 * holidays sendscope knows (summer 21 July–31 August, Christmas 21 December–3 January), not on a bank holiday in
 * England. Checked property-style: a plan made on every day of a school year, for pupils whose reviews fall due on
 * every third day of two years and in every year group (Year 6 and 11 move their meetings for a phase transfer).
 *
 * The school-day rule here is written independently of the module: the weekday from JavaScript's Date, the
 * holidays as month-day spans, and the bank holidays copied from Python's `holidays` package (0.x,
 * `holidays.country_holidays("GB", subdiv="ENG")`, weekdays only, which match GOV.UK's list of bank holidays in
 * England and Wales: substitute days included, e.g. Boxing Day 2026 is a Saturday so Monday 28 December).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { annualReviewPlan, type ReviewPlanRow } from "../../src/lib/documents/review-plan.js";
import { bankHolidaysIn, isSchoolDay } from "../../src/lib/documents/school-days.js";
import { pupil, school, spell } from "../cohort/builders.js";

// Python: [str(d) for y in range(2024, 2029) for d in sorted(holidays.country_holidays("GB", subdiv="ENG", years=y)) if d.weekday() < 5]
const BANK_HOLIDAYS = new Set([
  "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
  "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
  "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
  "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
  "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
]);

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const plus = (date: string, days: number) => new Date(day(date).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Why a date is not a school day, or null when it is one (the independent rule). */
function closedBecause(date: string): string | null {
  const wd = day(date).getUTCDay();
  if (wd === 0 || wd === 6) return wd === 0 ? "Sunday" : "Saturday";
  const md = date.slice(5);
  if (md >= "07-21" && md <= "08-31") return "summer holidays";
  if (md >= "12-21" || md <= "01-03") return "Christmas holidays";
  if (BANK_HOLIDAYS.has(date)) return "bank holiday";
  return null;
}

/** The first school day on or after a date (independent rule). */
function firstSchoolDayFrom(date: string): string {
  let d = date;
  while (closedBecause(d) !== null) d = plus(d, 1);
  return d;
}

const STEPS = ["askForAdvice", "invitationsBy", "adviceOutBy", "meeting", "reportBy"] as const;

// Reviews fall due on every third day from June 2025 to August 2027 (the last review a year earlier), across
// year groups 1 to 11 in 2024/25 (so Year 6 and Year 11 in the year the review falls due, some of them).
const pupils = [];
const register = [];
for (let i = 0, d = "2024-06-01"; d <= "2026-08-31"; i += 1, d = plus(d, 3)) {
  const id = `P${i}`;
  pupils.push(pupil(id, { yearGroup: 1 + (i % 11) }));
  register.push(spell(id, "E", { ehcPlanDate: "2020-01-15", lastAnnualReview: d }));
}
const data = school({ pupils, senRegister: register });

/** Everything wrong with one planned row on `asOf`, as readable strings. */
function faults(row: ReviewPlanRow, asOf: string): string[] {
  const out: string[] = [];
  const where = `plan of ${asOf}, ${row.pupilId} (due ${row.dueDate})`;
  for (const step of STEPS) {
    const date = row[step];
    if (date === null) { out.push(`${where}: ${step} missing`); continue; }
    const why = closedBecause(date);
    if (why !== null) out.push(`${where}: ${step} ${date} is a ${why}`);
  }
  const { askForAdvice, invitationsBy, meeting, reportBy } = row as Required<{ [K in typeof STEPS[number]]: string }>;
  const today = firstSchoolDayFrom(asOf);
  if (askForAdvice < today) out.push(`${where}: advice asked on ${askForAdvice}, before the first school day ${today}`);
  if (invitationsBy < today) out.push(`${where}: invitations by ${invitationsBy}, before the first school day ${today}`);
  if (!(askForAdvice <= invitationsBy && invitationsBy < meeting && meeting <= reportBy)) out.push(`${where}: steps out of order`);
  if (invitationsBy > plus(meeting, -14)) out.push(`${where}: less than two weeks' notice (${invitationsBy} for ${meeting})`);
  if (reportBy > plus(meeting, 14)) out.push(`${where}: report ${reportBy} more than two weeks after ${meeting}`);
  if ((row.status === "act now") !== (askForAdvice === today) && row.status !== "overdue") out.push(`${where}: status ${row.status} with advice on ${askForAdvice}`);
  return out;
}

describe("annualReviewPlan puts every step on a school day", () => {
  it("for a plan made on any day of the school year 2025/26 (including weekends and holidays)", () => {
    const all: string[] = [];
    let rows = 0;
    for (let asOf = "2025-09-01"; asOf <= "2026-08-31"; asOf = plus(asOf, 1)) {
      for (const row of annualReviewPlan(data, asOf).rows) {
        rows += 1;
        all.push(...faults(row, asOf));
      }
    }
    expect(rows).toBeGreaterThan(365 * 250);
    expect(all.slice(0, 12)).toEqual([]);
    expect(all.length).toBe(0);
  }, 120_000);

  it("asks for advice on the Monday when the plan is made on a Saturday (the reported case)", () => {
    // Sat 7 March 2026: a review due Tue 7 April 2026 wants its advice asked for already; the first school day is
    // Mon 9 March. The advice is still to be asked for now ("act now").
    const one = school({ pupils: [pupil("A", { yearGroup: 3 })], senRegister: [spell("A", "E", { lastAnnualReview: "2025-04-07" })] });
    expect(annualReviewPlan(one, "2026-03-07").rows[0]).toMatchObject({ askForAdvice: "2026-03-09", status: "act now" });
  });

  it("moves steps off Good Friday, Easter Monday and the May bank holidays of 2026", () => {
    // Last review Mon 4 May 2025: due Mon 4 May 2026 (the early May bank holiday); meeting two weeks before, Mon
    // 20 April; invitations by two weeks before that would be Easter Monday 6 April, so the Thursday before Good
    // Friday, 2 April; the report within two weeks would be 4 May, a bank holiday, so Friday 1 May.
    const easter = school({ pupils: [pupil("E", { yearGroup: 3 })], senRegister: [spell("E", "E", { lastAnnualReview: "2025-05-04" })] });
    expect(annualReviewPlan(easter, "2026-01-05").rows[0]).toMatchObject({
      meeting: "2026-04-20", invitationsBy: "2026-04-02", adviceOutBy: "2026-04-02", reportBy: "2026-05-01", askForAdvice: "2026-03-09",
    });
    // Last review 8 June 2025: the meeting two weeks before the due date would be Mon 25 May 2026, the spring
    // bank holiday: the Friday before, 22 May; invitations by Fri 8 May; report by Fri 5 June.
    const spring = school({ pupils: [pupil("S", { yearGroup: 3 })], senRegister: [spell("S", "E", { lastAnnualReview: "2025-06-08" })] });
    expect(annualReviewPlan(spring, "2026-01-05").rows[0]).toMatchObject({ meeting: "2026-05-22", invitationsBy: "2026-05-08", reportBy: "2026-06-05" });
  });

  it("sends the report before the Christmas holidays when two weeks after the meeting falls in them", () => {
    // Meeting Fri 19 December 2025 (moved out of the holidays): two weeks after is Fri 2 January 2026, in the
    // Christmas holidays (and the Code's two weeks do not stop for them); the last school day on or before it is
    // the meeting's own day, so the row says so.
    const xmas = school({ pupils: [pupil("F", { yearGroup: 1 })], senRegister: [spell("F", "E", { lastAnnualReview: "2025-01-05" })] });
    expect(annualReviewPlan(xmas, "2025-11-03").rows[0]).toMatchObject({ meeting: "2025-12-19", reportBy: "2025-12-19" });
    expect(annualReviewPlan(xmas, "2025-11-03").rows[0]!.note).toMatch(/report.*Christmas holidays/);
  });
});

describe("school days", () => {
  it("knows England's bank holidays as GOV.UK lists them (weekdays, substitute days included)", () => {
    const mine = [2024, 2025, 2026, 2027, 2028].flatMap((y) => bankHolidaysIn(y).map((h) => h.date)).filter((d) => closedBecause(d) !== "Saturday" && closedBecause(d) !== "Sunday");
    expect(mine).toEqual([...BANK_HOLIDAYS]);
  });

  it("knows the moved and one-off bank holidays (Python's holidays package: 2020, 2022, 2023)", () => {
    const days = (y: number) => bankHolidaysIn(y).map((h) => h.date);
    expect(days(2020)).toContain("2020-05-08"); // early May moved for VE Day
    expect(days(2020)).not.toContain("2020-05-04");
    expect(days(2022)).toEqual(expect.arrayContaining(["2022-06-02", "2022-06-03", "2022-09-19", "2022-01-03", "2022-12-27"]));
    expect(days(2022)).not.toContain("2022-05-30");
    expect(days(2023)).toEqual(expect.arrayContaining(["2023-01-02", "2023-05-08"]));
    for (const d of ["2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"]) expect(isSchoolDay(d)).toBe(false);
    expect(isSchoolDay("2022-05-30")).toBe(true);
  });

  it("isSchoolDay and bankHolidaysIn agree on every day from 1995 to 2035", () => {
    const wrong: string[] = [];
    for (let y = 1995; y <= 2035; y += 1) {
      const listed = new Set(bankHolidaysIn(y).map((h) => h.date));
      for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = plus(d, 1)) {
        const wd = day(d).getUTCDay();
        const md = d.slice(5);
        const inHoliday = (md >= "07-21" && md <= "08-31") || md >= "12-21" || md <= "01-03";
        if (isSchoolDay(d) !== (wd !== 0 && wd !== 6 && !inHoliday && !listed.has(d))) wrong.push(d);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("agrees with the independent rule on every day of 2024 to 2028", () => {
    const wrong: string[] = [];
    for (let d = "2024-01-01"; d <= "2028-12-31"; d = plus(d, 1)) if (isSchoolDay(d) !== (closedBecause(d) === null)) wrong.push(d);
    expect(wrong).toEqual([]);
  });

  it("gives what the README says of it (the annual-review bullet of \"The SENCO's documents\")", () => {
    const readme = readFileSync("README.md", "utf8").replace(/\s+/g, " ");
    const said = [...readme.matchAll(/`isSchoolDay\("(\d{4}-\d\d-\d\d)"\)` is `(true|false)`/g)].map((m) => [m[1]!, m[2] === "true"] as const);
    expect(said.length).toBe(2);
    // Each against the function and against the independent rule above (6 April 2026 is Easter Monday).
    for (const [date, open] of said) {
      expect(isSchoolDay(date)).toBe(open);
      expect(closedBecause(date) === null).toBe(open);
    }
    const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const holidays = /`bankHolidaysIn\((\d{4})\)` gives England's (\w+), from `(\{[^`]+\})` to `(\{[^`]+\})`/.exec(readme);
    expect(holidays).not.toBeNull();
    const [, year, count, first, last] = holidays!;
    const listed = bankHolidaysIn(Number(year));
    expect(listed.length).toBe(words.indexOf(count!));
    expect(listed[0]).toEqual(new Function(`return (${first});`)());
    expect(listed.at(-1)).toEqual(new Function(`return (${last});`)());
    // The weekdays of Python's list (above) for that year: all eight in 2026 (none falls on a weekend).
    expect(listed.map((h) => h.date)).toEqual([...BANK_HOLIDAYS].filter((d) => d.startsWith(`${year}-`)));
  });
});
