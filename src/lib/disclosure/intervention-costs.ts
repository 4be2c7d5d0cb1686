/**
 * The prices of interventions, for governors and the public: each intervention's cost per placement over all
 * its placements (`interventions[].cost`, the provision map's stated costs, any year) and its value for money
 * (the ranking's `costPerUnit` = that cost ÷ the net impact, and `impactPer100`, its inverse × 100).
 *
 * A price turns a cost into a count. The provision's cost by intervention in the report's year
 * (`provision.byIntervention`) has no total row, but its total is published (the area table's total: every
 * placement's cost in the year, once), so the hidden interventions' costs add up to the total less the shown
 * ones. Where every placement of an intervention costs the same (a 1:1 programme bought per pupil, a group
 * charged per head), that sum is Σ price × placements: with each hidden intervention's price published, a reader
 * solves it for whole numbers of placements and recovers the hidden small group (the sample school: £3,584 =
 * £640 × 5 + £96 × 4 has one solution with at most 10 placements each, so Reading recovery's 5 pupils in
 * 2025/26 and ELSA's 4 were read off the governors' report). The linear-programming audit (`audit-model.ts`)
 * works with sums and cannot see this, so the rule is made here, after it:
 *
 * - **An intervention hidden in the year's provision table has no published price**: its whole-run `cost`
 *   cell is hidden whole (total, per placement, per hour), and so its value for money is too.
 * - **Value for money is hidden with its inputs**: a ranking entry's figures worked out from the cost per
 *   placement (`impactPer100` and its interval, `costPerUnit` and its interval) are hidden (listed in
 *   `suppressedFields`, the entry's rank with them, since the order bounds them) whenever the cost per placement
 *   or the net impact they were made from is not published; its `statement` says so.
 * - **The ranking is of what is published**: where an entry's rank is hidden, the others are ranked again among
 *   the shown ones ("Rank 1 of 1", not "Rank 1 of 2"), `tiedWith` and the statements name shown entries only, and
 *   the hidden entries are listed last. Otherwise "Rank 1 of 2" beside a published net impact bounds the hidden
 *   one's value for money, and so its price (the sample school: Reading recovery ranked below 15.58 months per
 *   £100 with a net impact of 5.20 months puts its price above about £33).
 * - **Public** (counts rounded): a cost per pupil beside its cost is the unrounded count (£43,130 ÷ £3,317.69 =
 *   13 shown as 15), and a year's cost ÷ a price is one too (£160 ÷ £20 = 8 shown as 10): the provision's
 *   `costPerPupil` and every intervention's price and value for money are left out.
 */
import { rankingStatement } from "../interventions/ranking.js";
import { PRIVACY_REASON } from "./disclosed.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The ranking entry's figures worked out from the cost per placement (hidden together).
 * @example
 * VALUE_FOR_MONEY_FIELDS.includes("costPerUnit") // => true
 */
export const VALUE_FOR_MONEY_FIELDS = ["impactPer100", "lower", "upper", "costPerUnit", "costPerUnitLower", "costPerUnitUpper"] as const;

function hideCostCell(cost: Obj): void {
  for (const key of ["n", "total", "perPupil", "perPupilHour"]) if (key in cost) cost[key] = null;
  cost.suppressed = true;
  cost.suppressionReason = PRIVACY_REASON;
}

function hideValueForMoney(entry: Obj, hiddenInput: "cost" | "net impact"): void {
  const hidden: string[] = [];
  for (const key of VALUE_FOR_MONEY_FIELDS) {
    if (typeof entry[key] === "number") hidden.push(key);
    entry[key] = null;
  }
  if (typeof entry.rank === "number") hidden.push("rank");
  entry.rank = null;
  entry.tiedWith = [];
  if (hidden.length === 0) return;
  entry.suppressedFields = [...new Set([...(Array.isArray(entry.suppressedFields) ? entry.suppressedFields as string[] : []), ...hidden])];
  if (entry.suppressionReason === undefined) entry.suppressionReason = PRIVACY_REASON;
  // The sentence names what was hidden: the cost per placement, or (with the cost shown) the net impact.
  const what = hiddenInput === "cost" ? "cost per placement" : "net impact";
  entry.statement = `Its ${what} is hidden to protect privacy, and so are its value for money and its place in the ranking.`;
}

const numberOrNull = (v: unknown): number | null => (typeof v === "number" ? v : null);

/**
 * Ranks a ranking's shown entries again among themselves, after `hidden` (entries that were ranked) lost their
 * rank: ranks 1…k in the old order, `tiedWith` naming shown entries only, each statement worded again from those
 * and the entry's figures by the ranking's own wording (`rankingStatement`: an interval disclosure has left out
 * stays out), and the hidden entries moved after every other entry. A shown entry whose statement was hidden, or
 * whose figure per £100 is not given, has no statement (null) rather than one made up.
 * @param confidence the interventions' confidence level (the report's `interventions.confidence`)
 */
