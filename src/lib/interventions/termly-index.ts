/**
 * The termly results that intervention comparisons look in, indexed once per measure: pupils and dates are
 * numbered, and each subject's scored results are held as columns (typed arrays) with, per assessment point,
 * each pupil's result. A 100,000-pupil trust has ~2.5M results but only ~130,000 pupils and ~20 dates, so
 * numbers in typed arrays replace a map entry (or an object) per result.
 */
import type { MeasureKind, Subject } from "../schema/primitives.js";
import type { Assessment } from "../schema/records.js";
import { monthsBetween } from "./ratio-gain.js";

const DAY_MS = 86_400_000;

/**
 * The UTC day number (days since 1970-01-01) of a `yyyy-mm-dd` date; NaN when it is not one.
 * @example
 * dayNumber("1970-01-02"); // => 1
 */
export function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** An assessment point of one subject and measure: its label and typical (median) date. */
export interface Point {
  label: string;
  day: number;
  date: string;
}

/** No result (in the per-point row columns). */
const NONE = -1;

/**
 * The scored results of one subject and measure. Rows are the scored results in the order of the assessments
 * array; `rowAt[point][pupil]` is the row of a pupil's result at a point (the last row wins), and
 * `pupilsAt[point]` the pupils with a result there, in the order they first appear.
 */
export interface MeasureIndex {
  subject: Subject;
  measure: MeasureKind;
  /** The points, in date order (then label). */
  points: Point[];
  /** A point's position in `rowAt` and `pupilsAt`, by label. */
  pointOf: Map<string, number>;
  /** Per row: the pupil number (see `TermlyIndex.pupilIds`). */
  rowPupil: Int32Array;
  /** Per row: the date number (see `TermlyIndex.dates`). */
  rowDate: Int32Array;
  /** Per row: the score. */
  rowScore: Float64Array;
  /** Per point (by `pointOf`), per pupil number: the row of its result, or -1. Pupils numbered later have none. */
  rowAt: Int32Array[];
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
  /** Every measure's index by subject; null until first asked for. */
  measures: Map<MeasureKind, Map<Subject, MeasureIndex>> | null;
}

/**
 * The day number of a date (`dayNumber`), cached in the index: entry and run dates repeat across records.
 * @example
 * dayOf(index, "1970-01-02"); // => 1
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
 * An empty index of the termly results in `assessments`; they are indexed by `measureIndexes` when first asked
 * for.
 * @example
 * newTermlyIndex(data.assessments).pupilIds.length; // => 0 (nothing indexed yet)
 */
export function newTermlyIndex(assessments: readonly Assessment[]): TermlyIndex {
  return {
    assessments, pupilIds: [], pupilNo: new Map(), dates: [], dateDays: [], dateNo: new Map(), days: new Map(), months: new Float64Array(0),
    measures: null,
  };
}

/**
 * The row of a pupil's result at a point (by position in `index.rowAt`), or -1 when it has none.
 * @example
 * rowAtPoint(reading, 0, 17); // => 4031
 */
export function rowAtPoint(index: MeasureIndex, point: number, pupil: number): number {
  const rows = index.rowAt[point];
  return rows !== undefined && pupil < rows.length ? (rows[pupil] as number) : NONE;
}

/**
 * Months between two result dates by their numbers: `monthsBetween` of the two dates, computed once per pair.
 * @example
 * monthsBetweenDates(index, 0, 1); // => 3.4497 (2024-12-02 → 2025-03-17)
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

/** A subject's rows while they are read: typed columns of the size counted beforehand. */
interface Builder {
  length: number;
  pupil: Int32Array;
  date: Int32Array;
  score: Float64Array;
  point: Int32Array;
  /** Point labels in order of first appearance, and per point the count of rows by date number. */
  labels: string[];
  pointOf: Map<string, number>;
  dateCounts: number[][];
}

function newBuilder(rows: number): Builder {
  return {
    length: 0, pupil: new Int32Array(rows), date: new Int32Array(rows), score: new Float64Array(rows),
    point: new Int32Array(rows), labels: [], pointOf: new Map(), dateCounts: [],
  };
}

/**
 * The number of scored results of each measure and subject, so that each column is allocated once at its size
 * (growing them would copy, and every large allocation prompts the garbage collector).
 */
function countRows(assessments: readonly Assessment[]): Map<MeasureKind, Map<Subject, number>> {
  const counts = new Map<MeasureKind, Map<Subject, number>>();
  let measure: MeasureKind | null = null;
  let subject: Subject | null = null;
  let count = 0;
  const flush = (): void => {
    if (measure === null || subject === null) return;
    let bySubject = counts.get(measure);
    if (bySubject === undefined) counts.set(measure, (bySubject = new Map()));
    bySubject.set(subject, (bySubject.get(subject) ?? 0) + count);
  };
  for (const a of assessments) {
    if (a.score === null) continue;
    if (a.subject !== subject || a.measure !== measure) {
      flush();
      measure = a.measure;
      subject = a.subject;
      count = 0;
    }
    count += 1;
  }
  flush();
  return counts;
}

