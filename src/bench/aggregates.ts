/**
 * The core aggregates the benchmark computes both ways (sendscope's library and DuckDB's SQL), in one flat
 * shape so the two can be compared exactly:
 * - attainment per subject × measure × assessment point × group (all, N, K, E, SEN): pupils with a result
 *   (`n`), at or above the expected threshold (`count`, `rate`), at or above the higher one (`higherCount`,
 *   `higherRate`), and the mean result; SEN status = the spell in force on each result's date, as
 *   `attainment()` does; results dated after `asOf` left out, as `buildReport` does.
 * - the gap of K, E and SEN to N in the same cells (differences of rates and of means).
 * - identification on `asOf` (pupils on roll; N, K, E and SEN counts and shares; primary-need mix in K and E).
 * - attendance over `asOf`'s academic year by SEN status on 15 January of it (as `attendanceByGroup`).
 * Groups with no pupils are left out on both sides (sendscope lists them with `n: 0`).
 */
import { academicYearOf } from "../lib/cohort/dates.js";
import { attainment } from "../lib/cohort/attainment.js";
import { attendanceByGroup } from "../lib/cohort/attendance.js";
import { identification } from "../lib/cohort/identification.js";
import { prepareAnalysis } from "../lib/cohort/context.js";
import { attainmentGaps } from "../lib/gaps/attainment-gaps.js";
import type { SchoolData } from "../lib/schema/school-data.js";

/** Figures of one cell: named numbers (null where a figure does not apply). */
export type Figures = Record<string, number | null>;

/** The shared aggregates: per table, cell key → figures. */
export interface SharedAggregates {
  asOf: string;
  attainment: Record<string, Figures>;
  gaps: Record<string, Figures>;
  identification: Record<string, Figures>;
  attendance: Record<string, Figures>;
}

/** The tables of `SharedAggregates`. */
export const AGGREGATE_TABLES = ["attainment", "gaps", "identification", "attendance"] as const;

/**
 * The shared aggregates computed with sendscope's library on imported data.
 * @example
 * sendscopeAggregates(await importFolder(dir), "2026-07-17").identification["status|K"] // => { count: 31, rate: 0.0775 }
 */
export function sendscopeAggregates(data: SchoolData, asOf: string): SharedAggregates {
  // One analysis context, as the report runs them: its results up to `asOf`, profiled once for every analysis.
  const upTo = prepareAnalysis(data, { asOf });
  const out: SharedAggregates = { asOf, attainment: {}, gaps: {}, identification: {}, attendance: {} };
  for (const c of attainment(upTo)) {
    if (c.n === 0) continue;
    out.attainment[`${c.subject}|${c.measure}|${c.point}|${c.group}`] = {
      n: c.n, count: c.count, rate: c.rate, higherCount: c.higherCount, higherRate: c.higherRate, mean: c.mean,
    };
  }
  for (const g of attainmentGaps(upTo)) {
    const difference = g.expected?.difference ?? g.mean?.difference ?? null;
    if (difference === null) continue;
    out.gaps[`${g.subject}|${g.measure}|${g.point}|${g.group}`] = {
      expected: g.expected?.difference ?? null, higher: g.higher?.difference ?? null, mean: g.mean?.difference ?? null,
    };
  }
  const ident = identification(upTo, asOf);
  out.identification.onRoll = { count: ident.onRoll, rate: null };
  for (const c of [...ident.senStatus, ...ident.senAny]) {
    if (c.isTotal || c.count === 0) continue;
    out.identification[`status|${c.group}`] = { count: c.count, rate: c.rate };
  }
  for (const c of ident.needMix) {
    if (c.isTotal || c.count === 0) continue;
    const status = c.partition.split("|").at(-1) ?? "";
    out.identification[`need|${status}|${c.group}`] = { count: c.count, rate: c.rate };
  }
  const att = attendanceByGroup(upTo, academicYearOf(asOf));
  for (const c of att.cells) {
    if (c.n === 0 || (c.isTotal && c.dimension !== "senStatus")) continue;
    out.attendance[c.group] = {
      n: c.n, possible: c.possibleSessions, attended: c.attendedSessions, attendanceRate: c.attendanceRate,
      persistent: c.count, persistentRate: c.rate, severe: c.severeCount, severeRate: c.severeRate,
    };
  }
  return out;
}

/** One difference found by `compareAggregates`. */
export interface AggregateDifference {
  table: string;
  key: string;
  figure: string;
  ours: number | null | undefined;
  theirs: number | null | undefined;
}

/**
 * Compare two sets of shared aggregates: every cell on either side, every figure; whole numbers (counts)
 * must be equal, other numbers within `tolerance` (absolute, default 1e-12). Returns the differences.
 * @example
 * compareAggregates(a, a) // => []
 */
export function compareAggregates(ours: SharedAggregates, theirs: SharedAggregates, tolerance = 1e-12): AggregateDifference[] {
  const out: AggregateDifference[] = [];
  for (const table of AGGREGATE_TABLES) {
    const a = ours[table];
    const b = theirs[table];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const fa = a[key];
      const fb = b[key];
      if (fa === undefined || fb === undefined) {
        out.push({ table, key, figure: "(cell)", ours: fa === undefined ? undefined : 1, theirs: fb === undefined ? undefined : 1 });
        continue;
      }
      for (const figure of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
        const x = fa[figure];
        const y = fb[figure];
        const same = x === y || (typeof x === "number" && typeof y === "number" &&
          (Number.isInteger(x) && Number.isInteger(y) ? x === y : Math.abs(x - y) <= tolerance));
        if (!same) out.push({ table, key, figure, ours: x, theirs: y });
      }
    }
  }
  return out;
}

/**
 * Number of cells per table (for a one-line summary).
 * @example
 * cellCounts(a) // => { attainment: 270, gaps: 162, identification: 20, attendance: 5 }
 */
export function cellCounts(aggregates: SharedAggregates): Record<string, number> {
  return Object.fromEntries(AGGREGATE_TABLES.map((t) => [t, Object.keys(aggregates[t]).length]));
}
