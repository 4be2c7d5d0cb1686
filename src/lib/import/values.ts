/**
 * Parsers for the values MIS exports write: UK and ISO dates, Yes/No flags, year groups, genders, numbers,
 * reading ages. Each returns `{ ok: true, value }` or `{ ok: false, reason }` with a plain-English reason,
 * so the caller can put it in the import report with file, line and column.
 */
import { GENDERS } from "../../data/codes.js";
import type { Gender } from "../schema/primitives.js";

/** The result of parsing one cell. */
export type Parsed<T> =
  | { ok: true; value: T; warning?: string; warningCode?: string }
  | { ok: false; reason: string };

/**
 * A successful parse.
 * @example
 * ok(3) // => { ok: true, value: 3 }
 */
export function ok<T>(value: T, warning?: string, warningCode?: string): Parsed<T> {
  if (warning === undefined) return { ok: true, value };
  return warningCode === undefined ? { ok: true, value, warning } : { ok: true, value, warning, warningCode };
}

/**
 * A failed parse with a reason.
 * @example
 * fail("not a date") // => { ok: false, reason: "not a date" }
 */
export function fail<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December",
];

function isoIfValid(year: number, month: number, day: number, text: string): Parsed<string> {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) return fail(`'${text}' is not a date: there is no month ${month}`);
  if (day < 1 || day > daysInMonth) {
    return fail(`'${text}' is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth} days`);
  }
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return ok(iso);
}

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}$`);
const NAMED_MONTH_DATE = new RegExp(String.raw`^(\d{1,2})[\s-]([A-Za-z]{3,9})[\s-](\d{4}|\d{2})${TIME}$`);

/** The order of day and month in a file's numeric dates: day first (UK, the default) or month first (US). */
export type DateOrder = "dmy" | "mdy";

function twoDigitYear(parsed: Parsed<string>, yy: string, text: string): Parsed<string> {
  return parsed.ok ? ok(parsed.value, `two-digit year in '${text}' read as 20${yy}`, "two-digit-year") : parsed;
}

function namedMonth(name: string): number {
  const month = MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  // A full or short month name only ("Sept" too): not any word that starts like one.
  if (month === 0) return 0;
  const full = MONTH_NAMES[month - 1]!.toLowerCase();
  const lower = name.toLowerCase();
  return full.startsWith(lower) || lower === "sept" ? month : 0;
}

/**
 * Parse a date as UK exports write it: `dd/mm/yyyy` (also `-` or `.` separators, one-digit day or month),
 * ISO `yyyy-mm-dd` (a time part, `T…`, `Z` or an offset, is ignored), `dd/mm/yyyy 00:00:00` (Excel and
 * report-designer dates with times), `3 Sep 2024` / `03-Sep-2024` / `3-Sep-20` (Excel re-saves), and
 * two-digit years (`dd/mm/yy`, taken as 20yy, with a warning). Never guesses month-first order: a date that
 * can only be month-first (`09/23/2024`) fails with a reason that says how to tell sendscope the file is
 * month-first (`"dateOrder": "mdy"` in the mapping; see `parseDateInOrder`).
 * @example
 * parseDate("03/09/2024") // => { ok: true, value: "2024-09-03" }
 * parseDate("3-Sep-20") // => { ok: true, value: "2020-09-03", warning: "two-digit year in '3-Sep-20' read as 2020", warningCode: "two-digit-year" }
 * parseDate("2025-02-31").ok // => false
 */
export function parseDate(text: string): Parsed<string> {
  return parseDateInOrder(text, "dmy");
}

/**
 * `parseDate` for a file whose numeric dates are in a given order: `dmy` (UK; the default) or `mdy` (a US
 * export, e.g. Renaissance Star's, declared in the mapping with `"dateOrder": "mdy"`). ISO dates and dates
 * with a month name read the same in either order.
 * @example
 * parseDateInOrder("09/23/2024", "mdy") // => { ok: true, value: "2024-09-23" }
 * parseDateInOrder("09/23/2024", "dmy").ok // => false (there is no month 23)
 */
export function parseDateInOrder(text: string, order: DateOrder): Parsed<string> {
  const t = text.trim();
  // The common case first: dd/mm/yyyy with nothing after it.
  let m = NUMERIC_DATE.exec(t);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const day = order === "dmy" ? first : second;
    const month = order === "dmy" ? second : first;
    const yy = m[3]!;
    if (month > 12 && day <= 12) return monthFirstOnly(t, order);
    if (yy.length === 4) return isoIfValid(Number(yy), month, day, t);
    return twoDigitYear(isoIfValid(2000 + Number(yy), month, day, t), yy, t);
  }
  m = ISO_DATE.exec(t);
  if (m) return isoIfValid(Number(m[1]), Number(m[2]), Number(m[3]), t);
  m = NAMED_MONTH_DATE.exec(t);
  if (m) {
    const month = namedMonth(m[2]!);
    const yy = m[3]!;
    if (month > 0) {
      return yy.length === 4 ? isoIfValid(Number(yy), month, Number(m[1]), t)
        : twoDigitYear(isoIfValid(2000 + Number(yy), month, Number(m[1]), t), yy, t);
    }
  }
  return fail(`'${t}' is not a date (expected dd/mm/yyyy or yyyy-mm-dd)`);
}

function monthFirstOnly(text: string, order: DateOrder): Parsed<string> {
  if (order === "mdy") return fail(`'${text}' is not a month-first date: there is no month ${text.split(/[/.-]/)[0]}`);
  return fail(`'${text}' can only be read month-first (there is no month ${Number(text.split(/[/.-]/)[1])}); sendscope reads dates day-first and never guesses: if this file's dates are month-first (a US export), add "dateOrder": "mdy" for the file in sendscope.mapping.json, as its other dates (such as 03/04) were read day-first`);
}

