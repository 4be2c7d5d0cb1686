/**
 * School days, for the dates the SENCO's documents set (`annualReviewPlan`): a school day is a Monday to Friday
 * outside the school holidays sendscope knows (`SCHOOL_HOLIDAYS`) and not a bank holiday in England
 * (`bankHolidaysIn`). sendscope does not know a school's own term dates (half terms, Easter, training days), so the
 * SENCO still checks the dates it suggests.
 */
import { addDays } from "../cohort/dates.js";

/**
 * The school holidays sendscope keeps meetings out of, as month-day spans: the summer (21 July to 31 August)
 * and Christmas (21 December to 3 January). English state schools break up around these dates; sendscope does
 * not know a school's own term dates (nor the Easter holidays, which move), so the SENCO checks the dates it
 * suggests.
 * @example
 * SCHOOL_HOLIDAYS[0] // => { name: "summer", from: "07-21", to: "08-31" }
 */
export const SCHOOL_HOLIDAYS: ReadonlyArray<{ name: string; from: string; to: string }> = [
  { name: "summer", from: "07-21", to: "08-31" },
  { name: "Christmas", from: "12-21", to: "01-03" },
];

/**
 * The school holiday (`SCHOOL_HOLIDAYS`) a date falls in, with its first and last days, or null in term.
 * @example
 * holidayOf("2027-01-02") // => { name: "Christmas", start: "2026-12-21", end: "2027-01-03" }
 * holidayOf("2026-07-20") // => null
 */
export function holidayOf(date: string): { name: string; start: string; end: string } | null {
  const md = date.slice(5);
  const year = Number(date.slice(0, 4));
  for (const h of SCHOOL_HOLIDAYS) {
    if (h.from <= h.to) {
      if (md >= h.from && md <= h.to) return { name: h.name, start: `${year}-${h.from}`, end: `${year}-${h.to}` };
    } else if (md >= h.from) {
      return { name: h.name, start: `${year}-${h.from}`, end: `${year + 1}-${h.to}` };
    } else if (md <= h.to) {
      return { name: h.name, start: `${year - 1}-${h.from}`, end: `${year}-${h.to}` };
    }
  }
  return null;
}

/**
 * The first day of the school holiday (`SCHOOL_HOLIDAYS`) a date falls in, or null in term.
 * @example
 * holidayStart("2026-08-10") // => "2026-07-21"
 * holidayStart("2027-01-02") // => "2026-12-21"
 * holidayStart("2026-07-20") // => null
 */
export function holidayStart(date: string): string | null {
  return holidayOf(date)?.start ?? null;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** The date `offset` days after y-m-d, as yyyy-mm-dd (Date.UTC rolls the month and year over). */
const ymd = (y: number, m: number, d: number, offset = 0) => new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
/** The day before (-1) or after (1) a valid yyyy-mm-dd date. */
const nextDay = (date: string, step: -1 | 1) => ymd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), step);
/** 0 Sunday … 6 Saturday. */
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/**
 * Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian algorithm: Meeus, "Astronomical
 * Algorithms", chapter 8).
 * @example
 * easterSunday(2026) // => "2026-04-05"
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The first (n = 1) or last (n = -1) Monday of a month. */
function monday(year: number, month: number, n: 1 | -1): string {
  if (n === 1) return ymd(year, month, 1, (8 - weekdayOf(year, month, 1)) % 7);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return ymd(year, month, last, -((weekdayOf(year, month, last) + 6) % 7));
}

/**
 * Bank holidays declared once, by royal proclamation, or moved from their usual day (GOV.UK's list of bank
 * holidays for England and Wales; Wikipedia, "Public holidays in the United Kingdom"). A future one is not known
 * until it is announced.
 */
const ONE_OFF: Readonly<Record<number, { add?: Array<[string, string]>; earlyMay?: string; spring?: string }>> = {
  1995: { earlyMay: "1995-05-08" },
  1999: { add: [["1999-12-31", "Millennium celebrations"]] },
  2002: { spring: "2002-06-04", add: [["2002-06-03", "Golden Jubilee"]] },
  2011: { add: [["2011-04-29", "Royal wedding"]] },
  2012: { spring: "2012-06-04", add: [["2012-06-05", "Diamond Jubilee"]] },
  2020: { earlyMay: "2020-05-08" },
  2022: { spring: "2022-06-02", add: [["2022-06-03", "Platinum Jubilee"], ["2022-09-19", "State Funeral of Queen Elizabeth II"]] },
  2023: { add: [["2023-05-08", "Coronation of King Charles III"]] },
};

/**
 * The bank holidays in England of a year, as the days off GOV.UK lists (a holiday on a Saturday or Sunday is
 * given as its substitute weekday): New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first
 * Monday of May), the spring bank holiday (last Monday of May), the summer bank holiday (last Monday of August),
 * Christmas Day and Boxing Day (Banking and Financial Dealings Act 1971, Schedule 1, and royal proclamations),
 * with the one-off and moved days since 1995. Sorted by date.
 * @param year a calendar year (1978 or later: the early May bank holiday dates from 1978)
 * @example
 * bankHolidaysIn(2026).map((h) => h.date)
 * // => ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]
 */
