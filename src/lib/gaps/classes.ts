/**
 * Classes and cohorts (issue #18): SEN pupils' progress by registration class within a year group, and a
 * year group's SEN pupils against the same year group in earlier years ("compare differences with the
 * parallel class and previous cohorts", a SENCO's job description). The progress measure is the report's
 * (`progress`: score change for standardised scores, ratio gain for reading and spelling ages; expected
 * progress as `PROGRESS_THRESHOLDS`), and each comparison carries the gaps' intervals and bands: Welch's t
 * interval for the difference of means, Newcombe's hybrid score interval for the difference of the shares
 * making expected progress, and `gapBand` ("close to" whenever the interval crosses zero). Classes are small,
 * so these figures are for the SENCO only: disclosure leaves the section out for governors and the public.
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import { TERMS } from "../../data/codes.js";
import { AcademicYear, MeasureKind, Subject } from "../schema/primitives.js";
import { type AnalysisInput, contextOf } from "../cohort/context.js";
import { PROGRESS_THRESHOLDS, type ProgressPair, progressPairs } from "../cohort/progress.js";
import { ProgressFigures, meanFigures, proportionFigures } from "../cohort/figures.js";
import { LARGE_MEAN_GAP } from "../stats/band.js";
import { MeanGap, ProportionGap, meanGap, proportionGap } from "./in-school-gap.js";

/** The progress measures `progress` reports. */
type ProgressMeasure = keyof typeof PROGRESS_THRESHOLDS;

/**
 * A group against its comparison: the mean progress (Welch) and the share making expected progress (Newcombe),
 * each with its band.
 * @example
 * ProgressComparison.shape.mean === MeanGap // => true
 */
export const ProgressComparison = z.object({ mean: MeanGap, expected: ProportionGap });
/** A group against its comparison. */
export type ProgressComparison = z.infer<typeof ProgressComparison>;

/**
 * One class's SEN pupils' progress in one subject and measure, and against the SEN pupils of the year group's
 * other classes (`vsOtherClasses`: this class − the others). The year group's total is the cell with
 * `isTotal` (`group: "all"`, no comparison).
 * @example
 * ClassProgressCell.shape.vsOtherClasses.isNullable() // => true
 */
export const ClassProgressCell = z.object({
  partition: z.string(),
  from: z.string(),
  to: z.string(),
  subject: Subject,
  measure: MeasureKind,
  yearGroup: z.number().int(),
  dimension: z.literal("registrationClass"),
  group: z.string(),
  isTotal: z.boolean().optional(),
  ...ProgressFigures.shape,
  vsOtherClasses: ProgressComparison.nullable(),
});
/** One class's SEN pupils' progress. */
export type ClassProgressCell = z.infer<typeof ClassProgressCell>;

/**
 * One year group's SEN pupils' progress over one academic year (its first to its last assessment point) in one
 * subject and measure; `vsLatest` compares the latest year's cohort with this one (latest − this year: a
 * positive difference means this year's pupils made more progress), null on the latest year's own cell.
 * @example
 * CohortProgressCell.shape.academicYear === AcademicYear // => true
 */
export const CohortProgressCell = z.object({
  partition: z.string(),
  academicYear: AcademicYear,
  from: z.string(),
  to: z.string(),
  subject: Subject,
  measure: MeasureKind,
  yearGroup: z.number().int(),
  dimension: z.literal("academicYear"),
  group: z.string(),
  ...ProgressFigures.shape,
  vsLatest: ProgressComparison.nullable(),
});
/** One year group's SEN pupils' progress in one academic year. */
export type CohortProgressCell = z.infer<typeof CohortProgressCell>;

/**
 * The classes-and-cohorts section (SENCO only). `classes`: progress from `from` to `to` (the report's progress
 * points) by class within each year group with at least two classes; `pupilsWithoutClass`: SEN pupils with
 * progress in those points but no class on the pupil list (left out of `classes`); `cohorts`: each year group
 * in each academic year with results at two points.
 * @example
 * ClassesAndCohorts.parse({ from: "2025/26 autumn", to: "2025/26 summer", classes: [], pupilsWithoutClass: 0, cohorts: [] }).classes // => []
 */
export const ClassesAndCohorts = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  classes: z.array(ClassProgressCell),
  pupilsWithoutClass: z.number().int().nonnegative(),
  cohorts: z.array(CohortProgressCell),
});
/** The classes-and-cohorts section. */
export type ClassesAndCohorts = z.infer<typeof ClassesAndCohorts>;

