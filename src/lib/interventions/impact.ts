/**
 * The impact measures of a set of placements (one run, or an intervention's runs pooled): raw progress and
 * ratio gain, comparison with similar pupils, regression to the mean, net impact, and effect size.
 */
import { InvalidArgumentError } from "../errors.js";
import type { MeasureKind, Subject } from "../schema/primitives.js";
import { eefMonths } from "../stats/eef-months.js";
import { hedgesG } from "../stats/hedges-g.js";
import { meanDifferenceInterval, meanInterval } from "../stats/mean-difference.js";
import type { ComparisonPupil } from "./comparison.js";
import { isAgeMeasure, type PlacementOutcome } from "./outcomes.js";
import { ratioGain, ratioGainBand } from "./ratio-gain.js";
import { DEFAULT_RELIABILITY, expectedRegressionToMean } from "./regression-to-mean.js";
import type { Impact, NetImpact, RegressionToMean, Verdict } from "./schema.js";

/** Options for {@link summariseImpact}. */
export interface ImpactOptions {
  /** Two-sided confidence level of every interval; default 0.95. */
  confidence?: number;
  /** Test–retest reliability by measure, for the reliability method; defaults {@link DEFAULT_RELIABILITY}. */
  reliability?: Partial<Record<MeasureKind, number>>;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (let i = 0; i < values.length; i += 1) s += values[i]!;
  return s / values.length;
}

/** A t interval for a mean, or the value with no interval for one value, or nulls for none. */
function meanWithInterval(values: readonly number[], confidence: number) {
  if (values.length === 0) return { mean: null, lower: null, upper: null };
  if (values.length === 1) return { mean: values[0] ?? null, lower: null, upper: null };
  const i = meanInterval(values, confidence);
  return { mean: i.mean, lower: i.lower, upper: i.upper };
}

/** Population mean a pupil's entry score regresses towards: 100 for standardised/scaled, age for ages. */
function populationMean(measure: MeasureKind, o: PlacementOutcome): number | null {
  if (measure === "standardised" || measure === "scaled") return 100;
  if (isAgeMeasure(measure)) return o.ageAtEntryMonths;
  return null;
}

/**
 * What the net-impact interval supports. No estimate is `"not-measured"`; fewer than two measured pupils
 * `"too-few"`; an interval wholly above 0 `"clear-impact"`, wholly below `"clear-decline"`, otherwise
 * (including when no interval could be formed) `"no-clear-evidence"`.
 * @example
 * verdictOf({ n: 8, method: "comparison", unit: "points", mean: 3, lower: -1, upper: 7, perMonth: null });
 * // => "no-clear-evidence"
 */
export function verdictOf(net: NetImpact): Verdict {
  if (net.method === "none" || net.mean === null) return "not-measured";
  if (net.n < 2) return "too-few";
  if (net.lower !== null && net.lower > 0) return "clear-impact";
  if (net.upper !== null && net.upper < 0) return "clear-decline";
  return "no-clear-evidence";
}

/**
 * Summarises the impact of a set of placements of one measure.
 *
 * - **Raw progress** over placements with entry and exit scores and time elapsed: mean gain with a t
 *   interval; for reading/spelling ages Brooks's ratio gain = mean months gained ÷ mean months elapsed (the
 *   interval is the gain's interval ÷ mean months elapsed, taking elapsed time as fixed) and its band.
 * - **Comparison** (when `found` has at least one pupil): net impact is the difference in differences,
 *   mean(group values) − mean(comparison values), with Welch's interval. The group's values are its own
 *   termly gains between the same two assessment points as the comparison's (`found.group`, like for like:
 *   same test, same selection, same dates) when at least two pupils have them; otherwise (`comparison.basis: "provision"`) its
 *   provision-map progress, compared per month for ages (ratio gains, × the group's mean months elapsed) as
 *   the elapsed times differ. `net.perMonth` (ages) is the net months ÷ the group's mean months in the
 *   intervention. Regression to the mean is the comparison pupils' gain beyond typical progress (their months
 *   elapsed for ages, 0 for standardised/scaled scores, unknown for other measures).
 *   Hedges' g compares the same per-pupil values.
 * - **Reliability** (no comparison): each pupil's net = gain − typical progress (months elapsed for ages, 0
 *   for standardised/scaled) − (1 − r)(population mean − entry score), population mean 100 or the pupil's age
 *   in months; a t interval of the mean over pupils. No effect size without a comparison group.
 * - Otherwise (another measure, no comparison) net impact is not estimated (`method: "none"`).
 * @param outcomes placements (all of one measure; excluded placements are ignored)
 * @param found matched comparison pupils and the assessment points they were measured between (null or no
 *   pupils when none were found)
 * @param subject subject of the measure, if known
 * @param options confidence and reliabilities
 * @throws {InvalidArgumentError} when placements mix measures
 * @example
 * const place = (pupilId, entryScore, exitScore) => placementOutcome({ ...data.interventions[0], pupilId,
 *   measure: "standardised", entryScore, exitScore, entryDate: "2025-01-06", exitDate: "2025-03-10" },
 *   undefined, "2025-03-10", "2025-07-01");
 * const similar = (pupilId, entryScore, exitScore) => ({ pupilId, entryScore, exitScore, monthsElapsed: 3,
 *   value: exitScore - entryScore });
 * // Gains 7, 5, 9 (mean 7, variance 4) against similar pupils' 2, 3, 1 (mean 2, variance 1): a difference of
 * // 5 with Welch's standard error √(4/3 + 1/3) on 50/17 degrees of freedom (interval by scipy.stats.t).
 * const impact = summariseImpact([place("A", 85, 92), place("B", 88, 93), place("C", 80, 89)],
 *   { pupils: [similar("D", 86, 88), similar("E", 84, 87), similar("F", 82, 83)],
 *     startPoint: "2024/25 autumn", endPoint: "2024/25 spring" }, "maths");
 * impact.net;
 * // => { n: 3, method: "comparison", unit: "points", mean: 5, lower: 0.8446, upper: 9.1554, perMonth: null,
 * //      groupChange: 7, againstChange: 2 }
 */
