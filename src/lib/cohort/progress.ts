/**
 * Progress between two assessment points: standardised-score change and reading/spelling-age ratio gain, the
 * share making expected and better-than-expected progress, and the pupils whose progress stalled.
 */
import { z } from "zod";
import { pupilLevelList } from "../schema/cells.js";
import type { SchoolData } from "../schema/school-data.js";
import { MeasureKind, SenStatus, Subject } from "../schema/primitives.js";
import { InvalidArgumentError } from "../errors.js";
import { monthsBetween } from "./dates.js";
import { type GroupDimension, pupilRecordLookup, splitByGroup } from "./groups.js";
import { GROUP_CELL_KEY_FIELDS, ProgressFigures, meanFigures, proportionFigures } from "./figures.js";
import { type NumberedResults, type ProfiledResult, numberedProfiledResults } from "./results.js";
import { type AnalysisInput, contextOf } from "./context.js";

/**
 * What counts as expected, better-than-expected and stalled progress, per measure:
 * - `standardised` (age-standardised, SD 15): the change in score. An unchanged score is typical progress
 *   for the pupil's age, so expected = change ≥ 0; better = change ≥ +5 (a third of an SD); stalled =
 *   change ≤ −5 (the pupil fell a third of an SD behind their age group).
 * - `readingAge` / `spellingAge`: the ratio gain, months of age gained ÷ months elapsed (Brooks). Expected =
 *   ratio ≥ 1 (keeping pace with time); better = ratio ≥ 2 (Brooks's bar for good impact, "useful" or
 *   better); stalled = ratio < 0.5 (gaining less than half a month per month).
 * These thresholds are sendscope's choice; they are documented here so a SENCO can quote them.
 * @example
 * PROGRESS_THRESHOLDS.standardised.better // => 5
 */
export const PROGRESS_THRESHOLDS = {
  standardised: { expected: 0, better: 5, stalledAtOrBelow: -5 },
  readingAge: { expected: 1, better: 2, stalledBelow: 0.5 },
  spellingAge: { expected: 1, better: 2, stalledBelow: 0.5 },
} as const;

const PROGRESS_MEASURES = ["standardised", "readingAge", "spellingAge"] as const;
type ProgressMeasure = (typeof PROGRESS_MEASURES)[number];

/**
 * One group's progress in one subject and measure. `mean…` is the mean score change (standardised) or mean
 * ratio gain (reading/spelling age) with its 95% t interval; `count`/`rate` the pupils making expected
 * progress; `better…` those making better than expected (see `PROGRESS_THRESHOLDS`).
 * @example
 * ProgressCell.parse({ partition: "progress|2024/25 autumn|2024/25 summer|reading|standardised|senStatus",
 *   from: "2024/25 autumn", to: "2024/25 summer", subject: "reading", measure: "standardised",
 *   dimension: "senStatus", group: "K", n: 3, mean: 1, meanLower: -5.2, meanUpper: 7.2, count: 2,
 *   rate: 0.667, lower: 0.2, upper: 0.94, betterCount: 1, betterRate: 0.333, betterLower: 0.06,
 *   betterUpper: 0.79 })
 */
export const ProgressCell = z.object({
  partition: z.string(),
  from: z.string(),
  to: z.string(),
  subject: Subject,
  measure: MeasureKind,
  ...GROUP_CELL_KEY_FIELDS,
  ...ProgressFigures.shape,
  betterCount: z.number().int().nonnegative(),
  betterRate: z.number().nullable(),
  betterLower: z.number().nullable(),
  betterUpper: z.number().nullable(),
});
/** One group's progress in one subject and measure. */
export type ProgressCell = z.infer<typeof ProgressCell>;

/**
 * A pupil whose progress stalled (for the SENCO only).
 * @example
 * StalledPupil.parse({ pupilId: "A1", forename: "Ada", surname: "Lee", yearGroup: 4, senStatus: "K",
 *   subject: "reading", measure: "standardised", fromScore: 92, toScore: 85, fromDate: "2024-12-13",
 *   toDate: "2025-07-11", change: -7, ratio: null, reason: "standardised score fell by 7 (≤ −5)" })
 */
export const StalledPupil = z.object({
  pupilId: z.string(),
  forename: z.string(),
  surname: z.string(),
  yearGroup: z.number().int().nullable(),
  senStatus: SenStatus,
  subject: Subject,
  measure: MeasureKind,
  fromScore: z.number(),
  toScore: z.number(),
  fromDate: z.string(),
  toDate: z.string(),
  change: z.number(),
  ratio: z.number().nullable(),
  reason: z.string(),
});
/** A pupil whose progress stalled. */
export type StalledPupil = z.infer<typeof StalledPupil>;

