/**
 * Attainment per subject, measure and assessment point, split by group: the share at the expected and the
 * higher threshold (with Wilson intervals) and the mean result (with its t interval).
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import { MeasureKind, Subject, Term } from "../schema/primitives.js";
import { type GroupDimension, splitByGroup } from "./groups.js";
import { meanFigures, proportionFigures } from "./figures.js";
import { type ProfiledResult, type ResultFilter, profiledResults, readProfiledResults } from "./results.js";
import { type AnalysisContext, type AnalysisInput, contextOf, derived } from "./context.js";
import { MEASURE_THRESHOLDS, type MeasureThresholds } from "./thresholds.js";

/**
 * The fields that say which results a figure is about: subject, measure, assessment point (and its year and
 * term), and year group (null for all year groups). Spread into attainment cells and gaps.
 * @example
 * z.object(RESULT_POINT_FIELDS).parse({ subject: "reading", measure: "scaled", point: "2024/25 summer",
 *   academicYear: "2024/25", term: "summer", yearGroup: 6 })
 */
export const RESULT_POINT_FIELDS = {
  subject: Subject,
  measure: MeasureKind,
  point: z.string(),
  academicYear: z.string(),
  term: Term,
  yearGroup: z.number().int().nullable(),
};

/**
 * One group's attainment at one point. `n` = pupils in the group with a result; `count`/`rate`/`lower`/
 * `upper` = at or above the measure's expected threshold (null figures when the measure has none);
 * `higher…` = at or above the higher threshold; `mean…` = mean result with its 95% t interval (null for
 * teacher assessment). `yearGroup` is set when the results were split by year group.
 * @example
 * AttainmentCell.parse({ partition: "attainment|reading|scaled|2024/25 summer|Y6|senStatus",
 *   subject: "reading", measure: "scaled", point: "2024/25 summer", academicYear: "2024/25", term: "summer",
 *   yearGroup: 6, dimension: "senStatus", group: "K", n: 5, count: 2, rate: 0.4, lower: 0.12, upper: 0.77,
 *   higherCount: 0, higherRate: 0, higherLower: 0, higherUpper: 0.43, mean: 97.2, meanLower: 92.1,
 *   meanUpper: 102.3 })
 */
export const AttainmentCell = z.object({
  partition: z.string(),
  ...RESULT_POINT_FIELDS,
  dimension: z.string(),
  group: z.string(),
  isTotal: z.boolean().optional(),
  n: z.number().int().nonnegative(),
  count: z.number().int().nonnegative().nullable(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  higherCount: z.number().int().nonnegative().nullable(),
  higherRate: z.number().nullable(),
  higherLower: z.number().nullable(),
  higherUpper: z.number().nullable(),
  mean: z.number().nullable(),
  meanLower: z.number().nullable(),
  meanUpper: z.number().nullable(),
});
/** One group's attainment at one point. */
export type AttainmentCell = z.infer<typeof AttainmentCell>;

/** Options of `attainment`. */
export interface AttainmentOptions extends ResultFilter {
  /** Dimensions to split by; default `["senStatus", "senAny"]`. */
  dimensions?: readonly GroupDimension[];
  /** Split each point by the pupils' year group as well; default false. */
  byYearGroup?: boolean;
  /** Confidence level of the intervals; default 0.95. */
  confidence?: number;
  /** The thresholds counted against, per measure; default `MEASURE_THRESHOLDS` (see `measureThresholds`). */
  thresholds?: Record<MeasureKind, MeasureThresholds>;
}

type Figures = Omit<AttainmentCell, "partition" | "subject" | "measure" | "point" | "academicYear" | "term" | "yearGroup" | "dimension" | "group" | "isTotal">;

/**
 * The figures of one group of results of one measure (see `AttainmentCell`).
 * @example
 * attainmentFigures([100, 104, 96, 112].map((value) => ({ value })), "scaled");
 * // => { n: 4, count: 3, rate: 0.75, …, higherCount: 1, higherRate: 0.25, …, mean: 103, … }
 */
export function attainmentFigures(
  results: ReadonlyArray<Pick<ProfiledResult, "value">>,
  measure: MeasureKind,
  confidence = 0.95,
  thresholds: Record<MeasureKind, MeasureThresholds> = MEASURE_THRESHOLDS,
): Figures {
  const values: number[] = [];
  for (let i = 0; i < results.length; i++) values.push((results[i] as Pick<ProfiledResult, "value">).value);
  return valueFigures(values, measure, confidence, thresholds);
}

/** `attainmentFigures` of the results' values, in the results' order. */
function valueFigures(
  values: readonly number[],
  measure: MeasureKind,
  confidence: number,
  thresholds: Record<MeasureKind, MeasureThresholds>,
): Figures {
  const t = thresholds[measure];
  const n = values.length;
  const expected = t.expected;
  const higher = t.higher;
  let atExpected = 0;
  let atHigher = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (expected !== null && v >= expected) atExpected += 1;
    if (higher !== null && v >= higher) atHigher += 1;
  }
  const e = expected === null ? null : proportionFigures(atExpected, n, confidence);
  const h = higher === null ? null : proportionFigures(atHigher, n, confidence);
  const m = t.hasMean ? meanFigures(values, confidence) : { mean: null, meanLower: null, meanUpper: null };
  return {
    n,
    count: e?.count ?? null, rate: e?.rate ?? null, lower: e?.lower ?? null, upper: e?.upper ?? null,
    higherCount: h?.count ?? null, higherRate: h?.rate ?? null, higherLower: h?.lower ?? null, higherUpper: h?.upper ?? null,
    ...m,
  };
}

