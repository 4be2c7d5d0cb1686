/**
 * Cost-effectiveness rankings that show their uncertainty and refuse to rank what cannot be told apart.
 */
import { InvalidArgumentError } from "../errors.js";
import { normalQuantile } from "../stats/normal.js";
import { verdictOf } from "./impact.js";
import type { NetImpact, Ranking, RankingEntry, Verdict } from "./schema.js";

/** What {@link rankCostEffectiveness} ranks: one intervention's pupils, net impact and cost per placement. */
export interface RankingInput {
  intervention: string;
  /** Distinct pupils. */
  n: number;
  net: NetImpact;
  /**
   * Cost per placement in pounds (`Cost.perPupil`: the recorded costs ÷ the placements with a cost; the field keeps
   * its name), or null when no cost was recorded.
   */
  costPerPupil: number | null;
  /** What the net-impact interval supports (default `verdictOf(net)`); only `"clear-impact"` is ranked. */
  verdict?: Verdict;
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

/**
 * Names as a list in prose ("A", "A and B", "A, B and C"), as the ranking's statements write them.
 * @example
 * listNames(["Precision teaching", "ELSA", "Maths catch-up"]) // => "Precision teaching, ELSA and Maths catch-up"
 */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/** What a ranked entry's statement is worded from (see `rankingStatement`): its rank and the entry's figures. */
export interface RankingStatementParts {
  /** The entry's rank, 1 for the best. */
  rank: number;
  /** How many entries are ranked. */
  of: number;
  /** The ranking's unit. */
  unit: "months" | "points";
  /** Confidence level of the intervals (0.95 is "95%"). */
  confidence: number;
  impactPer100: number;
  /** The interval of impact per £100; null when not given (disclosure leaves a small group's out), and so left out. */
  lower: number | null;
  upper: number | null;
  /** Cost per placement per unit gained; null when the impact may be zero. */
  costPerUnit: number | null;
  /** Its interval: the lower end null when not given (left out); the upper end null alone when unbounded. */
  costPerUnitLower: number | null;
  costPerUnitUpper: number | null;
  /** The ranked entries this one cannot be told apart from, by name. */
  tiedWith: readonly string[];
}

/**
 * The statement of a ranked entry, worded from its rank, the number ranked, its figures and its ties: the one
 * wording of `rankCostEffectiveness`, also used by disclosure to rank the shown entries again among themselves.
 * An interval that is not given (null) is left out of the sentence, as disclosure leaves it out of a small group's.
 * @example
 * rankingStatement({ rank: 2, of: 3, unit: "months", confidence: 0.95, impactPer100: 4, lower: 1, upper: 7,
 *   costPerUnit: 25, costPerUnitLower: 100 / 7, costPerUnitUpper: 100, tiedWith: ["A", "C"] })
 * // => "Rank 2 of 3: 4.00 months per £100 per placement (95% interval 1.00 to 7.00); about £25.00 per placement per month gained (£14.29 to £100). Cannot be told apart from A and C."
 * rankingStatement({ rank: 1, of: 1, unit: "points", confidence: 0.9, impactPer100: 2.5, lower: null, upper: null,
 *   costPerUnit: 40, costPerUnitLower: null, costPerUnitUpper: null, tiedWith: [] })
 * // => "Rank 1 of 1: 2.50 points per £100 per placement; about £40.00 per placement per point gained."
 */
export function rankingStatement(parts: RankingStatementParts): string {
  const per = parts.unit === "months" ? "month" : "point";
  const level = Math.round(parts.confidence * 100);
  const interval = parts.lower === null || parts.upper === null ? "" : ` (${level}% interval ${fmt(parts.lower)} to ${fmt(parts.upper)})`;
  const costRange = parts.costPerUnitLower === null ? ""
    : parts.costPerUnitUpper === null ? " (upper end unbounded)" : ` (£${fmt(parts.costPerUnitLower)} to £${fmt(parts.costPerUnitUpper)})`;
  const cost = parts.costPerUnit === null
    ? `no clear cost per ${per} can be given, as the impact may be zero`
    : `about £${fmt(parts.costPerUnit)} per placement per ${per} gained${costRange}`;
  return `Rank ${parts.rank} of ${parts.of}: ${fmt(parts.impactPer100)} ${per}s per £100 per placement${interval}; ${cost}.` +
    (parts.tiedWith.length > 0 ? ` Cannot be told apart from ${listNames(parts.tiedWith)}.` : "");
}

/**
 * Ranks interventions by net impact per £100 spent per placement, separately for each unit (months of reading or
 * spelling age; standardised score points), so unlike units are never compared.
 *
 * - Ranked: only interventions with clear evidence of impact (verdict `"clear-impact"`: the whole net-impact
 *   interval above 0). Not ranked (`rank: null`, with a `reason`, listed after the ranked ones): fewer than
 *   `minPupils` pupils, no net-impact interval, no clear evidence of impact, or no cost recorded; they have
 *   no figures per £100.
 * - The interval of impact per £100 is the net-impact interval ÷ cost per placement × 100 (cost taken as known).
 *   Two entries are "told apart" when the interval of their difference excludes 0: |a − b| > z·√(se_a² + se_b²),
 *   each se recovered from its interval as (upper − lower) / 2z (normal approximation). This is the right test
 *   for a difference (two 95% intervals can overlap a little while the difference is clear: Schenker &
 *   Gentleman 2001, Am Stat 55:182). Ranks are 1, 2, 3 … by the best estimate of impact per £100 (no two
 *   entries share a rank); `tiedWith` names the ranked entries an entry cannot be told apart from, and its
 *   statement says so, so a rank never claims more than the intervals support.
 * - `costPerUnit` = cost per placement ÷ net impact (pounds per placement per month or point), null unless the net
 *   impact is above 0; its upper end is null (unbounded) when the interval reaches 0.
 * Ranked entries are listed by rank, then unranked ones by name.
 * @param inputs one per intervention
 * @param options minimum pupils (default 5) and confidence level (default 0.95)
 * @throws {InvalidArgumentError} when minPupils is not a whole number ≥ 1
 * @example
 * const [points] = rankCostEffectiveness([
 *   { intervention: "A", n: 10, net: { n: 10, method: "comparison", unit: "points", mean: 6, lower: 3, upper: 9, perMonth: null }, costPerPupil: 200 },
 *   { intervention: "B", n: 10, net: { n: 10, method: "comparison", unit: "points", mean: 4, lower: 1, upper: 7, perMonth: null }, costPerPupil: 100 },
 *   { intervention: "C", n: 10, net: { n: 10, method: "comparison", unit: "points", mean: 1, lower: -2, upper: 4, perMonth: null }, costPerPupil: 100 },
 * ]);
 * // Per £100: B 4 (1 to 7), A 6 ÷ 200 × 100 = 3 (1.5 to 4.5). Their difference, 1, is inside 1.96·√(0.765² + 1.531²)
 * // = 3.35 (each se the interval's half-width ÷ 1.96), so they cannot be told apart; C's interval includes 0: no
 * // clear evidence of impact, not ranked. B's cost per point: £100 ÷ 4 = £25, from £100 ÷ 7 = £14.29 to £100 ÷ 1 = £100.
 * points.entries.map((e) => [e.intervention, e.rank, e.tiedWith, e.impactPer100])
 * // => [["B", 1, ["A"], 4], ["A", 2, ["B"], 3], ["C", null, [], null]]
 * [points.entries[1].lower, points.entries[1].upper] // => [1.5, 4.5]
 * points.entries[0].statement
 * // => "Rank 1 of 2: 4.00 points per £100 per placement (95% interval 1.00 to 7.00); about £25.00 per placement per point gained (£14.29 to £100). Cannot be told apart from A."
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
      const verdict = i.verdict ?? verdictOf(i.net);
      if (i.n < minPupils) reason = `only ${i.n} pupil${i.n === 1 ? "" : "s"} (fewer than ${minPupils}): too few to rank`;
      else if (mean === null || lower === null || upper === null) reason = "no net impact with an interval could be estimated";
      else if (verdict !== "clear-impact") reason = `no clear evidence of impact (${level}% interval of net impact ${fmt(lower)} to ${fmt(upper)} ${per}s)`;
      else if (cost === null || !(cost > 0)) reason = "no cost recorded";
      // Only ranked entries get figures per £100: an unranked entry is listed with its reason alone.
      const measured = reason === null && cost !== null && cost > 0 && mean !== null && lower !== null && upper !== null;
      return {
        n: i.n,
        intervention: i.intervention,
        impactPer100: measured ? (mean / cost) * 100 : null,
        lower: measured ? (lower / cost) * 100 : null,
        upper: measured ? (upper / cost) * 100 : null,
        costPerUnit: measured && mean > 0 ? cost / mean : null,
        costPerUnitLower: measured && upper > 0 ? cost / upper : null,
        costPerUnitUpper: measured && lower > 0 ? cost / lower : null,
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
    ranked.sort((a, b) => (b.impactPer100 ?? 0) - (a.impactPer100 ?? 0) || a.intervention.localeCompare(b.intervention));
    ranked.forEach((e, k) => { e.rank = k + 1; });
    for (const e of ranked) {
      e.tiedWith = ranked.filter((o) => o !== e && !apart(o, e)).map((o) => o.intervention).sort();
      // A ranked entry has all its figures (see `measured`): its interval and its cost per unit's lower end.
      e.statement = rankingStatement({
        rank: e.rank ?? 0, of: ranked.length, unit, confidence, impactPer100: e.impactPer100 ?? 0, lower: e.lower, upper: e.upper,
        costPerUnit: e.costPerUnit, costPerUnitLower: e.costPerUnitLower, costPerUnitUpper: e.costPerUnitUpper, tiedWith: e.tiedWith,
      });
    }
    entries.sort((a, b) => {
      if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
      if (a.rank !== null) return -1;
      if (b.rank !== null) return 1;
      return a.intervention.localeCompare(b.intervention);
    });
    rankings.push({ unit, entries });
  }
  return rankings;
}
