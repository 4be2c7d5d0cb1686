/**
 * The report's comparisons beyond the in-school attainment gaps: each group against national for the same
 * group, the KS2 RWM gap in school per year, and the trends of the key gaps over the years in the data, with
 * the `sameAs` links that disclosure control needs and the pass that keeps a trend from leaking a hidden year.
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import { type MeasureKind, Subject } from "../schema/primitives.js";
import type { NationalFigures } from "../../data/national.js";
import { nationalComparisons, NationalComparison } from "../gaps/national-comparisons.js";
import { ks2RwmGaps, RwmGap } from "../gaps/attainment-gaps.js";
import { GapTrend, type GapTrendPoint, gapTrend, resultsGapTrend } from "../gaps/trend.js";
import type { AttainmentCell } from "../cohort/attainment.js";
import type { Disclosed } from "../disclosure/disclosed.js";
import { addDependsOn, addSameAs, groupIds } from "../disclosure/links.js";
import { type ProfiledResult, readProfiledResults } from "../cohort/results.js";
import { ks2ResultYears } from "../cohort/ks2-rwm.js";
import { type AnalysisInput, contextOf } from "../cohort/context.js";

/**
 * One school figure against national, as a cell of the report: `n` is the school group's size (for
 * `senShare`, the pupils in the group; `gap.n` is then all pupils on roll), `partition`
 * `national|<measure>|<academicYear>|senStatus` (N, K, E; `all` is its total) or `…|senAny` (SEN).
 * @example
 * ReportNationalComparison.parse({ measure: "ks2Rwm", group: "SEN", academicYear: "2024/25", gap: { … },
 *   note: "…", partition: "national|ks2Rwm|2024/25|senAny", n: 9 })
 */
export const ReportNationalComparison = NationalComparison.extend({
  partition: z.string(),
  isTotal: z.boolean().optional(),
  n: z.number().int().nonnegative(),
});
/** One school figure against national, as a cell. */
export type ReportNationalComparison = z.infer<typeof ReportNationalComparison>;

/** The measures whose gap trend the report follows. */
export const TREND_MEASURES = ["ks2Rwm", "phonicsMark", "standardised"] as const;

/**
 * The trend of one key gap (all SEN − no SEN) over the academic years in the data (see `gapTrend`):
 * `ks2Rwm` (share of Year 6 at the expected standard in reading, writing and maths), `phonicsMark` (share
 * of Year 1 meeting the phonics standard) or `standardised` (gap in the mean summer standardised score of
 * `subject`, all year groups). `hiddenYears` lists years whose point disclosure control suppressed; the
 * slope, direction and verdict are then worked out from the years shown only.
 * @example
 * GapTrendEntry.parse({ key: "ks2Rwm", label: "KS2 reading, writing and maths at the expected standard",
 *   measure: "ks2Rwm", subject: null, figure: "expected", group: "SEN", comparison: "N", hiddenYears: [],
 *   unit: "proportion", points: [], slopePerYear: null, direction: "not enough data", verdict: "…" })
 */
export const GapTrendEntry = GapTrend.extend({
  key: z.string(),
  label: z.string(),
  measure: z.enum(TREND_MEASURES),
  subject: Subject.nullable(),
  figure: z.enum(["expected", "mean"]),
  group: z.literal("SEN"),
  comparison: z.literal("N"),
  hiddenYears: z.array(z.string()),
});
/** The trend of one key gap. */
export type GapTrendEntry = z.infer<typeof GapTrendEntry>;

type Data = Pick<SchoolData, "pupils" | "senRegister" | "assessments" | "attendance">;

/** Partition prefixes (`attainment|<subject>|<measure>|<point>|Y<n>`) of the attainment cells that match. */
function attainmentPrefixes(cells: readonly AttainmentCell[], keep: (c: AttainmentCell) => boolean): string[] {
  const out = new Set<string>();
  for (const c of cells) if (keep(c)) out.add(c.partition.slice(0, c.partition.lastIndexOf("|")));
  return [...out];
}

/**
 * Every comparison with national for `academicYear` (see `nationalComparisons`; the SEN share is taken on
 * `asOf`, the date of the report's identification), as cells linked to the same groups in the report's own
 * tables: phonics to the Year 1 phonics attainment cells, KS2 RWM to the `ks2Rwm` cells, persistent absence to
 * the attendance cells, SEN share to the identification cells.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * // The sample school (figures from its CSVs: tests/report/examples_reference.py).
 * const comparisons = reportNationalComparisons(data, "2025/26", "2026-07-17", attainment(data));
 * comparisons.filter((c) => c.measure === "senShare").map((c) => [c.group, c.gap.count, c.gap.n])
 * // => [["K", 59, 420], ["E", 17, 420], ["SEN", 76, 420]]
 * comparisons.filter((c) => c.measure === "phonicsMet").map((c) => [c.group, c.gap.count, c.n])
 * // => [["N", 43, 50], ["K", 6, 8], ["E", 0, 2], ["all", 49, 60]]
 * [comparisons[0].partition, comparisons[0].sameAs]
 * // => ["national|phonicsMet|2025/26|senStatus", [{ partition: "national|phonicsMet|2025/26|senAny", group: "N" }]]
 */
