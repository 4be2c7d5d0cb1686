/**
 * Facts about one pupil that do not need the SEN register: year group in an academic year, summer-born,
 * on roll on a date.
 */
import type { Pupil } from "../schema/records.js";
import { academicYearBounds, academicYearStartYear, monthOf } from "./dates.js";

/**
 * The pupil's year group in `academicYear`: `Pupil.yearGroup` belongs to `Pupil.yearGroupAcademicYear`, and
 * each whole academic year later adds one (earlier subtracts one). Null when either is missing.
 * @throws {InvalidArgumentError} when `academicYear` is not an academic year such as 2024/25
 * @example
 * yearGroupIn({ yearGroup: 6, yearGroupAcademicYear: "2025/26" }, "2023/24") // => 4
 */
export function yearGroupIn(
  pupil: Pick<Pupil, "yearGroup" | "yearGroupAcademicYear">,
  academicYear: string,
): number | null {
  if (pupil.yearGroup === null || pupil.yearGroupAcademicYear === null) return null;
  return pupil.yearGroup + academicYearStartYear(academicYear) - academicYearStartYear(pupil.yearGroupAcademicYear);
}

/**
 * Whether the pupil is summer-born: born in April to August (the youngest of an English year group, born
 * 1 September to 31 August). Null when the date of birth is missing.
 * @example
 * isSummerBorn({ dateOfBirth: "2016-07-30" }) // => true
 */
export function isSummerBorn(pupil: Pick<Pupil, "dateOfBirth">): boolean | null {
  if (pupil.dateOfBirth === null) return null;
  const m = monthOf(pupil.dateOfBirth);
  return m >= 4 && m <= 8;
}

/**
 * Whether the pupil is on roll on `date`: admitted on or before it (a missing admission date counts as
 * always) and not left before it (leaving date null or ≥ date).
 * @example
 * isOnRollOn({ admissionDate: "2020-09-03", leavingDate: "2025-02-14" }, "2025-03-01") // => false
 */
export function isOnRollOn(pupil: Pick<Pupil, "admissionDate" | "leavingDate">, date: string): boolean {
  return (pupil.admissionDate === null || pupil.admissionDate <= date) && (pupil.leavingDate === null || pupil.leavingDate >= date);
}

/**
 * Whether the pupil was on roll at any time in `academicYear` (1 September to 31 August).
 * @throws {InvalidArgumentError} when `academicYear` is not an academic year such as 2024/25
 * @example
 * isOnRollDuring({ admissionDate: "2020-09-03", leavingDate: "2025-02-14" }, "2024/25") // => true
 */
export function isOnRollDuring(pupil: Pick<Pupil, "admissionDate" | "leavingDate">, academicYear: string): boolean {
  const { start, end } = academicYearBounds(academicYear);
  return (pupil.admissionDate === null || pupil.admissionDate <= end) && (pupil.leavingDate === null || pupil.leavingDate >= start);
}
