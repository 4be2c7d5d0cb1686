/**
 * Zod schemas of the intervention-effectiveness report. Every figure object is a cell (`n` = pupils it
 * describes, see `schema/cells.ts`) so disclosure control can suppress small runs; the lists of pupils who did
 * not respond or were not assessed are pupil-level lists, removed for governors.
 */
import { z } from "zod";
import { MeasureKind, Subject } from "../schema/primitives.js";
import { pupilLevelList } from "../schema/cells.js";

/**
 * Raw pre/post progress of the pupils with entry and exit scores (from the provision map). For a reading or
 * spelling age `ratioGain` is Brooks's group ratio gain (mean months gained ÷ mean months elapsed) with the
 * interval of the mean gain divided by the mean months elapsed; `band` is Brooks's band of `ratioGain`.
 * @example
 * RawProgress.parse({ n: 2, entryMean: 80, exitMean: 88, mean: 8, lower: -4.7, upper: 20.7,
 *   monthsElapsed: 4, ratioGain: 2, ratioGainLower: -1.18, ratioGainUpper: 5.18, band: "useful" });
 */
export const RawProgress = z.object({
  n: z.number().int().nonnegative(),
  entryMean: z.number().nullable(),
  exitMean: z.number().nullable(),
  /** Mean gain (exit − entry), in months of age or in score points. */
  mean: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** Mean months between entry and exit assessments. */
  monthsElapsed: z.number().nullable(),
  ratioGain: z.number().nullable(),
  ratioGainLower: z.number().nullable(),
  ratioGainUpper: z.number().nullable(),
  band: z.enum(["doubtful", "modest", "useful", "substantial", "remarkable"]).nullable(),
});
/** Raw pre/post progress. */
export type RawProgress = z.infer<typeof RawProgress>;

/**
 * Progress of the matched comparison pupils (not in an intervention in this subject) between the termly
 * assessment points nearest the run's start and end. `n` is the number of distinct comparison pupils.
 * @example
 * ComparisonProgress.parse({ n: 10, basis: "termly", groupN: 6, groupMean: 9, groupRatioGain: 2.25,
 *   startPoint: "2024/25 autumn", endPoint: "2024/25 spring", entryMean: 81, mean: 5, monthsElapsed: 4,
 *   ratioGain: 1.25 });
 */
export const ComparisonProgress = z.object({
  n: z.number().int().nonnegative(),
  /**
   * What the group's side of the comparison is: `"termly"` (the group's own termly scores at the same two
   * points, like for like) or `"provision"` (its provision-map entry and exit, when it has no termly scores).
   */
  basis: z.enum(["termly", "provision"]),
  /** Group pupils with termly scores at both points. */
  groupN: z.number().int().nonnegative(),
  /** The group's mean termly gain between the two points (null on the provision basis). */
  groupMean: z.number().nullable(),
  /** The group's termly ratio gain, for ages (null otherwise or on the provision basis). */
  groupRatioGain: z.number().nullable(),
  startPoint: z.string(),
  endPoint: z.string(),
  entryMean: z.number().nullable(),
  /** Mean gain of the comparison pupils. */
  mean: z.number().nullable(),
  monthsElapsed: z.number().nullable(),
  /** For an age measure, the comparison pupils' ratio gain (mean gain ÷ mean months elapsed); else null. */
  ratioGain: z.number().nullable(),
});
/** Progress of the comparison pupils. */
export type ComparisonProgress = z.infer<typeof ComparisonProgress>;

/**
 * The rise expected from regression to the mean (selection on low entry scores), in the run's unit, and how
 * it was estimated: `"comparison"` (the matched comparison pupils' progress beyond typical progress),
 * `"reliability"` ((1 − r)(population mean − entry score), see `expectedRegressionToMean`), or `"none"`.
 * @example
 * RegressionToMean.parse({ n: 8, method: "reliability", reliability: 0.9, mean: 1.8, note: "…" });
 */
export const RegressionToMean = z.object({
  n: z.number().int().nonnegative(),
  method: z.enum(["comparison", "reliability", "none"]),
  reliability: z.number().nullable(),
  mean: z.number().nullable(),
  note: z.string(),
});
/** Regression-to-the-mean estimate. */
export type RegressionToMean = z.infer<typeof RegressionToMean>;

/**
 * Impact net of typical progress and regression to the mean, in the run's unit over the run (months of age
 * for reading/spelling ages, score points otherwise), with its confidence interval. With a comparison group
 * it is the difference in differences (Welch interval); by reliability it is the mean over pupils of
 * gain − typical progress − expected regression (t interval). `perMonth` is the same for one month (ages
 * only: the difference in ratio gain). `groupChange` and `againstChange` are the two figures `mean` is the
 * difference of, in the same unit (`mean = groupChange − againstChange`): the group's change and the
 * comparison pupils' (or, by reliability, typical progress plus the expected regression), from the same
 * tests over the same periods; a sentence about the impact states these, so its arithmetic holds. Absent or
 * null when there is no estimate.
 * @example
 * NetImpact.parse({ n: 8, method: "comparison", unit: "months", mean: 4.1, lower: 1.2, upper: 7, perMonth: 1.1,
 *   groupChange: 8.6, againstChange: 4.5 });
 */
