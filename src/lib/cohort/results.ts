/**
 * Assessment results joined to the pupil's profile on the day of the result: the rows every attainment,
 * gap and progress figure is computed from.
 */
import type { MeasureKind, Subject, Term } from "../schema/primitives.js";
import type { SchoolData } from "../schema/school-data.js";
import { type PupilProfile, profileLookup, profileLookupByPupil } from "./groups.js";
import { resultValue } from "./thresholds.js";
import { type AnalysisContext, type AnalysisInput, contextOf, derived } from "./context.js";

/**
 * The academic years of some results, in order: one pass, without an array of millions of years.
 * @example
 * academicYearsOf(data.assessments) // => ["2023/24", "2024/25", "2025/26"]
 */
export function academicYearsOf(assessments: ReadonlyArray<{ academicYear: string }>): string[] {
  const years = new Set<string>();
  for (let i = 0; i < assessments.length; i += 1) years.add(assessments[i]!.academicYear);
  return [...years].sort();
}

/** One pupil's result at one assessment point, with the pupil's profile on the result's date. */
export interface ProfiledResult {
  /** The pupil. */
  pupilId: string;
  /** Subject. */
  subject: Subject;
  /** Measure kind. */
  measure: MeasureKind;
  /** Assessment point label, e.g. "2024/25 summer". */
  point: string;
  /** Academic year of the point. */
  academicYear: string;
  /** Term of the point. */
  term: Term;
  /** Date of the result. */
  date: string;
  /** The score, or the teacher-assessment rank (see `resultValue`). */
  value: number;
  /** The raw teacher-assessment code, if any. */
  grade: string | null;
  /** The pupil's profile on `date` (year group in `academicYear`). */
  profile: PupilProfile;
}

/** Which results to take. Each filter left out takes all. */
export interface ResultFilter {
  /** Only these academic years. */
  academicYears?: readonly string[];
  /** Only these subjects. */
  subjects?: readonly Subject[];
  /** Only these measures. */
  measures?: readonly MeasureKind[];
  /** Only these assessment point labels. */
  points?: readonly string[];
  /** Only these terms. */
  terms?: readonly Term[];
}

type ResultData = Pick<SchoolData, "pupils" | "senRegister" | "assessments">;

/**
 * Every result with a value, deduplicated (see `profiledResults`), made once per context and filtered by
 * every call. `consistent` is false when results of one pupil, subject, measure and point
 * differ in academic year or term: then filtering after deduplicating could differ from filtering first, and
 * `profiledResults` works from the assessments instead.
 */
interface Profiled {
  rows: readonly ProfiledResult[];
  consistent: boolean;
  /**
   * For each row, the position of its pupil among `pupilIds` (made with the trust's rows only): lets
   * `shareProfiledResults` ask which share a pupil is in once per pupil rather than once per result.
   */
  pupilOfRow?: Int32Array;
  /** The pupil ids, in order of their first result. */
  pupilIds?: readonly string[];
  /** Positions in `rows` of each measure's results, ascending; made on the first call that filters by measure. */
  positionsByMeasure?: Map<MeasureKind, Int32Array>;
}

/**
 * A profiled result that keeps a reference to its assessment record and reads the record's fields through
 * it, instead of copying ten fields: a trust's 2.5 million results then cost about half the memory.
 */
class ProfiledRow implements ProfiledResult {
  constructor(
    /** The assessment record. */
    readonly result: ResultData["assessments"][number],
    readonly value: number,
    readonly profile: PupilProfile,
  ) {}
  get pupilId(): string { return this.result.pupilId; }
  get subject(): Subject { return this.result.subject; }
  get measure(): MeasureKind { return this.result.measure; }
  get point(): string { return this.result.point; }
  get academicYear(): string { return this.result.academicYear; }
  get term(): Term { return this.result.term; }
  get date(): string { return this.result.date; }
  get grade(): string | null { return this.result.grade; }
  /** The same fields as a plain object, for `JSON.stringify` (which does not read getters on the prototype). */
  toJSON(): ProfiledResult {
    return {
      pupilId: this.pupilId, subject: this.subject, measure: this.measure, point: this.point, academicYear: this.academicYear,
      term: this.term, date: this.date, value: this.value, grade: this.grade, profile: this.profile,
    };
  }
}

/** The context's profiled results (null when a record is malformed), made on first use. */
const PROFILED = derived("profiled results", (ctx: AnalysisContext<ResultData>): Profiled | null => makeProfiled(ctx));

