/**
 * Rows of an SEN register → `SenRecord` spells. Census rules checked (as warnings, the spell is kept):
 * SEN support or an EHC plan must have a type of need; NSA is only used with SEN support; a pupil has at
 * most two ranked needs (primary and secondary, so a third cannot be expressed here).
 */
import type { SenRecord } from "../../schema/records.js";
import type { RowReader } from "../row-reader.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { datesOf, sharedNeed, sharedSenStatus } from "./shared-values.js";

/**
 * Read the SEN fields of a row (SEN register or a pupil list with SEN columns) into a spell, or `undefined`
 * when the status is missing or invalid (the row is then rejected).
 * @example
 * readSenSpell(reader, "A…")?.status // => "K"
 */
export function readSenSpell(row: RowReader, pupilId: string): SenRecord | undefined {
  const status = row.required("senStatus", sharedSenStatus, "unknown-sen-status", "the SEN status");
  const primaryNeed = row.optional("primaryNeed", sharedNeed, "unknown-need");
  const secondaryNeed = row.optional("secondaryNeed", sharedNeed, "unknown-need");
  const startDate = row.optional("startDate", datesOf(row), "bad-date");
  const endDate = row.optional("endDate", datesOf(row), "bad-date");
  const ehcPlanDate = row.optional("ehcPlanDate", datesOf(row), "bad-date");
  const lastAnnualReview = row.optional("lastAnnualReview", datesOf(row), "bad-date");
  if (status === undefined) return undefined;
  if ((status === "K" || status === "E") && primaryNeed === null && row.text("primaryNeed") === null) {
    row.warn(row.column("primaryNeed"), "missing-need",
      `${status === "K" ? "SEN support" : "an EHC plan"} must have a primary type of need (census rule); the need is unknown`);
  }
  if (status === "E" && primaryNeed === "NSA") {
    row.warn(row.column("primaryNeed"), "nsa-with-ehcp", "NSA (no specialist assessment) is only used with SEN support, not with an EHC plan");
  }
  if (startDate !== null && endDate !== null && endDate < startDate) {
    row.error(row.column("endDate"), "end-before-start", `the SEN spell ends (${endDate}) before it starts (${startDate})`);
    return undefined;
  }
  return {
    pupilId, status, startDate, endDate, primaryNeed, secondaryNeed,
    ehcPlanDate, lastAnnualReview, source: { file: row.file, line: row.line },
  };
}

/**
 * Read one SEN register row into `out`.
 * @example
 * readSenRegisterRow(reader, out);
 * out.senRegister[0]?.status // => "E"
 */
export function readSenRegisterRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const spell = readSenSpell(row, key === undefined ? "" : provisionalPupilId(key));
  if (key === undefined || spell === undefined || row.isRejected) return;
  out.key = key;
  out.senRegister.push(spell);
}