const TRUE_WORDS = new Set(["yes", "y", "true", "t", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "f", "0"]);

/**
 * Parse a Yes/No flag: Yes/No, Y/N, True/False, T/F, 1/0 (any case).
 * @example
 * parseFlag("Yes") // => { ok: true, value: true }
 * parseFlag("n") // => { ok: true, value: false }
 */
export function parseFlag(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return ok(true);
  if (FALSE_WORDS.has(t)) return ok(false);
  return fail(`'${text.trim()}' is not a yes/no value (expected Yes/No, Y/N, True/False or 1/0)`);
}

/**
 * Parse a year group: `Year 3`, `Y3`, `3`, `NC Year 3`, `R`/`YR`/`Reception` (0), `N1`/`N2`/`Nursery` (−1), as
 * MIS exports and the census's `NCyearActual` (`R`, `N1`, `N2`, `1` … `14`) write them.
 * @example
 * parseYearGroup("Year 6") // => { ok: true, value: 6 }
 * parseYearGroup("Reception") // => { ok: true, value: 0 }
 */
export function parseYearGroup(text: string): Parsed<number> {
  const t = text.trim().toLowerCase().replace(/^(nc\s*)?(year|yr|y)\s*/, "");
  if (["r", "reception", "rec", "yr", "fs2", "f2"].includes(t) || text.trim().toLowerCase() === "yr") return ok(0);
  if (["n", "n1", "n2", "nursery", "nursery 1", "nursery 2", "fs1", "f1"].includes(t)) return ok(-1);
  if (/^\d{1,2}$/.test(t)) {
    const year = Number(t);
    if (year >= 1 && year <= 14) return ok(year);
  }
  if (t === "x") return fail(`'${text.trim()}' is the census code for a pupil not following National Curriculum year groups; the year group is left empty`);
  return fail(`'${text.trim()}' is not a year group (expected Reception, Year 1 … Year 13)`);
}

