/**
 * Attainment gaps in school: each SEND group (K, E, and all SEN) against pupils with no SEN, per subject,
 * measure and assessment point.
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import type { MeasureKind } from "../schema/primitives.js";
import { RESULT_POINT_FIELDS, pointValues, resultsByPoint } from "../cohort/attainment.js";
import type { ProfiledResult, ResultFilter } from "../cohort/results.js";
import { ks2RwmResults } from "../cohort/ks2-rwm.js";
import { MEASURE_THRESHOLDS, type MeasureThresholds } from "../cohort/thresholds.js";
import { LARGE_MEAN_GAP } from "../stats/band.js";
import { MeanGap, ProportionGap, gapSample, meanGapOfSamples, proportionGap } from "./in-school-gap.js";
import { type AnalysisInput, contextOf } from "../cohort/context.js";

/** The SEND groups compared with pupils with no SEN: SEN support, EHC plan, and both together. */
export const SEND_GROUPS = ["K", "E", "SEN"] as const;
/** A SEND group. */
export type SendGroup = (typeof SEND_GROUPS)[number];

/**
 * One SEND group's gap to pupils with no SEN at one point: `expected` = gap in the share at the expected
 * threshold, `higher` = gap at the higher threshold (Newcombe intervals), `mean` = gap in mean result (Welch).
 * Each is null when the measure has no such figure.
 * @example
 * AttainmentGap.parse({ subject: "reading", measure: "scaled", point: "2024/25 summer",
 *   academicYear: "2024/25", term: "summer", yearGroup: null, group: "SEN", comparison: "N",
 *   expected: { … }, higher: { … }, mean: { … } })
 */
export const AttainmentGap = z.object({
  ...RESULT_POINT_FIELDS,
  group: z.enum(SEND_GROUPS),
  comparison: z.literal("N"),
  expected: ProportionGap.nullable(),
  higher: ProportionGap.nullable(),
  mean: MeanGap.nullable(),
});
/** One SEND group's attainment gap at one point. */
export type AttainmentGap = z.infer<typeof AttainmentGap>;

/**
 * Whether a SEN status belongs to a SEND group (`SEN` = K or E).
 * @example
 * inSendGroup("E", "SEN") // => true
 * inSendGroup("K", "E") // => false
 */
export function inSendGroup(status: "N" | "K" | "E", group: SendGroup): boolean {
  return group === "SEN" ? status !== "N" : status === group;
}

/**
 * Each result's value in its SEN status's list, in row order: no SEN (`comparison`), and K, E and all SEN
 * (K and E together).
 *
 * The hot loops of `gapsOf` are in functions of their own (this and `countAtLeast`): V8 compiles a loop that
 * runs long inside a function's first call on its own (on-stack replacement), without type feedback for the
 * code after the loop, and when that code is reached, drops back to the interpreter, on every later call
 * too (the 100,000-pupil benchmark had 1,300 such drops in `gapsOf`, each call then running slowly).
 */
function valuesBySenStatus(rows: readonly ProfiledResult[]): { comparison: number[]; valuesOf: Record<SendGroup, number[]> } {
  const comparison: number[] = [];
  const sen: number[] = [];
  const k: number[] = [];
  const e: number[] = [];
  const neither: number[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    const status = r.profile.senStatus;
    const v = r.value;
    if (status === "N") {
      comparison.push(v);
      continue;
    }
    sen.push(v);
    // One push for K and E alike: a branch first taken after V8 has compiled the loop (EHC plans are rare)
    // would drop it back to the interpreter.
    (status === "K" ? k : status === "E" ? e : neither).push(v);
  }
  return { comparison, valuesOf: { K: k, E: e, SEN: sen } };
}

/** How many of `values` are at least `threshold`. */
function countAtLeast(values: readonly number[], threshold: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i += 1) if (values[i]! >= threshold) count += 1;
  return count;
}

/**
 * The gaps of one set of results (one measure at one point) for each SEND group against no SEN.
 * @example
 * const rows = profiledResults(data, { subjects: ["reading"], measures: ["scaled"], points: ["2024/25 summer"] });
 * gapsOf(rows, "scaled", { confidence: 0.95 }).map((g) => g.group) // => ["K", "E", "SEN"]
 */
export function gapsOf(
  rows: readonly ProfiledResult[],
  measure: MeasureKind,
  options: { confidence?: number; largeProportion?: number | null; thresholds?: Record<MeasureKind, MeasureThresholds> } = {},
): Array<Pick<AttainmentGap, "group" | "expected" | "higher" | "mean">> {
  const { comparison, valuesOf } = valuesBySenStatus(rows);
  return gapsOfValues(comparison, valuesOf, measure, options);
}

