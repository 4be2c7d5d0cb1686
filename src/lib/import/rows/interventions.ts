/**
 * Rows of a provision map → `InterventionRecord`s: one pupil's place in one run of an intervention.
 */
import type { MeasureKind } from "../../schema/primitives.js";
import type { RowReader } from "../row-reader.js";
import type { Parsed } from "../values.js";
import { provisionalPupilId, type RowOutput } from "./draft.js";
import { sharedAgeInMonths, datesOf, sharedMeasure, sharedNumber, sharedText, sharedTextOrNull, sharedWholeNumber } from "./shared-values.js";

function scoreParser(measure: MeasureKind | null): (text: string) => Parsed<number> {
  return measure === "readingAge" || measure === "spellingAge" ? sharedAgeInMonths : sharedNumber;
}

/**
 * Read one provision-map row into `out`.
 * @example
 * readInterventionRow(reader, out);
 * out.interventions[0]?.intervention // => "Precision teaching"
 */
export function readInterventionRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const intervention = row.required("intervention", sharedText, "missing-value", "the intervention name");
  const startDate = row.required("startDate", datesOf(row), "bad-date", "the start date");
  const endDate = row.optional("endDate", datesOf(row), "bad-date");
  const sessionsPlanned = row.optional("sessionsPlanned", sharedWholeNumber, "bad-number");
  const sessionsAttended = row.optional("sessionsAttended", sharedWholeNumber, "bad-number");
  const minutesPerSession = row.optional("minutesPerSession", sharedNumber, "bad-number");
  const cost = row.optional("cost", sharedNumber, "bad-number");
  const measure = row.optional("measure", (t) => sharedMeasure(t, null), "unknown-measure");
  const entryScore = row.optional("entryScore", scoreParser(measure), "bad-number");
  const exitScore = row.optional("exitScore", scoreParser(measure), "bad-number");
  const exitTarget = row.optional("exitTarget", scoreParser(measure), "bad-number");
  const entryDate = row.optional("entryDate", datesOf(row), "bad-date");
  const exitDate = row.optional("exitDate", datesOf(row), "bad-date");
  if (key === undefined || intervention === undefined || startDate === undefined || row.isRejected) return;
  if (endDate !== null && endDate < startDate) {
    row.error(row.column("endDate"), "end-before-start", `the intervention ends (${endDate}) before it starts (${startDate})`);
    return;
  }
  if (sessionsPlanned !== null && sessionsAttended !== null && sessionsAttended > sessionsPlanned) {
    row.warn(row.column("sessionsAttended"), "attended-exceeds-planned",
      `${sessionsAttended} sessions attended but only ${sessionsPlanned} planned`);
  }
  if ((entryScore !== null || exitScore !== null) && measure === null) {
    row.warn(row.column("entryScore") ?? row.column("exitScore"), "unknown-measure",
      "entry/exit scores are given without a measure, so they cannot be compared with other results");
  }
  if (cost !== null && cost < 0) {
    row.error(row.column("cost"), "out-of-range", `a cost cannot be negative (${cost})`);
    return;
  }
  out.key = key;
  out.interventions.push({
    pupilId: provisionalPupilId(key), intervention, group: sharedTextOrNull(row.text("group")), startDate, endDate,
    sessionsPlanned, sessionsAttended, minutesPerSession, staff: sharedTextOrNull(row.text("staff")), cost, measure,
    entryScore, entryDate, exitScore, exitDate, exitTarget, source: { file: row.file, line: row.line },
  });
}
