/**
 * Rows of a pupil list → `Pupil` records (and, where the list carries SEN columns, an open SEN spell).
 */
import type { RowReader } from "../row-reader.js";
import { readSenSpell } from "./sen-register.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { datesOf, sharedFlag, sharedGender, sharedText, sharedTextOrNull, sharedYearGroup } from "./shared-values.js";

/**
 * Read one pupil-list row into `out` (and its SEN spell, where the list has SEN columns).
 * @example
 * readPupilRow(reader, out);
 * out.pupils[0]?.surname // => "Lee"
 */
export function readPupilRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const surname = row.required("surname", sharedText, "missing-value", "the surname");
  const forename = row.required("forename", sharedText, "missing-value", "the forename");
  const dateOfBirth = row.optional("dateOfBirth", datesOf(row), "bad-date");
  const gender = row.optional("gender", sharedGender, "bad-gender") ?? "U";
  const yearGroup = row.optional("yearGroup", sharedYearGroup, "bad-year-group");
  const fsm = row.optional("fsm", sharedFlag, "bad-flag");
  const disadvantaged = row.optional("disadvantaged", sharedFlag, "bad-flag");
  const eal = row.optional("eal", sharedFlag, "bad-flag");
  const lookedAfter = row.optional("lookedAfter", sharedFlag, "bad-flag");
  const admissionDate = row.optional("admissionDate", datesOf(row), "bad-date");
  const leavingDate = row.optional("leavingDate", datesOf(row), "bad-date");
  if (key === undefined || surname === undefined || forename === undefined || row.isRejected) return;
  const source = { file: row.file, line: row.line };
  const pupilId = provisionalPupilId(key);
  out.key = key;
  out.pupils.push({
    pupilId, upn: key.upn, misId: sharedTextOrNull(key.misId), forename, surname, dateOfBirth, gender, yearGroup,
    yearGroupAcademicYear: null, fsm, disadvantaged: disadvantaged ?? (fsm === true ? true : null), eal,
    lookedAfter, admissionDate, leavingDate, school: sharedTextOrNull(row.text("school")),
    registrationClass: sharedTextOrNull(row.text("registrationClass")), source,
  });
  if (row.text("senStatus") !== null) {
    const spell = readSenSpell(row, pupilId);
    if (spell !== undefined) out.senRegister.push(spell);
  }
}
