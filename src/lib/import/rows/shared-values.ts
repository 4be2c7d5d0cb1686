/**
 * The value parsers the row readers use, remembered by text (see `memoized`): every row that holds the same
 * date, number or code gets the same answer object and the same value string, so a date or a name repeated on
 * thousands of rows is held once, and each distinct text is parsed once.
 */
import { parseNeed, parseSenStatus, parseTerm, parseMeasure, parseSubject } from "../codes.js";
import { memoized, StringTable } from "../intern.js";
import { ok, parseAgeInMonths, parseDate, parseDateInOrder, parseFlag, parseGender, parseNumber, parseWholeNumber, parseYearGroup, type Parsed } from "../values.js";
import type { MeasureKind, Subject } from "../../schema/primitives.js";
import type { DateOrder } from "../values.js";

/**
 * `parseDate`, remembered by text.
 * @example
 * sharedDate("03/09/2024") // => { ok: true, value: "2024-09-03" }
 */
export const sharedDate = memoized(parseDate);
/**
 * `parseDateInOrder(text, "mdy")`, remembered by text: the dates of a file the mapping says is month-first.
 * @example
 * sharedMonthFirstDate("09/23/2024") // => { ok: true, value: "2024-09-23" }
 */
export const sharedMonthFirstDate = memoized((text: string) => parseDateInOrder(text, "mdy"));

/**
 * The date parser for a file's rows: day-first (`sharedDate`) unless its mapping says month-first.
 * @example
 * datesOf({ dateOrder: "mdy" })("09/23/2024") // => { ok: true, value: "2024-09-23" }
 */
export function datesOf(row: { readonly dateOrder: DateOrder }): (text: string) => Parsed<string> {
  return row.dateOrder === "mdy" ? sharedMonthFirstDate : sharedDate;
}
/**
 * `parseNumber`, remembered by text.
 * @example
 * sharedNumber("£1,234.50") // => { ok: true, value: 1234.5 }
 */
export const sharedNumber = memoized(parseNumber);
/**
 * `parseWholeNumber`, remembered by text.
 * @example
 * sharedWholeNumber("30") // => { ok: true, value: 30 }
 */
export const sharedWholeNumber = memoized(parseWholeNumber);
/**
 * `parseAgeInMonths`, remembered by text.
 * @example
 * sharedAgeInMonths("8y 2m") // => { ok: true, value: 98 }
 */
export const sharedAgeInMonths = memoized(parseAgeInMonths);
/**
 * `parseFlag`, remembered by text.
 * @example
 * sharedFlag("Yes") // => { ok: true, value: true }
 */
export const sharedFlag = memoized(parseFlag);
/**
 * `parseGender`, remembered by text.
 * @example
 * sharedGender("Female") // => { ok: true, value: "F" }
 */
export const sharedGender = memoized(parseGender);
/**
 * `parseYearGroup`, remembered by text.
 * @example
 * sharedYearGroup("Year 6") // => { ok: true, value: 6 }
 */
export const sharedYearGroup = memoized(parseYearGroup);
/**
 * `parseSenStatus`, remembered by text.
 * @example
 * sharedSenStatus("SEN Support") // => { ok: true, value: "K" }
 */
export const sharedSenStatus = memoized(parseSenStatus);
/**
 * `parseNeed`, remembered by text.
 * @example
 * sharedNeed("SLCN") // => { ok: true, value: "SLCN" }
 */
export const sharedNeed = memoized(parseNeed);
/**
 * `parseTerm`, remembered by text.
 * @example
 * sharedTerm("Autumn") // => { ok: true, value: "autumn" }
 */
export const sharedTerm = memoized(parseTerm);
/**
 * `parseSubject`, remembered by text.
 * @example
 * sharedSubject("Mathematics") // => { ok: true, value: "maths" }
 */
export const sharedSubject = memoized(parseSubject);

const measureBySubject = new Map<Subject | null, (text: string) => Parsed<MeasureKind>>();

/**
 * `parseMeasure`, remembered by subject and text.
 * @example
 * sharedMeasure("Age", "spelling") // => { ok: true, value: "spellingAge" }
 */
export function sharedMeasure(text: string, subject: Subject | null): Parsed<MeasureKind> {
  let parse = measureBySubject.get(subject);
  if (parse === undefined) {
    parse = memoized((t: string) => parseMeasure(t, subject));
    measureBySubject.set(subject, parse);
  }
  return parse(text);
}

const texts = new StringTable();

/**
 * A free-text cell (a name, an intervention, a staff member) as it is kept: one shared string per value.
 * @example
 * sharedText("Precision teaching") // => { ok: true, value: "Precision teaching" }
 */
export const sharedText = memoized((text: string): Parsed<string> => ok(texts.intern(text)));

/**
 * A free-text cell interned (see `sharedText`), or null.
 * @example
 * sharedTextOrNull(null) // => null
 */
export function sharedTextOrNull(text: string | null): string | null {
  return text === null ? null : texts.intern(text);
}