function isSenDimension(dimension: GroupDimension): dimension is "senStatus" | "senAny" {
  return dimension === "senStatus" || dimension === "senAny";
}

/** Results' values, all and by SEN status on each result's date (K and E together as SEN), each in the results' order. */
interface SenValues {
  all: number[];
  N: number[];
  K: number[];
  E: number[];
  SEN: number[];
}

/**
 * The results' values, all and by SEN status on the result's date (N, K, E, and K and E together as SEN),
 * each in the results' order; null when a status is not N, K or E (`splitByGroup` then keeps it).
 */
function valuesBySen(rows: readonly ProfiledResult[]): SenValues | null {
  const values: SenValues = { all: [], N: [], K: [], E: [], SEN: [] };
  for (let i = 0; i < rows.length; i += 1) if (!addBySen(values, rows[i]!)) return null;
  return values;
}

/**
 * Adds a result's value to `values` (all, and its SEN status's lists on the result's date); false, adding it
 * nowhere but to all, when the status is not N, K or E. `valuesBySen` and `valuesByPoint` both fill by it.
 */
function addBySen(values: SenValues, r: ProfiledResult): boolean {
  const v = r.value;
  const status = r.profile.senStatus;
  values.all.push(v);
  if (status === "N") values.N.push(v);
  else if (status === "K" || status === "E") {
    values.SEN.push(v);
    // One push for K and E alike (EHC plans are rare: a branch first taken late drops V8's compiled loop).
    (status === "K" ? values.K : values.E).push(v);
  } else return false;
  return true;
}

/**
 * Groups rows by a key, keeping the order in which keys are first seen.
 * @example
 * [...groupResults([{ k: "a" }, { k: "b" }, { k: "a" }], (r) => r.k)].map(([k, rs]) => [k, rs.length])
 * // => [["a", 2], ["b", 1]]
 */
export function groupResults<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Results grouped by subject, measure and point, and by year group when `byYearGroup`: the same groups, keys
 * (`subject|measure|point|<year group, "unknown" or "all">`) and first-seen order as `groupResults` with
 * that key, without making a key per result.
 * @example
 * const results = profiledResults(data, { subjects: ["reading"], measures: ["scaled"] });
 * [...groupByPoint(results, false).keys()]
 * // => ["reading|scaled|2025/26 summer|all", "reading|scaled|2024/25 summer|all", "reading|scaled|2023/24 summer|all"]
 */
export function groupByPoint(results: readonly ProfiledResult[], byYearGroup: boolean): Map<string, ProfiledResult[]> {
  const out = new Map<string, ProfiledResult[]>();
  const groups = new PointGroups<ProfiledResult[]>();
  for (let i = 0; i < results.length; i += 1) {
    const r = results[i]!;
    const at = groups.of(r);
    const year = byYearGroup ? r.profile.yearGroup : null;
    let list = at.byYear.get(year);
    if (list === undefined) {
      list = [];
      at.byYear.set(year, list);
      out.set([r.subject, r.measure, r.point, byYearGroup ? String(year ?? "unknown") : "all"].join("|"), list);
    }
    list.push(r);
  }
  return out;
}

/** The results (or values) of one subject and measure at one point, by year group (null: not split by year group). */
interface PointGroup<T> {
  point: string;
  subject: ProfiledResult["subject"];
  measure: ProfiledResult["measure"];
  byYear: Map<number | null, T>;
}

/**
 * Finds each result's group of one point, subject and measure (`groupByPoint` and `valuesByPoint` alike), made
 * empty the first time: by point label (one look-up per result), then the few subject and measure pairs of
 * that point. Results of the same point, subject and measure often come in runs, and a pupil's results at one
 * point (several subjects) together, so the last group and the last point's groups are tried first.
 */