export const NetImpact = z.object({
  n: z.number().int().nonnegative(),
  method: z.enum(["comparison", "reliability", "none"]),
  unit: z.enum(["months", "points"]),
  mean: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  perMonth: z.number().nullable(),
  groupChange: z.number().nullable().optional(),
  againstChange: z.number().nullable().optional(),
});
/** Net impact. */
export type NetImpact = z.infer<typeof NetImpact>;

/**
 * Hedges' g of the group's progress against the comparison pupils' progress (per-pupil ratio gains for
 * ages, score changes otherwise), with its interval and the EEF months' progress each converts to. Because
 * it is standardised by the spread of progress (not of scores) it runs larger than an effect size on
 * post-test scores, so read the EEF months as an upper guide.
 * @example
 * EffectSize.parse({ n: 8, comparisonN: 20, g: 0.6, lower: -0.2, upper: 1.4, eefMonths: 8, eefMonthsLower: -3,
 *   eefMonthsUpper: 12 });
 */
export const EffectSize = z.object({
  n: z.number().int().nonnegative(),
  comparisonN: z.number().int().nonnegative(),
  g: z.number(),
  lower: z.number(),
  upper: z.number(),
  eefMonths: z.number(),
  eefMonthsLower: z.number(),
  eefMonthsUpper: z.number(),
});
/** Effect size. */
export type EffectSize = z.infer<typeof EffectSize>;

/**
 * What the evidence supports: `"clear-impact"` (net interval above 0), `"no-clear-evidence"` (interval
 * includes 0), `"clear-decline"` (interval below 0), `"too-few"` (fewer than 2 pupils with entry and exit
 * scores), `"not-measured"` (no net impact could be estimated).
 * @example
 * Verdict.parse("clear-impact") // => "clear-impact"
 */
export const Verdict = z.enum(["clear-impact", "no-clear-evidence", "clear-decline", "too-few", "not-measured"]);
/** Verdict on impact. */
export type Verdict = z.infer<typeof Verdict>;

/**
 * All impact measures of a run or an intervention.
 * @example
 * Impact.parse({ n: 0, measure: null, subject: null, unit: "points", raw, comparison: null,
 *   regressionToMean, net, effectSize: null, verdict: "too-few" });
 */
export const Impact = z.object({
  n: z.number().int().nonnegative(),
  measure: MeasureKind.nullable(),
  subject: Subject.nullable(),
  unit: z.enum(["months", "points"]),
  raw: RawProgress,
  comparison: ComparisonProgress.nullable(),
  regressionToMean: RegressionToMean,
  net: NetImpact,
  effectSize: EffectSize.nullable(),
  verdict: Verdict,
});
/** All impact measures. */
export type Impact = z.infer<typeof Impact>;

/**
 * Who was placed and how the places went: placements, missing scores, leavers, dosage, staff.
 * @example
 * Delivery.parse({ n: 6, placements: 6, missingEntry: 0, missingExit: 1, zeroElapsed: 0, leftEarly: 1,
 *   sessionsPlanned: 180, sessionsAttended: 150, attendanceRate: 0.833, staff: ["TA"] });
 */
export const Delivery = z.object({
  n: z.number().int().nonnegative(),
  placements: z.number().int().nonnegative(),
  missingEntry: z.number().int().nonnegative(),
  missingExit: z.number().int().nonnegative(),
  zeroElapsed: z.number().int().nonnegative(),
  leftEarly: z.number().int().nonnegative(),
  sessionsPlanned: z.number().nullable(),
  sessionsAttended: z.number().nullable(),
  /** Sessions attended ÷ sessions planned, over placements recording both; null when none does. */
  attendanceRate: z.number().nullable(),
  staff: z.array(z.string()),
});
/** Delivery and dosage. */
export type Delivery = z.infer<typeof Delivery>;

/**
 * Cost: total of the recorded per-place costs, per placement (`perPupil`, despite its name: total ÷ places with a
 * cost, so a pupil placed twice counts twice) and per pupil-hour (total ÷ hours attended, sessions attended ×
 * minutes per session, over places recording all three).
 * @example
 * Cost.parse({ n: 6, total: 1200, perPupil: 200, perPupilHour: 12.5 });
 */
export const Cost = z.object({
  n: z.number().int().nonnegative(),
  total: z.number().nullable(),
  perPupil: z.number().nullable(),
  perPupilHour: z.number().nullable(),
});
/** Cost. */
export type Cost = z.infer<typeof Cost>;

/**
 * Share of pupils who met the exit criterion (exit score ≥ exit target), with a Wilson interval, over
 * placements with both an exit target and an exit score.
 * @example
 * ExitTarget.parse({ n: 10, count: 7, rate: 0.7, lower: 0.3968, upper: 0.8922 });
 */
export const ExitTarget = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
/** Share meeting the exit criterion. */
export type ExitTarget = z.infer<typeof ExitTarget>;

