/**
 * Rows of a pupil list → `Pupil` records (and, where the list carries SEN columns, an open SEN spell).
 */
import type { RowReader } from "../row-reader.js";
import { parseDate, parseFlag, parseGender, parseYearGroup } from "../values.js";
import { readSenSpell } from "./sen-register.js";
import { provisionalPupilId, type RowRecords } from "./draft.js";

const keep = (text: string) => ({ ok: true as const, value: text });

/**
 * Read one pupil-list row.
 * @example
 * readPupilRow(reader).pupils?.[0]?.record.surname // => "Lee"
 */
export function readPupilRow(row: RowReader): RowRecords {
  const key = row.pupilKey();
  const surname = row.required("surname", keep, "missing-value", "the surname");
  const forename = row.required("forename", keep, "missing-value", "the forename");
  const dateOfBirth = row.optional("dateOfBirth", parseDate, "bad-date");
  const gender = row.optional("gender", parseGender, "bad-gender") ?? "U";
  const yearGroup = row.optional("yearGroup", parseYearGroup, "bad-year-group");
  const fsm = row.optional("fsm", parseFlag, "bad-flag");
  const disadvantaged = row.optional("disadvantaged", parseFlag, "bad-flag");
  const eal = row.optional("eal", parseFlag, "bad-flag");
  const lookedAfter = row.optional("lookedAfter", parseFlag, "bad-flag");
  const admissionDate = row.optional("admissionDate", parseDate, "bad-date");
  const leavingDate = row.optional("leavingDate", parseDate, "bad-date");
  if (key === undefined || surname === undefined || forename === undefined || row.isRejected) return {};
  const source = { file: row.file, line: row.line };
  const pupilId = provisionalPupilId(key);
  const records: RowRecords = {
    pupils: [{
      key,
      record: {
        pupilId, upn: key.upn, misId: key.misId, forename, surname, dateOfBirth, gender, yearGroup,
        yearGroupAcademicYear: null, fsm, disadvantaged: disadvantaged ?? (fsm === true ? true : null), eal,
        lookedAfter, admissionDate, leavingDate, school: row.text("school"), source,
      },
    }],
  };
  if (row.text("senStatus") !== null) {
    const spell = readSenSpell(row, pupilId);
    if (spell !== undefined) records.senRegister = [{ key, record: spell }];
  }
  return records;
}
