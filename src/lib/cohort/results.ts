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

/** The academic years of a context's results (`academicYearsOf` its assessments), found once. */
const ACADEMIC_YEARS = derived("academic years of the results", (ctx: AnalysisContext<Pick<SchoolData, "assessments">>) =>
  academicYearsOf(ctx.data.assessments));

/**
 * `academicYearsOf` the assessments of the data or context, found once per context (a report asks more than
 * once, and each time would read every result).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * academicYearsIn(prepareAnalysis(data)) // => ["2023/24", "2024/25", "2025/26"]
 */
export function academicYearsIn(input: AnalysisInput<Pick<SchoolData, "assessments">>): string[] {
  return contextOf(input).get(ACADEMIC_YEARS).slice();
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
  /** For each row, its kind in `kinds` (made with the trust's rows only): a filter then tests each kind once, not each row. */
  kindOfRow?: Int32Array;
  /** The kinds of result among the rows. */
  kinds?: readonly ResultKind[];
}

/** What a filter looks at in a result; a pupil's results are deduplicated by point, subject and measure (`slot`). */
interface ResultKind {
  point: string;
  subject: Subject;
  measure: MeasureKind;
  academicYear: string;
  term: Term;
  /** The same number for kinds of the same point, subject and measure. */
  slot: number;
}

/**
 * The kinds of the assessments met so far, each numbered once (a trust's millions of results are of a few
 * hundred kinds): found by point, then among that point's few kinds.
 */
class ResultKinds {
  readonly list: ResultKind[] = [];
  /** Each kind's `slot`, by kind number. */
  readonly slotOf: number[] = [];
  private readonly byPoint = new Map<string, number[]>();
  private slots = 0;

  /** The number of the assessment's kind. */
  numberOf(a: ResultData["assessments"][number]): number {
    let ofPoint = this.byPoint.get(a.point);
    if (ofPoint === undefined) this.byPoint.set(a.point, (ofPoint = []));
    let slot = -1;
    for (let i = 0; i < ofPoint.length; i++) {
      const kind = this.list[ofPoint[i] as number] as ResultKind;
      if (kind.subject !== a.subject || kind.measure !== a.measure) continue;
      if (kind.academicYear === a.academicYear && kind.term === a.term) return ofPoint[i] as number;
      slot = kind.slot;
    }
    if (slot < 0) slot = this.slots++;
    const number = this.list.length;
    this.list.push({ point: a.point, subject: a.subject, measure: a.measure, academicYear: a.academicYear, term: a.term, slot });
    this.slotOf.push(slot);
    ofPoint.push(number);
    return number;
  }
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
  const kinds = new ResultKinds();
  const kindOf = new Int32Array(data.assessments.length);
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
      const kind = kinds.numberOf(a);
      // The pupil's row kept for this point, subject and measure, if any: kind numbers compared in typed memory.
      const slot = kinds.slotOf[kind] as number;
      let found = -1;
      for (let i = mine.lastRow; i >= 0; i = previousOf[i] as number) {
        if (kinds.slotOf[kindOf[i] as number] === slot) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        const at = rows.length;
        previousOf[at] = mine.lastRow;
        pupilOf[at] = mine.ordinal;
        kindOf[at] = kind;
        mine.lastRow = at;
        rows.push(new ProfiledRow(a, value, mine.at(a.date, a.academicYear)));
        continue;
      }
      const prior = (rows[found] as ProfiledRow).result;
      if (prior.academicYear !== a.academicYear || prior.term !== a.term) consistent = false;
      if (prior.date > a.date) continue;
      kindOf[found] = kind;
      rows[found] = new ProfiledRow(a, value, mine.at(a.date, a.academicYear));
    }
  } catch {
    // A malformed record: leave it to the direct path, which meets it only if the filter keeps it.
    return null;
  }
  return {
    rows, consistent, pupilOfRow: pupilOf.slice(0, rows.length), pupilIds, kindOfRow: kindOf.slice(0, rows.length), kinds: kinds.list,
  };
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
  const rows = all.rows;
  if (!filter.academicYears && !filter.subjects && !filter.measures && !filter.points && !filter.terms) return rows;
  const out: ProfiledResult[] = [];
  const positions = keptPositions(all, filter);
  if (positions !== null) {
    for (let i = 0; i < positions.length; i++) out.push(rows[positions[i] as number] as ProfiledResult);
    return out;
  }
  for (let i = 0; i < rows.length; i++) if (keeps(filter, rows[i] as ProfiledResult)) out.push(rows[i] as ProfiledResult);
  return out;
}

