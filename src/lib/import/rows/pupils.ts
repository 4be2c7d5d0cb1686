/**
 * Rows of a pupil list → `Pupil` records (and, where the list carries SEN columns, an open SEN spell).
 */
import { PUPIL_FIELDS } from "../../schema/records.js";
import type { RowReader } from "../row-reader.js";
import { readSenSpell } from "./sen-register.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, fromKey, later, optional, orElse, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedFlag, sharedGender, sharedText, sharedTextOrNull, sharedYearGroup } from "./shared-values.js";

/**
 * How each field of `Pupil` is read (see `field-reads.ts`), in the order read: the surname before the forename
 * (the order their problems have always been reported in).
 * @example
 * PUPIL_READS.gender.from // => "column"
 */
export const PUPIL_READS: FieldReads<typeof PUPIL_FIELDS> = {
  pupilId: PUPIL_ID,
  upn: fromKey((key) => key.upn),
  misId: fromKey((key) => sharedTextOrNull(key.misId)),
  surname: required("surname", sharedText, "missing-value", "the surname"),
  forename: required("forename", sharedText, "missing-value", "the forename"),
  dateOfBirth: optional("dateOfBirth", FILE_DATES, "bad-date"),
  gender: orElse(optional("gender", sharedGender, "bad-gender"), "U"),
  yearGroup: optional("yearGroup", sharedYearGroup, "bad-year-group"),
  yearGroupAcademicYear: later(null, "linking (the academic year the year group is in)"),
  fsm: optional("fsm", sharedFlag, "bad-flag"),
  disadvantaged: optional("disadvantaged", sharedFlag, "bad-flag"),
  eal: optional("eal", sharedFlag, "bad-flag"),
  lookedAfter: optional("lookedAfter", sharedFlag, "bad-flag"),
  admissionDate: optional("admissionDate", FILE_DATES, "bad-date"),
  leavingDate: optional("leavingDate", FILE_DATES, "bad-date"),
  school: optional("school", sharedText, "bad-value"),
  registrationClass: optional("registrationClass", sharedText, "bad-value"),
  source: SOURCE,
};

/** A pupil eligible for free school meals is disadvantaged where the list does not say. */
const readPupil = recordReader(PUPIL_FIELDS, PUPIL_READS, (row, pupil) => {
  if (pupil.disadvantaged === null && pupil.fsm === true) pupil.disadvantaged = true;
  return true;
});

/**
 * Read one pupil-list row into `out` (and its SEN spell, where the list has SEN columns).
 * @example
 * const reader = new RowReader("pupils.csv", 2, ["X201300125001", "Lee", "Sam", "28/02/2017"],
 *   new Map([["upn", 0], ["surname", 1], ["forename", 2], ["dateOfBirth", 3]]), ["UPN", "Surname", "Forename", "DOB"]);
 * const out = new RowOutput();
 * readPupilRow(reader, out);
 * out.pupils[0]?.surname // => "Lee"
 * [out.pupils[0]?.dateOfBirth, out.pupils[0]?.gender] // => ["2017-02-28", "U"] (day first; no gender column: not known)
 */
export function readPupilRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const pupil = readPupil(row, key);
  if (key === undefined || pupil === undefined) return;
  out.key = key;
  out.pupils.push(pupil);
  if (row.text("senStatus") !== null) {
    const spell = readSenSpell(row, key);
    if (spell !== undefined) out.senRegister.push(spell);
  }
}
