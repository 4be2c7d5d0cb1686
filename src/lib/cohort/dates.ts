/**
 * Calendar and academic-year arithmetic on ISO date strings (`yyyy-mm-dd`), without a clock or time zone:
 * every date is read as a UTC calendar day.
 */
import { InvalidArgumentError } from "../errors.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR = /^(\d{4})\/(\d{2})$/;

/** The digit at `i` of `text` (NaN for any other character). */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Days in month `m` (1–12) of year `y` (proleptic Gregorian). */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * A date's year, month and day. Read character by character (a report reads millions of dates; no cache is
 * needed, as src/bench/dates.ts measures); anything unusual (a malformed date, a year before 100, which `Date.UTC`
 * reads as 19xx) goes the checked way below, which also words the error.
 */
function parts(fn: string, date: string): { readonly y: number; readonly m: number; readonly d: number } {
  if (typeof date === "string" && date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
    const m = digitAt(date, 5) * 10 + digitAt(date, 6);
    const d = digitAt(date, 8) * 10 + digitAt(date, 9);
    if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return { y, m, d };
  }
  const match = ISO.exec(date);
  if (!match) throw new InvalidArgumentError(fn, `expected a date as yyyy-mm-dd, got '${date}'`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new InvalidArgumentError(fn, `'${date}' is not a calendar date`);
  }
  return { y, m, d };
}

function iso(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/**
 * The first calendar year of an academic year `2024/25` (September 2024 to August 2025).
 * @throws {InvalidArgumentError} when the string is not an academic year whose two halves follow on
 * @example
 * academicYearStartYear("2024/25") // => 2024
 */
export function academicYearStartYear(academicYear: string): number {
  // The usual case read character by character (called for every profile a report makes; no cache needed).
  if (typeof academicYear === "string" && academicYear.length === 7 && academicYear.charCodeAt(4) === 47) {
    const start = digitAt(academicYear, 0) * 1000 + digitAt(academicYear, 1) * 100 + digitAt(academicYear, 2) * 10 + digitAt(academicYear, 3);
    if ((start + 1) % 100 === digitAt(academicYear, 5) * 10 + digitAt(academicYear, 6)) return start;
  }
  const match = YEAR.exec(academicYear);
  if (!match) {
    throw new InvalidArgumentError("academicYearStartYear", `expected an academic year such as 2024/25, got '${academicYear}'`);
  }
  const start = Number(match[1]);
  if ((start + 1) % 100 !== Number(match[2])) {
    throw new InvalidArgumentError("academicYearStartYear", `'${academicYear}' is not two consecutive years`);
  }
  return start;
}

/**
 * The academic year written for a first calendar year.
 * @example
 * academicYearFromStartYear(2024) // => "2024/25"
 */
export function academicYearFromStartYear(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/**
 * The academic year (1 September to 31 August) a date falls in.
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd calendar date
 * @example
 * academicYearOf("2025-03-14") // => "2024/25"
 * academicYearOf("2025-09-01") // => "2025/26"
 */
export function academicYearOf(date: string): string {
  const { y, m } = parts("academicYearOf", date);
  return academicYearFromStartYear(m >= 9 ? y : y - 1);
}

/**
 * The first calendar year of the academic year (1 September to 31 August) a date falls in.
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd calendar date
 * @example
 * academicYearStartOf("2025-03-10") // => 2024
 * academicYearStartOf("2025-09-01") // => 2025
 */
export function academicYearStartOf(date: string): number {
  const { y, m } = parts("academicYearStartOf", date);
  return m >= 9 ? y : y - 1;
}

/**
 * The UTC day number (days since 1970-01-01) of a `yyyy-mm-dd` date; NaN when it is not one (no check of
 * the calendar: a fast key for sorting and comparing dates already read).
 * @example
 * dayNumber("1970-01-02") // => 1
 */
export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * An academic year moved by a whole number of years.
 * @example
 * shiftAcademicYear("2024/25", -1) // => "2023/24"
 */
export function shiftAcademicYear(academicYear: string, years: number): string {
  return academicYearFromStartYear(academicYearStartYear(academicYear) + years);
}

/**
 * First and last day of an academic year (1 September and 31 August).
 * @example
 * academicYearBounds("2024/25") // => { start: "2024-09-01", end: "2025-08-31" }
 */
export function academicYearBounds(academicYear: string): { start: string; end: string } {
  const y = academicYearStartYear(academicYear);
  return { start: `${y}-09-01`, end: `${y + 1}-08-31` };
}

/**
 * The date pupils are grouped by SEN status on for figures over a whole academic year (attendance,
 * suspensions): 15 January of the year, beside the spring school census, as DfE's absence and exclusion
 * statistics by SEN group pupils by their census record.
 * @throws {InvalidArgumentError} when the string is not an academic year
 * @example
 * censusStatusDate("2024/25") // => "2025-01-15"
 */
export function censusStatusDate(academicYear: string): string {
  return `${academicYearStartYear(academicYear) + 1}-01-15`;
}

/**
 * A date plus a number of days (negative to go back).
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd calendar date
 * @example
 * addDays("2025-02-20", 60) // => "2025-04-21"
 */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parts("addDays", date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * A date plus whole calendar months; a day past the end of the target month is clamped to its last day.
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd calendar date
 * @example
 * addMonths("2024-02-29", 12) // => "2025-02-28"
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parts("addMonths", date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/**
 * Months elapsed between two dates, as a decimal: whole calendar months plus the remaining days / 30.4375
 * (the mean month length). Negative when `to` is before `from`. sendscope's one definition of a month:
 * reading and spelling ages count in calendar months (8:05 is 8 years 5 months), so 15 September to 15 March
 * is 6 months exactly; progress, ratio gains and intervention comparisons all use it.
 * @throws {InvalidArgumentError} when a date is not a yyyy-mm-dd calendar date
 * @example
 * monthsBetween("2024-09-15", "2025-03-15") // => 6
 */
export function monthsBetween(from: string, to: string): number {
  const a = parts("monthsBetween", from);
  const b = parts("monthsBetween", to);
  if (to < from) return -monthsBetween(to, from);
  let whole = (b.y - a.y) * 12 + (b.m - a.m);
  // The anchor is `addMonths(from, whole)`, worked out in numbers (no Date or string per call): the same month
  // `whole` months on, the day clamped to that month's length; one month fewer when it falls after `to`.
  let anchor = monthsOn(a, whole);
  if (anchor.y > b.y || (anchor.y === b.y && (anchor.m > b.m || (anchor.m === b.m && anchor.d > b.d)))) {
    whole -= 1;
    anchor = monthsOn(a, whole);
  }
  const days = (Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(anchor.y, anchor.m - 1, anchor.d)) / 86_400_000;
  return whole + days / 30.4375;
}

/** A date `months` calendar months on (as `addMonths`), as year, month and day. */
function monthsOn(date: { y: number; m: number; d: number }, months: number): { y: number; m: number; d: number } {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/**
 * The calendar month (1–12) of a date.
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd calendar date
 * @example
 * monthOf("2016-07-30") // => 7
 */
export function monthOf(date: string): number {
  return parts("monthOf", date).m;
}