function makeProfiled(ctx: AnalysisContext<ResultData>): Profiled | null {
  const data = ctx.data;
  const byPupil = profileLookupByPupil(ctx);
  const rows: ProfiledRow[] = [];
  const pupilOf = new Int32Array(data.assessments.length);
  // Each row's previous row of the same pupil (−1 for none): a pupil's rows as a list in typed memory, which
  // the garbage collector does not copy or scan, in place of arrays per pupil (a pupil has a few dozen rows).
  const previousOf = new Int32Array(data.assessments.length);
  const pupilIds: string[] = [];
  interface PupilState {
    ordinal: number;
    /** The pupil's profile look-up (null: not a pupil in `data.pupils`). */
    at: ((date: string, academicYear?: string) => PupilProfile) | null;
    /** The pupil's latest row (−1 for none yet). */
    lastRow: number;
  }
  const pupilsSeen = new Map<string, PupilState>();
  // A pupil's results often come one after another (one file row holds several): skip the map look-up then.
  let lastPupil: string | undefined;
  let mine: PupilState | undefined;
  let consistent = true;
  try {
    for (let assessmentIndex = 0; assessmentIndex < data.assessments.length; assessmentIndex += 1) {
      const a = data.assessments[assessmentIndex]!;
      const value = resultValue(a);
      if (value === null) continue;
      if (mine === undefined || a.pupilId !== lastPupil) {
        mine = pupilsSeen.get(a.pupilId);
        if (mine === undefined) {
          mine = { ordinal: pupilIds.length, at: byPupil(a.pupilId), lastRow: -1 };
          pupilsSeen.set(a.pupilId, mine);
          pupilIds.push(a.pupilId);
        }
        lastPupil = a.pupilId;
      }
      if (mine.at === null) continue;
      // The pupil's row kept for this point, subject and measure, if any, and a profile already made for this
      // date (a pupil's results fall on a handful of dates).
      let found = -1;
      let profile: PupilProfile | undefined;
      for (let i = mine.lastRow; i >= 0; i = previousOf[i] as number) {
        const row = rows[i] as ProfiledRow;
        const r = row.result;
        if (found < 0 && r.point === a.point && r.subject === a.subject && r.measure === a.measure) found = i;
        if (profile === undefined && r.date === a.date && r.academicYear === a.academicYear) profile = row.profile;
        if (found >= 0 && profile !== undefined) break;
      }
      if (found < 0) {
        const at = rows.length;
        previousOf[at] = mine.lastRow;
        pupilOf[at] = mine.ordinal;
        mine.lastRow = at;
        rows.push(new ProfiledRow(a, value, profile ?? mine.at(a.date, a.academicYear)));
        continue;
      }
      const prior = (rows[found] as ProfiledRow).result;
      if (prior.academicYear !== a.academicYear || prior.term !== a.term) consistent = false;
      if (prior.date > a.date) continue;
      rows[found] = new ProfiledRow(a, value, profile ?? mine.at(a.date, a.academicYear));
    }
  } catch {
    // A malformed record: leave it to the direct path, which meets it only if the filter keeps it.
    return null;
  }
  return { rows, consistent, pupilOfRow: pupilOf.slice(0, rows.length), pupilIds };
}

/**
 * Lets the context of each share of `source` (some pupils' part of it: their pupil records, SEN spells and
 * results, each in `source`'s order, as `splitBySchool` makes) reuse the profiled results made for `source`
 * (making them if need be), instead of making them again; one pass over them for all shares. Only when every
 * pupil id in `source`'s pupils is there once, so each pupil's profile is the same in both; returns whether
 * it could.
 * @param source the whole data's context
 * @param shares the parts' contexts by name, e.g. by school
 * @param shareOf the name of the part a pupil id belongs to
 * @example
 * const part = prepareAnalysis(data);
 * shareProfiledResults(prepareAnalysis(data), new Map([["all", part]]), () => "all") // => true
 */
export function shareProfiledResults(
  source: AnalysisContext<ResultData>,
  shares: ReadonlyMap<string, AnalysisContext<ResultData>>,
  shareOf: (pupilId: string) => string | undefined,
): boolean {
  const known = source.get(PROFILED);
  if (known === null || !known.consistent) return false;
  if (new Set(source.data.pupils.map((p) => p.pupilId)).size !== source.data.pupils.length) return false;
  const rowsOf = new Map<string, ProfiledResult[]>();
  for (const name of shares.keys()) rowsOf.set(name, []);
  const { rows, pupilOfRow, pupilIds } = known;
  if (pupilOfRow !== undefined && pupilIds !== undefined) {
    // Each pupil's share asked once (not once per result); rows then go to their pupil's share in order.
    const listOfPupil = pupilIds.map((id) => {
      const name = shareOf(id);
      return name === undefined ? undefined : rowsOf.get(name);
    });
    for (let i = 0; i < rows.length; i++) listOfPupil[pupilOfRow[i] as number]?.push(rows[i] as ProfiledResult);
    // Shares are made once per report: the positions (4 bytes a result) need not be held any longer.
    known.pupilOfRow = undefined;
  } else {
    for (const r of rows) {
      const name = shareOf(r.pupilId);
      if (name !== undefined) rowsOf.get(name)?.push(r);
    }
  }
  for (const [name, share] of shares) share.provide(PROFILED, { rows: rowsOf.get(name) ?? [], consistent: true } satisfies Profiled);
  return true;
}

