/**
 * The two years a cost is stated for: the academic year (1 September to 31 August) and the financial year
 * (1 April to 31 March, the year of a maintained school's budget and of the DfE's funding guidance), and the
 * share of a placement's days that falls in each.
 */
import { InvalidArgumentError } from "../errors.js";
import { IsoDate } from "../schema/primitives.js";
import { academicYearOf, academicYearStartYear, dayNumber } from "../cohort/dates.js";

/** Which year a figure is for. */
export type YearKind = "academic" | "financial";

/**
 * The financial year (1 April to 31 March) a date falls in, written `2025-26`.
 * @throws {InvalidArgumentError} when `date` is not a yyyy-mm-dd date
 * @example
 * financialYearOf("2025-03-31") // => "2024-25"
 * financialYearOf("2025-04-01") // => "2025-26"
 */
export function financialYearOf(date: string): string {
  if (!IsoDate.safeParse(date).success) throw new InvalidArgumentError("financialYearOf", `expected a date as yyyy-mm-dd, got '${date}'`);
  const y = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * First and last day of a financial year `2025-26` (1 April 2025 to 31 March 2026) or an academic year
 * `2025/26` (1 September 2025 to 31 August 2026).
 * @throws {InvalidArgumentError} when `year` is neither
 * @example
 * yearBounds("financial", "2025-26") // => { start: "2025-04-01", end: "2026-03-31" }
 * yearBounds("academic", "2025/26") // => { start: "2025-09-01", end: "2026-08-31" }
 */
export function yearBounds(kind: YearKind, year: string): { start: string; end: string } {
  if (kind === "academic") {
    const y = academicYearStartYear(year);
    return { start: `${y}-09-01`, end: `${y + 1}-08-31` };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(year);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new InvalidArgumentError("yearBounds", `expected a financial year such as 2025-26, got '${year}'`);
  const y = Number(m[1]);
  return { start: `${y}-04-01`, end: `${y + 1}-03-31` };
}

/**
 * The year of a date, of either kind.
 * @example
 * yearOf("financial", "2025-09-01") // => "2025-26"
 */
export function yearOf(kind: YearKind, date: string): string {
  return kind === "academic" ? academicYearOf(date) : financialYearOf(date);
}

/** The share of a placement's days in one year (see `yearShares`). */
export interface YearShare {
  year: string;
  share: number;
}

/**
 * How a placement from `start` to `end` (both days counted) splits between years of one kind: the share of
 * its calendar days in each year (shares add up to 1). A cost is split in the same shares (pro rata by day).
 * @throws {InvalidArgumentError} when `end` is before `start`
 * @example
 * yearShares("financial", "2025-03-02", "2025-04-30")
 * // => [{ year: "2024-25", share: 0.5 }, { year: "2025-26", share: 0.5 }]
 */
export function yearShares(kind: YearKind, start: string, end: string): YearShare[] {
  const first = dayNumber(start);
  const last = dayNumber(end);
  if (!(last >= first)) throw new InvalidArgumentError("yearShares", `the end ${end} is before the start ${start}`);
  const days = last - first + 1;
  const out: YearShare[] = [];
  let from = start;
  for (;;) {
    const year = yearOf(kind, from);
    const bounds = yearBounds(kind, year);
    const to = bounds.end < end ? bounds.end : end;
    out.push({ year, share: (dayNumber(to) - dayNumber(from) + 1) / days });
    if (to === end) break;
    from = yearBounds(kind, yearOf(kind, nextDay(to))).start;
  }
  return out;
}

function nextDay(date: string): string {
  return new Date((dayNumber(date) + 1) * 86_400_000).toISOString().slice(0, 10);
}