export function summariseImpact(
  outcomes: readonly PlacementOutcome[],
  found: { pupils: readonly ComparisonPupil[]; group?: readonly ComparisonPupil[]; startPoint: string; endPoint: string } | null,
  subject: Subject | null,
  options: ImpactOptions = {},
): Impact {
  const confidence = options.confidence ?? 0.95;
  const measures = new Set(outcomes.map((o) => o.record.measure));
  if (measures.size > 1) {
    throw new InvalidArgumentError("summariseImpact", `placements mix measures: ${[...measures].join(", ")}`);
  }
  const measure = outcomes[0]?.record.measure ?? null;
  const age = isAgeMeasure(measure);
  const unit = age ? "months" : "points";
  const comparison = found?.pupils ?? [];
  const used = outcomes.filter((o) => o.excluded === null);
  const n = new Set(used.map((o) => o.record.pupilId)).size;
  const gains = used.map((o) => o.gain ?? 0);
  const values = used.map((o) => o.value ?? 0);
  const elapsed = mean(used.map((o) => o.monthsElapsed ?? 0));

  const g = meanWithInterval(gains, confidence);
  const rg = age && g.mean !== null && elapsed !== null ? ratioGain(g.mean, elapsed) : null;
  const raw = {
    n,
    entryMean: mean(used.map((o) => o.record.entryScore ?? 0)),
    exitMean: mean(used.map((o) => o.record.exitScore ?? 0)),
    mean: g.mean, lower: g.lower, upper: g.upper,
    monthsElapsed: elapsed,
    ratioGain: rg,
    ratioGainLower: age && g.lower !== null && elapsed !== null ? g.lower / elapsed : null,
    ratioGainUpper: age && g.upper !== null && elapsed !== null ? g.upper / elapsed : null,
    band: rg === null ? null : ratioGainBand(rg),
  };

  const typicalRate: number | null = age ? 1 : measure === "standardised" || measure === "scaled" ? 0 : null;
  let comparisonOut: Impact["comparison"] = null;
  let rtm: RegressionToMean;
  let net: NetImpact;
  let effectSize: Impact["effectSize"] = null;

  if (comparison.length > 0) {
    const cGain = mean(comparison.map((c) => c.exitScore - c.entryScore));
    const cElapsed = mean(comparison.map((c) => c.monthsElapsed));
    const termlyGroup = found?.group ?? [];
    const basis = new Set(termlyGroup.map((t) => t.pupilId)).size >= 2 ? "termly" : "provision";
    // Like for like (termly): gains over the same two points. Provision basis: per-month values for ages,
    // since the group's and the comparison's elapsed times differ.
    const cValues = basis === "termly" ? comparison.map((c) => c.exitScore - c.entryScore) : comparison.map((c) => c.value);
    const cValueMean = mean(cValues);
    const tValues = basis === "termly" ? termlyGroup.map((t) => t.exitScore - t.entryScore) : values;
    const tGain = mean(termlyGroup.map((t) => t.exitScore - t.entryScore));
    const tElapsed = mean(termlyGroup.map((t) => t.monthsElapsed));
    comparisonOut = {
      basis,
      groupN: new Set(termlyGroup.map((t) => t.pupilId)).size,
      groupMean: tGain,
      groupRatioGain: age && tGain !== null && tElapsed !== null && tElapsed > 0 ? tGain / tElapsed : null,
      n: new Set(comparison.map((c) => c.pupilId)).size,
      startPoint: found?.startPoint ?? "", endPoint: found?.endPoint ?? "",
      entryMean: mean(comparison.map((c) => c.entryScore)),
      mean: cGain,
      monthsElapsed: cElapsed,
      ratioGain: age && cGain !== null && cElapsed !== null && cElapsed > 0 ? cGain / cElapsed : null,
    };
    const scale = age && basis === "provision" ? (elapsed ?? 0) : 1;
    const rtmValue = typicalRate === null || cGain === null ? null : age ? cGain - (cElapsed ?? 0) : cGain;
    rtm = {
      n: comparisonOut.n, method: "comparison", reliability: null,
      mean: used.length > 0 ? rtmValue : null,
      note: typicalRate === null
        ? "Similar pupils' progress is compared directly; typical progress on this measure is unknown, so the rise from selection alone is not separated out."
        : "Estimated from similar pupils not in the intervention: their progress beyond typical progress over the same period.",
    };
    let diff: { mean: number | null; lower: number | null; upper: number | null } = { mean: null, lower: null, upper: null };
    const valueMean = mean(tValues);
    if (valueMean !== null && cValueMean !== null) {
      diff = { mean: valueMean - cValueMean, lower: null, upper: null };
      if (tValues.length >= 2 && cValues.length >= 2) {
        try {
          const d = meanDifferenceInterval(tValues, cValues, confidence);
          diff = { mean: d.difference, lower: d.lower, upper: d.upper };
        } catch (e) {
          if (!(e instanceof InvalidArgumentError)) throw e;
        }
        try {
          const es = hedgesG(tValues, cValues, confidence);
          effectSize = {
            n: tValues.length, comparisonN: comparisonOut.n, g: es.g, lower: es.lower, upper: es.upper,
            eefMonths: eefMonths(es.g), eefMonthsLower: eefMonths(es.lower), eefMonthsUpper: eefMonths(es.upper),
          };
        } catch (e) {
          if (!(e instanceof InvalidArgumentError)) throw e;
        }
      }
    }
    net = {
      n: new Set(basis === "termly" ? termlyGroup.map((t) => t.pupilId) : used.map((o) => o.record.pupilId)).size,
      method: "comparison", unit,
      mean: diff.mean === null ? null : diff.mean * scale,
      lower: diff.lower === null ? null : diff.lower * scale,
      upper: diff.upper === null ? null : diff.upper * scale,
      perMonth: !age || diff.mean === null ? null : basis === "provision" ? diff.mean : elapsed !== null && elapsed > 0 ? diff.mean / elapsed : null,
      // The two figures the net is the difference of, in its unit (the same values, the same scale).
      groupChange: diff.mean === null || valueMean === null ? null : valueMean * scale,
      againstChange: diff.mean === null || cValueMean === null ? null : cValueMean * scale,
    };
  } else {
    const r = measure === null ? undefined : (options.reliability?.[measure] ?? DEFAULT_RELIABILITY[measure]);
    const perPupil: Array<{ net: number; rtm: number; months: number; against: number }> = [];
    if (measure !== null && r !== undefined && typicalRate !== null) {
      for (const o of used) {
        const mu = populationMean(measure, o);
        if (mu === null || o.record.entryScore === null || o.gain === null || o.monthsElapsed === null) continue;
        const expected = expectedRegressionToMean(o.record.entryScore, mu, r);
        const typical = age ? o.monthsElapsed : 0;
        perPupil.push({ net: o.gain - typical - expected, rtm: expected, months: o.monthsElapsed, against: typical + expected });
      }
    }
    if (perPupil.length > 0 && r !== undefined) {
      const m = meanWithInterval(perPupil.map((p) => p.net), confidence);
      const months = mean(perPupil.map((p) => p.months));
      // Net = gain − (typical + expected regression), pupil by pupil; the means of the two parts, over the same pupils.
      const groupChange = mean(perPupil.map((p) => p.net + p.against));
      const againstChange = mean(perPupil.map((p) => p.against));
      rtm = {
        n: perPupil.length, method: "reliability", reliability: r, mean: mean(perPupil.map((p) => p.rtm)),
        note: `No comparison pupils were found, so the rise from selection alone is estimated from the test's reliability (r = ${r}) as (1 − r) × (${age ? "chronological age" : "100"} − entry score).`,
      };
      net = {
        n: perPupil.length, method: "reliability", unit, mean: m.mean, lower: m.lower, upper: m.upper,
        perMonth: age && m.mean !== null && months !== null && months > 0 ? m.mean / months : null,
        groupChange, againstChange,
      };
    } else {
      rtm = {
        n: 0, method: "none", reliability: null, mean: null,
        note: "No comparison pupils were found and no reliability-based estimate applies, so the raw gain may include a rise from selection alone.",
      };
      net = { n: 0, method: "none", unit, mean: null, lower: null, upper: null, perMonth: null, groupChange: null, againstChange: null };
    }
  }
  const verdict = n < 2 ? "too-few" : verdictOf(net);
  return { n, measure, subject, unit, raw, comparison: comparisonOut, regressionToMean: rtm, net, effectSize, verdict };
}