/**
 * The positions in `all.rows` of the rows `filter` keeps, ascending: each kind tested once, then a pass over the
 * rows' kind numbers. Null when the rows' kinds are not known (a share's rows).
 */
function keptPositions(all: Profiled, filter: ResultFilter): Int32Array | null {
  const { kindOfRow, kinds } = all;
  if (kindOfRow === undefined || kinds === undefined) return null;
  const kept = Uint8Array.from(kinds, (kind) => (keeps(filter, kind) ? 1 : 0));
  let count = 0;
  for (let i = 0; i < kindOfRow.length; i++) count += kept[kindOfRow[i] as number] as number;
  const positions = new Int32Array(count);
  for (let i = 0, k = 0; i < kindOfRow.length; i++) if (kept[kindOfRow[i] as number] === 1) positions[k++] = i;
  return positions;
}

/** Whether `filter` keeps results of this point, subject, measure, academic year and term. */
function keeps(filter: ResultFilter, r: Omit<ResultKind, "slot">): boolean {
  const { academicYears, subjects, measures, points, terms } = filter;
  return (!points || points.includes(r.point)) && (!measures || measures.includes(r.measure))
    && (!subjects || subjects.includes(r.subject)) && (!academicYears || academicYears.includes(r.academicYear))
    && (!terms || terms.includes(r.term));
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

/** Profiled results with their pupils numbered (see `numberedProfiledResults`). */
export interface NumberedResults {
  /** The results, as `readProfiledResults` gives them (read-only). */
  rows: readonly ProfiledResult[];
  /** For each row, its pupil's number: 0 … `pupils` − 1. */
  pupilOfRow: Int32Array;
  /** How many pupils are numbered. */
  pupils: number;
}

/**
 * The results `readProfiledResults` gives for `filter`, with their pupils numbered 0, 1, …: a caller can keep
 * what it finds per pupil in arrays indexed by that number instead of maps keyed by pupil id. Two rows have
 * the same number exactly when they are the same pupil's.
 * @param input the data, or its analysis context
 * @example
 * const { rows, pupilOfRow } = numberedProfiledResults(data, { subjects: ["reading"] });
 * rows.every((r, i) => (r.pupilId === rows[0].pupilId) === (pupilOfRow[i] === pupilOfRow[0])) // => true
 */
export function numberedProfiledResults(input: AnalysisInput<ResultData>, filter: ResultFilter = {}): NumberedResults {
  const ctx = contextOf(input);
  const all = ctx.get(PROFILED);
  if (all !== null && all.consistent && all.pupilOfRow !== undefined && all.pupilIds !== undefined) {
    const positions = keptPositions(all, filter);
    if (positions !== null) {
      // Plain loops into arrays of their final length: `Array.from` with a function grows its array as it goes.
      const allRows = all.rows;
      const allPupils = all.pupilOfRow;
      const rows = new Array<ProfiledResult>(positions.length);
      const pupilOfRow = new Int32Array(positions.length);
      for (let i = 0; i < positions.length; i++) {
        const at = positions[i] as number;
        rows[i] = allRows[at] as ProfiledResult;
        pupilOfRow[i] = allPupils[at] as number;
      }
      return { rows, pupilOfRow, pupils: all.pupilIds.length };
    }
  }
  const rows = readProfiledResults(ctx, filter);
  const numberOf = new Map<string, number>();
  const pupilOfRow = Int32Array.from(rows, (r) => {
    let n = numberOf.get(r.pupilId);
    if (n === undefined) numberOf.set(r.pupilId, (n = numberOf.size));
    return n;
  });
  return { rows, pupilOfRow, pupils: numberOf.size };
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
