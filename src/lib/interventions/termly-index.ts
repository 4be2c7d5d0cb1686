/**
 * The termly results that intervention comparisons look in, indexed per measure when first asked for: pupils
 * and dates are numbered, and each subject's scored results are held as columns (typed arrays) grouped by
 * pupil. A 100,000-pupil trust has ~2.5M results but only ~130,000 pupils, ~20 dates and a few points per
 * subject, so a result costs 10 bytes (its score, date number and point number) rather than a map entry or an
 * object, and a pupil's results are found without a pass over every result.
 */
import type { MeasureKind, Subject } from "../schema/primitives.js";
import type { Assessment } from "../schema/records.js";
import { dayNumber, monthsBetween } from "../cohort/dates.js";

/** An assessment point of one subject and measure: its label and typical (median) date. */
export interface Point {
  label: string;
  day: number;
  date: string;
}

/**
 * Numbers below `count` in as few bytes as will hold them: the date and point columns hold small numbers
 * (a trust's results have ~20 dates and a few points per subject), so one byte each is usually enough.
 */
export type SmallNumbers = Uint8Array | Uint16Array | Int32Array;

function smallNumbers(count: number, length: number): SmallNumbers {
  if (count <= 0x100) return new Uint8Array(length);
  if (count <= 0x10000) return new Uint16Array(length);
  return new Int32Array(length);
}

/**
 * The scored results of one subject and measure, grouped by pupil: rows `rowStart[pupil]` to
 * `rowStart[pupil + 1] − 1` are a pupil's results in the order of the assessments array (pupils numbered after
 * the index was made have none); `pupilsAt[point]` holds the pupils with a result at a point, in the order
 * they first appear there.
 */
export interface MeasureIndex {
  subject: Subject;
  measure: MeasureKind;
  /** The points, in date order (then label). */
  points: Point[];
  /** A point's position in `points` and `pupilsAt`, by label. */
  pointOf: Map<string, number>;
  /** Per pupil number: the place of its first result among the pupils' first results (-1: it has none). */
  firstResult: Int32Array;
  /** Per pupil number: its first row (and, at the next number, the end of its rows). */
  rowStart: Int32Array;
  /** Per row: the date number (see `TermlyIndex.dates`). */
  rowDate: SmallNumbers;
  /** Per row: the point's position (see `pointOf`). */
  rowPoint: SmallNumbers;
  /** Per row: the score. */
  rowScore: Float64Array;
  /** Per point (by `pointOf`): the pupil numbers with a result there, in order of first appearance. */
  pupilsAt: Int32Array[];
}

/** The termly results of one assessments array, indexed by measure on first use. */
export interface TermlyIndex {
  assessments: readonly Assessment[];
  /** Pupil ids by number, and numbers by id (pupils with a scored result of an indexed measure). */
  pupilIds: string[];
  pupilNo: Map<string, number>;
  /** Distinct result dates by number, with their day numbers (`dayNumber`). */
  dates: string[];
  dateDays: number[];
  dateNo: Map<string, number>;
  /** Day numbers of other dates (see `dayOf`). */
  days: Map<string, number>;
  /** Months between two dates by their numbers (`monthsBetween`), cached by `from × dates + to` (NaN: not yet). */
  months: Float64Array;
  /** The indexed measures' indexes by subject (a measure without scored results has an empty map). */
  measures: Map<MeasureKind, Map<Subject, MeasureIndex>>;
}

/**
 * The day number of a date (`dayNumber`), cached in the index: entry and run dates repeat across records.
 * @example
 * dayOf(newTermlyIndex([]), "1970-01-02"); // => 1
 */
export function dayOf(index: TermlyIndex, iso: string): number {
  let day = index.days.get(iso);
  if (day === undefined) {
    day = dayNumber(iso);
    index.days.set(iso, day);
  }
  return day;
}

/**
 * An empty index of the termly results in `assessments`; each measure is indexed when first asked for (see
 * `indexMeasures` and `measureIndexes`).
 * @example
 * newTermlyIndex(data.assessments).pupilIds.length; // => 0 (nothing indexed yet)
 */
export function newTermlyIndex(assessments: readonly Assessment[]): TermlyIndex {
  return {
    assessments, pupilIds: [], pupilNo: new Map(), dates: [], dateDays: [], dateNo: new Map(), days: new Map(), months: new Float64Array(0),
    measures: new Map(),
  };
}

