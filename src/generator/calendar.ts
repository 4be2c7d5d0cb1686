/**
 * The fixed calendar of the synthetic school: three academic years (2023/24, 2024/25, 2025/26), their term
 * dates, assessment dates and possible attendance sessions, and small date helpers. Dates are held as whole
 * days since 1970-01-01 (UTC) so no time zone or clock is involved.
 */
import type { Term } from "../lib/schema/primitives.js";

/** Days since 1970-01-01 for an ISO date. @example dayNumber("1970-01-02") // => 1 */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** ISO date of a day number. @example isoDate(1) // => "1970-01-02" */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** UK date dd/mm/yyyy of a day number (SIMS style). @example ukDate(1) // => "02/01/1970" */
export function ukDate(day: number): string {
  const iso = isoDate(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Day of week of a day number, 0 = Sunday. @example weekday(0) // => 4 */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

/** Whole months from `from` to `to` (calendar months, as a reading-age test counts them). */
export function monthsBetween(from: number, to: number): number {
  const a = isoDate(from);
  const b = isoDate(to);
  const months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  return Number(b.slice(8, 10)) < Number(a.slice(8, 10)) ? months - 1 : months;
}

/** One term of one academic year. */
export interface TermInfo {
  /** 0…8 over the three years. */
  readonly index: number;
  readonly academicYear: string;
  /** First calendar year of the academic year (2024 for 2024/25). */
  readonly startYear: number;
  readonly term: Term;
  readonly start: number;
  readonly end: number;
  /** Date of the termly standardised tests and reading-age tests. */
  readonly assessment: number;
  /** Possible attendance sessions (half days) in the term. */
  readonly possibleSessions: number;
}

const T = (index: number, startYear: number, term: Term, start: string, end: string, assessment: string,
  possibleSessions: number): TermInfo => ({
  index, startYear, term, academicYear: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
  start: dayNumber(start), end: dayNumber(end), assessment: dayNumber(assessment), possibleSessions,
});

/** The nine terms, in order. */
export const TERMS_INFO: readonly TermInfo[] = [
  T(0, 2023, "autumn", "2023-09-04", "2023-12-20", "2023-12-04", 126),
  T(1, 2023, "spring", "2024-01-04", "2024-03-28", "2024-03-18", 120),
  T(2, 2023, "summer", "2024-04-15", "2024-07-23", "2024-06-24", 110),
  T(3, 2024, "autumn", "2024-09-03", "2024-12-20", "2024-12-02", 126),
  T(4, 2024, "spring", "2025-01-06", "2025-04-04", "2025-03-17", 120),
  T(5, 2024, "summer", "2025-04-22", "2025-07-22", "2025-06-23", 110),
  T(6, 2025, "autumn", "2025-09-03", "2025-12-19", "2025-12-01", 126),
  T(7, 2025, "spring", "2026-01-05", "2026-03-27", "2026-03-16", 120),
  T(8, 2025, "summer", "2026-04-13", "2026-07-17", "2026-06-22", 110),
];

/** The academic year of the export (year groups in the pupils file are as in this year). */
export const EXPORT_START_YEAR = 2025;
/** The export is "as at" the last day of summer 2025/26. */
export const AS_AT = dayNumber("2026-07-17");
/** First day of the data window. */
export const WINDOW_START = dayNumber("2023-09-01");

/** Dates of the statutory summer assessments by first calendar year of the academic year. */
export const STATUTORY_DATES: Readonly<Record<number, { ks2: number; phonics: number; mtc: number }>> = {
  2023: { ks2: dayNumber("2024-05-13"), phonics: dayNumber("2024-06-10"), mtc: dayNumber("2024-06-05") },
  2024: { ks2: dayNumber("2025-05-12"), phonics: dayNumber("2025-06-09"), mtc: dayNumber("2025-06-04") },
  2025: { ks2: dayNumber("2026-05-11"), phonics: dayNumber("2026-06-08"), mtc: dayNumber("2026-06-03") },
};

/** The term info for (start year, term). @throws {Error} when outside the three years. */
export function termOf(startYear: number, term: Term): TermInfo {
  const t = TERMS_INFO.find((x) => x.startYear === startYear && x.term === term);
  if (t === undefined) throw new Error(`termOf: no term ${term} ${startYear}`);
  return t;
}

/** Academic year label of a start year. @example academicYearLabel(2024) // => "2024/25" */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** Age in (fractional) months on a day. */
export function ageMonths(dob: number, day: number): number {
  return (day - dob) / 30.4375;
}