class PointGroups<T> {
  private readonly byPoint = new Map<string, PointGroup<T>[]>();
  private last: PointGroup<T> | undefined;
  private lastPoint: string | undefined;
  private lastOfPoint: PointGroup<T>[] | undefined;

  of(r: ProfiledResult): PointGroup<T> {
    const { point, subject, measure } = r;
    const last = this.last;
    if (last !== undefined && last.point === point && last.subject === subject && last.measure === measure) return last;
    let ofPoint = point === this.lastPoint ? this.lastOfPoint : this.byPoint.get(point);
    if (ofPoint === undefined) this.byPoint.set(point, (ofPoint = []));
    this.lastPoint = point;
    this.lastOfPoint = ofPoint;
    let at: PointGroup<T> | undefined;
    for (const x of ofPoint) {
      if (x.subject === subject && x.measure === measure) {
        at = x;
        break;
      }
    }
    if (at === undefined) {
      at = { point, subject, measure, byYear: new Map() };
      ofPoint.push(at);
    }
    this.last = at;
    return at;
  }
}

/**
 * `groupByPoint` of `profiledResults(input, filter)`; unfiltered, the grouping is made once per context and
 * held on it (attainment cells and gaps read the same groups). Treat the groups as read-only.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * [...resultsByPoint(data, {}, false).keys()] // => ["reading|scaled|2024/25 summer|all", …]
 */
export function resultsByPoint(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  filter: ResultFilter,
  byYearGroup: boolean,
): Map<string, ProfiledResult[]> {
  const ctx = contextOf(input);
  const { academicYears, subjects, measures, points, terms } = filter;
  if (academicYears || subjects || measures || points || terms) return groupByPoint(profiledResults(ctx, filter), byYearGroup);
  return ctx.get(RESULTS_BY_POINT, byYearGroup);
}

/** `groupByPoint` of all the context's profiled results, by year group or not: attainment cells and gaps read the same groups. */
const RESULTS_BY_POINT = derived(
  "results by point",
  (ctx: AnalysisContext<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>, byYearGroup: boolean) => groupByPoint(readProfiledResults(ctx), byYearGroup),
);

/**
 * One group of `groupByPoint` (one subject, measure and point, and year group when split by it) as its
 * results' values by SEN status on each result's date, each in the results' order: all, no SEN (`N`), SEN
 * support (`K`), EHC plan (`E`), and K and E together (`SEN`). `first` is the group's first result.
 */
export interface PointValues extends SenValues {
  /** The group's first result (its subject, measure, point, academic year, term and, when split by it, year group). */
  first: ProfiledResult;
}

/**
 * The groups of `groupByPoint(results, byYearGroup)`, in its order, each as its values by SEN status (see
 * `PointValues`), without a list of rows per group; null when a result's SEN status is not N, K or E.
 * @example
 * const results = profiledResults(data, { subjects: ["reading"], measures: ["scaled"] });
 * valuesByPoint(results, false)?.map((g) => [g.first.point, g.all.length, g.SEN.length])
 * // => [["2025/26 summer", 30, 8], …]
 */
export function valuesByPoint(results: readonly ProfiledResult[], byYearGroup: boolean): PointValues[] | null {
  const out: PointValues[] = [];
  // Found as `groupByPoint` finds a result's group: by point label, then subject and measure, then year group.
  const groups = new PointGroups<PointValues>();
  for (let i = 0; i < results.length; i += 1) {
    const r = results[i]!;
    const at = groups.of(r);
    const year = byYearGroup ? r.profile.yearGroup : null;
    let values = at.byYear.get(year);
    if (values === undefined) {
      values = { first: r, all: [], N: [], K: [], E: [], SEN: [] };
      at.byYear.set(year, values);
      out.push(values);
    }
    if (!addBySen(values, r)) return null;
  }
  return out;
}

/**
 * `valuesByPoint` of `profiledResults(input, filter)`, not split by year group; unfiltered, made once per
 * context and held on it (a school's attainment cells and gaps read the same values). Split by year group (a
 * trust's own tables), attainment and gaps split each point's rows instead, one point at a time: a trust's
 * values of every point held at once (55 MB for 2.5 million results) raised the report's peak memory.
 * Treat the values as read-only.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * pointValues(data, {})?.[0]?.first.point // => "2025/26 summer"
 */
export function pointValues(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  filter: ResultFilter,
): PointValues[] | null {
  const ctx = contextOf(input);
  const { academicYears, subjects, measures, points, terms } = filter;
  if (academicYears || subjects || measures || points || terms) return valuesByPoint(profiledResults(ctx, filter), false);
  return ctx.get(VALUES_BY_POINT);
}

