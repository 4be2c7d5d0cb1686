/**
 * Comparison pupils for an intervention run: pupils not in an intervention in the same subject over the same
 * period, with entry scores like the group's, found in the termly assessments (the EEF DIY evaluation guide's
 * matched comparison group). Their progress between the assessment points nearest the run's start and end is
 * what similar pupils made anyway, regression to the mean included.
 */
import type { MeasureKind, Subject } from "../schema/primitives.js";
import type { Assessment, InterventionRecord, Pupil } from "../schema/records.js";
import { isAgeMeasure, type PlacementOutcome } from "./outcomes.js";
import { academicYearFromStartYear, academicYearStartOf, dayNumber } from "../cohort/dates.js";
import { yearGroupIn } from "../cohort/pupil-facts.js";
import {
  dayOf, indexMeasures, measureIndexes, monthsBetweenDates, newTermlyIndex, rowAtPoint, type MeasureIndex, type Point,
  type TermlyIndex,
} from "./termly-index.js";

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

/** Pupil ids in the order `localeCompare` puts them (one collator, rather than one look-up per comparison). */
const collate = new Intl.Collator().compare;

/** Ids of digits and capital letters only (UPNs and most MIS ids). */
const PLAIN_ID = /^[0-9A-Z]*$/;

/** Whether a pupil's id is plain (see `compareNos`), by pupil number: 0 not yet known, 1 plain, 2 not. */
const PLAIN = 1;
const NOT_PLAIN = 2;

function plainId(indexed: ComparisonIndex, no: number): boolean {
  if (no >= indexed.plain.length) {
    const grown = new Uint8Array(indexed.termly.pupilIds.length);
    grown.set(indexed.plain);
    indexed.plain = grown;
  }
  let kind = indexed.plain[no];
  if (kind === 0) {
    kind = PLAIN_ID.test(indexed.termly.pupilIds[no] as string) ? PLAIN : NOT_PLAIN;
    indexed.plain[no] = kind;
  }
  return kind === PLAIN;
}

/**
 * Compares two pupils' ids (by number) as `localeCompare` does. For ids of digits and capital letters only the
 * collation order (digits before letters, each in order) is the order of their character codes, so those are
 * compared directly, which is much faster than collation; each id's plainness is tested once.
 */
function compareNos(indexed: ComparisonIndex, x: number, y: number): number {
  const a = indexed.termly.pupilIds[x] as string;
  const b = indexed.termly.pupilIds[y] as string;
  if (plainId(indexed, x) && plainId(indexed, y)) return a < b ? -1 : a > b ? 1 : 0;
  return collate(a, b);
}

/** Pupil records by id: a map of them, or any look-up with its `get` (such as the analysis context's). */
export type PupilsById = Pick<ReadonlyMap<string, Pupil>, "get">;

/** The index's pupils by pupil number, and the comparison pools made for them. */
interface Roll {
  /** Pupil by number (see `TermlyIndex.pupilIds`); null: not in the map. */
  byNo: Array<Pupil | null>;
  /**
   * Per pupil number: its year group less the first calendar year of the academic year it is recorded for, so
   * that its year group in the academic year starting in `y` is this plus `y` (see `yearGroupIn`); NaN when
   * unknown. Worked out once per pupil rather than once per pupil and pool.
   */
  yearOffset: Float64Array;
  /** Pools by measure index, then by start and end point. */
  pools: Map<MeasureIndex, Map<string, Pool>>;
}

/**
 * The termly index of one assessments array with the pupils the comparison pools are drawn from, and what has
 * been made from them (the pupils' roll and its pools): what the comparisons (and subject inference) of every
 * run look in. The caller makes one, passes it to each run, and lets it go when done.
 */
export interface ComparisonIndex {
  termly: TermlyIndex;
  /** The pupils by id (their school, year group and leaving date). */
  pupils: PupilsById;
  /** `pupils` by pupil number, with the pools made so far. */
  roll: Roll;
  /** Per pupil number: whether its id is plain (see `plainId`). */
  plain: Uint8Array;
}