/**
 * The row of a pupil's result at a point (by position in `index.points`), or -1 when it has none; the last
 * such row when it has several. A pupil has a few rows per subject, so they are looked through.
 * @example
 * // Pupil P1 (number 0) has rows 0 and 1, at the autumn (0) and spring (1) points; P2 (number 1) has row 2.
 * const a = (pupilId, point, date, score) => ({ pupilId, subject: "maths", measure: "standardised", academicYear: "2024/25",
 *   term: point.split(" ")[1], point, date, score, grade: null, source: { file: "t.csv", line: 2 } });
 * const index = newTermlyIndex([a("P1", "2024/25 autumn", "2024-12-02", 95), a("P1", "2024/25 spring", "2025-03-17", 99),
 *   a("P2", "2024/25 spring", "2025-03-17", 104)]);
 * const maths = measureIndexes(index, "standardised").get("maths");
 * rowAtPoint(maths, 1, 1); // => 2
 * rowAtPoint(maths, 0, 1); // => -1 (P2 has no autumn result)
 */
export function rowAtPoint(index: MeasureIndex, point: number, pupil: number): number {
  const { rowStart, rowPoint } = index;
  if (pupil + 1 >= rowStart.length) return -1;
  const first = rowStart[pupil] as number;
  for (let row = (rowStart[pupil + 1] as number) - 1; row >= first; row -= 1) {
    if (rowPoint[row] === point) return row;
  }
  return -1;
}

/**
 * Months between two result dates by their numbers: `monthsBetween` of the two dates, computed once per pair.
 * @example
 * const a = (pupilId, point, date, score) => ({ pupilId, subject: "maths", measure: "standardised", academicYear: "2024/25",
 *   term: point.split(" ")[1], point, date, score, grade: null, source: { file: "t.csv", line: 2 } });
 * const index = newTermlyIndex([a("P1", "2024/25 autumn", "2024-12-02", 95), a("P1", "2024/25 spring", "2025-03-17", 99)]);
 * indexMeasures(index, ["standardised"]);
 * monthsBetweenDates(index, 0, 1); // => 3.4928 (2024-12-02 → 2025-03-17: 3 months and 15 days, 3 + 15/30.4375)
 */
export function monthsBetweenDates(index: TermlyIndex, from: number, to: number): number {
  const count = index.dates.length;
  if (index.months.length !== count * count) index.months = new Float64Array(count * count).fill(NaN);
  const at = from * count + to;
  let months = index.months[at] as number;
  if (Number.isNaN(months)) {
    months = monthsBetween(index.dates[from] as string, index.dates[to] as string);
    index.months[at] = months;
  }
  return months;
}

/**
 * The wanted results while they are read, in the order of the assessments array, as typed columns sized for
 * every result (one pass: counting them first would be a second pass over millions of objects).
 */
interface Rows {
  length: number;
  /** The measure-and-subject pair (by `Pair.no`); there are fewer than 256 pairs (8 measures × 9 subjects). */
  pair: Uint8Array;
  pupil: Int32Array;
  date: Int32Array;
  /** The pair's point number (by first appearance, see `Pair.labels`). */
  point: Int32Array;
  score: Float64Array;
}

/** A measure and subject seen while reading: when wanted, its number and its points (by first appearance). */
interface Pair {
  measure: MeasureKind;
  subject: Subject;
  /** Its number among the wanted pairs; -1: its measure is not wanted. */
  no: number;
  labels: string[];
  pointOf: Map<string, number>;
  /** The last point looked up, and its number: consecutive results of a pair usually share a point. */
  lastPoint: string | null;
  lastPointNo: number;
}

/**
 * The points of a pair: each label's median result date (the middle of its rows' dates in sorted order, the
 * lower middle for an even count), sorted by day and then label. `counts[point × dates + date]` counts the
 * pair's rows by point number and date number.
 */
function pointsOf(index: TermlyIndex, labels: readonly string[], counts: Int32Array): Point[] {
  const dates = index.dates.length;
  const points: Point[] = [];
  labels.forEach((label, p) => {
    const present: number[] = [];
    let total = 0;
    for (let d = 0; d < dates; d += 1) {
      const count = counts[p * dates + d] as number;
      if (count > 0) {
        present.push(d);
        total += count;
      }
    }
    present.sort((x, y) => {
      const a = index.dates[x] as string;
      const c = index.dates[y] as string;
      return a < c ? -1 : a > c ? 1 : 0;
    });
    // The element at position floor((total − 1) / 2) of the dates sorted, found from the counts.
    const middle = Math.floor((total - 1) / 2);
    let seen = 0;
    let date = "";
    for (const d of present) {
      seen += counts[p * dates + d] as number;
      if (seen > middle) {
        date = index.dates[d] as string;
        break;
      }
    }
    points.push({ label, date, day: dayNumber(date) });
  });
  return points.sort((a, c) => a.day - c.day || a.label.localeCompare(c.label));
}