/** `valuesByPoint` of all the context's profiled results, not split by year group. */
const VALUES_BY_POINT = derived(
  "values by point",
  (ctx: AnalysisContext<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>) => valuesByPoint(readProfiledResults(ctx), false),
);

/**
 * Attainment cells: for each subject × measure × assessment point (× year group when `byYearGroup`), and
 * each dimension, one total cell (`isTotal`, group `all`) and one cell per group, all sharing the partition
 * `attainment|<subject>|<measure>|<point>|<Yn or all>|<dimension>`. Group membership is the pupil's profile
 * on the date of the result (SEN status in force that day; year group in the point's academic year).
 * Thresholds are `options.thresholds` (default `MEASURE_THRESHOLDS`). A group with no results is `n: 0`, `count: 0`, null rates and means.
 * @param input the school's data, or its analysis context (`prepareAnalysis`)
 * @param options filters (academic years, subjects, measures, points, terms), `dimensions`
 *   (default `["senStatus", "senAny"]`), `byYearGroup` (default false), `confidence` (default 0.95)
 * @example
 * attainment(data, { academicYears: ["2024/25"], subjects: ["reading"], measures: ["scaled"] })
 *   .find((c) => c.group === "K")?.rate // => 0.25
 */
export function attainment(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: AttainmentOptions = {},
): AttainmentCell[] {
  const dimensions = options.dimensions ?? ["senStatus", "senAny"];
  const confidence = options.confidence ?? 0.95;
  const thresholds = options.thresholds ?? MEASURE_THRESHOLDS;
  const byYearGroup = options.byYearGroup === true;
  const cells: AttainmentCell[] = [];
  // By SEN status alone (the usual case), not by year group, each point's values by status do (see `pointValues`).
  const byValues = !byYearGroup && dimensions.every((d) => d === "all" || isSenDimension(d)) ? pointValues(input, options) : null;
  if (byValues !== null) {
    for (const values of byValues) pointCells(cells, values.first, null, values, dimensions, byYearGroup, confidence, thresholds);
    return cells;
  }
  for (const rows of resultsByPoint(input, options, byYearGroup).values()) {
    const first = rows[0];
    if (!first) continue;
    const bySen = dimensions.some(isSenDimension) ? valuesBySen(rows) : null;
    pointCells(cells, first, rows, bySen, dimensions, byYearGroup, confidence, thresholds);
  }
  return cells;
}

/**
 * The cells of one point (`first` its first result) into `out`: from its values by SEN status when given
 * (`bySen`), else from its rows (`rows`, then not null).
 */
function pointCells(
  out: AttainmentCell[],
  first: ProfiledResult,
  rows: readonly ProfiledResult[] | null,
  bySen: SenValues | null,
  dimensions: readonly GroupDimension[],
  byYearGroup: boolean,
  confidence: number,
  thresholds: Record<MeasureKind, MeasureThresholds>,
): void {
  const yearGroup = byYearGroup ? first.profile.yearGroup : null;
  const yearLabel = byYearGroup ? (yearGroup === null ? "unknown" : `Y${yearGroup}`) : "all";
  const head = {
    subject: first.subject, measure: first.measure, point: first.point, academicYear: first.academicYear,
    term: first.term, yearGroup,
  };
  // The values by SEN status once for the point (the total and both SEN dimensions read them), rather than
  // lists of rows per dimension and a list of values per group.
  const total = bySen === null ? attainmentFigures(rows!, first.measure, confidence, thresholds)
    : valueFigures(bySen.all, first.measure, confidence, thresholds);
  let noSen: Figures | undefined;
  for (const dimension of dimensions) {
    const partition = `attainment|${first.subject}|${first.measure}|${first.point}|${yearLabel}|${dimension}`;
    out.push({ partition, ...head, dimension, group: "all", isTotal: true, ...total });
    if (dimension === "all") continue;
    if (bySen !== null && isSenDimension(dimension)) {
      // The groups and order of `splitByGroup` by these dimensions when every status is N, K or E.
      noSen ??= valueFigures(bySen.N, first.measure, confidence, thresholds);
      const groups = dimension === "senStatus" ? [["N", bySen.N], ["K", bySen.K], ["E", bySen.E]] as const : [["SEN", bySen.SEN], ["N", bySen.N]] as const;
      for (const [group, values] of groups) {
        const figures = group === "N" ? noSen : valueFigures(values, first.measure, confidence, thresholds);
        out.push({ partition, ...head, dimension, group, ...figures });
      }
      continue;
    }
    for (const [group, members] of splitByGroup(rows!, (r) => r.profile, dimension)) {
      out.push({ partition, ...head, dimension, group, ...attainmentFigures(members, first.measure, confidence, thresholds) });
    }
  }
}