/**
 * A comparison index of `assessments` for `pupils`, with `measures` indexed (others are indexed when first
 * asked for). It holds typed columns of every scored result of those measures (~20 MB per million results),
 * so a caller that makes one lets go of it when done.
 * @example
 * const a = (pupilId, point, date, score) => ({ pupilId, subject: "maths", measure: "standardised", academicYear: "2024/25",
 *   term: point.split(" ")[1], point, date, score, grade: null, source: { file: "t.csv", line: 2 } });
 * const index = comparisonIndex([a("G", "2024/25 autumn", "2024-12-02", 90), a("P1", "2024/25 autumn", "2024-12-02", 91),
 *   a("G", "2024/25 spring", "2025-03-17", 95)], new Map(), ["standardised"]);
 * index.termly.pupilIds; // => ["G", "P1"] (numbered in order of first appearance)
 */
export function comparisonIndex(
  assessments: readonly Assessment[],
  pupils: PupilsById = new Map(),
  measures: Iterable<MeasureKind> = [],
): ComparisonIndex {
  const termly = newTermlyIndex(assessments);
  indexMeasures(termly, measures);
  return { termly, pupils, roll: { byNo: [], yearOffset: new Float64Array(0), pools: new Map() }, plain: new Uint8Array(termly.pupilIds.length) };
}

/** Provision-map records with their pupils' numbers in a comparison index (see `numberRecords`). */
export interface NumberedRecords {
  records: readonly InterventionRecord[];
  /** Per record, its pupil's number (-1: no scored result). */
  nos: Int32Array;
  /** How many pupils the index had numbered when these were made (a measure indexed later numbers more). */
  numbered: number;
}

/**
 * The records' pupils numbered in `indexed`: made once by a caller whose runs all leave out the same records'
 * pupils (those busy in an intervention in the same subject), and passed to `findComparisonIn` for each run.
 * @example
 * numberRecords(comparisonIndex([]), []).nos.length // => 0
 */
export function numberRecords(indexed: ComparisonIndex, records: readonly InterventionRecord[]): NumberedRecords {
  const { pupilNo, pupilIds } = indexed.termly;
  return { records, nos: Int32Array.from(records, (r) => pupilNo.get(r.pupilId) ?? -1), numbered: pupilIds.length };
}

/** The roll of the index's pupils, with every pupil numbered so far (pupils numbered later are added when asked for). */
function rollFor(indexed: ComparisonIndex): Roll {
  const { pupilIds } = indexed.termly;
  const { roll, pupils } = indexed;
  const known = roll.byNo.length;
  if (known < pupilIds.length) {
    const yearOffset = new Float64Array(pupilIds.length);
    yearOffset.set(roll.yearOffset);
    // First calendar years by academic year ("2025/26" → 2025): a trust's pupils share a few.
    const firstYears = new Map<string, number>();
    for (let no = known; no < pupilIds.length; no += 1) {
      const pupil = pupils.get(pupilIds[no] as string) ?? null;
      roll.byNo.push(pupil);
      const academicYear = pupil?.yearGroupAcademicYear ?? null;
      if (pupil === null || pupil.yearGroup === null || academicYear === null) yearOffset[no] = NaN;
      else {
        let first = firstYears.get(academicYear);
        if (first === undefined) firstYears.set(academicYear, (first = Number(academicYear.slice(0, 4))));
        yearOffset[no] = pupil.yearGroup - first;
      }
    }
    roll.yearOffset = yearOffset;
  }
  return roll;
}

/**
 * Pool pupils of one school and year group: pupil numbers in order of first appearance at the start point,
 * with their start-point scores, sorted by score (a stable sort) when the sub-pool is first matched against.
 * Most runs look in a few year groups, so most sub-pools are never sorted.
 */
interface SubPool {
  pupils: number[];
  /** The start-point scores of `pupils`, in the same order. */
  starts: number[];
  /** The start-point scores once `pupils` are sorted by them; null before. */
  scores: Float64Array | null;
}

