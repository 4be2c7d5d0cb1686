/**
 * Comparison pupils for an intervention run: pupils not in an intervention in the same subject over the same
 * period, with entry scores like the group's, found in the termly assessments (the EEF DIY evaluation guide's
 * matched comparison group). Their progress between the assessment points nearest the run's start and end is
 * what similar pupils made anyway, regression to the mean included.
 */
import type { MeasureKind, Subject } from "../schema/primitives.js";
import type { Assessment, InterventionRecord, Pupil } from "../schema/records.js";
import { isAgeMeasure, type PlacementOutcome } from "./outcomes.js";
import { monthsBetween } from "./ratio-gain.js";

/** One comparison pupil's progress between the two assessment points. */
export interface ComparisonPupil {
  pupilId: string;
  /** Score at the point nearest the run's start. */
  entryScore: number;
  /** Score at the point nearest the run's end. */
  exitScore: number;
  /** Months between the pupil's two assessment dates. */
  monthsElapsed: number;
  /** Ratio gain for an age measure, score change otherwise (the same scale as `PlacementOutcome.value`). */
  value: number;
}

/** The comparison found for one run. */
export interface RunComparison {
  subject: Subject;
  measure: MeasureKind;
  /** Label of the assessment point nearest the run's start (e.g. "2024/25 autumn"). */
  startPoint: string;
  /** Label of the assessment point nearest the run's end. */
  endPoint: string;
  /** Distinct matched comparison pupils. */
  pupils: ComparisonPupil[];
  /**
   * The group's own pupils measured the same way (termly scores at the same two points), for a like-for-like
   * difference in differences; pupils without both scores are left out.
   */
  group: ComparisonPupil[];
}

/** Options for {@link findComparison}. */
export interface ComparisonOptions {
  /** Comparison pupils matched to each group pupil (nearest entry scores, with replacement); default 5. */
  perPupil?: number;
  /** The analysis date, used as the end of open runs. */
  asOf: string;
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/**
 * The academic year (its starting calendar year) a date falls in: September to August.
 * @example
 * academicYearStart("2025-03-10"); // => 2024
 */
export function academicYearStart(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/**
 * A pupil's year group in the academic year starting in `ayStart`, offset by whole years from the year group
 * recorded for `yearGroupAcademicYear`; null when either is unknown.
 * @example
 * yearGroupIn({ ...pupil, yearGroup: 4, yearGroupAcademicYear: "2025/26" }, 2023); // => 2
 */
export function yearGroupIn(pupil: Pupil | undefined, ayStart: number): number | null {
  if (pupil === undefined || pupil.yearGroup === null || pupil.yearGroupAcademicYear === null) return null;
  return pupil.yearGroup + (ayStart - Number(pupil.yearGroupAcademicYear.slice(0, 4)));
}

interface Point {
  label: string;
  day: number;
  date: string;
}

/** The assessment points (label and typical date) present for one subject and measure, in date order. */
function pointsOf(datesByLabel: ReadonlyMap<string, string[]>): Point[] {
  const points: Point[] = [];
  for (const [label, dates] of datesByLabel) {
    const sorted = [...dates].sort();
    const date = sorted[Math.floor((sorted.length - 1) / 2)] ?? sorted[0] ?? "";
    points.push({ label, date, day: dayNumber(date) });
  }
  return points.sort((a, b) => a.day - b.day || a.label.localeCompare(b.label));
}

/** The scored results of one subject and measure: its points, and each point's result per pupil (the last row wins). */
interface MeasureIndex {
  points: Point[];
  byPoint: Map<string, Map<string, Assessment>>;
  /**
   * Comparison pools by pupils and by start and end point, then by school and year group, before leaving out
   * each run's own and busy pupils.
   */
  pools: WeakMap<ReadonlyMap<string, Pupil>, Map<string, PoolsBySchool>>;
}

/**
 * Indexes of the scored results by subject and measure, kept inside `withComparisonIndexes` (the runs of
 * every intervention look in the same results); null outside it, where each call indexes afresh.
 */
let indexes: WeakMap<readonly Assessment[], Map<string, MeasureIndex>> | null = null;

/**
 * Runs `analyse` with the assessment indexes of `findComparison` kept between calls: each subject and
 * measure of the same assessments array is indexed once, and each comparison pool (per pair of points) is
 * made once. The assessments and pupils must not change while `analyse` runs.
 * @param analyse the work that calls `findComparison`
 * @returns what `analyse` returns
 * @example
 * withComparisonIndexes(() => runs.map((r) => findComparison(r.outcomes, "reading", "standardised", …)))
 */
export function withComparisonIndexes<T>(analyse: () => T): T {
  const outer = indexes;
  indexes = outer ?? new WeakMap();
  try {
    return analyse();
  } finally {
    indexes = outer;
  }
}

function measureIndex(assessments: readonly Assessment[], subject: Subject, measure: MeasureKind): MeasureIndex {
  let bySubject = indexes?.get(assessments);
  if (bySubject === undefined) {
    bySubject = new Map();
    indexes?.set(assessments, bySubject);
  }
  const key = `${subject}\u0000${measure}`;
  const known = bySubject.get(key);
  if (known !== undefined) return known;
  const dates = new Map<string, string[]>();
  const byPoint = new Map<string, Map<string, Assessment>>();
  for (const a of assessments) {
    if (a.subject !== subject || a.measure !== measure || a.score === null) continue;
    let atPoint = byPoint.get(a.point);
    if (atPoint === undefined) {
      atPoint = new Map();
      byPoint.set(a.point, atPoint);
      dates.set(a.point, []);
    }
    dates.get(a.point)?.push(a.date);
    atPoint.set(a.pupilId, a);
  }
  const index = { points: pointsOf(dates), byPoint, pools: new WeakMap() };
  bySubject.set(key, index);
  return index;
}

type PoolPupil = ComparisonPupil & { yearGroup: number | null };

/** A comparison pool split by school (null: not recorded) and then by year group (null: unknown). */
type PoolsBySchool = Map<string | null, Map<number | null, PoolPupil[]>>;

/** The pool of a school with no pupil scored at both points. */
const NO_POOL: ReadonlyMap<number | null, PoolPupil[]> = new Map();


/**
 * Pupils of `sorted` (by entry score), other than those `skip` leaves out, whose distance from `entry` is at
 * most the `k`-th smallest such distance: every pupil that can be among the `k` nearest, whatever the tie-break.
 */
function nearestWithTies(
  sorted: readonly PoolPupil[],
  entry: number,
  k: number,
  skip: (p: PoolPupil) => boolean,
  out: Array<{ p: PoolPupil; d: number }>,
): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as PoolPupil).entryScore < entry) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  let taken = 0;
  let limit = Infinity;
  for (;;) {
    const dl = left >= 0 ? entry - (sorted[left] as PoolPupil).entryScore : Infinity;
    const dr = right < sorted.length ? (sorted[right] as PoolPupil).entryScore - entry : Infinity;
    const d = Math.min(dl, dr);
    if (d === Infinity || d > limit) return;
    const p = (dl <= dr ? sorted[left--] : sorted[right++]) as PoolPupil;
    if (skip(p)) continue;
    out.push({ p, d });
    taken += 1;
    if (taken === k) limit = d;
  }
}