/**
 * The results that have a value (a score, or a ranked teacher-assessment code), one per pupil, subject,
 * measure and point (the latest-dated; on a tie the later row), each with the pupil's profile on the
 * result's date. Results of pupils not in `data.pupils` are left out (import links every record to a pupil).
 * The unfiltered results are made once per context (`prepareAnalysis`) and filtered on each call; treat the
 * rows and their profiles as read-only.
 * @param input the data, or its analysis context
 * @example
 * profiledResults(data, { subjects: ["reading"], terms: ["summer"] })[0]?.profile.senStatus // => "N"
 */
export function profiledResults(input: AnalysisInput<ResultData>, filter: ResultFilter = {}): ProfiledResult[] {
  const ctx = contextOf(input);
  const all = ctx.get(PROFILED);
  if (all === null || !all.consistent) return profiledDirectly(ctx, filter);
  const kept = filterRows(all, filter);
  // The shared rows are copied (callers may change their array); a filtered list is already the caller's own.
  return kept === all.rows ? all.rows.slice() : (kept as ProfiledResult[]);
}

/**
 * The rows kept by `filter`: `all.rows` itself (not a copy) when there is no filter, so internal callers that
 * only read the rows skip copying a trust's millions.
 */
function filterRows(all: Profiled, filter: ResultFilter): readonly ProfiledResult[] {
  const { academicYears, subjects, measures, points, terms } = filter;
  const rows = all.rows;
  if (!academicYears && !subjects && !measures && !points && !terms) return rows;
  const out: ProfiledResult[] = [];
  const keep = (r: ProfiledResult): boolean =>
    (!points || points.includes(r.point)) && (!measures || measures.includes(r.measure))
    && (!subjects || subjects.includes(r.subject)) && (!academicYears || academicYears.includes(r.academicYear))
    && (!terms || terms.includes(r.term));
  // A point filter (progress, once per report) is selective: a scan that tests the point first. Measure
  // filters come several times a report: each measure's positions are found once.
  if (points || !measures) {
    for (let i = 0; i < rows.length; i += 1) if (keep(rows[i]!)) out.push(rows[i]!);
    return out;
  }
  const positions = positionsOf(all, measures);
  for (let i = 0; i < positions.length; i++) {
    const r = rows[positions[i] as number] as ProfiledResult;
    if (keep(r)) out.push(r);
  }
  return out;
}

/**
 * The positions in `all.rows` of the results of `measures`, ascending (so in `rows` order); the index by
 * measure is made on first use, in one pass over the rows.
 */
function positionsOf(all: Profiled, measures: readonly MeasureKind[]): Int32Array {
  let index = all.positionsByMeasure;
  if (index === undefined) {
    const lists = new Map<MeasureKind, number[]>();
    let lastMeasure: MeasureKind | undefined;
    let last: number[] = [];
    for (let i = 0; i < all.rows.length; i++) {
      const measure = (all.rows[i] as ProfiledResult).measure;
      if (measure !== lastMeasure) {
        let list = lists.get(measure);
        if (list === undefined) lists.set(measure, (list = []));
        last = list;
        lastMeasure = measure;
      }
      last.push(i);
    }
    all.positionsByMeasure = index = new Map([...lists].map(([measure, list]) => [measure, Int32Array.from(list)] as const));
  }
  let merged: Int32Array | null = null;
  for (const measure of new Set(measures)) {
    const list = index.get(measure);
    if (list !== undefined) merged = merged === null ? list : mergeAscending(merged, list);
  }
  return merged ?? new Int32Array(0);
}

/** Two ascending lists of positions as one ascending list (no position is in both). */
function mergeAscending(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) < (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

/**
 * `profiledResults` for callers that only read the array: with no filter, the context's rows themselves
 * rather than a copy.
 * @param input the data, or its analysis context
 * @example
 * readProfiledResults(data).length // => 10797
 */
export function readProfiledResults(input: AnalysisInput<ResultData>, filter: ResultFilter = {}): readonly ProfiledResult[] {
  const ctx = contextOf(input);
  const all = ctx.get(PROFILED);
  if (all === null || !all.consistent) return profiledDirectly(ctx, filter);
  return filterRows(all, filter);
}

function profiledDirectly(ctx: AnalysisContext<ResultData>, filter: ResultFilter): ProfiledResult[] {
  const data = ctx.data;
  const at = profileLookup(ctx);
  const keep = new Map<string, ProfiledResult>();
  for (const a of data.assessments) {
    if (filter.academicYears && !filter.academicYears.includes(a.academicYear)) continue;
    if (filter.subjects && !filter.subjects.includes(a.subject)) continue;
    if (filter.measures && !filter.measures.includes(a.measure)) continue;
    if (filter.points && !filter.points.includes(a.point)) continue;
    if (filter.terms && !filter.terms.includes(a.term)) continue;
    const value = resultValue(a);
    if (value === null) continue;
    const profile = at(a.pupilId, a.date, a.academicYear);
    if (profile === null) continue;
    const key = `${a.pupilId}\u0000${a.subject}\u0000${a.measure}\u0000${a.point}`;
    const prior = keep.get(key);
    if (prior && prior.date > a.date) continue;
    keep.set(key, new ProfiledRow(a, value, profile));
  }
  return [...keep.values()];
}