/** A comparison pool split by school (null: not recorded) and then by year group (null: unknown). */
interface Pool {
  bySchool: Map<string | null, Map<number | null, SubPool>>;
}

/** The pool of a school with no pupil scored at both points. */
const NO_POOL: ReadonlyMap<number | null, SubPool> = new Map();

function sortedScores(sub: SubPool): Float64Array {
  if (sub.scores === null) {
    const { pupils, starts } = sub;
    const order = stableOrder(starts);
    const sorted: number[] = [];
    const scores = new Float64Array(order.length);
    for (let k = 0; k < order.length; k += 1) {
      const i = order[k] as number;
      sorted.push(pupils[i] as number);
      scores[k] = starts[i] as number;
    }
    sub.pupils = sorted;
    sub.scores = scores;
  }
  return sub.scores;
}

/** Positions below 2^21 (two million), the most a packed sort key holds (see `stableOrder`). */
const POSITIONS = 2 ** 21;

/**
 * The positions of `values` in ascending order of value, equal values in position order (a stable sort).
 * Whole-number values (scores usually are) spanning less than 2^31 are each packed with their position into
 * one exact double, (value − least) × 2^21 + position, so that a typed array's own numeric sort (no callback
 * per comparison, several times faster) gives that order; other values are sorted with a comparison.
 */
function stableOrder(values: readonly number[]): ArrayLike<number> {
  const n = values.length;
  let least = Infinity;
  let most = -Infinity;
  let whole = true;
  for (const v of values) {
    if (!Number.isInteger(v)) {
      whole = false;
      break;
    }
    if (v < least) least = v;
    if (v > most) most = v;
  }
  if (whole && n < POSITIONS && most - least < 2 ** 31) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i += 1) keys[i] = ((values[i] as number) - least) * POSITIONS + i;
    keys.sort();
    const order = new Int32Array(n);
    for (let i = 0; i < n; i += 1) order[i] = (keys[i] as number) % POSITIONS;
    return order;
  }
  return values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
}

/**
 * Pool pupils that may be matched to one group pupil, and their distances from its score, in the order found
 * (columns reused from one group pupil to the next, rather than an object per candidate).
 */
interface Candidates {
  nos: number[];
  ds: number[];
}

/**
 * Pupils of a sub-pool (`pupils` sorted by `scores`), other than those `skip` marks, whose distance from `entry` is at most the
 * `k`-th smallest such distance: every pupil that can be among the `k` nearest, whatever the tie-break.
 */
