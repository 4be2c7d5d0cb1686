/**
 * Rows of a provision map → `InterventionRecord`s: one pupil's place in one run of an intervention.
 */
import type { MeasureKind } from "../../schema/primitives.js";
import { INTERVENTION_FIELDS, type InterventionRecord } from "../../schema/records.js";
import type { RowReader } from "../row-reader.js";
import type { Parsed } from "../values.js";
import type { RowOutput } from "./draft.js";
import { FILE_DATES, optional, perRow, PUPIL_ID, recordReader, required, SOURCE, type FieldReads } from "./field-reads.js";
import { sharedAgeInMonths, sharedMeasure, sharedNumber, sharedText, sharedWholeNumber } from "./shared-values.js";

function scoreParser(measure: MeasureKind | null): (text: string) => Parsed<number> {
  return measure === "readingAge" || measure === "spellingAge" ? sharedAgeInMonths : sharedNumber;
}

/** An entry or exit score, read as an age in months where the measure is an age. */
const SCORE = perRow((_row, record: InterventionRecord) => scoreParser(record.measure));

/**
 * How each field of `InterventionRecord` is read (see `field-reads.ts`), in the order read: the scores before
 * the entry and exit dates (the order their problems have always been reported in).
 * @example
 * INTERVENTION_READS.intervention.from // => "column"
 */
export const INTERVENTION_READS: FieldReads<typeof INTERVENTION_FIELDS> = {
  pupilId: PUPIL_ID,
  intervention: required("intervention", sharedText, "missing-value", "the intervention name"),
  group: optional("group", sharedText, "bad-value"),
  startDate: required("startDate", FILE_DATES, "bad-date", "the start date"),
  endDate: optional("endDate", FILE_DATES, "bad-date"),
  sessionsPlanned: optional("sessionsPlanned", sharedWholeNumber, "bad-number"),
  sessionsAttended: optional("sessionsAttended", sharedWholeNumber, "bad-number"),
  minutesPerSession: optional("minutesPerSession", sharedNumber, "bad-number"),
  staff: optional("staff", sharedText, "bad-value"),
  cost: optional("cost", sharedNumber, "bad-number"),
  measure: optional("measure", (text) => sharedMeasure(text, null), "unknown-measure"),
  entryScore: optional("entryScore", SCORE, "bad-number"),
  exitScore: optional("exitScore", SCORE, "bad-number"),
  exitTarget: optional("exitTarget", SCORE, "bad-number"),
  entryDate: optional("entryDate", FILE_DATES, "bad-date"),
  exitDate: optional("exitDate", FILE_DATES, "bad-date"),
  source: SOURCE,
};

/**
 * An end before the start and a negative cost reject the row; more sessions attended than planned, and scores
 * without a measure, are warnings.
 */
const readIntervention = recordReader(INTERVENTION_FIELDS, INTERVENTION_READS, (row, place) => {
  if (row.isRejected) return false;
  const { startDate, endDate, sessionsPlanned, sessionsAttended, cost } = place;
  if (endDate !== null && endDate < startDate) {
    row.error(row.column("endDate"), "end-before-start", `the intervention ends (${endDate}) before it starts (${startDate})`);
    return false;
  }
  if (sessionsPlanned !== null && sessionsAttended !== null && sessionsAttended > sessionsPlanned) {
    row.warn(row.column("sessionsAttended"), "attended-exceeds-planned",
      `${sessionsAttended} sessions attended but only ${sessionsPlanned} planned`);
  }
  if ((place.entryScore !== null || place.exitScore !== null) && place.measure === null) {
    row.warn(row.column("entryScore") ?? row.column("exitScore"), "unknown-measure",
      "entry/exit scores are given without a measure, so they cannot be compared with other results");
  }
  if (cost !== null && cost < 0) {
    row.error(row.column("cost"), "out-of-range", `a cost cannot be negative (${cost})`);
    return false;
  }
  return true;
});

/**
 * Read one provision-map row into `out`.
 * @example
 * // Most of the first row of the sample school's arbor-interventions.csv (another pupil's UPN).
 * const reader = new RowReader("interventions.csv", 2,
 *   ["X201300125001", "Precision teaching", "PT-202425-A", "2024-09-16", "2024-11-28", "30", "25", "Reading Age", "84", "90"],
 *   new Map([["upn", 0], ["intervention", 1], ["group", 2], ["startDate", 3], ["endDate", 4], ["sessionsPlanned", 5],
 *     ["sessionsAttended", 6], ["measure", 7], ["entryScore", 8], ["exitScore", 9]]),
 *   ["UPN", "Intervention Name", "Intervention Group", "Start Date", "End Date", "Planned Sessions", "Attended Sessions",
 *     "Assessment Measure", "Baseline Score", "Outcome Score"]);
 * const out = new RowOutput();
 * readInterventionRow(reader, out);
 * out.interventions[0]?.intervention // => "Precision teaching"
 * const r = out.interventions[0];
 * [r?.measure, r?.entryScore, r?.exitScore, r?.sessionsAttended, r?.endDate] // => ["readingAge", 84, 90, 25, "2024-11-28"]
 */
export function readInterventionRow(row: RowReader, out: RowOutput): void {
  const key = row.pupilKey();
  const place = readIntervention(row, key);
  if (key === undefined || place === undefined) return;
  out.key = key;
  out.interventions.push(place);
}