/** One pair's rows regrouped by pupil (a counting sort, which keeps each pupil's rows in order). */
function finish(index: TermlyIndex, pair: Pair, rows: Rows): MeasureIndex {
  const pupilCount = index.pupilIds.length;
  const dates = index.dates.length;
  const pointCount = pair.labels.length;
  // Rows per pupil (at the next pupil's place, summed below into first rows), the order of first results,
  // and rows by point and date.
  const rowStart = new Int32Array(pupilCount + 1);
  const firstResult = new Int32Array(pupilCount).fill(-1);
  const counts = new Int32Array(pointCount * dates);
  let pupils = 0;
  let length = 0;
  for (let row = 0; row < rows.length; row += 1) {
    if (rows.pair[row] !== pair.no) continue;
    const pupil = rows.pupil[row] as number;
    if (rowStart[pupil + 1] === 0) firstResult[pupil] = pupils++;
    rowStart[pupil + 1] = (rowStart[pupil + 1] as number) + 1;
    const at = (rows.point[row] as number) * dates + (rows.date[row] as number);
    counts[at] = (counts[at] as number) + 1;
    length += 1;
  }
  for (let pupil = 0; pupil < pupilCount; pupil += 1) rowStart[pupil + 1] = (rowStart[pupil + 1] as number) + (rowStart[pupil] as number);
  const points = pointsOf(index, pair.labels, counts);
  const pointOf = new Map(points.map((p, i) => [p.label, i]));
  // Point numbers (first appearance) to positions in date order.
  const position = pair.labels.map((label) => pointOf.get(label) as number);
  // Each point's pupils: at most its row count.
  const pupilsAt = pair.labels.map((_, p) => {
    let total = 0;
    for (let d = 0; d < dates; d += 1) total += counts[p * dates + d] as number;
    return new Int32Array(total);
  });
  const filled = new Int32Array(pointCount);
  const seen = new Uint8Array(pointCount * pupilCount);
  const next = rowStart.slice(0, pupilCount);
  const rowDate = smallNumbers(dates, length);
  const rowPoint = smallNumbers(pointCount, length);
  const rowScore = new Float64Array(length);
  for (let row = 0; row < rows.length; row += 1) {
    if (rows.pair[row] !== pair.no) continue;
    const pupil = rows.pupil[row] as number;
    const point = rows.point[row] as number;
    const to = next[pupil] as number;
    next[pupil] = to + 1;
    rowDate[to] = rows.date[row] as number;
    rowPoint[to] = position[point] as number;
    rowScore[to] = rows.score[row] as number;
    const key = point * pupilCount + pupil;
    if (seen[key] === 0) {
      seen[key] = 1;
      const n = filled[point] as number;
      (pupilsAt[point] as Int32Array)[n] = pupil;
      filled[point] = n + 1;
    }
  }
  const byPosition: Int32Array[] = new Array<Int32Array>(pointCount);
  position.forEach((at, point) => {
    const list = pupilsAt[point] as Int32Array;
    const n = filled[point] as number;
    byPosition[at] = n === list.length ? list : list.slice(0, n);
  });
  return {
    subject: pair.subject, measure: pair.measure, points, pointOf, firstResult, rowStart, rowDate, rowPoint, rowScore,
    pupilsAt: byPosition,
  };
}

/**
 * Indexes the scored results of each of `measures` not indexed yet, in one pass over the assessments (the pass,
 * not the rows, is the cost, so measures wanted together are asked for together).
 * @example
 * // The sample school's standardised scores are its NFER file's reading and maths columns.
 * const index = newTermlyIndex(data.assessments);
 * indexMeasures(index, ["standardised", "readingAge"]);
 * index.measures.get("standardised")?.size; // => 2 (maths and reading)
 */
