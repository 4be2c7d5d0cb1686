/**
 * The trend of a gap over the academic years in the data: the gap each year, the slope across years, and a
 * plain-English verdict that does not claim a change the intervals cannot support.
 */
import { linearRegression } from "simple-statistics";
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import type { MeasureKind, Subject, Term } from "../schema/primitives.js";
import { academicYearStartYear } from "../cohort/dates.js";
import { type ProfiledResult, readProfiledResults } from "../cohort/results.js";
import { type SendGroup, gapsOf } from "./attainment-gaps.js";
import { type AnalysisInput, contextOf } from "../cohort/context.js";

/**
 * The gap in one academic year. `n` is the SEND group's size, `comparisonN` the comparison group's.
 * @example
 * GapTrendPoint.parse({ academicYear: "2023/24", n: 9, comparisonN: 41, difference: -0.31, lower: -0.55,
 *   upper: -0.02 })
 */
export const GapTrendPoint = z.object({
  academicYear: z.string(),
  n: z.number().int().nonnegative(),
  comparisonN: z.number().int().nonnegative(),
  difference: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
/** The gap in one academic year. */
export type GapTrendPoint = z.infer<typeof GapTrendPoint>;

/** The trend verdicts. */
export const TREND_DIRECTIONS = ["closing", "widening", "no clear change", "not enough data"] as const;

/**
 * A gap's trend: the points, the least-squares slope of the gap per academic year (null with fewer than two
 * years), the direction and a plain-English verdict.
 * @example
 * GapTrend.parse({ unit: "proportion", points: [], slopePerYear: null, direction: "not enough data",
 *   verdict: "The gap can be measured in fewer than two years, so there is no trend to report." })
 */
export const GapTrend = z.object({
  unit: z.enum(["proportion", "points"]),
  points: z.array(GapTrendPoint),
  slopePerYear: z.number().nullable(),
  direction: z.enum(TREND_DIRECTIONS),
  verdict: z.string(),
});
/** A gap's trend. */
export type GapTrend = z.infer<typeof GapTrend>;

function fmt(d: number, unit: GapTrend["unit"]): string {
  const v = unit === "proportion" ? d * 100 : d;
  const word = unit === "proportion" ? "percentage points" : "points";
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ${word}`;
}

/**
 * The trend of a gap (group − comparison) across academic years. Years whose gap has no interval are shown
 * but not used. The slope is the least-squares line through the gaps (per academic year). The verdict is
 * "closing" (or "widening") only when the latest gap is nearer to (further from) zero than the first, the
 * slope agrees, and the 95% intervals of the first and latest years do not overlap; non-overlap is a
 * stricter test than a 5% significance test, so the verdict errs towards "no clear change".
 * @param points the gap per year, in any order
 * @param unit `proportion` (gaps in shares, written as percentage points) or `points` (score points)
 * @example
 * gapTrend([{ academicYear: "2022/23", n: 10, comparisonN: 40, difference: -0.4, lower: -0.6, upper: -0.15 },
 *   { academicYear: "2024/25", n: 12, comparisonN: 38, difference: -0.3, lower: -0.5, upper: -0.05 }]).direction
 * // => "no clear change"
 */
export function gapTrend(points: readonly GapTrendPoint[], unit: GapTrend["unit"] = "proportion"): GapTrend {
  const sorted = [...points].sort((a, b) => academicYearStartYear(a.academicYear) - academicYearStartYear(b.academicYear));
  const valid = sorted.filter(
    (p): p is GapTrendPoint & { difference: number; lower: number; upper: number } =>
      p.difference !== null && p.lower !== null && p.upper !== null,
  );
  const first = valid[0];
  const last = valid[valid.length - 1];
  if (valid.length < 2 || !first || !last) {
    return {
      unit, points: sorted, slopePerYear: null, direction: "not enough data",
      verdict: "The gap can be measured in fewer than two years, so there is no trend to report.",
    };
  }
  const { m } = linearRegression(valid.map((p) => [academicYearStartYear(p.academicYear), p.difference]));
  const slopePerYear = m;
  const overlap = first.lower <= last.upper && last.lower <= first.upper;
  const nearer = Math.abs(last.difference) < Math.abs(first.difference);
  // The slope "agrees" with closing when it moves the gap towards zero (opposite sign to the first gap).
  const slopeCloses = first.difference === 0 ? false : Math.sign(slopePerYear) === -Math.sign(first.difference);
  const story = `The gap was ${fmt(first.difference, unit)} in ${first.academicYear} and ${fmt(last.difference, unit)} in ${last.academicYear}`;
  if (overlap) {
    return {
      unit, points: sorted, slopePerYear, direction: "no clear change",
      verdict: `${story}. The 95% intervals of the two years overlap, so the change could be chance: there is no clear sign that the gap is ${nearer ? "closing" : "widening"}.`,
    };
  }
  if (nearer && slopeCloses) {
    return {
      unit, points: sorted, slopePerYear, direction: "closing",
      verdict: `${story}. The intervals of the two years do not overlap and the trend across ${valid.length} years points the same way: the gap is closing.`,
    };
  }
  if (!nearer && !slopeCloses) {
    return {
      unit, points: sorted, slopePerYear, direction: "widening",
      verdict: `${story}. The intervals of the two years do not overlap and the trend across ${valid.length} years points the same way: the gap is widening.`,
    };
  }
  return {
    unit, points: sorted, slopePerYear, direction: "no clear change",
    verdict: `${story}, but the years in between do not follow one direction, so there is no clear trend.`,
  };
}

/**
 * The trend of one SEND group's attainment gap to no SEN across the academic years in the data, at one
 * subject, measure and term (the latest-dated point of that term each year), optionally for one year group.
 * `figure` chooses the gap: in the share at the expected threshold (default), at the higher threshold, or in
 * the mean.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * attainmentGapTrend(data, { subject: "reading", measure: "standardised", term: "summer", group: "SEN" }).direction
 * // => "no clear change"
 */
export function attainmentGapTrend(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: {
    subject: Subject; measure: MeasureKind; term: Term; group: SendGroup; yearGroup?: number;
    figure?: "expected" | "higher" | "mean"; confidence?: number;
  },
): GapTrend {
  const ctx = contextOf(input);
  return resultsGapTrend(readProfiledResults(ctx, { subjects: [options.subject], measures: [options.measure], terms: [options.term] }), options);
}

/**
 * `attainmentGapTrend` from the profiled results of its subject, measure and term (as `profiledResults` gives
 * them), for a caller that has them already: each academic year's results at its latest-dated point (the
 * first such point seen on a tie), optionally of one year group only.
 * @param results the results of one subject, measure and term
 * @example
 * const results = profiledResults(data, { subjects: ["reading"], measures: ["standardised"], terms: ["summer"] });
 * resultsGapTrend(results, { measure: "standardised", group: "SEN" }).direction // => "no clear change"
 */
export function resultsGapTrend(
  results: readonly ProfiledResult[],
  options: { measure: MeasureKind; group: SendGroup; yearGroup?: number; figure?: "expected" | "higher" | "mean"; confidence?: number },
): GapTrend {
  const figure = options.figure ?? "expected";
  // By academic year, then point, each in the order first seen, in one pass; with each point's latest date.
  const years = new Map<string, Map<string, { rows: ProfiledResult[]; latest: string }>>();
  for (let i = 0; i < results.length; i += 1) {
    const r = results[i]!;
    if (options.yearGroup !== undefined && r.profile.yearGroup !== options.yearGroup) continue;
    let points = years.get(r.academicYear);
    if (points === undefined) years.set(r.academicYear, (points = new Map()));
    const at = points.get(r.point);
    if (at === undefined) points.set(r.point, { rows: [r], latest: r.date });
    else {
      at.rows.push(r);
      if (r.date > at.latest) at.latest = r.date;
    }
  }
  const points: GapTrendPoint[] = [];
  for (const [academicYear, byPoint] of years) {
    let latestPoint: { rows: ProfiledResult[]; latest: string } | undefined;
    for (const p of byPoint.values()) if (latestPoint === undefined || p.latest > latestPoint.latest) latestPoint = p;
    const g = gapsOf(latestPoint?.rows ?? [], options.measure, { confidence: options.confidence }).find((x) => x.group === options.group);
    const gap = g?.[figure] ?? null;
    if (gap === null) continue;
    points.push({ academicYear, n: gap.n, comparisonN: gap.comparisonN, difference: gap.difference, lower: gap.lower, upper: gap.upper });
  }
  return gapTrend(points, figure === "mean" ? "points" : "proportion");
}