function nearestPoint(points: readonly Point[], iso: string): Point | undefined {
  const day = dayNumber(iso);
  let best: Point | undefined;
  for (const p of points) {
    if (best === undefined || Math.abs(p.day - day) < Math.abs(best.day - day)) best = p;
  }
  return best;
}

/**
 * The point nearest `iso` on the given side (at or before it, or at or after it), so the two points bracket
 * the run; the nearest point on the other side when none lies on that side.
 */
function bracketingPoint(points: readonly Point[], iso: string, side: "before" | "after"): Point | undefined {
  const day = dayNumber(iso);
  const onSide = points.filter((p) => (side === "before" ? p.day <= day : p.day >= day));
  return nearestPoint(onSide.length > 0 ? onSide : points, iso);
}

/**
 * The subject an intervention's measure is in. Reading ages are reading and spelling ages spelling; for any
 * other measure (a standardised score, …) it is the subject whose termly scores of that measure, at the point
 * nearest each pupil's entry date, lie closest to the recorded entry scores (mean absolute difference). Null
 * when no pupil has an entry score and a termly score of that measure.
 * @param records the intervention's provision-map records
 * @param assessments all termly assessments
 * @example
 * inferSubject(readingAgeRecords, assessments); // => "reading"
 */
export function inferSubject(
  records: readonly InterventionRecord[],
  assessments: readonly Assessment[],
): Subject | null {
  const measure = records.find((r) => r.measure !== null)?.measure ?? null;
  if (measure === "readingAge") return "reading";
  if (measure === "spellingAge") return "spelling";
  if (measure === null) return null;
  // Each pupil's records, in record order (so the totals add up in the same order as one pass per key).
  const recordsOf = new Map<string, InterventionRecord[]>();
  for (const r of records) {
    const list = recordsOf.get(r.pupilId);
    if (list === undefined) recordsOf.set(r.pupilId, [r]);
    else list.push(r);
  }
  const bySubjectPupil = new Map<string, { subject: Subject; pupilId: string; list: Assessment[] }>();
  for (const a of assessments) {
    if (a.measure !== measure || a.score === null || !recordsOf.has(a.pupilId)) continue;
    const key = `${a.subject}\u0000${a.pupilId}`;
    const entry = bySubjectPupil.get(key);
    if (entry === undefined) bySubjectPupil.set(key, { subject: a.subject, pupilId: a.pupilId, list: [a] });
    else entry.list.push(a);
  }
  const totals = new Map<Subject, { sum: number; count: number }>();
  for (const { subject, pupilId, list } of bySubjectPupil.values()) {
    const days = list.map((a) => dayNumber(a.date));
    for (const r of recordsOf.get(pupilId) ?? []) {
      if (r.entryScore === null) continue;
      const day = dayNumber(r.entryDate ?? r.startDate);
      let best: Assessment | undefined;
      let bestDistance = Infinity;
      for (let i = 0; i < list.length; i++) {
        const distance = Math.abs((days[i] as number) - day);
        if (best === undefined || distance < bestDistance) {
          best = list[i];
          bestDistance = distance;
        }
      }
      if (best === undefined || best.score === null) continue;
      const t = totals.get(subject) ?? { sum: 0, count: 0 };
      t.sum += Math.abs(best.score - r.entryScore);
      t.count += 1;
      totals.set(subject, t);
    }
  }
  let chosen: Subject | null = null;
  let bestMean = Infinity;
  for (const [subject, t] of [...totals].sort((a, b) => a[0].localeCompare(b[0]))) {
    const m = t.sum / t.count;
    if (m < bestMean) {
      bestMean = m;
      chosen = subject;
    }
  }
  return chosen;
}