/**
 * The progress result (see `progress`).
 * @example
 * Progress.parse(progress(data, { from: "2024/25 autumn", to: "2024/25 summer" }))
 */
export const Progress = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(ProgressCell),
  stalled: pupilLevelList(StalledPupil),
});
/** The progress result. */
export type Progress = z.infer<typeof Progress>;

/** One pupil's pair of results and the progress figure between them. */
interface Pair {
  from: ProfiledResult;
  to: ProfiledResult;
  /** Score change (standardised) or ratio gain (ages). */
  value: number;
}

/**
 * Each pupil's pair of results at `from` and `to` in the same subject and measure (at `from` the last such
 * result), in the order of the results at `to`.
 */
function pairsBetween(numbered: NumberedResults, from: string, to: string): Pair[] {
  const { rows: results, pupilOfRow } = numbered;
  // Per pupil, its results at `from`, as a list in typed memory: `latest[pupil]` the first entry, `earlier[entry]`
  // the next (−1 ends it); an entry is the position of the first result in its subject and measure, and
  // `resultAt[entry]` the position of the last. A pupil has a few, so no maps or arrays per pupil.
  const latest = new Int32Array(numbered.pupils).fill(-1);
  const earlier = new Int32Array(results.length);
  const resultAt = new Int32Array(results.length);
  const entryOfSame = (pupil: number, r: ProfiledResult): number => {
    let entry = latest[pupil] as number;
    while (entry >= 0 && !sameSubjectAndMeasure(results[resultAt[entry] as number] as ProfiledResult, r)) entry = earlier[entry] as number;
    return entry;
  };
  for (let i = 0; i < results.length; i += 1) {
    const r = results[i]!;
    if (r.point !== from) continue;
    const pupil = pupilOfRow[i] as number;
    const entry = entryOfSame(pupil, r);
    if (entry >= 0) resultAt[entry] = i;
    else {
      earlier[i] = latest[pupil] as number;
      latest[pupil] = i;
      resultAt[i] = i;
    }
  }
  const pairs: Pair[] = [];
  // Months between two dates, by first and second date: results fall on a few dates, pairs number hundreds of thousands.
  const monthsByDates = new Map<string, Map<string, number>>();
  const monthsFromTo = (fromDate: string, toDate: string): number => {
    let byTo = monthsByDates.get(fromDate);
    if (byTo === undefined) monthsByDates.set(fromDate, (byTo = new Map()));
    let months = byTo.get(toDate);
    if (months === undefined) byTo.set(toDate, (months = monthsBetween(fromDate, toDate)));
    return months;
  };
  for (let i = 0; i < results.length; i += 1) {
    const r = results[i]!;
    if (r.point !== to) continue;
    const entry = entryOfSame(pupilOfRow[i] as number, r);
    if (entry < 0) continue;
    const a = results[resultAt[entry] as number] as ProfiledResult;
    if (r.measure === "standardised") pairs.push({ from: a, to: r, value: r.value - a.value });
    else {
      const months = monthsFromTo(a.date, r.date);
      if (months > 0) pairs.push({ from: a, to: r, value: (r.value - a.value) / months });
    }
  }
  return pairs;
}

/** One pupil's pair of results between two points and the progress figure between them (see `progressPairs`). */
export type ProgressPair = Readonly<Pair>;

/**
 * Each pupil's pair of results between two points, in the subjects and measures `progress` uses, with the
 * progress figure `progress` counts (score change for standardised scores, ratio gain for reading and spelling
 * ages): the pupils behind its cells, for analyses that group them another way (classes, cohorts).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * progressPairs(data, "2024/25 autumn", "2024/25 summer").every((p) => p.from.point === "2024/25 autumn") // => true
 */
export function progressPairs(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  from: string,
  to: string,
): ProgressPair[] {
  const ctx = contextOf(input);
  return pairsBetween(numberedProfiledResults(ctx, { points: [from, to], measures: PROGRESS_MEASURES }), from, to);
}

function figures(pairs: readonly Pair[], measure: ProgressMeasure, confidence: number) {
  const t = PROGRESS_THRESHOLDS[measure];
  const values = new Array<number>(pairs.length);
  let expected = 0;
  let better = 0;
  for (let i = 0; i < pairs.length; i++) {
    const v = (pairs[i] as Pair).value;
    values[i] = v;
    if (v >= t.expected) expected += 1;
    if (v >= t.better) better += 1;
  }
  const e = proportionFigures(expected, values.length, confidence);
  const b = proportionFigures(better, values.length, confidence);
  return {
    n: values.length, ...meanFigures(values, confidence),
    count: e.count, rate: e.rate, lower: e.lower, upper: e.upper,
    betterCount: b.count, betterRate: b.rate, betterLower: b.lower, betterUpper: b.upper,
  };
}