/** Options of `classProgress` and `cohortProgress`. */
export interface ClassOptions {
  /** Confidence of every interval; default 0.95. */
  confidence?: number;
}

function figuresOf(pairs: readonly ProgressPair[], measure: ProgressMeasure, confidence: number): ProgressFigures {
  const values = pairs.map((p) => p.value);
  const expected = values.filter((v) => v >= PROGRESS_THRESHOLDS[measure].expected).length;
  const e = proportionFigures(expected, values.length, confidence);
  return { n: values.length, ...meanFigures(values, confidence), count: e.count, rate: e.rate, lower: e.lower, upper: e.upper };
}

function compare(group: readonly ProgressPair[], comparison: readonly ProgressPair[], measure: ProgressMeasure, confidence: number): ProgressComparison {
  const t = PROGRESS_THRESHOLDS[measure].expected;
  const values = group.map((p) => p.value);
  const others = comparison.map((p) => p.value);
  return {
    mean: meanGap(values, others, { confidence, large: LARGE_MEAN_GAP[measure] ?? null }),
    expected: proportionGap(values.filter((v) => v >= t).length, values.length, others.filter((v) => v >= t).length, others.length, { confidence }),
  };
}

/** Pairs grouped by a key, keys in first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

const isSen = (p: ProgressPair): boolean => p.to.profile.senStatus !== "N";
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SEN pupils' progress from `from` to `to` by registration class, within each year group that has SEN pupils
 * in at least two classes: per subject × measure × year group, the year group's total cell and one cell per
 * class, each class against the SEN pupils of the year group's other classes (Welch for the mean, Newcombe for
 * the share making expected progress, bands as the gaps'). A pupil's class is the one on the pupil list, which
 * is the class in the pupil's `yearGroupAcademicYear`: only pairs whose later result is in that academic year
 * count (a class is not carried back to earlier years), and SEN pupils without a class are counted in
 * `pupilsWithoutClass`. SEN status and year group are the pupil's profile on the later result's date, as in
 * `progress`.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `from`, `to` point labels; `confidence`
 * @example
 * classProgress(data, { from: "2025/26 autumn", to: "2025/26 summer" }).cells.length > 0 // => true
 */
export function classProgress(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: { from: string; to: string } & ClassOptions,
): { cells: ClassProgressCell[]; pupilsWithoutClass: number } {
  const ctx = contextOf(input);
  const confidence = options.confidence ?? 0.95;
  const { from, to } = options;
  const pupils = new Map(ctx.data.pupils.map((p) => [p.pupilId, p] as const));
  const classOf = (pair: ProgressPair): string | null => {
    const pupil = pupils.get(pair.to.pupilId);
    if (pupil === undefined || pupil.registrationClass === null) return null;
    return pupil.yearGroupAcademicYear === null || pupil.yearGroupAcademicYear === pair.to.academicYear ? pupil.registrationClass : null;
  };
  const sen = progressPairs(ctx, from, to).filter((p) => isSen(p) && p.to.profile.yearGroup !== null);
  const without = new Set(sen.filter((p) => classOf(p) === null).map((p) => p.to.pupilId));
  const cells: ClassProgressCell[] = [];
  const keyed = groupBy(sen.filter((p) => classOf(p) !== null), (p) => `${p.to.subject}|${p.to.measure}|${p.to.profile.yearGroup}`);
  for (const key of [...keyed.keys()].sort(byText)) {
    const rows = keyed.get(key)!;
    const first = rows[0]!;
    const measure = first.to.measure as ProgressMeasure;
    const yearGroup = first.to.profile.yearGroup as number;
    const byClass = groupBy(rows, (p) => classOf(p) as string);
    if (byClass.size < 2) continue;
    const head = { partition: `class-progress|${from}|${to}|${first.to.subject}|${measure}|Y${yearGroup}`, from, to, subject: first.to.subject, measure, yearGroup, dimension: "registrationClass" as const };
    cells.push({ ...head, group: "all", isTotal: true, ...figuresOf(rows, measure, confidence), vsOtherClasses: null });
    for (const name of [...byClass.keys()].sort(byText)) {
      const members = byClass.get(name)!;
      const others = rows.filter((p) => classOf(p) !== name);
      cells.push({ ...head, group: name, ...figuresOf(members, measure, confidence), vsOtherClasses: compare(members, others, measure, confidence) });
    }
  }
  return { cells, pupilsWithoutClass: without.size };
}

