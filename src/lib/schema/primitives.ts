/**
 * Small zod schemas shared by the record schemas: ISO dates, academic years, and the code lists.
 */
import { z } from "zod";
import {
  GENDERS, MEASURE_KINDS, NEED_CODES, SEN_STATUS_CODES, SUBJECTS, TERMS,
} from "../../data/codes.js";

/**
 * An ISO calendar date `yyyy-mm-dd` (no time, no zone), as every date is held after import: a day the calendar
 * has (not 2025-02-31). The JSON Schema says the pattern only (JSON Schema cannot say the calendar).
 * @example
 * IsoDate.parse("2025-09-03") // => "2025-09-03"
 * IsoDate.safeParse("2025-02-31").success // => false
 */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as yyyy-mm-dd")
  .refine(isCalendarDate, "not a day of the calendar");

/** Whether a `yyyy-mm-dd` text names a day the calendar has (the month 01–12, the day within the month's length). */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
/** An ISO calendar date string. */
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * An academic year written `2024/25` (September 2024 to August 2025).
 * @example
 * AcademicYear.parse("2024/25") // => "2024/25"
 */
export const AcademicYear = z.string().regex(/^\d{4}\/\d{2}$/, "expected an academic year such as 2024/25");
/** An academic year string such as `2024/25`. */
export type AcademicYear = z.infer<typeof AcademicYear>;

/** Zod enum of SEN provision codes N/K/E. @example SenStatus.parse("K") // => "K" */
export const SenStatus = z.enum(SEN_STATUS_CODES);
/** SEN provision code N/K/E. */
export type SenStatus = z.infer<typeof SenStatus>;

/** Zod enum of SEN type of need codes. @example Need.parse("ASD") // => "ASD" */
export const Need = z.enum(NEED_CODES);
/** SEN type of need code. */
export type Need = z.infer<typeof Need>;

/** Zod enum of academic terms. @example Term.parse("spring") // => "spring" */
export const Term = z.enum(TERMS);
/** Academic term. */
export type Term = z.infer<typeof Term>;

/** Zod enum of assessment measure kinds. @example MeasureKind.parse("standardised") // => "standardised" */
export const MeasureKind = z.enum(MEASURE_KINDS);
/** Assessment measure kind. */
export type MeasureKind = z.infer<typeof MeasureKind>;

/** Zod enum of normalised subjects. @example Subject.parse("maths") // => "maths" */
export const Subject = z.enum(SUBJECTS);
/** Normalised subject. */
export type Subject = z.infer<typeof Subject>;

/** Zod enum of census gender codes. @example Gender.parse("F") // => "F" */
export const Gender = z.enum(GENDERS);
/** Census gender code. */
export type Gender = z.infer<typeof Gender>;
