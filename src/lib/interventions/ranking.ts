/**
 * Cost-effectiveness rankings that show their uncertainty and refuse to rank what cannot be told apart.
 */
import { InvalidArgumentError } from "../errors.js";
import { normalQuantile } from "../stats/normal.js";
import type { NetImpact, Ranking, RankingEntry } from "./schema.js";

/** What {@link rankCostEffectiveness} ranks: one intervention's pupils, net impact and cost per pupil. */
export interface RankingInput {
  intervention: string;
  /** Distinct pupils. */
  n: number;
  net: NetImpact;
  /** Cost per pupil in pounds, or null when no cost was recorded. */
  costPerPupil: number | null;
}

/** Options for {@link rankCostEffectiveness}. */
export interface RankingOptions {
  /** Interventions with fewer pupils are listed but never ranked; default 5. */
  minPupils?: number;
  /** Confidence level of the intervals, for the statements; default 0.95. */
  confidence?: number;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/**
 * Ranks interventions by net impact per £100 spent per pupil, separately for each unit (months of reading or
 * spelling age; standardised score points), so unlike units are never compared.
 *
 * - Not ranked (`rank: null`, with a `reason`): fewer than `minPupils` pupils, no net-impact interval, or no
 *   cost recorded.
 * - The interval of impact per £100 is the net-impact interval ÷ cost per pupil × 100 (cost taken as known).
 *   Two entries are "told apart" when the interval of their difference excludes 0: |a − b| > z·√(se_a² + se_b²),
 *   each se recovered from its interval as (upper − lower) / 2z (normal approximation). This is the right test
 *   for a difference (two 95% intervals can overlap a little while the difference is clear: Schenker &
 *   Gentleman 2001, Am Stat 55:182). A ranked entry's `rank` is 1 + the number of entries told apart from it
 *   and higher, so entries that cannot be told apart often share a rank; `tiedWith` names them.
 * - `costPerUnit` = cost per pupil ÷ net impact (pounds per pupil per month or point), null unless the net
 *   impact is above 0; its upper end is null (unbounded) when the interval reaches 0.
 * Ranked entries are listed by impact per £100 (the best estimate first), then unranked ones by name.
 * @param inputs one per intervention
 * @param options minimum pupils (default 5) and confidence level (default 0.95)
 * @throws {InvalidArgumentError} when minPupils is not a whole number ≥ 1
 * @example
 * rankCostEffectiveness([
 *   { intervention: "A", n: 10, net: { n: 10, method: "comparison", unit: "points", mean: 6, lower: 3, upper: 9, perMonth: null }, costPerPupil: 200 },
 *   { intervention: "B", n: 10, net: { n: 10, method: "comparison", unit: "points", mean: 1, lower: -2, upper: 4, perMonth: null }, costPerPupil: 100 },
 * ])[0]?.entries.map((e) => [e.intervention, e.rank]);
 * // => [["A", 1], ["B", 1]] (A: 3 ± 1.5 points per £100, B: 1 ± 3: difference 2, half-width of its
 * //     interval 1.96·√(0.765² + 1.531²) = 3.35, so they cannot be told apart)
 */
export function rankCostEffectiveness(inputs: readonly RankingInput[], options: RankingOptions = {}): Ranking[] {
  const minPupils = options.minPupils ?? 5;
  if (!Number.isInteger(minPupils) || minPupils < 1) {
    throw new InvalidArgumentError("rankCostEffectiveness", `minPupils must be a whole number ≥ 1, got ${String(minPupils)}`);
  }
  const confidence = options.confidence ?? 0.95;
  const level = Math.round(confidence * 100);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const rankings: Ranking[] = [];
  for (const unit of ["months", "points"] as const) {
    const group = inputs.filter((i) => i.net.unit === unit);
    if (group.length === 0) continue;
    const per = unit === "months" ? "month" : "point";
    const entries: RankingEntry[] = group.map((i) => {
      const cost = i.costPerPupil;
      const { mean, lower, upper } = i.net;
      let reason: string | null = null;
      if (i.n < minPupils) reason = `only ${i.n} pupil${i.n === 1 ? "" : "s"} (fewer than ${minPupils}): too few to rank`;
      else if (mean === null || lower === null || upper === null) reason = "no net impact with an interval could be estimated";
      else if (cost === null || !(cost > 0)) reason = "no cost recorded";
      const ranked = reason === null && cost !== null && mean !== null && lower !== null && upper !== null;
      return {
        n: i.n,
        intervention: i.intervention,
        impactPer100: ranked ? (mean / cost) * 100 : null,
        lower: ranked ? (lower / cost) * 100 : null,
        upper: ranked ? (upper / cost) * 100 : null,
        costPerUnit: ranked && mean > 0 ? cost / mean : null,
        costPerUnitLower: ranked && upper > 0 ? cost / upper : null,
        costPerUnitUpper: ranked && lower > 0 ? cost / lower : null,
        rank: null,
        tiedWith: [],
        reason,
        statement: reason === null ? "" : `Not ranked: ${reason}.`,
      };
    });
    const ranked = entries.filter((e) => e.reason === null);
    const se = (e: RankingEntry): number => ((e.upper ?? 0) - (e.lower ?? 0)) / (2 * z);
    const apart = (a: RankingEntry, b: RankingEntry): boolean =>
      Math.abs((a.impactPer100 ?? 0) - (b.impactPer100 ?? 0)) > z * Math.hypot(se(a), se(b));
    for (const e of ranked) {
      const lo = e.lower ?? 0;
      const hi = e.upper ?? 0;
      e.rank = 1 + ranked.filter((o) => o !== e && apart(o, e) && (o.impactPer100 ?? 0) > (e.impactPer100 ?? 0)).length;
      e.tiedWith = ranked.filter((o) => o !== e && !apart(o, e)).map((o) => o.intervention).sort();
      const cost = e.costPerUnit === null
        ? "no clear cost per " + per + " can be given, as the impact may be zero"
        : `about £${fmt(e.costPerUnit)} per pupil per ${per} gained` +
          (e.costPerUnitUpper === null ? " (upper end unbounded)" : ` (£${fmt(e.costPerUnitLower ?? 0)} to £${fmt(e.costPerUnitUpper)})`);
      e.statement =
        `Rank ${e.rank}: ${fmt(e.impactPer100 ?? 0)} ${per}s per £100 per pupil ` +
        `(${level}% interval ${fmt(lo)} to ${fmt(hi)}); ${cost}.` +
        (e.tiedWith.length > 0 ? ` Cannot be told apart from ${listNames(e.tiedWith)}.` : "");
    }
    entries.sort((a, b) => {
      if (a.rank !== null && b.rank !== null) return (b.impactPer100 ?? 0) - (a.impactPer100 ?? 0) || a.rank - b.rank;
      if (a.rank !== null) return -1;
      if (b.rank !== null) return 1;
      return a.intervention.localeCompare(b.intervention);
    });
    rankings.push({ unit, entries });
  }
  return rankings;
}