/** Each academic year's first and last assessment points with results in a progress measure, by the terms' order. */
function yearPoints(assessments: SchoolData["assessments"]): Map<string, { from: string; to: string }> {
  const ranks = new Map<string, Map<string, number>>();
  for (const a of assessments) {
    if (!(a.measure in PROGRESS_THRESHOLDS)) continue;
    let points = ranks.get(a.academicYear);
    if (points === undefined) ranks.set(a.academicYear, (points = new Map()));
    const rank = TERMS.indexOf(a.term);
    const seen = points.get(a.point);
    if (seen === undefined || rank < seen) points.set(a.point, rank);
  }
  const out = new Map<string, { from: string; to: string }>();
  for (const [year, points] of ranks) {
    const ordered = [...points].sort((a, b) => a[1] - b[1] || byText(a[0], b[0])).map(([p]) => p);
    if (ordered.length >= 2) out.set(year, { from: ordered[0]!, to: ordered[ordered.length - 1]! });
  }
  return out;
}

/**
 * A year group's SEN pupils against the same year group in earlier years: for each academic year with results
 * at two or more assessment points, SEN pupils' progress from its first to its last point (as `progress` over a
 * year), per subject × measure × year group (the year group and SEN status on the later result's date), and the
 * latest year's cohort against each earlier year's (`vsLatest`: latest − earlier, Welch and Newcombe, bands as
 * the gaps'). Year groups seen in one year only are left out. Different pupils make each cohort, so a difference
 * says how this year's pupils did, not that teaching changed.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `confidence`
 * @example
 * cohortProgress(data).some((c) => c.vsLatest !== null) // => true
 */
export function cohortProgress(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: ClassOptions = {},
): CohortProgressCell[] {
  const ctx = contextOf(input);
  const confidence = options.confidence ?? 0.95;
  const years = yearPoints(ctx.data.assessments);
  const byKey = new Map<string, Array<{ academicYear: string; from: string; to: string; pairs: ProgressPair[] }>>();
  for (const academicYear of [...years.keys()].sort(byText)) {
    const { from, to } = years.get(academicYear)!;
    const sen = progressPairs(ctx, from, to).filter((p) => isSen(p) && p.to.profile.yearGroup !== null);
    for (const [key, pairs] of groupBy(sen, (p) => `${p.to.subject}|${p.to.measure}|${p.to.profile.yearGroup}`)) {
      const list = byKey.get(key) ?? [];
      list.push({ academicYear, from, to, pairs });
      byKey.set(key, list);
    }
  }
  const cells: CohortProgressCell[] = [];
  for (const key of [...byKey.keys()].sort(byText)) {
    const list = byKey.get(key)!;
    if (list.length < 2) continue;
    const latest = list[list.length - 1]!;
    const first = latest.pairs[0]!;
    const measure = first.to.measure as ProgressMeasure;
    const yearGroup = first.to.profile.yearGroup as number;
    for (const y of list) {
      cells.push({
        partition: `cohort-progress|${first.to.subject}|${measure}|Y${yearGroup}`, academicYear: y.academicYear, from: y.from, to: y.to,
        subject: first.to.subject, measure, yearGroup, dimension: "academicYear", group: y.academicYear,
        ...figuresOf(y.pairs, measure, confidence),
        vsLatest: y === latest ? null : compare(latest.pairs, y.pairs, measure, confidence),
      });
    }
  }
  return cells;
}

/**
 * The classes-and-cohorts section of the SENCO's report: `classProgress` between the report's progress points
 * (none when it has none) and `cohortProgress`.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param points the report's progress points (`progress.from`, `progress.to`), or null
 * @example
 * classesAndCohorts(data, { from: "2025/26 autumn", to: "2025/26 summer" }).from // => "2025/26 autumn"
 */
export function classesAndCohorts(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  points: { from: string; to: string } | null,
  options: ClassOptions = {},
): ClassesAndCohorts {
  const ctx = contextOf(input);
  const classes = points === null ? { cells: [], pupilsWithoutClass: 0 } : classProgress(ctx, { ...points, ...options });
  return {
    from: points?.from ?? null, to: points?.to ?? null, classes: classes.cells, pupilsWithoutClass: classes.pupilsWithoutClass,
    cohorts: cohortProgress(ctx, options),
  };
}