/**
 * Finds matched comparison pupils for one run. The two assessment points (of the given subject and measure)
 * bracket the run: the last point on or before its start (the score the group was usually chosen on) and the
 * first on or after its end (or `asOf` for an open run), each falling back to the nearest point when none lies
 * on that side; when fewer than half the group have a score at that start point, the next point (before the
 * end point) where at least half do is used instead; the pool is every pupil with a score at both
 * points who is not in the run and not in any intervention in `excluded` overlapping that period, and who
 * was on roll at the end point. Each group pupil is matched to the `perPupil` pool pupils of the same school
 * (when its school is recorded, as in a trust's data; any school otherwise) and in the same year group (when
 * year groups are known) whose start-point scores lie nearest the group pupil's own start-point
 * score (its provision-map entry score when it has none; ties broken by pupil id): matching on the same test
 * the group was usually chosen on gives both the same regression to the mean. The distinct matched pupils form
 * the comparison; `group` holds the group's own progress between the same two points. Returns null when both ends fall on the same point, or no pupil can be matched.
 * @param outcomes the run's placements
 * @param subject subject of the intervention's measure
 * @param measure the intervention's measure
 * @param runStart first start date of the run
 * @param runEnd last end date of the run (null = open, `options.asOf` is used)
 * @param data the termly assessments, pupils, and the provision-map records of interventions in the same
 *   subject (their pupils are left out of the pool while in them)
 * @example
 * findComparison(outcomes, "reading", "readingAge", "2024-09-16", "2024-12-13", data, { asOf: "2025-07-01" })
 *   ?.pupils.length; // => 15
 */