export function indexMeasures(index: TermlyIndex, measures: Iterable<MeasureKind>): void {
  const wanted = new Set<MeasureKind>();
  for (const m of measures) if (!index.measures.has(m)) wanted.add(m);
  if (wanted.size === 0) return;
  const { assessments } = index;
  const rows: Rows = {
    length: 0, pair: new Uint8Array(assessments.length), pupil: new Int32Array(assessments.length),
    date: new Int32Array(assessments.length), point: new Int32Array(assessments.length), score: new Float64Array(assessments.length),
  };
  const pairs: Pair[] = [];
  const wantedPairs: Pair[] = [];
  // Consecutive results usually share a pupil and a date, and alternate between a few measures and subjects:
  // the last pupil and date are reused, and the few pairs are looked through.
  let pair: Pair | null = null;
  let lastId: string | null = null;
  let pupil = 0;
  let lastDate: string | null = null;
  let date = 0;
  for (let i = 0; i < assessments.length; i += 1) {
    const a = assessments[i]!;
    if (a.score === null) continue;
    if (pair === null || a.subject !== pair.subject || a.measure !== pair.measure) {
      pair = pairOf(pairs, a.measure, a.subject) ?? newPair(pairs, wantedPairs, wanted, a.measure, a.subject);
    }
    if (pair.no === -1) continue;
    if (a.pupilId !== lastId) {
      lastId = a.pupilId;
      const no = index.pupilNo.get(a.pupilId);
      if (no === undefined) {
        pupil = index.pupilIds.length;
        index.pupilIds.push(a.pupilId);
        index.pupilNo.set(a.pupilId, pupil);
      } else pupil = no;
    }
    if (a.date !== lastDate) {
      lastDate = a.date;
      const no = index.dateNo.get(a.date);
      if (no === undefined) {
        date = index.dates.length;
        index.dates.push(a.date);
        index.dateDays.push(dayNumber(a.date));
        index.dateNo.set(a.date, date);
      } else date = no;
    }
    if (a.point !== pair.lastPoint) {
      pair.lastPoint = a.point;
      let no = pair.pointOf.get(a.point);
      if (no === undefined) {
        no = pair.labels.length;
        pair.labels.push(a.point);
        pair.pointOf.set(a.point, no);
      }
      pair.lastPointNo = no;
    }
    const row = rows.length;
    rows.pair[row] = pair.no;
    rows.pupil[row] = pupil;
    rows.date[row] = date;
    rows.point[row] = pair.lastPointNo;
    rows.score[row] = a.score;
    rows.length = row + 1;
  }
  for (const m of wanted) index.measures.set(m, new Map());
  for (const p of wantedPairs) index.measures.get(p.measure)?.set(p.subject, finish(index, p, rows));
}

/** A measure-and-subject pair first seen, added to `pairs` (and to `wantedPairs` when its measure is wanted). */
function newPair(pairs: Pair[], wantedPairs: Pair[], wanted: ReadonlySet<MeasureKind>, measure: MeasureKind, subject: Subject): Pair {
  const pair: Pair = {
    measure, subject, no: wanted.has(measure) ? wantedPairs.length : -1, labels: [], pointOf: new Map(), lastPoint: null, lastPointNo: 0,
  };
  pairs.push(pair);
  if (pair.no !== -1) wantedPairs.push(pair);
  return pair;
}

/** The pair of a measure and subject among those seen so far. */
function pairOf(pairs: readonly Pair[], measure: MeasureKind, subject: Subject): Pair | undefined {
  for (const pair of pairs) if (pair.measure === measure && pair.subject === subject) return pair;
  return undefined;
}

/**
 * The scored results of `measure`, one index per subject that has any; the measure is indexed (see
 * `indexMeasures`) the first time it is asked for.
 * @example
 * // The sample school's NFER file has nine points, 2023/24 autumn to 2025/26 summer (read from the CSV).
 * measureIndexes(newTermlyIndex(data.assessments), "standardised").get("maths")?.points.map((p) => p.label);
 * // => ["2023/24 autumn", "2023/24 spring", "2023/24 summer", "2024/25 autumn", "2024/25 spring",
 * //     "2024/25 summer", "2025/26 autumn", "2025/26 spring", "2025/26 summer"]
 */
export function measureIndexes(index: TermlyIndex, measure: MeasureKind): ReadonlyMap<Subject, MeasureIndex> {
  if (!index.measures.has(measure)) indexMeasures(index, [measure]);
  return index.measures.get(measure) ?? new Map();
}