const RunFields = {
  intervention: z.string(),
  n: z.number().int().nonnegative(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.enum(["finished", "running"]),
  delivery: Delivery,
  cost: Cost,
  exitTarget: ExitTarget,
  impact: Impact,
  narrative: z.string(),
};

/**
 * One run of an intervention (a group over a period). `n` is the number of distinct pupils in it.
 * @example
 * InterventionRun.parse({ intervention: "Precision teaching", run: "PT-A", n: 6, … });
 */
export const InterventionRun = z.object({ ...RunFields, run: z.string() });
/** One run of an intervention. */
export type InterventionRun = z.infer<typeof InterventionRun>;

/**
 * One intervention, all runs pooled, with its runs.
 * @example
 * InterventionSummary.parse({ intervention: "Precision teaching", n: 12, runs: [...], … });
 */
export const InterventionSummary = z.object({ ...RunFields, runs: z.array(InterventionRun) });
/** One intervention, all runs pooled. */
export type InterventionSummary = z.infer<typeof InterventionSummary>;

/**
 * One intervention's place in a cost-effectiveness ranking. `impactPer100` is net impact per £100 spent per
 * placement (with its interval); `costPerUnit` is cost per placement per month (or point) of net impact, null
 * when the net impact is not above zero; `costPerUnitUpper` is null when the interval reaches 0 (unbounded).
 * `rank` is the place by the best estimate of impact per £100 (1, 2, 3 …, none shared); `tiedWith` names the
 * ranked entries whose difference from this one's is not clear (its interval includes 0), which "cannot be told
 * apart". Unranked entries have `rank: null` and a `reason`.
 * @example
 * RankingEntry.parse({ n: 12, intervention: "Precision teaching", impactPer100: 1.2, lower: 0.4, upper: 2,
 *   costPerUnit: 83, costPerUnitLower: 50, costPerUnitUpper: 250, rank: 1, tiedWith: [], reason: null,
 *   statement: "…" });
 */
export const RankingEntry = z.object({
  n: z.number().int().nonnegative(),
  intervention: z.string(),
  impactPer100: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  costPerUnit: z.number().nullable(),
  costPerUnitLower: z.number().nullable(),
  costPerUnitUpper: z.number().nullable(),
  rank: z.number().int().positive().nullable(),
  tiedWith: z.array(z.string()),
  reason: z.string().nullable(),
  statement: z.string(),
});
/** One entry of a ranking. */
export type RankingEntry = z.infer<typeof RankingEntry>;

/**
 * A cost-effectiveness ranking of interventions whose impact is in one unit: `"months"` (reading/spelling
 * age months beyond what similar pupils made) or `"points"` (standardised score points).
 * @example
 * Ranking.parse({ unit: "months", entries: [] });
 */
export const Ranking = z.object({ unit: z.enum(["months", "points"]), entries: z.array(RankingEntry) });
/** A cost-effectiveness ranking. */
export type Ranking = z.infer<typeof Ranking>;

/**
 * One pupil who made no more than typical progress (SENCO only).
 * @example
 * NonResponderRow.parse({ pupilId: "A", name: "Ada Lee", intervention: "Precision teaching", run: "Autumn 2025",
 *   measure: "readingAge", entryScore: 80, exitScore: 81, gain: 1, ratioGain: 0.25, metTarget: false }).gain // => 1
 */
export const NonResponderRow = z.object({
  pupilId: z.string(),
  name: z.string().nullable(),
  intervention: z.string(),
  run: z.string(),
  measure: MeasureKind.nullable(),
  entryScore: z.number().nullable(),
  exitScore: z.number().nullable(),
  gain: z.number().nullable(),
  ratioGain: z.number().nullable(),
  metTarget: z.boolean().nullable(),
});
/** One non-responding pupil. */
export type NonResponderRow = z.infer<typeof NonResponderRow>;

/**
 * One placement that could not be measured (SENCO only): missing entry/exit score, no time, left early.
 * @example
 * NotMeasuredRow.parse({ pupilId: "A", name: null, intervention: "ELSA", run: "Spring 2026", reason: "missingExit",
 *   leavingDate: null }).reason // => "missingExit"
 */
export const NotMeasuredRow = z.object({
  pupilId: z.string(),
  name: z.string().nullable(),
  intervention: z.string(),
  run: z.string(),
  reason: z.enum(["missingEntry", "missingExit", "zeroElapsed"]),
  leavingDate: z.string().nullable(),
});
/** One placement that could not be measured. */
export type NotMeasuredRow = z.infer<typeof NotMeasuredRow>;

/**
 * The intervention-effectiveness report returned by `analyseInterventions`.
 * @example
 * InterventionsReport.parse(analyseInterventions(data, { asOf: "2025-07-18" })); // => (the same report)
 */
export const InterventionsReport = z.object({
  asOf: z.string(),
  confidence: z.number(),
  methods: z.array(z.string()),
  interventions: z.array(InterventionSummary),
  rankings: z.array(Ranking),
  nonResponders: pupilLevelList(NonResponderRow),
  notMeasured: pupilLevelList(NotMeasuredRow),
});
/** The intervention-effectiveness report. */
export type InterventionsReport = z.infer<typeof InterventionsReport>;