/**
 * The points of a subject: each label's median result date (the middle of its rows' dates in sorted order, the
 * lower middle for an even count), sorted by day and then label.
 */
function pointsOf(index: TermlyIndex, b: Builder): Point[] {
  const points: Point[] = [];
  b.labels.forEach((label, p) => {
    const counts = b.dateCounts[p] ?? [];
    const present: number[] = [];
    let total = 0;
    counts.forEach((count, d) => {
      if (count > 0) {
        present.push(d);
        total += count;
      }
    });
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
      seen += counts[d] ?? 0;
      if (seen > middle) {
        date = index.dates[d] as string;
        break;
      }
    }
    points.push({ label, date, day: dayNumber(date) });
  });
  return points.sort((a, c) => a.day - c.day || a.label.localeCompare(c.label));
}

function finish(index: TermlyIndex, subject: Subject, measure: MeasureKind, b: Builder): MeasureIndex {
  const points = pointsOf(index, b);
  const pointOf = new Map(points.map((p, i) => [p.label, i]));
  // Builder point numbers (first appearance) to positions in date order.
  const position = b.labels.map((label) => pointOf.get(label) as number);
  const pupils = index.pupilIds.length;
  const rowAt = points.map(() => new Int32Array(pupils).fill(NONE));
  const firstSeen: number[][] = points.map(() => []);
  for (let row = 0; row < b.length; row += 1) {
    const p = position[b.point[row] as number] as number;
    const pupil = b.pupil[row] as number;
    const rows = rowAt[p] as Int32Array;
    if (rows[pupil] === NONE) (firstSeen[p] as number[]).push(pupil);
    rows[pupil] = row;
  }
  return {
    subject, measure, points, pointOf,
    rowPupil: b.pupil, rowDate: b.date, rowScore: b.score,
    rowAt, pupilsAt: firstSeen.map((list) => Int32Array.from(list)),
  };
}

/**
 * The scored results of `measure`, one index per subject that has any. Every measure is indexed in one pass
 * over the assessments the first time any is asked for (the pass, not the rows, is the cost).
 * @example
 * measureIndexes(index, "standardised").get("maths")?.points.map((p) => p.label);
 * // => ["2024/25 autumn", "2024/25 spring", "2024/25 summer"]
 */
export function measureIndexes(index: TermlyIndex, measure: MeasureKind): ReadonlyMap<Subject, MeasureIndex> {
  if (index.measures === null) index.measures = indexAll(index);
  return index.measures.get(measure) ?? new Map();
}

function indexAll(index: TermlyIndex): Map<MeasureKind, Map<Subject, MeasureIndex>> {
  const rows = countRows(index.assessments);
  const builders = new Map<MeasureKind, Map<Subject, Builder>>();
  // Consecutive results usually share a measure, subject, pupil, date and point: the last look-up is reused.
  let lastMeasure: MeasureKind | null = null;
  let lastSubject: Subject | null = null;
  let b: Builder = newBuilder(0);
  let lastId: string | null = null;
  let pupil = 0;
  let lastDate: string | null = null;
  let date = 0;
  let lastPoint: string | null = null;
  let point = 0;
  for (const a of index.assessments) {
    if (a.score === null) continue;
    if (a.subject !== lastSubject || a.measure !== lastMeasure) {
      lastSubject = a.subject;
      lastMeasure = a.measure;
      lastPoint = null;
      let bySubject = builders.get(a.measure);
      if (bySubject === undefined) builders.set(a.measure, (bySubject = new Map()));
      const known = bySubject.get(a.subject);
      if (known === undefined) bySubject.set(a.subject, (b = newBuilder(rows.get(a.measure)?.get(a.subject) ?? 0)));
      else b = known;
    }
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
    if (a.point !== lastPoint) {
      lastPoint = a.point;
      const no = b.pointOf.get(a.point);
      if (no === undefined) {
        point = b.labels.length;
        b.labels.push(a.point);
        b.pointOf.set(a.point, point);
        b.dateCounts.push([]);
      } else point = no;
    }
    const counts = b.dateCounts[point] as number[];
    while (counts.length <= date) counts.push(0);
    counts[date] = (counts[date] as number) + 1;
    const row = b.length;
    b.pupil[row] = pupil;
    b.date[row] = date;
    b.score[row] = a.score;
    b.point[row] = point;
    b.length = row + 1;
  }
  const measures = new Map<MeasureKind, Map<Subject, MeasureIndex>>();
  for (const [measure, bySubject] of builders) {
    const indexes = new Map<Subject, MeasureIndex>();
    for (const [subject, builder] of bySubject) indexes.set(subject, finish(index, subject, measure, builder));
    measures.set(measure, indexes);
  }
  return measures;
}