/**
 * The pairs by subject and measure, in the order each first appears (as `groupResults` by `subject|measure`
 * would give them), without a key string per pair: a list of the few groups searched by identity.
 */
function bySubjectAndMeasure(pairs: readonly Pair[]): Pair[][] {
  const groups: Pair[][] = [];
  let last: Pair[] | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as Pair;
    if (last === undefined || !sameSubjectAndMeasure((last[0] as Pair).to, p.to)) {
      last = groups.find((g) => sameSubjectAndMeasure((g[0] as Pair).to, p.to));
      if (last === undefined) groups.push((last = []));
    }
    last.push(p);
  }
  return groups;
}

function sameSubjectAndMeasure(a: ProfiledResult, b: ProfiledResult): boolean {
  return a.subject === b.subject && a.measure === b.measure;
}

function stalledReason(p: Pair): string | null {
  if (p.to.measure === "standardised") {
    return p.value <= PROGRESS_THRESHOLDS.standardised.stalledAtOrBelow
      ? `standardised score fell by ${-p.value} (≤ −5)` : null;
  }
  return p.value < PROGRESS_THRESHOLDS.readingAge.stalledBelow
    ? `ratio gain ${p.value.toFixed(2)} (below 0.5: under half a month gained per month)` : null;
}

/**
 * Progress between two assessment points (labels as in `Assessment.point`), for every subject with
 * standardised scores or reading/spelling ages at both: per subject × measure × dimension, a total cell and
 * one cell per group (partition `progress|<from>|<to>|<subject>|<measure>|<dimension>`), and the pupil-level
 * list of stalled pupils. Group membership is the pupil's profile on the date of the later result. Only
 * pupils with a result at both points count. See `PROGRESS_THRESHOLDS` for what expected, better and stalled
 * mean. Raw gains overstate the impact on pupils chosen for low scores (regression to the mean).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `from`, `to` point labels; `dimensions` (default `["senStatus", "senAny"]`); `confidence`
 * @throws {InvalidArgumentError} when `from` equals `to`
 * @example
 * progress(data, { from: "2024/25 autumn", to: "2024/25 summer" }).stalled.rows.length // => 276
 */
export function progress(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: { from: string; to: string; dimensions?: readonly GroupDimension[]; confidence?: number },
): Progress {
  const ctx = contextOf(input);
  const { from, to } = options;
  if (from === to) throw new InvalidArgumentError("progress", `from and to are the same point '${from}'`);
  const confidence = options.confidence ?? 0.95;
  const pairs = pairsBetween(numberedProfiledResults(ctx, { points: [from, to], measures: PROGRESS_MEASURES }), from, to);
  const cells: ProgressCell[] = [];
  for (const rows of bySubjectAndMeasure(pairs)) {
    const first = rows[0];
    if (!first) continue;
    const measure = first.to.measure as ProgressMeasure;
    const head = { from, to, subject: first.to.subject, measure };
    for (const dimension of options.dimensions ?? ["senStatus", "senAny"]) {
      const partition = `progress|${from}|${to}|${head.subject}|${measure}|${dimension}`;
      cells.push({ partition, ...head, dimension, group: "all", isTotal: true, ...figures(rows, measure, confidence) });
      if (dimension === "all") continue;
      for (const [group, members] of splitByGroup(rows, (p) => p.to.profile, dimension)) {
        cells.push({ partition, ...head, dimension, group, ...figures(members, measure, confidence) });
      }
    }
  }
  const pupilOf = pupilRecordLookup(ctx);
  const stalled: StalledPupil[] = [];
  // A reason's text by the pair's value, per kind of measure: tens of thousands of stalled pupils share a few
  // hundred values, so each text is made once (the same text `stalledReason` makes).
  const reasonsOfScores = new Map<number, string | null>();
  const reasonsOfRatios = new Map<number, string | null>();
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as Pair;
    const reasons = p.to.measure === "standardised" ? reasonsOfScores : reasonsOfRatios;
    let reason = reasons.get(p.value);
    if (reason === undefined) reasons.set(p.value, (reason = stalledReason(p)));
    if (reason === null) continue;
    const pupil = pupilOf(p.to.pupilId);
    stalled.push({
      pupilId: p.to.pupilId, forename: pupil?.forename ?? "", surname: pupil?.surname ?? "",
      yearGroup: p.to.profile.yearGroup, senStatus: p.to.profile.senStatus, subject: p.to.subject,
      measure: p.to.measure, fromScore: p.from.value, toScore: p.to.value, fromDate: p.from.date, toDate: p.to.date,
      change: p.to.value - p.from.value, ratio: p.to.measure === "standardised" ? null : p.value, reason,
    });
  }
  return { from, to, cells, stalled: { pupilLevel: true, rows: stalled } };
}
