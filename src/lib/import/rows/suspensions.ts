/**
 * Rows of a suspensions / exclusions export → `Suspension` records.
 */
import type { RowReader } from "../row-reader.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { datesOf, sharedNumber, sharedTextOrNull } from "./shared-values.js";

/**
 * Read one suspension row. A type containing "permanent" marks a permanent exclusion; anything else
 * (Suspension, Fixed Term, FTE) is a suspension.
 * @example
 * readSuspensionRow(reader, out);
 * out.suspensions[0]?.permanent // => false
 */
export function readSuspensionRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const startDate = row.required("startDate", datesOf(row), "bad-date", "the start date");
  const days = row.optional("days", sharedNumber, "bad-number");
  if (key === undefined || startDate === undefined || row.isRejected) return;
  if (days !== null && days < 0) {
    row.error(row.column("days"), "out-of-range", `a suspension cannot last ${days} days`);
    return;
  }
  const type = row.text("suspensionType") ?? "";
  out.key = key;
  out.suspensions.push({
    pupilId: provisionalPupilId(key), startDate, days, permanent: /perm/i.test(type),
    reason: sharedTextOrNull(row.text("reason")), source: { file: row.file, line: row.line },
  });
}