function nearestWithTies(pupils: readonly number[], scores: Float64Array, entry: number, k: number, skip: Uint8Array, out: Candidates): void {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((scores[mid] as number) < entry) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  let taken = 0;
  let limit = Infinity;
  for (;;) {
    const dl = left >= 0 ? entry - (scores[left] as number) : Infinity;
    const dr = right < scores.length ? (scores[right] as number) - entry : Infinity;
    const d = Math.min(dl, dr);
    if (d === Infinity || d > limit) return;
    const no = (dl <= dr ? pupils[left--] : pupils[right++]) as number;
    if (skip[no] === 1) continue;
    out.nos.push(no);
    out.ds.push(d);
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
 * // Precision teaching records reading ages, which are reading whatever the termly scores say.
 * inferSubject(data.interventions.filter((r) => r.group === "PT-202425-A"), data.assessments); // => "reading"
 */
export function inferSubject(
  records: readonly InterventionRecord[],
  assessments: readonly Assessment[],
): Subject | null {
  return inferSubjectIn(comparisonIndex(assessments), records);
}

/**
 * `inferSubject` looking in a comparison index (see `comparisonIndex`): each record's pupil's results are
 * looked up, without a pass over every result.
 * @param indexed the comparison index of the termly assessments
 * @param records the intervention's provision-map records
 * @example
 * // The sample school's run MC-202425-A records standardised scores: its 8 entry scores lie 5.75 points on
 * // average from the pupils' nearest NFER maths scores and 9.0 from their reading scores (worked out in
 * // Python from the two CSVs).
 * const mathsRecords = data.interventions.filter((r) => r.group === "MC-202425-A");
 * inferSubjectIn(comparisonIndex(data.assessments, new Map(), ["standardised"]), mathsRecords); // => "maths"
 */
export function inferSubjectIn(indexed: ComparisonIndex, records: readonly InterventionRecord[]): Subject | null {
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
  const { termly } = indexed;
  const bySubject = measureIndexes(termly, measure);
  const nos: number[] = [];
  for (const id of recordsOf.keys()) {
    const no = termly.pupilNo.get(id);
    if (no !== undefined) nos.push(no);
  }
  const totals = new Map<Subject, { sum: number; count: number }>();
  for (const [subject, index] of bySubject) {
    const { rowStart, rowDate, rowScore, firstResult } = index;
    // Pupils with results, in order of their first result (as the totals add up); each pupil's results in
    // assessment order.
    const pupils = nos.filter((no) => no < firstResult.length && firstResult[no] !== -1);
    pupils.sort((x, y) => (firstResult[x] as number) - (firstResult[y] as number));
    for (const pupil of pupils) {
      const first = rowStart[pupil] as number;
      const end = rowStart[pupil + 1] as number;
      for (const r of recordsOf.get(termly.pupilIds[pupil] as string) ?? []) {
        if (r.entryScore === null) continue;
        const day = dayOf(termly, r.entryDate ?? r.startDate);
        let best = -1;
        let bestDistance = Infinity;
        for (let row = first; row < end; row += 1) {
          const distance = Math.abs((termly.dateDays[rowDate[row] as number] as number) - day);
          if (best === -1 || distance < bestDistance) {
            best = row;
            bestDistance = distance;
          }
        }
        if (best === -1) continue;
        const t = totals.get(subject) ?? { sum: 0, count: 0 };
        t.sum += Math.abs((rowScore[best] as number) - r.entryScore);
        t.count += 1;
        totals.set(subject, t);
      }
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
 * The pool of every pupil with a score at both points still on roll at the end point, by school and year group
 * (null: not recorded / unknown), each sorted by start-point score. It is the same for every run between the
 * same points, so it is made once; a pupil's own school is looked up, not filtered; the run's own pupils and
 * busy pupils are skipped when matching.
 */
function poolFor(termly: TermlyIndex, index: MeasureIndex, roll: Roll, start: Point, end: Point): Pool {
  let byPair = roll.pools.get(index);
  if (byPair === undefined) {
    byPair = new Map();
    roll.pools.set(index, byPair);
  }
  const key = `${start.label}\u0000${end.label}`;
  const known = byPair.get(key);
  if (known !== undefined) return known;
  const startAt = index.pointOf.get(start.label) as number;
  const endAt = index.pointOf.get(end.label) as number;
  const ayStart = academicYearStartOf(start.date);
  const pool: Pool = { bySchool: new Map() };
  // In order of first appearance at the start point, so that equal scores keep that order when sorted.
  // Pupils come school by school, as the files do: the last school's sub-pools are kept at hand.
  let lastSchool: string | null | undefined;
  let byYear = new Map<number | null, SubPool>();
  const atStart = index.pupilsAt[startAt] as Int32Array;
  for (let i = 0; i < atStart.length; i += 1) {
    const no = atStart[i] as number;
    const pupil = roll.byNo[no] ?? null;
    if (pupil?.leavingDate != null && pupil.leavingDate < end.date) continue;
    const b = rowAtPoint(index, endAt, no);
    if (b === -1) continue;
    const a = rowAtPoint(index, startAt, no);
    if (!(monthsBetweenDates(termly, index.rowDate[a] as number, index.rowDate[b] as number) > 0)) continue;
    const offset = roll.yearOffset[no] as number;
    const yearGroup = Number.isNaN(offset) ? null : offset + ayStart;
    const schoolName = pupil?.school ?? null;
    if (schoolName !== lastSchool) {
      lastSchool = schoolName;
      const known = pool.bySchool.get(schoolName);
      if (known === undefined) pool.bySchool.set(schoolName, (byYear = new Map()));
      else byYear = known;
    }
    const score = index.rowScore[a] as number;
    const sub = byYear.get(yearGroup);
    if (sub === undefined) byYear.set(yearGroup, { pupils: [no], starts: [score], scores: null });
    else {
      sub.pupils.push(no);
      sub.starts.push(score);
    }
  }
  byPair.set(key, pool);
  return pool;
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
 * const a = (pupilId, point, date, score) => ({ pupilId, subject: "maths", measure: "standardised", academicYear: "2024/25",
 *   term: point.split(" ")[1], point, date, score, grade: null, source: { file: "t.csv", line: 2 } });
 * // Termly maths scores, autumn (2024-12-02) → spring (2025-03-17): G 90 → 95 (in the run), P1 91 → 95,
 * // P2 100 → 104, P3 88 → 92.
 * const assessments = [a("G", "2024/25 autumn", "2024-12-02", 90), a("G", "2024/25 spring", "2025-03-17", 95),
 *   a("P1", "2024/25 autumn", "2024-12-02", 91), a("P1", "2024/25 spring", "2025-03-17", 95),
 *   a("P2", "2024/25 autumn", "2024-12-02", 100), a("P2", "2024/25 spring", "2025-03-17", 104),
 *   a("P3", "2024/25 autumn", "2024-12-02", 88), a("P3", "2024/25 spring", "2025-03-17", 92)];
 * const place = (pupilId, entryScore, exitScore) => ({ ...data.interventions[0], pupilId, intervention: "Maths catch-up",
 *   group: null, measure: "standardised", startDate: "2025-01-06", endDate: "2025-03-10", entryScore, exitScore,
 *   entryDate: null, exitDate: null });
 * const outcomes = [placementOutcome(place("G", 90, 97), undefined, "2025-03-10", "2025-07-01")];
 * // The run (6 January to 10 March) lies between the two points; G's start-point score 90 is nearest P1's
 * // (1 away) and P3's (2 away), so with two matches per pupil those two are the comparison.
 * const found = findComparison(outcomes, "maths", "standardised", "2025-01-06", "2025-03-10",
 *   { assessments, pupils: new Map(), excluded: [] }, { asOf: "2025-07-01", perPupil: 2 });
 * found?.pupils.map((p) => p.pupilId); // => ["P1", "P3"]
 * found?.group; // => [{ pupilId: "G", entryScore: 90, exitScore: 95, monthsElapsed: 3.4928, value: 5 }]
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
  const indexed = comparisonIndex(data.assessments, data.pupils);
  return findComparisonIn(indexed, outcomes, subject, measure, runStart, runEnd, data.excluded, options);
}

/**
 * `findComparison` looking in a comparison index (see `comparisonIndex`), which several runs can share.
 * @param indexed the comparison index of the termly assessments and the pupils
 * @param excluded the provision-map records of interventions in the same subject (their pupils are left out of
 *   the pool while in them), or the same numbered once for several runs (`numberRecords`)
 * @example
 * const a = (pupilId, point, date, score) => ({ pupilId, subject: "maths", measure: "standardised", academicYear: "2024/25",
 *   term: point.split(" ")[1], point, date, score, grade: null, source: { file: "t.csv", line: 2 } });
 * // Termly maths scores, autumn (2024-12-02) → spring (2025-03-17): G 90 → 95 (in the run), P1 91 → 95,
 * // P2 100 → 104, P3 88 → 92.
 * const assessments = [a("G", "2024/25 autumn", "2024-12-02", 90), a("G", "2024/25 spring", "2025-03-17", 95),
 *   a("P1", "2024/25 autumn", "2024-12-02", 91), a("P1", "2024/25 spring", "2025-03-17", 95),
 *   a("P2", "2024/25 autumn", "2024-12-02", 100), a("P2", "2024/25 spring", "2025-03-17", 104),
 *   a("P3", "2024/25 autumn", "2024-12-02", 88), a("P3", "2024/25 spring", "2025-03-17", 92)];
 * const place = (pupilId, entryScore, exitScore) => ({ ...data.interventions[0], pupilId, intervention: "Maths catch-up",
 *   group: null, measure: "standardised", startDate: "2025-01-06", endDate: "2025-03-10", entryScore, exitScore,
 *   entryDate: null, exitDate: null });
 * const outcomes = [placementOutcome(place("G", 90, 97), undefined, "2025-03-10", "2025-07-01")];
 * // P1 is in another maths intervention over the same weeks, so G's two nearest are P3 (2 away) and P2 (10).
 * const excluded = [{ ...place("P1", 91, 96), intervention: "Maths booster" }];
 * const index = comparisonIndex(assessments, new Map(), ["standardised"]);
 * findComparisonIn(index, outcomes, "maths", "standardised", "2025-01-06", "2025-03-10", excluded,
 *   { asOf: "2025-07-01", perPupil: 2 })?.pupils.map((p) => p.pupilId); // => ["P2", "P3"]
 */
export function findComparisonIn(
  indexed: ComparisonIndex,
  outcomes: readonly PlacementOutcome[],
  subject: Subject,
  measure: MeasureKind,
  runStart: string,
  runEnd: string | null,
  excluded: readonly InterventionRecord[] | NumberedRecords,
  options: ComparisonOptions,
): RunComparison | null {
  const perPupil = options.perPupil ?? 5;
  const { termly } = indexed;
  const index = measureIndexes(termly, measure).get(subject);
  if (index === undefined) return null;
  const { points } = index;
  const end = bracketingPoint(points, runEnd ?? options.asOf, "after");
  const first = bracketingPoint(points, runStart, "before");
  if (end === undefined || first === undefined) return null;
  // Move the start point later while fewer than half the group have a score there (e.g. reading ages begin
  // in Year 2, so a Year 2 group has none at the summer point before it started).
  // The group's pupils (by id, in order of first appearance) with their numbers (-1: no scored result), and
  // each placement's pupil number: every id looked up in the index once.
  const inGroup = new Map<string, number>();
  const outcomeNos = new Int32Array(outcomes.length);
  const groupNos: number[] = [];
  for (let i = 0; i < outcomes.length; i += 1) {
    const id = (outcomes[i] as PlacementOutcome).record.pupilId;
    let no = inGroup.get(id);
    if (no === undefined) {
      no = termly.pupilNo.get(id) ?? -1;
      inGroup.set(id, no);
      if (no !== -1) groupNos.push(no);
    }
    outcomeNos[i] = no;
  }
  let start: Point | undefined;
  for (const p of points.filter((q) => q.day >= first.day && q.day < end.day)) {
    const at = index.pointOf.get(p.label) as number;
    let scored = 0;
    for (const no of groupNos) if (rowAtPoint(index, at, no) !== -1) scored += 1;
    if (scored * 2 >= inGroup.size) {
      start = p;
      break;
    }
  }
  if (start === undefined) return null;

  const startAt = index.pointOf.get(start.label) as number;
  const endAt = index.pointOf.get(end.label) as number;
  // The run's own pupils and pupils busy in an intervention in the same subject are not comparison pupils.
  const skip = new Uint8Array(termly.pupilIds.length);
  for (const no of groupNos) skip[no] = 1;
  // Numbered again when a measure indexed since numbered more pupils (they may have been -1 before).
  const numbered = "nos" in excluded && excluded.numbered === termly.pupilIds.length ? excluded : numberRecords(indexed, "nos" in excluded ? excluded.records : excluded);
  const excludedNos = numbered.nos;
  numbered.records.forEach((r, i) => {
    const rEnd = r.endDate ?? options.asOf;
    const no = excludedNos[i] as number;
    if (no !== -1 && r.startDate <= end.date && rEnd >= start.date) skip[no] = 1;
  });
  const ayStart = academicYearStartOf(start.date);
  const age = isAgeMeasure(measure);
  const progress = (no: number): ComparisonPupil | null => {
    const a = rowAtPoint(index, startAt, no);
    const b = rowAtPoint(index, endAt, no);
    if (a === -1 || b === -1) return null;
    const monthsElapsed = monthsBetweenDates(termly, index.rowDate[a] as number, index.rowDate[b] as number);
    if (!(monthsElapsed > 0)) return null;
    const entryScore = index.rowScore[a] as number;
    const exitScore = index.rowScore[b] as number;
    const gain = exitScore - entryScore;
    return {
      pupilId: termly.pupilIds[no] as string, entryScore, exitScore, monthsElapsed,
      value: age ? gain / monthsElapsed : gain,
    };
  };
  const roll = rollFor(indexed);
  const pool = poolFor(termly, index, roll, start, end);
  const group: ComparisonPupil[] = [];
  for (const id of [...inGroup.keys()].sort()) {
    const no = inGroup.get(id) as number;
    const p = no === -1 ? null : progress(no);
    if (p !== null) group.push(p);
  }

  // Each group pupil's `perPupil` nearest pool pupils by entry score (ties by pupil id), among its own school's
  // pupils (every school's when its school is not recorded) in its year group and of unknown year group (all
  // year groups when its own is unknown). Candidates are gathered per sub-pool with ties, then sorted by
  // distance and pupil id, so splitting the pool does not change which pupils are chosen.
  const chosen = new Map<number, ComparisonPupil>();
  const near: Candidates = { nos: [], ds: [] };
  const order: number[] = [];
  const startYear = academicYearFromStartYear(ayStart);
  for (let i = 0; i < outcomes.length; i += 1) {
    const o = outcomes[i] as PlacementOutcome;
    const no = outcomeNos[i] as number;
    const row = no === -1 ? -1 : rowAtPoint(index, startAt, no);
    const entry = row === -1 ? o.record.entryScore : (index.rowScore[row] as number);
    if (entry === null || perPupil <= 0) continue;
    // A numbered pupil's record is on the roll (looked up by the same id); others are looked up.
    const member = no === -1 ? indexed.pupils.get(o.record.pupilId) : roll.byNo[no] ?? undefined;
    const yg = member === undefined ? null : yearGroupIn(member, startYear);
    const ownSchool = member?.school ?? null;
    near.nos.length = 0;
    near.ds.length = 0;
    const schoolPools = ownSchool === null ? pool.bySchool.values() : [pool.bySchool.get(ownSchool) ?? NO_POOL];
    for (const poolByYear of schoolPools) {
      for (const [yearGroup, sub] of poolByYear) {
        if (yg === null || yearGroup === null || yearGroup === yg) {
          const scores = sortedScores(sub);
          nearestWithTies(sub.pupils, scores, entry, perPupil, skip, near);
        }
      }
    }
    // Candidates by distance, then pupil id, then the order found (as a stable sort of them would).
    const { nos, ds } = near;
    order.length = 0;
    for (let i = 0; i < nos.length; i += 1) order.push(i);
    order.sort((i, j) => (ds[i] as number) - (ds[j] as number) || compareNos(indexed, nos[i] as number, nos[j] as number) || i - j);
    for (let i = 0; i < order.length && i < perPupil; i += 1) {
      const c = nos[order[i] as number] as number;
      if (!chosen.has(c)) chosen.set(c, progress(c) as ComparisonPupil);
    }
  }
  if (chosen.size === 0) return null;
  return {
    subject, measure, startPoint: start.label, endPoint: end.label,
    pupils: [...chosen].sort(([x], [y]) => compareNos(indexed, x, y)).map(([, p]) => p),
    group,
  };
}
