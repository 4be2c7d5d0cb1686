/** The date a report or an analysis describes when none is given (`defaultAsOf`). */
import { InvalidArgumentError } from "../errors.js";
import type { SchoolData } from "../schema/school-data.js";

/** The records `defaultAsOf` looks at. */
type DatedData = Pick<SchoolData, "assessments" | "senRegister" | "suspensions" | "interventions" | "targets" | "pupils">;

function latest(dates: Iterable<string | null>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d !== null && (best === null || d > best)) best = d;
  return best;
}

/**
 * The date a report describes when none is given: the latest assessment date in the data, or, with no
 * assessments, the latest date of any record (SEN spell, attendance is by term so not used, suspension,
 * intervention, target, admission). Deterministic: no clock. The date an analysis describes when it is given
 * none and its context has none (see `analysisDate`), and `buildReport`'s default.
 * @param data the imported data (`importFolder`), or the parts of it at hand (a missing kind of record is none)
 * @throws {InvalidArgumentError} when the data holds no dated record at all
 * @example
 * defaultAsOf(data) // => { asOf: "2026-06-22", source: "latest assessment" }
 */
export function defaultAsOf(data: Partial<DatedData>): { asOf: string; source: "latest assessment" | "latest record" } {
  const { assessments = [], senRegister = [], suspensions = [], interventions = [], targets = [], pupils = [] } = data;
  let fromAssessments: string | null = null;
  // A loop, not `map`: a trust has millions of results.
  for (let i = 0; i < assessments.length; i += 1) {
    const date = assessments[i]!.date;
    if (fromAssessments === null || date > fromAssessments) fromAssessments = date;
  }
  if (fromAssessments !== null) return { asOf: fromAssessments, source: "latest assessment" };
  const any = latest([
    ...senRegister.flatMap((s) => [s.startDate, s.endDate, s.lastAnnualReview]),
    ...suspensions.map((s) => s.startDate),
    ...interventions.flatMap((i) => [i.startDate, i.endDate]),
    ...targets.map((t) => t.targetDate),
    ...pupils.map((p) => p.admissionDate),
  ]);
  if (any === null) throw new InvalidArgumentError("defaultAsOf", "the data holds no dated record, so give the date the report describes (asOf)");
  return { asOf: any, source: "latest record" };
}
