/**
 * The weeks and sessions a week of a placement, as a local authority's costed provision map asks for them
 * (intervention, group size, weeks, sessions a week, session length, staff role and rate). Exports give the
 * sessions and the dates, not the weeks, so the weeks are the working weeks the dates span: the costing
 * year's working weeks (`workingWeeks`, 38 as costing templates assume) spread evenly over each academic
 * year's term time, 1 September to 20 July (the summer holiday starts about 21 July, as `SCHOOL_HOLIDAYS` in
 * documents/school-days.ts says). sendscope does not know the school's own term dates, so both figures are "about".
 */
import { InvalidArgumentError } from "../errors.js";
import { academicYearOf, academicYearStartYear, dayNumber } from "../cohort/dates.js";

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The working weeks a placement from `start` to `end` (both days counted) spans, and its sessions a week:
 * for each academic year it touches, `workingWeeks` × (its days between 1 September and 20 July ÷ the days
 * from 1 September to 20 July: 323, or 324 with a 29 February); sessions a week = `sessions` ÷ weeks. Both to one decimal; sessions a
 * week is null when `sessions` is null or the weeks are 0 (a placement wholly in the summer holiday).
 * @param start first day (yyyy-mm-dd)
 * @param end last day (yyyy-mm-dd)
 * @param sessions the sessions costed, or null
 * @param workingWeeks working weeks in a year (the costs file's `workingWeeks`; 38 by default)
 * @throws {InvalidArgumentError} when `end` is before `start`
 * @example
 * // 10 Sep 2025 to 14 Jul 2026: 308 of the 323 days → 38 × 308 ÷ 323 = 36.2 weeks; 190 ÷ 36.2 = 5.2 a week
 * placementWeeks("2025-09-10", "2026-07-14", 190, 38) // => { weeks: 36.2, sessionsPerWeek: 5.2 }
 */
export function placementWeeks(start: string, end: string, sessions: number | null, workingWeeks: number): { weeks: number; sessionsPerWeek: number | null } {
  if (dayNumber(end) < dayNumber(start)) throw new InvalidArgumentError("placementWeeks", `the end ${end} is before the start ${start}`);
  let weeks = 0;
  for (let y = academicYearStartYear(academicYearOf(start)); y <= academicYearStartYear(academicYearOf(end)); y += 1) {
    const termStart = dayNumber(`${y}-09-01`);
    const termEnd = dayNumber(`${y + 1}-07-20`);
    const days = termEnd - termStart + 1;
    const from = Math.max(termStart, dayNumber(start));
    const to = Math.min(termEnd, dayNumber(end));
    if (to >= from) weeks += (workingWeeks * (to - from + 1)) / days;
  }
  const w = round1(weeks);
  return { weeks: w, sessionsPerWeek: sessions === null || weeks === 0 ? null : round1(sessions / weeks) };
}