/**
 * Parse a gender: M/F/Male/Female/Boy/Girl; U/Unknown/X/Other become `U`.
 * @example
 * parseGender("Female") // => { ok: true, value: "F" }
 */
export function parseGender(text: string): Parsed<Gender> {
  const t = text.trim().toLowerCase();
  if (["m", "male", "boy"].includes(t)) return ok("M");
  if (["f", "female", "girl"].includes(t)) return ok("F");
  if (["u", "unknown", "x", "other", "not known", "not stated"].includes(t)) return ok("U");
  return fail(`'${text.trim()}' is not a gender (expected ${GENDERS.join("/")}, Male or Female)`);
}

/** `ok(n)` for 0 … 999, made once: session counts and scores are small whole numbers on millions of rows. */
const SMALL_WHOLE_NUMBERS: ReadonlyArray<Parsed<number>> = Array.from({ length: 1000 }, (_, n) => Object.freeze(ok(n)));

/**
 * The value of text that is only ASCII digits (1 to 9 of them), else -1: the common case of a number, read
 * without a regex.
 * @example
 * plainWholeNumber("094") // => 94
 * plainWholeNumber("9.5") // => -1
 */
export function plainWholeNumber(text: string): number {
  const n = text.length;
  if (n === 0 || n > 9) return -1;
  let value = 0;
  for (let i = 0; i < n; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parse a number: spaces, a leading `£` and thousands commas are allowed (`£1,234.50`).
 * @example
 * parseNumber("£1,234.50") // => { ok: true, value: 1234.5 }
 * parseNumber("twelve").ok // => false
 */
export function parseNumber(text: string): Parsed<number> {
  const digits = plainWholeNumber(text);
  if (digits >= 0) return digits < SMALL_WHOLE_NUMBERS.length ? SMALL_WHOLE_NUMBERS[digits]! : ok(digits);
  const t = text.trim().replace(/^£\s*/, "");
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(t)) {
    return fail(`'${text.trim()}' is not a number`);
  }
  return ok(Number(t.replace(/,/g, "")));
}

/**
 * Parse a whole number (no decimals).
 * @example
 * parseWholeNumber("30") // => { ok: true, value: 30 }
 * parseWholeNumber("2.5").ok // => false
 */
export function parseWholeNumber(text: string): Parsed<number> {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return fail(`'${text.trim()}' is not a whole number`);
  return parsed;
}

/**
 * Parse a reading or spelling age into months: plain months (`98`), years and months (`8y 2m`, `8:02` and
 * `8:05` as Hodder and GL write reading ages, `8.02`, `7/10` as SIMS marksheets write ages, `8 years 2 months`).
 * Months after the years must be 0–11.
 * @example
 * parseAgeInMonths("8y 2m") // => { ok: true, value: 98 }
 * parseAgeInMonths("7/10") // => { ok: true, value: 94 }
 * parseAgeInMonths("98") // => { ok: true, value: 98 }
 */
export function parseAgeInMonths(text: string): Parsed<number> {
  const digits = plainWholeNumber(text);
  if (digits >= 0) return digits < SMALL_WHOLE_NUMBERS.length ? SMALL_WHOLE_NUMBERS[digits]! : ok(digits);
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,2})\s*(?:y|yr|yrs|years?)?\s*[:./]?\s*(\d{1,2})\s*(?:m|mo|mths?|months?)?$/.exec(t);
  if (m && /[a-z:./\s]/.test(t)) {
    const months = Number(m[2]);
    if (months > 11) return fail(`'${text.trim()}' is not an age: ${months} months is more than 11`);
    return ok(Number(m[1]) * 12 + months);
  }
  const yearsOnly = /^(\d{1,2})\s*(?:y|yr|yrs|years?)$/.exec(t);
  if (yearsOnly) return ok(Number(yearsOnly[1]) * 12);
  const plain = parseNumber(t);
  if (plain.ok) return plain;
  return fail(`'${text.trim()}' is not an age (expected months, or years and months such as 8y 2m)`);
}
