/**
 * Ratio gain (Brooks): months of reading or spelling age gained per month elapsed, and its usual bands.
 */
import { InvalidArgumentError } from "../errors.js";

/** The descriptive bands Brooks attaches to a ratio gain. */
export type RatioGainBand = "doubtful" | "modest" | "useful" | "substantial" | "remarkable";

/** Average days in a calendar month over the Gregorian 4-year cycle: 365.25 / 12. */
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Ratio gain: months of reading (or spelling) age gained divided by months elapsed (Brooks, "What works for
 * children and young people with literacy difficulties?", 5th ed. 2016). A ratio gain of 1 is the normal
 * rate of progress; 2 (double the normal rate) is the common bar for good impact. A negative gain (a fall
 * in reading age) gives a negative ratio gain.
 * @param monthsGained reading/spelling age at exit minus at entry, in months (finite; may be ≤ 0)
 * @param monthsElapsed months between the two assessments (finite, > 0; see {@link monthsBetween})
 * @throws {InvalidArgumentError} when either argument is not finite or monthsElapsed ≤ 0
 * @example
 * ratioGain(9, 4.5); // => 2
 */
export function ratioGain(monthsGained: number, monthsElapsed: number): number {
  if (typeof monthsGained !== "number" || !Number.isFinite(monthsGained)) {
    throw new InvalidArgumentError("ratioGain", `monthsGained must be a finite number, got ${String(monthsGained)}`);
  }
  if (typeof monthsElapsed !== "number" || !Number.isFinite(monthsElapsed) || monthsElapsed <= 0) {
    throw new InvalidArgumentError(
      "ratioGain",
      `monthsElapsed must be a finite number > 0, got ${String(monthsElapsed)}`,
    );
  }
  return monthsGained / monthsElapsed;
}

/**
 * Brooks's band for a ratio gain: under 1.4 "doubtful", 1.4 to under 2 "modest", 2 to under 3 "useful",
 * 3 to under 4 "substantial", 4 and over "remarkable". Each boundary belongs to the band above it
 * (2 is "useful", 4 is "remarkable"); the value is compared as given, not rounded, so round it first if you
 * want bands of a rounded figure. Negative ratio gains are "doubtful".
 * @param ratioGain a ratio gain (see {@link ratioGain}), finite
 * @throws {InvalidArgumentError} when ratioGain is not a finite number
 * @example
 * ratioGainBand(2); // => "useful"
 * ratioGainBand(1.39); // => "doubtful"
 */
export function ratioGainBand(ratioGain: number): RatioGainBand {
  if (typeof ratioGain !== "number" || !Number.isFinite(ratioGain)) {
    throw new InvalidArgumentError("ratioGainBand", `ratioGain must be a finite number, got ${String(ratioGain)}`);
  }
  if (ratioGain < 1.4) return "doubtful";
  if (ratioGain < 2) return "modest";
  if (ratioGain < 3) return "useful";
  if (ratioGain < 4) return "substantial";
  return "remarkable";
}

/**
 * Day numbers of dates already parsed (valid ones only). Placements and runs share a few dates and pupils'
 * birth dates repeat, so most look-ups find one; the map is emptied when it grows large, to stay small.
 */
const parsedDays = new Map<string, number>();
const PARSED_DAYS_LIMIT = 10_000;

/** Parses a strict `yyyy-mm-dd` calendar date to a UTC day number, or throws naming the argument. */
function dayNumber(name: string, iso: string): number {
  const known = parsedDays.get(iso);
  if (known !== undefined) return known;
  const day = parseDayNumber(name, iso);
  if (parsedDays.size >= PARSED_DAYS_LIMIT) parsedDays.clear();
  parsedDays.set(iso, day);
  return day;
}

function parseDayNumber(name: string, iso: string): number {
  const match = typeof iso === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (match === null) {
    throw new InvalidArgumentError("monthsBetween", `${name} must be a date as yyyy-mm-dd, got ${String(iso)}`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new InvalidArgumentError("monthsBetween", `${name} is not a real calendar date: ${iso}`);
  }
  return ms / 86_400_000;
}

/**
 * Months elapsed between two ISO calendar dates, as a decimal: the number of days between them divided by
 * 30.4375 (= 365.25 / 12, the mean Gregorian month). Convention: whole days, no time of day or zone; the
 * result is signed (negative when endIso is before startIso), and a year is exactly 12 months only on
 * average (2024-09-01 → 2025-09-01 is 365 days = 11.992 months). Use it as the denominator of
 * {@link ratioGain}.
 * @param startIso first date, `yyyy-mm-dd`
 * @param endIso second date, `yyyy-mm-dd`
 * @throws {InvalidArgumentError} when a date is not `yyyy-mm-dd` or is not a real calendar date
 * @example
 * monthsBetween("2024-09-16", "2024-12-13"); // => 2.8912 (88 days / 30.4375, to 4 d.p.)
 */
export function monthsBetween(startIso: string, endIso: string): number {
  const start = dayNumber("startIso", startIso);
  const end = dayNumber("endIso", endIso);
  return (end - start) / DAYS_PER_MONTH;
}