/** `gapsOf` of results' values by SEN status: no SEN (`comparison`), and K, E and all SEN, each in the results' order. */
function gapsOfValues(
  comparison: readonly number[],
  valuesOf: Record<SendGroup, readonly number[]>,
  measure: MeasureKind,
  options: { confidence?: number; largeProportion?: number | null; thresholds?: Record<MeasureKind, MeasureThresholds> },
): Array<Pick<AttainmentGap, "group" | "expected" | "higher" | "mean">> {
  const t = (options.thresholds ?? MEASURE_THRESHOLDS)[measure];
  const comparisonExpected = t.expected === null ? 0 : countAtLeast(comparison, t.expected);
  const comparisonHigher = t.higher === null ? 0 : countAtLeast(comparison, t.higher);
  const prop = (values: readonly number[], threshold: number | null, comparisonCount: number) =>
    threshold === null
      ? null
      : proportionGap(
        countAtLeast(values, threshold), values.length, comparisonCount, comparison.length,
        { confidence: options.confidence, large: options.largeProportion },
      );
  // The comparison group is in all three mean gaps: summarised once.
  const comparisonSample = t.hasMean ? gapSample(comparison) : null;
  const meanOptions = { confidence: options.confidence, large: LARGE_MEAN_GAP[measure] ?? null };
  return SEND_GROUPS.map((group) => {
    const values = valuesOf[group];
    return {
      group,
      expected: prop(values, t.expected, comparisonExpected),
      higher: prop(values, t.higher, comparisonHigher),
      mean: comparisonSample === null ? null : meanGapOfSamples(gapSample(values), comparisonSample, meanOptions),
    };
  });
}

/**
 * In-school attainment gaps: for each subject × measure × point (× year group when `byYearGroup`), the gap
 * of K, E and all SEN to no SEN (SEN status on each result's date). Proportion gaps use Newcombe's hybrid
 * score interval, mean gaps Welch's t interval; bands use `LARGE_PROPORTION_GAP` and `LARGE_MEAN_GAP`. A gap
 * with an empty side has null figures and no band.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options result filters (academic years, subjects, measures, points, terms), `byYearGroup`
 *   (default false), `confidence` (default 0.95), `thresholds` (default `MEASURE_THRESHOLDS`)
 * @example
 * attainmentGaps(data, { subjects: ["reading"], measures: ["scaled"] })
 *   .find((g) => g.group === "SEN")?.expected?.band // => "well below"
 */
export function attainmentGaps(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: ResultFilter & { byYearGroup?: boolean; confidence?: number; thresholds?: Record<MeasureKind, MeasureThresholds> } = {},
): AttainmentGap[] {
  const ctx = contextOf(input);
  const out: AttainmentGap[] = [];
  const byYearGroup = options.byYearGroup === true;
  const push = (first: ProfiledResult, gaps: Array<Pick<AttainmentGap, "group" | "expected" | "higher" | "mean">>): void => {
    const yearGroup = byYearGroup ? first.profile.yearGroup : null;
    for (const g of gaps) {
      // Written out rather than `{ ...head, ...g }`, so all gaps share one V8 hidden class (see `proportionGap`).
      out.push({
        subject: first.subject, measure: first.measure, point: first.point, academicYear: first.academicYear,
        term: first.term, yearGroup, comparison: "N", group: g.group, expected: g.expected, higher: g.higher, mean: g.mean,
      });
    }
  };
  // Each point's values by SEN status, as attainment cells read them (see `pointValues`; null when a status is
  // not N, K or E).
  const byValues = byYearGroup ? null : pointValues(ctx, options);
  if (byValues !== null) {
    for (const v of byValues) push(v.first, gapsOfValues(v.N, v, v.first.measure, options));
    return out;
  }
  for (const rows of resultsByPoint(ctx, options, byYearGroup).values()) {
    const first = rows[0];
    if (first) push(first, gapsOf(rows, first.measure, options));
  }
  return out;
}

/**
 * One SEND group's KS2 RWM gap to Year 6 pupils with no SEN.
 * @example
 * RwmGap.parse({ academicYear: "2024/25", group: "SEN", comparison: "N", gap: { … } })
 */
export const RwmGap = z.object({
  academicYear: z.string(),
  group: z.enum(SEND_GROUPS),
  comparison: z.literal("N"),
  gap: ProportionGap,
});
/** One SEND group's KS2 RWM gap. */
export type RwmGap = z.infer<typeof RwmGap>;

/**
 * KS2 reading, writing and maths combined: the gap of K, E and all SEN to no SEN among Year 6 pupils of
 * `academicYear` (see `ks2RwmResults` for who counts), with Newcombe intervals.
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * ks2RwmGaps(data, "2024/25").find((g) => g.group === "SEN")?.gap.difference // => -0.58
 */
export function ks2RwmGaps(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  academicYear: string,
  options: { confidence?: number } = {},
): RwmGap[] {
  const ctx = contextOf(input);
  const rows = ks2RwmResults(ctx, academicYear);
  const none = rows.filter((r) => r.profile.senStatus === "N");
  return SEND_GROUPS.map((group) => {
    const mine = rows.filter((r) => inSendGroup(r.profile.senStatus, group));
    return {
      academicYear, group, comparison: "N" as const,
      gap: proportionGap(mine.filter((r) => r.met).length, mine.length, none.filter((r) => r.met).length, none.length, options),
    };
  });
}
