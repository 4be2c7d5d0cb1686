/**
 * Rows of a suspensions / exclusions export → `Suspension` records.
 */
import { SUSPENSION_FIELDS } from "../../schema/records.js";
import { memoized } from "../intern.js";
import type { RowReader } from "../row-reader.js";
import { ok } from "../values.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, optional, orElse, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedNumber, sharedText } from "./shared-values.js";

/** A type containing "permanent" marks a permanent exclusion; anything else (Suspension, Fixed Term, FTE) is a suspension. */
const isPermanent = memoized((text: string) => ok(/perm/i.test(text)));

/**
 * How each field of `Suspension` is read (see `field-reads.ts`), in the table's order.
 * @example
 * SUSPENSION_READS.permanent.from // => "column"
 */
export const SUSPENSION_READS: FieldReads<typeof SUSPENSION_FIELDS> = {
  pupilId: PUPIL_ID,
  startDate: required("startDate", FILE_DATES, "bad-date", "the start date"),
  days: optional("days", sharedNumber, "bad-number"),
  permanent: orElse(optional("suspensionType", isPermanent, "bad-value"), false),
  reason: optional("reason", sharedText, "bad-value"),
  source: SOURCE,
};

/** A negative number of days rejects the row. */
const readSuspension = recordReader(SUSPENSION_FIELDS, SUSPENSION_READS, (row, { days }) => {
  if (row.isRejected) return false;
  if (days !== null && days < 0) {
    row.error(row.column("days"), "out-of-range", `a suspension cannot last ${days} days`);
    return false;
  }
  return true;
});

/**
 * Read one suspension row. A type containing "permanent" marks a permanent exclusion; anything else
 * (Suspension, Fixed Term, FTE) is a suspension.
 * @example
 * const reader = new RowReader("suspensions.csv", 2, ["X201300125001", "04/03/2025", "2", "Fixed Term"],
 *   new Map([["upn", 0], ["startDate", 1], ["days", 2], ["suspensionType", 3]]), ["UPN", "Start Date", "Days", "Type"]);
 * const out = new RowOutput();
 * readSuspensionRow(reader, out);
 * out.suspensions[0]?.permanent // => false ("Fixed Term" is a suspension)
 * [out.suspensions[0]?.startDate, out.suspensions[0]?.days] // => ["2025-03-04", 2]
 */
export function readSuspensionRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const suspension = readSuspension(row, key);
  if (key === undefined || suspension === undefined) return;
  out.key = key;
  out.suspensions.push(suspension);
}