export function findComparison(
  outcomes: readonly PlacementOutcome[],
  subject: Subject,
  measure: MeasureKind,
  runStart: string,
  runEnd: string | null,
  data: { assessments: readonly Assessment[]; pupils: ReadonlyMap<string, Pupil>; excluded: readonly InterventionRecord[] },
  options: ComparisonOptions,
): RunComparison | null {
  const perPupil = options.perPupil ?? 5;
  const index = measureIndex(data.assessments, subject, measure);
  const { points, byPoint } = index;
  const end = bracketingPoint(points, runEnd ?? options.asOf, "after");
  const first = bracketingPoint(points, runStart, "before");
  if (end === undefined || first === undefined) return null;
  // Move the start point later while fewer than half the group have a score there (e.g. reading ages begin
  // in Year 2, so a Year 2 group has none at the summer point before it started).
  const inGroup = new Set(outcomes.map((o) => o.record.pupilId));
  let start: Point | undefined;
  for (const p of points.filter((q) => q.day >= first.day && q.day < end.day)) {
    const atPoint = byPoint.get(p.label);
    let scored = 0;
    for (const id of inGroup) if (atPoint?.has(id) === true) scored += 1;
    if (scored * 2 >= inGroup.size) {
      start = p;
      break;
    }
  }
  if (start === undefined) return null;

  const atStart = byPoint.get(start.label) ?? new Map<string, Assessment>();
  const atEnd = byPoint.get(end.label) ?? new Map<string, Assessment>();
  const inRun = inGroup;
  const busy = new Set<string>();
  for (const r of data.excluded) {
    const rEnd = r.endDate ?? options.asOf;
    if (r.startDate <= end.date && rEnd >= start.date) busy.add(r.pupilId);
  }
  const ayStart = academicYearStart(start.date);
  const progress = (pupilId: string): PoolPupil | null => {
    const a = atStart.get(pupilId);
    const b = atEnd.get(pupilId);
    if (a === undefined || b === undefined || a.score === null || b.score === null) return null;
    const monthsElapsed = monthsBetween(a.date, b.date);
    if (!(monthsElapsed > 0)) return null;
    const gain = b.score - a.score;
    return {
      pupilId, entryScore: a.score, exitScore: b.score, monthsElapsed,
      value: isAgeMeasure(measure) ? gain / monthsElapsed : gain,
      yearGroup: yearGroupIn(data.pupils.get(pupilId), ayStart),
    };
  };
  // The pool by school and year group (null: not recorded / unknown), each sorted by entry score: every pupil
  // with a score at both points still on roll at the end point (the same for every run between the same
  // points), partitioned once so a pupil's own school is looked up, not filtered; the run's own pupils and
  // busy pupils are skipped when matching.
  const poolKey = `${start.label}\u0000${end.label}`;
  let pools = index.pools.get(data.pupils);
  if (pools === undefined) {
    pools = new Map();
    index.pools.set(data.pupils, pools);
  }
  let poolBySchool = pools.get(poolKey);
  if (poolBySchool === undefined) {
    poolBySchool = new Map();
    for (const pupilId of atStart.keys()) {
      const pupil = data.pupils.get(pupilId);
      if (pupil?.leavingDate != null && pupil.leavingDate < end.date) continue;
      const p = progress(pupilId);
      if (p === null) continue;
      const schoolName = pupil?.school ?? null;
      let poolByYear = poolBySchool.get(schoolName);
      if (poolByYear === undefined) {
        poolByYear = new Map();
        poolBySchool.set(schoolName, poolByYear);
      }
      const list = poolByYear.get(p.yearGroup);
      if (list === undefined) poolByYear.set(p.yearGroup, [p]);
      else list.push(p);
    }
    for (const poolByYear of poolBySchool.values()) {
      for (const list of poolByYear.values()) list.sort((x, y) => x.entryScore - y.entryScore);
    }
    pools.set(poolKey, poolBySchool);
  }
  const skip = (p: PoolPupil): boolean => inRun.has(p.pupilId) || busy.has(p.pupilId);
  const strip = ({ yearGroup: _y, ...rest }: PoolPupil): ComparisonPupil => rest;
  const group = [...inRun].sort().map(progress).filter((p) => p !== null).map(strip);

  // Each group pupil's `perPupil` nearest pool pupils by entry score (ties by pupil id), among its own school's
  // pupils (every school's when its school is not recorded) in its year group and of unknown year group (all
  // year groups when its own is unknown). Candidates are gathered per sub-pool with ties, then sorted by
  // distance and pupil id, so splitting the pool does not change which pupils are chosen.
  const chosen = new Map<string, ComparisonPupil>();
  const near: Array<{ p: PoolPupil; d: number }> = [];
  for (const o of outcomes) {
    const termly = atStart.get(o.record.pupilId)?.score ?? null;
    const entry = termly ?? o.record.entryScore;
    if (entry === null || perPupil <= 0) continue;
    const member = data.pupils.get(o.record.pupilId);
    const yg = yearGroupIn(member, ayStart);
    const ownSchool = member?.school ?? null;
    near.length = 0;
    const schoolPools = ownSchool === null ? poolBySchool.values() : [poolBySchool.get(ownSchool) ?? NO_POOL];
    for (const poolByYear of schoolPools) {
      for (const [yearGroup, sorted] of poolByYear) {
        if (yg === null || yearGroup === null || yearGroup === yg) nearestWithTies(sorted, entry, perPupil, skip, near);
      }
    }
    near.sort((x, y) => x.d - y.d || x.p.pupilId.localeCompare(y.p.pupilId));
    for (const { p } of near.slice(0, perPupil)) {
      chosen.set(p.pupilId, strip(p));
    }
  }
  if (chosen.size === 0) return null;
  return {
    subject, measure, startPoint: start.label, endPoint: end.label,
    pupils: [...chosen.values()].sort((x, y) => x.pupilId.localeCompare(y.pupilId)),
    group,
  };
}