export function reportNationalComparisons(
  input: AnalysisInput<Data>,
  academicYear: string,
  asOf: string,
  attainmentCells: readonly AttainmentCell[],
  national?: NationalFigures,
): ReportNationalComparison[] {
  const ctx = contextOf(input);
  const phonics = attainmentPrefixes(attainmentCells, (c) => c.measure === "phonicsMark" && c.academicYear === academicYear && c.term === "summer" && c.yearGroup === 1);
  const sources: Record<NationalComparison["measure"], string[]> = {
    phonicsMet: phonics,
    ks2Rwm: [`ks2-rwm|${academicYear}`],
    persistentAbsence: [`attendance|${academicYear}`],
    senShare: [`identification|${asOf}`],
    primaryNeedShare: [],
  };
  return nationalComparisons(ctx, academicYear, national === undefined ? { censusDate: asOf } : { censusDate: asOf, national }).map((c) => {
    const own = `national|${c.measure}|${academicYear}`;
    const entry: ReportNationalComparison = {
      ...c,
      partition: `${own}|${c.group === "SEN" ? "senAny" : "senStatus"}`,
      ...(c.group === "all" ? { isTotal: true } : {}),
      n: c.measure === "senShare" ? c.gap.count : c.gap.n,
    };
    addSameAs(entry, [...groupIds([own], c.group), ...groupIds(sources[c.measure], c.group)].filter((l) => l.partition !== entry.partition));
    return entry;
  });
}

/**
 * The KS2 RWM gaps in school (K, E and all SEN against no SEN, see `ks2RwmGaps`) for each academic year,
 * each gap linked to the `ks2Rwm` cells of its two groups.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * reportRwmGaps(data, ["2024/25"]).map((g) => g.group) // => ["K", "E", "SEN"]
 */
export function reportRwmGaps(input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>, years: readonly string[]): RwmGap[] {
  const ctx = contextOf(input);
  return years.flatMap((y) => ks2RwmGaps(ctx, y).map((g) => {
    addDependsOn(g.gap, [...groupIds([`ks2-rwm|${y}`], g.group), ...groupIds([`ks2-rwm|${y}`], "N")]);
    return g;
  }));
}

function entry(key: string, label: string, measure: GapTrendEntry["measure"], subject: GapTrendEntry["subject"], figure: GapTrendEntry["figure"], trend: GapTrend): GapTrendEntry {
  return { key, label, measure, subject, figure, group: "SEN", comparison: "N", hiddenYears: [], ...trend };
}

/**
 * The trends of the key gaps (all SEN against no SEN) over the academic years in the data: KS2 RWM (from
 * `ks2RwmGaps` per year, through `gapTrend`), Year 1 phonics (share meeting the standard) and the summer
 * standardised reading and maths scores (gap in means, all year groups), through `attainmentGapTrend`.
 * Measures with no data are left out. KS2 and phonics points are linked to their groups' cells.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * // The sample school: KS2, phonics and standardised results each in three summers (tests/report/examples_reference.py).
 * reportGapTrends(data, attainment(data)).map((t) => [t.key, t.points.map((p) => p.academicYear)])
 * // => [["ks2Rwm", ["2023/24", "2024/25", "2025/26"]], ["phonicsMark|phonics", ["2023/24", "2024/25", "2025/26"]],
 * //     ["standardised|maths", ["2023/24", "2024/25", "2025/26"]], ["standardised|reading", ["2023/24", "2024/25", "2025/26"]]]
 */
