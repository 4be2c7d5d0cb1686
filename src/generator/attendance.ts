/**
 * Attendance per pupil per term. Each pupil has an underlying absence rate (log-normal, higher for SEN pupils,
 * calibrated so persistent absence (≥ 10% missed over a year) is near national: no SEN ~18%, SEN support ~30%,
 * EHC plan ~35%); each term's rate varies around it, and missed sessions are drawn around possible × rate.
 */
import { TERMS_INFO, type TermInfo } from "./calendar.js";
import type { Rng } from "./random.js";
import type { PupilModel } from "./school.js";

/** One pupil's attendance in one term. */
export interface AttendanceResult {
  pupil: PupilModel;
  term: TermInfo;
  possible: number;
  attended: number;
}

/**
 * Attendance rows for every pupil on roll in each term (possible sessions pro rata for mid-term arrivals).
 * @example
 * generateAttendance(rng, school.pupils).length // => about 3900 for a 420-pupil school
 */
export function generateAttendance(rng: Rng, pupils: readonly PupilModel[]): AttendanceResult[] {
  const out: AttendanceResult[] = [];
  for (const p of pupils) {
    for (const t of TERMS_INFO) {
      if (p.admission > t.end || (p.leaving !== null && p.leaving < t.start)) continue;
      if (t.startYear < p.entryYear) continue;
      const share = p.admission > t.start ? (t.end - p.admission) / (t.end - t.start) : 1;
      const possible = Math.round(t.possibleSessions * share);
      if (possible <= 0) continue;
      const rate = Math.min(0.97, p.absence * Math.exp(rng.normal(-0.045, 0.3)));
      const missed = Math.round(possible * rate + rng.normal() * Math.sqrt(possible * rate * (1 - rate)));
      const attended = Math.min(possible, Math.max(0, possible - missed));
      out.push({ pupil: p, term: t, possible, attended });
    }
  }
  return out;
}
