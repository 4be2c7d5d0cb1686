/**
 * EHC needs assessment requests for the sample school, from their own random stream (so every other file is
 * unchanged by them). Consistent with the SEN register: a pupil whose EHC plan was issued inside the data
 * window had a request 16–21 weeks before the plan date (moved to a weekday), agreed after 4–7 weeks, with the
 * plan issued on the plan date; six pupils on SEN support at the export date had a request in 2025/26 that was
 * refused, is waiting for a decision, is being assessed, or ended with a decision not to issue a plan.
 */
import { AS_AT, WINDOW_START, dayNumber } from "./calendar.js";
import { Rng, hashKeys } from "./random.js";
import { onRoll, type PupilModel } from "./school.js";

/** One request. Dates are day numbers; null = not yet. */
export interface EhcRequestResult {
  pupil: PupilModel;
  requested: number;
  decision: "agreed" | "refused" | "pending";
  decided: number | null;
  outcome: "issued" | "notIssued" | null;
  outcomeDate: number | null;
}

/** Stream key of the requests (an arbitrary constant, so no other stream's draws move). */
const STREAM = 4_301;

/**
 * Requests for the school's pupils, in pupil order.
 * @example
 * generateEhcRequests(seed, school.pupils).every((r) => r.requested <= AS_AT) // => true
 */
export function generateEhcRequests(seed: number, pupils: readonly PupilModel[]): EhcRequestResult[] {
  const rng = new Rng(hashKeys([seed, STREAM]));
  const out: EhcRequestResult[] = [];
  // Plans issued inside the window: the request that led to each (on a weekday).
  for (const p of pupils) {
    for (const s of p.spells) {
      if (s.status !== "E" || s.ehcPlanDate === null) continue;
      const requested = weekday(s.ehcPlanDate - rng.int(112, 150));
      if (requested < WINDOW_START) continue;
      const decided = weekday(requested + rng.int(28, 49));
      out.push({ pupil: p, requested, decision: "agreed", decided, outcome: "issued", outcomeDate: s.ehcPlanDate });
    }
  }
  // Six pupils on SEN support now, chosen at random: a request this year, one of each kind of story.
  const candidates = pupils.filter((p) => p.finalStatus === "K" && p.leaving === null && onRoll(p, AS_AT));
  const chosen: PupilModel[] = [];
  while (chosen.length < Math.min(6, candidates.length)) {
    const p = candidates[rng.int(0, candidates.length - 1)]!;
    if (!chosen.includes(p)) chosen.push(p);
  }
  const stories: ReadonlyArray<{ from: string; to: string; story: "refused" | "pending" | "assessing" | "notIssued" }> = [
    { from: "2025-09-15", to: "2025-11-28", story: "refused" },
    { from: "2026-03-02", to: "2026-04-24", story: "pending" }, // waiting past 6 weeks by the summer
    { from: "2025-10-06", to: "2026-01-16", story: "assessing" }, // may run past 20 weeks
    { from: "2025-09-08", to: "2025-12-12", story: "notIssued" },
    { from: "2026-06-01", to: "2026-06-19", story: "pending" },
    { from: "2026-01-12", to: "2026-03-20", story: "assessing" },
  ];
  chosen.forEach((p, i) => {
    const { from, to, story } = stories[i]!;
    const requested = weekday(rng.int(dayNumber(from), dayNumber(to)));
    const decided = weekday(requested + rng.int(30, 47));
    if (story === "pending") out.push({ pupil: p, requested, decision: "pending", decided: null, outcome: null, outcomeDate: null });
    else if (story === "refused") out.push({ pupil: p, requested, decision: "refused", decided, outcome: null, outcomeDate: null });
    else if (story === "assessing") out.push({ pupil: p, requested, decision: "agreed", decided, outcome: null, outcomeDate: null });
    else out.push({ pupil: p, requested, decision: "agreed", decided, outcome: "notIssued", outcomeDate: weekday(requested + rng.int(100, 118)) });
  });
  return out;
}

/** The day, or the Monday after it when it falls on a weekend (day 0, 1 January 1970, was a Thursday). */
function weekday(day: number): number {
  const dow = (day + 4) % 7; // 0 Sunday … 6 Saturday
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}
