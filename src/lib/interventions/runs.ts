/**
 * Runs of an intervention (a group over a period) from the provision map, and what each run delivered:
 * pupils, dates, dosage, staff, cost, and the share meeting the exit criterion.
 */
import type { InterventionRecord } from "../schema/records.js";
import { wilsonInterval } from "../stats/wilson.js";
import type { PlacementOutcome } from "./outcomes.js";
import type { Cost, Delivery, ExitTarget } from "./schema.js";

/** The provision-map records of one run. */
export interface RunRecords {
  intervention: string;
  /** The run's label: the record's `group`, or the intervention and its start date when there is none. */
  run: string;
  /** Earliest start date. */
  startDate: string;
  /** Latest end date, or null when any place in the run is still open. */
  endDate: string | null;
  records: InterventionRecord[];
}

/**
 * Groups provision-map records into runs: records of the same intervention and `group`; records without a
 * group form one run per start date. Runs are sorted by intervention, start date, then label.
 * @example
 * // The sample school's precision-teaching runs (the groups in its arbor-interventions.csv):
 * groupRuns(data.interventions.filter((r) => r.intervention === "Precision teaching")).map((r) => r.run);
 * // => ["PT-202425-A", "PT-202425-B", "PT-202425-C", "PT-202425-D", "PT-202526-A", "PT-202526-B", "PT-202526-C", "PT-202526-D"]
 */
export function groupRuns(records: readonly InterventionRecord[]): RunRecords[] {
  const map = new Map<string, RunRecords>();
  for (const r of records) {
    const run = r.group ?? `${r.intervention} from ${r.startDate}`;
    const key = `${r.intervention}\u0000${run}`;
    let entry = map.get(key);
    if (entry === undefined) {
      entry = { intervention: r.intervention, run, startDate: r.startDate, endDate: r.endDate, records: [] };
      map.set(key, entry);
    }
    entry.records.push(r);
    if (r.startDate < entry.startDate) entry.startDate = r.startDate;
  }
  for (const e of map.values()) {
    const ends = e.records.map((r) => r.endDate);
    e.endDate = ends.some((d) => d === null) ? null : (ends as string[]).sort().at(-1) ?? null;
  }
  return [...map.values()].sort(
    (a, b) => a.intervention.localeCompare(b.intervention) || a.startDate.localeCompare(b.startDate) || a.run.localeCompare(b.run),
  );
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((s, v) => s + v, 0);
}

/**
 * Delivery of a set of placements: distinct pupils, placements, how many lack an entry or exit score or
 * elapsed time, leavers, sessions planned and attended, the attendance rate (attended ÷ planned over
 * placements recording both), and the staff named.
 * @example
 * // Run PT-202425-A of the sample school: 6 pupils, 30 sessions planned each, 25+28+24+22+25+25 attended
 * // (read from the CSV by hand); no pupil passed in, so none left early.
 * const outcomes = data.interventions.filter((r) => r.group === "PT-202425-A")
 *   .map((r) => placementOutcome(r, undefined, "2024-11-28", "2025-07-01"));
 * describeDelivery(outcomes);
 * // => { n: 6, placements: 6, missingEntry: 0, missingExit: 0, zeroElapsed: 0, leftEarly: 0,
 * //      sessionsPlanned: 180, sessionsAttended: 149, attendanceRate: 0.8278, staff: ["Mrs Aoife Kelly (TA)"] }
 */
export function describeDelivery(outcomes: readonly PlacementOutcome[]): Delivery {
  const records = outcomes.map((o) => o.record);
  const both = records.filter((r) => r.sessionsPlanned !== null && r.sessionsAttended !== null);
  const planned = both.reduce((s, r) => s + (r.sessionsPlanned ?? 0), 0);
  const attended = both.reduce((s, r) => s + (r.sessionsAttended ?? 0), 0);
  return {
    n: new Set(records.map((r) => r.pupilId)).size,
    placements: records.length,
    missingEntry: outcomes.filter((o) => o.excluded === "missingEntry").length,
    missingExit: outcomes.filter((o) => o.excluded === "missingExit").length,
    zeroElapsed: outcomes.filter((o) => o.excluded === "zeroElapsed").length,
    leftEarly: outcomes.filter((o) => o.leftEarly).length,
    sessionsPlanned: sumOrNull(records.map((r) => r.sessionsPlanned)),
    sessionsAttended: sumOrNull(records.map((r) => r.sessionsAttended)),
    attendanceRate: planned > 0 ? attended / planned : null,
    staff: [...new Set(records.map((r) => r.staff).filter((s): s is string => s !== null && s !== ""))].sort(),
  };
}

/**
 * Cost of a set of placements: `total` = sum of recorded per-place costs; `perPupil` = total ÷ places with a
 * cost; `perPupilHour` = (cost of places recording sessions attended and minutes per session) ÷ their hours
 * attended (sessions × minutes ÷ 60), null when no hours were attended. `n` is the distinct pupils.
 * @example
 * describeCost([{ cost: 200, sessionsAttended: 30, minutesPerSession: 20 }, …]);
 * // => { n: 2, total: 400, perPupil: 200, perPupilHour: 20 }
 */
export function describeCost(records: readonly InterventionRecord[]): Cost {
  const n = new Set(records.map((r) => r.pupilId)).size;
  const costed = records.filter((r) => r.cost !== null);
  const total = sumOrNull(costed.map((r) => r.cost));
  let hourCost = 0;
  let hours = 0;
  for (const r of costed) {
    if (r.sessionsAttended === null || r.minutesPerSession === null) continue;
    hourCost += r.cost ?? 0;
    hours += (r.sessionsAttended * r.minutesPerSession) / 60;
  }
  return {
    n,
    total,
    perPupil: total === null ? null : total / costed.length,
    perPupilHour: hours > 0 ? hourCost / hours : null,
  };
}

/**
 * Share of placements that met their exit target (exit score ≥ exit target) among those recording both,
 * with a Wilson interval; `n: 0` and nulls when none does.
 * @example
 * // Run PT-202425-A: exit scores 90, 86, 78, 73, 92, 85 against targets 88, 78, 73, 73, 91, 86: 5 of 6 met;
 * // the Wilson interval for 5/6 worked out in Python.
 * const outcomes = data.interventions.filter((r) => r.group === "PT-202425-A")
 *   .map((r) => placementOutcome(r, undefined, "2024-11-28", "2025-07-01"));
 * describeExitTarget(outcomes, 0.95); // => { n: 6, count: 5, rate: 0.8333, lower: 0.4365, upper: 0.9699 }
 */
export function describeExitTarget(outcomes: readonly PlacementOutcome[], confidence = 0.95): ExitTarget {
  const judged = outcomes.filter((o) => o.metTarget !== null);
  const count = judged.filter((o) => o.metTarget === true).length;
  if (judged.length === 0) return { n: 0, count: 0, rate: null, lower: null, upper: null };
  const w = wilsonInterval(count, judged.length, confidence);
  return { n: judged.length, count, rate: count / judged.length, lower: w.lower, upper: w.upper };
}