export function bankHolidaysIn(year: number): Array<{ date: string; name: string }> {
  const special = ONE_OFF[year] ?? {};
  const [em, ed] = easterSunday(year).slice(5).split("-").map(Number) as [number, number];
  const out: Array<{ date: string; name: string }> = [];
  const ny = weekdayOf(year, 1, 1);
  out.push(ny === 0 || ny === 6 ? { date: ymd(year, 1, ny === 6 ? 3 : 2), name: "New Year's Day (substitute day)" } : { date: ymd(year, 1, 1), name: "New Year's Day" });
  out.push({ date: ymd(year, em, ed, -2), name: "Good Friday" }, { date: ymd(year, em, ed, 1), name: "Easter Monday" });
  out.push({ date: special.earlyMay ?? monday(year, 5, 1), name: "Early May bank holiday" });
  out.push({ date: special.spring ?? monday(year, 5, -1), name: "Spring bank holiday" });
  out.push({ date: monday(year, 8, -1), name: "Summer bank holiday" });
  // Christmas Day and Boxing Day: one on a weekend moves to the next weekday not already a holiday.
  const christmas = weekdayOf(year, 12, 25);
  if (christmas === 6) out.push({ date: ymd(year, 12, 27), name: "Christmas Day (substitute day)" }, { date: ymd(year, 12, 28), name: "Boxing Day (substitute day)" });
  else if (christmas === 0) out.push({ date: ymd(year, 12, 26), name: "Boxing Day" }, { date: ymd(year, 12, 27), name: "Christmas Day (substitute day)" });
  else if (christmas === 5) out.push({ date: ymd(year, 12, 25), name: "Christmas Day" }, { date: ymd(year, 12, 28), name: "Boxing Day (substitute day)" });
  else out.push({ date: ymd(year, 12, 25), name: "Christmas Day" }, { date: ymd(year, 12, 26), name: "Boxing Day" });
  for (const [date, name] of special.add ?? []) out.push({ date, name });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Whether y-m-d (a weekday) is a bank holiday in England: `bankHolidaysIn`'s rules, worked out for the one month
 * in numbers, since a plan checks many days.
 */
function isBankHoliday(y: number, m: number, d: number, date: string): boolean {
  const special = ONE_OFF[y];
  if (special?.add?.some(([day]) => day === date)) return true;
  switch (m) {
    case 1: {
      const ny = weekdayOf(y, 1, 1);
      return d === (ny === 6 ? 3 : ny === 0 ? 2 : 1);
    }
    case 3:
    case 4: {
      const easter = easterSunday(y);
      const e = (Number(easter.slice(5, 7)) === 3 ? 0 : 31) + Number(easter.slice(8, 10));
      const here = (m === 3 ? 0 : 31) + d;
      return here === e - 2 || here === e + 1;
    }
    case 5:
    case 6:
      return date === (special?.earlyMay ?? monday(y, 5, 1)) || date === (special?.spring ?? monday(y, 5, -1));
    case 8:
      return d === 31 - ((weekdayOf(y, 8, 31) + 6) % 7);
    case 12: {
      const christmas = weekdayOf(y, 12, 25);
      const off = christmas === 6 ? [27, 28] : christmas === 0 ? [26, 27] : christmas === 5 ? [25, 28] : [25, 26];
      return off.includes(d);
    }
    default:
      return false;
  }
}

/**
 * Whether a date is a school day: Monday to Friday, outside `SCHOOL_HOLIDAYS`, not a bank holiday in England
 * (`bankHolidaysIn`).
 * @example
 * isSchoolDay("2026-04-06") // => false
 * isSchoolDay("2026-04-07") // => true
 */
export function isSchoolDay(date: string): boolean {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const wd = weekdayOf(y, m, d);
  if (wd === 0 || wd === 6 || holidayOf(date) !== null) return false;
  return !isBankHoliday(y, m, d, date);
}

/**
 * The date itself if it is a school day (`isSchoolDay`), else the last school day before it: for a deadline.
 * @example
 * schoolDayOnOrBefore("2026-04-06") // => "2026-04-02"
 */
export function schoolDayOnOrBefore(date: string): string {
  let d = addDays(date, 0); // checks the date
  while (!isSchoolDay(d)) d = nextDay(holidayOf(d)?.start ?? d, -1);
  return d;
}

/**
 * The date itself if it is a school day (`isSchoolDay`), else the first school day after it.
 * @example
 * schoolDayOnOrAfter("2026-03-07") // => "2026-03-09"
 */
export function schoolDayOnOrAfter(date: string): string {
  let d = addDays(date, 0); // checks the date
  while (!isSchoolDay(d)) d = nextDay(holidayOf(d)?.end ?? d, 1);
  return d;
}