function rankAmongShown(ranking: Obj, hidden: readonly Obj[], confidence: number): void {
  const entries = (ranking.entries as unknown[]).filter(isObj);
  const shown = entries.filter((e) => typeof e.rank === "number").sort((a, b) => (a.rank as number) - (b.rank as number));
  const shownNames = new Set(shown.map((e) => String(e.intervention)));
  const unit = ranking.unit === "months" ? "months" : "points";
  shown.forEach((e, k) => {
    e.rank = k + 1;
    const tied = (Array.isArray(e.tiedWith) ? e.tiedWith as string[] : []).filter((name) => shownNames.has(name));
    e.tiedWith = tied;
    if (e.statement === undefined) return;
    e.statement = typeof e.statement === "string" && typeof e.impactPer100 === "number"
      ? rankingStatement({
        rank: k + 1, of: shown.length, unit, confidence, impactPer100: e.impactPer100, lower: numberOrNull(e.lower), upper: numberOrNull(e.upper),
        costPerUnit: numberOrNull(e.costPerUnit), costPerUnitLower: numberOrNull(e.costPerUnitLower), costPerUnitUpper: numberOrNull(e.costPerUnitUpper),
        tiedWith: tied,
      })
      : null;
  });
  ranking.entries = [...entries.filter((e) => !hidden.includes(e)), ...hidden];
}

/**
 * Applies the rules of this module's header to a disclosed report, in place (after suppression and its audit,
 * before rounding): hides the whole-run cost of each intervention hidden in the year's provision table, the
 * value for money of each ranking entry whose cost per placement or net impact is not published, and for the
 * public (`rounded`) every price and the provision's costs per pupil.
 * @param report a sendscope report being disclosed for governors or the public
 * @param rounded whether counts are rounded (the public)
 * @example
 * const r = { provision: { byIntervention: [{ group: "RR", n: null, suppressed: true }], byArea: [], thresholdBands: [] },
 *   interventions: { interventions: [{ intervention: "RR", n: 10, cost: { n: 10, total: 6400, perPupil: 640, perPupilHour: 40 },
 *   impact: { net: { mean: 5.2 } } }], rankings: [{ unit: "months", entries: [{ intervention: "RR", n: 10, costPerUnit: 123, rank: 1 }] }] } };
 * hideInterventionPrices(r, false);
 * r.interventions.interventions[0].cost // => { n: null, total: null, perPupil: null, perPupilHour: null, suppressed: true, suppressionReason: "hidden to protect privacy" }
 * r.interventions.rankings[0].entries[0].costPerUnit // => null
 */
export function hideInterventionPrices(report: unknown, rounded: boolean): void {
  if (!isObj(report) || !isObj(report.interventions)) return;
  const provision = isObj(report.provision) ? report.provision : {};
  const yearCells = Array.isArray(provision.byIntervention) ? provision.byIntervention.filter(isObj) : [];
  const hiddenInYear = new Set(yearCells.filter((c) => c.suppressed === true).map((c) => String(c.group)));
  const ivs = Array.isArray(report.interventions.interventions) ? report.interventions.interventions.filter(isObj) : [];
  // Each intervention's value-for-money input not published (the cost first), or null when both are.
  const unpublished = new Map<string, "cost" | "net impact" | null>();
  for (const iv of ivs) {
    const cost = isObj(iv.cost) ? iv.cost : null;
    // An intervention split by measure is labelled "<name> (<measure>)"; the year's table has the name.
    const label = String(iv.intervention);
    const hidden = [...hiddenInYear].some((g) => label === g || label.startsWith(`${g} (`));
    if (cost !== null && cost.suppressed !== true && (rounded || hidden)) hideCostCell(cost);
    const net = isObj(iv.impact) && isObj(iv.impact.net) ? iv.impact.net : null;
    const costShown = cost !== null && typeof cost.perPupil === "number";
    const netShown = net !== null && net.suppressed !== true && typeof net.mean === "number";
    unpublished.set(String(iv.intervention), !costShown ? "cost" : !netShown ? "net impact" : null);
  }
  const rankings = Array.isArray(report.interventions.rankings) ? report.interventions.rankings.filter(isObj) : [];
  // The statements' interval level: the report's (`analyseInterventions`'s confidence), else the ranking's default.
  const confidence = typeof report.interventions.confidence === "number" ? report.interventions.confidence : 0.95;
  for (const ranking of rankings) {
    const entries = Array.isArray(ranking.entries) ? ranking.entries.filter(isObj) : [];
    const hidden: Obj[] = [];
    for (const entry of entries) {
      const missing = unpublished.get(String(entry.intervention));
      if (missing === null) continue;
      if (typeof entry.rank === "number") hidden.push(entry);
      hideValueForMoney(entry, missing ?? "cost");
    }
    if (hidden.length > 0) rankAmongShown(ranking, hidden, confidence);
  }
  if (rounded) {
    for (const key of ["byArea", "byIntervention", "thresholdBands"]) {
      const cells = provision[key];
      if (!Array.isArray(cells)) continue;
      for (const c of cells) if (isObj(c) && "costPerPupil" in c) c.costPerPupil = null;
    }
  }
}