export function reportGapTrends(input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>, attainmentCells: readonly AttainmentCell[]): GapTrendEntry[] {
  const ctx = contextOf(input);
  const out: GapTrendEntry[] = [];
  const rwmPoints: GapTrendPoint[] = [];
  // Only years with KS2 results can have a KS2 gap: the others would give no point.
  for (const y of ks2ResultYears(ctx)) {
    const g = ks2RwmGaps(ctx, y).find((x) => x.group === "SEN")?.gap;
    if (!g || g.n + g.comparisonN === 0) continue;
    const point = { academicYear: y, n: g.n, comparisonN: g.comparisonN, difference: g.difference, lower: g.lower, upper: g.upper };
    addDependsOn(point, [...groupIds([`ks2-rwm|${y}`], "SEN"), ...groupIds([`ks2-rwm|${y}`], "N")]);
    rwmPoints.push(point);
  }
  if (rwmPoints.length > 0) {
    out.push(entry("ks2Rwm", "KS2 reading, writing and maths at the expected standard (Year 6)", "ks2Rwm", null, "expected", gapTrend(rwmPoints, "proportion")));
  }
  // The summer results of both measures taken once and split by measure and subject (each subject's in the
  // order `attainmentGapTrend` takes them). A subject with summer results but none with a value and a pupil
  // would give a trend with no points, which is left out, so the subjects with such results are the same.
  const summer = new Map<MeasureKind, Map<Subject, ProfiledResult[]>>();
  for (const r of readProfiledResults(ctx, { measures: ["phonicsMark", "standardised"], terms: ["summer"] })) {
    let bySubject = summer.get(r.measure);
    if (bySubject === undefined) summer.set(r.measure, (bySubject = new Map()));
    const rows = bySubject.get(r.subject);
    if (rows === undefined) bySubject.set(r.subject, [r]);
    else rows.push(r);
  }
  const subjectsOf = (measure: MeasureKind, only?: readonly string[]) =>
    [...(summer.get(measure) ?? new Map<Subject, ProfiledResult[]>())].filter(([s]) => only === undefined || only.includes(s)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [subject, rows] of subjectsOf("phonicsMark")) {
    const trend = resultsGapTrend(rows, { measure: "phonicsMark", group: "SEN", yearGroup: 1 });
    if (trend.points.length === 0) continue;
    for (const p of trend.points) {
      const prefixes = attainmentPrefixes(attainmentCells, (c) => c.subject === subject && c.measure === "phonicsMark" && c.academicYear === p.academicYear && c.term === "summer" && c.yearGroup === 1);
      addDependsOn(p, [...groupIds(prefixes, "SEN"), ...groupIds(prefixes, "N")]);
    }
    out.push(entry(`phonicsMark|${subject}`, "Year 1 pupils meeting the phonics standard", "phonicsMark", subject, "expected", trend));
  }
  for (const [subject, rows] of subjectsOf("standardised", ["reading", "maths"])) {
    const trend = resultsGapTrend(rows, { measure: "standardised", group: "SEN", figure: "mean" });
    if (trend.points.length === 0) continue;
    out.push(entry(`standardised|${subject}`, `Mean summer standardised ${subject} score (all year groups)`, "standardised", subject, "mean", trend));
  }
  return out;
}

/**
 * After disclosure control: hides a whole-school standardised trend point when any year-group cell it adds up
 * (the SEN or no-SEN cell of the same subject at a summer point of that year) is hidden, since the
 * whole-school figure less the shown year groups would give the hidden one away; then, for every trend with
 * a hidden point, works out the slope, direction and verdict again from the years shown only (so they say
 * nothing about a hidden year) and lists the hidden years. Changes `trends` in place.
 * @param trends the disclosed trends
 * @param cells the disclosed attainment cells (by year group)
 * @param reason the suppression reason to give a hidden point
 * @example
 * finishDisclosedTrends(report.gaps.trends, report.attainment.cells, "…") // => undefined
 */
export function finishDisclosedTrends(
  trends: Disclosed<GapTrendEntry>[],
  cells: readonly Disclosed<AttainmentCell>[],
  reason: string,
): void {
  const hiddenAt = new Set<string>();
  for (const c of cells) {
    if (c.suppressed === true && c.measure === "standardised" && c.term === "summer" && !c.isTotal && (c.group === "SEN" || c.group === "N") && c.dimension === "senAny") {
      hiddenAt.add(`${c.subject}|${c.academicYear}`);
    }
  }
  for (const t of trends) {
    if (t.measure === "standardised") {
      for (const p of t.points) {
        if (p.suppressed !== true && hiddenAt.has(`${t.subject}|${p.academicYear}`)) {
          for (const k of ["n", "comparisonN", "difference", "lower", "upper"] as const) p[k] = null;
          p.suppressed = true;
          p.suppressionReason = reason;
        }
      }
    }
    const hidden = t.points.filter((p) => p.suppressed === true).map((p) => p.academicYear);
    if (hidden.length === 0) continue;
    const shown = t.points.filter((p): p is GapTrendPoint => p.suppressed !== true && p.n !== null && p.comparisonN !== null);
    const again = gapTrend(shown, t.unit);
    t.hiddenYears = hidden;
    t.slopePerYear = again.slopePerYear;
    t.direction = again.direction;
    t.verdict = `${again.verdict} (${hidden.join(", ")} not shown: ${reason}.)`;
  }
}
