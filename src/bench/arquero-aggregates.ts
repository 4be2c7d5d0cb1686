/**
 * The benchmark's arquero side (issue #16, "arquero, settled by measurement"): the shared aggregates of
 * `aggregates.ts` (attainment by SEN status, identification on a date, attendance by SEN status) written as
 * arquero verbs over `toTables(data)`, from the same imported records the library's analyses read, so the two
 * can be compared exactly and timed against each other (`arquero-trial.ts`).
 *
 * The rules are the library's (`src/lib/cohort/`): the SEN status on a date is the register spell in force
 * that day with the latest start (a missing start counts as earliest; a tie goes to E over K over N, then to
 * the earlier spell), `N` with no spell; one result per pupil, subject, measure and point (the latest-dated; a
 * tie goes to the later row); results of pupils not in `pupils` are left out; teacher-assessment codes ranked
 * as `TEACHER_ASSESSMENT_RANK`; thresholds as `MEASURE_THRESHOLDS`; attendance summed over the academic year
 * of `asOf` per pupil, pupils with a possible session, by SEN status on 15 January of that year.
 */
import { type ColumnTable, desc, not, op } from "arquero";
import { TEACHER_ASSESSMENT_RANK } from "../data/codes.js";
import { PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD } from "../lib/cohort/attendance.js";
import { academicYearOf, censusStatusDate } from "../lib/cohort/dates.js";
import { MEASURE_THRESHOLDS } from "../lib/cohort/thresholds.js";
import type { SchoolData } from "../lib/schema/school-data.js";
import { type SchoolTables, toTables } from "../lib/tables/to-tables.js";
import type { Figures, SharedAggregates } from "./aggregates.js";

const LEVEL = { N: 0, K: 1, E: 2 };
const EXPECTED = Object.fromEntries(Object.entries(MEASURE_THRESHOLDS).map(([m, t]) => [m, t.expected]));
const HIGHER = Object.fromEntries(Object.entries(MEASURE_THRESHOLDS).map(([m, t]) => [m, t.higher]));
const HAS_MEAN = Object.fromEntries(Object.entries(MEASURE_THRESHOLDS).map(([m, t]) => [m, t.hasMean]));

/**
 * The table with parameters for its expressions (`$.name`); arquero types `params` as table or getter.
 * @example
 * given(toTables(data).pupils, { asOf: "2025-07-18" }).params().asOf // => "2025-07-18"
 */
export function given(t: ColumnTable, params: Record<string, unknown>): ColumnTable {
  return t.params(params) as ColumnTable;
}

/**
 * Each pupil's possible and attended sessions summed over `academicYear`, for pupils with at least one
 * possible session (as `pupilAttendance`): columns `pupilId`, `possible`, `attended`.
 * @example
 * attendanceSums(toTables(data), "2024/25").columnNames() // => ["pupilId", "possible", "attended"]
 */
export function attendanceSums(tables: Pick<SchoolTables, "attendance">, academicYear: string): ColumnTable {
  return given(tables.attendance, { academicYear })
    .filter((d, $) => d.academicYear === $.academicYear)
    .groupby("pupilId")
    .rollup({ possible: (d) => op.sum(d.possibleSessions), attended: (d) => op.sum(d.attendedSessions) })
    .filter((d) => d.possible > 0);
}

/**
 * Attendance figures of pupils' sums (`attendanceSums`) by each pupil's SEN status on `statusDate` and the
 * other `keys` before it: pupils `n`, sessions `possible` and `attended`, and the pupils persistently
 * (`persistent`) and severely (`severe`) absent, by `PERSISTENT_ABSENCE_THRESHOLD` and `SEVERE_ABSENCE_THRESHOLD`.
 * @example
 * const tables = toTables(data);
 * attendanceByStatus(attendanceSums(tables, "2024/25"), rankedSpells(tables), "2025-01-15").columnNames()
 * // => ["status", "n", "possible", "attended", "persistent", "severe"]
 */
export function attendanceByStatus(sums: ColumnTable, spells: ColumnTable, statusDate: string, keys: readonly string[] = []): ColumnTable {
  return given(withStatus(given(sums, { statusDate }).derive({ on: (_d, $) => $.statusDate }), "on", spells),
    { PA: PERSISTENT_ABSENCE_THRESHOLD, SA: SEVERE_ABSENCE_THRESHOLD })
    .derive({ missed: (d) => (d.possible - d.attended) / d.possible })
    .groupby(...keys, "status")
    .rollup({
      n: () => op.count(),
      possible: (d) => op.sum(d.possible),
      attended: (d) => op.sum(d.attended),
      persistent: (d, $) => op.sum(d.missed >= $.PA ? 1 : 0),
      severe: (d, $) => op.sum(d.missed >= $.SA ? 1 : 0),
    });
}

/**
 * The SEN register ready for `withStatus`: each spell with its rank among a pupil's spells in force on the same
 * day (start date, `""` for none, then level; the spell's row breaks a tie, the earlier first), for `withStatus`.
 * @example
 * rankedSpells(toTables(data)).columnNames() // => ["pupilId", "status", "primaryNeed", "startDate", "endDate", "start", "level", "spell"]
 */
export function rankedSpells(tables: Pick<SchoolTables, "senRegister">): ColumnTable {
  return given(tables.senRegister, { LEVEL })
    .derive({
      start: (d) => (d.startDate === null ? "" : d.startDate),
      level: (d, $) => $.LEVEL[d.status],
      spell: () => op.row_number(),
    })
    .select("pupilId", "status", "primaryNeed", "startDate", "endDate", "start", "level", "spell");
}

/**
 * Adds each row's SEN status and primary need on its date: `rows` has `pupilId` and the date in column `on`;
 * the result is `rows` with `status` (N/K/E) and `need` (null for N or none recorded). Only the rows of pupils
 * with a spell are joined to the register; the best spell in force is picked per row and looked up by row.
 * @example
 * withStatus(toTables(data).pupils.select("pupilId").slice(0, 1).derive({ on: () => "2026-07-17" }), "on", rankedSpells(toTables(data))).objects()
 * // => [{ pupilId: "V873210125070", on: "2026-07-17", status: "N", need: null }]
 */
export function withStatus(rows: ColumnTable, on: string, spells: ColumnTable): ColumnTable {
  const numbered = rows.derive({ _row: () => op.row_number() });
  const best = numbered
    .select("_row", "pupilId", { [on]: "_on" })
    .join(spells, "pupilId")
    .filter((d) => (d.startDate === null || d.startDate <= d._on) && (d.endDate === null || d.endDate >= d._on))
    .groupby("_row")
    .orderby(desc("start"), desc("level"), "spell")
    .filter(() => op.row_number() === 1)
    .ungroup()
    .select("_row", { status: "_status", primaryNeed: "_need" });
  return numbered
    .lookup(best, "_row", "_status", "_need")
    .derive({
      status: (d) => (d._status == null ? "N" : d._status),
      need: (d) => (d._status == null || d._status === "N" ? null : d._need),
    })
    .select(not("_row", "_status", "_need"));
}

/** Rows of a per-status rollup, as plain objects keyed by status. */
function byStatus(rolled: ColumnTable): Map<string, Record<string, number>> {
  return new Map((rolled.objects() as Array<Record<string, number>>).map((r) => [String(r.status), r]));
}

/**
 * Per status (N, K, E) sums, then SEN (K + E) and all added from them: one pass over the rows.
 * `sums` names the figures added up; the result is keyed by group.
 */
function withSenAndAll(rows: Map<string, Record<string, number>>, sums: readonly string[]): Map<string, Record<string, number>> {
  const out = new Map(rows);
  const add = (groups: readonly string[]) => {
    const present = groups.map((g) => rows.get(g)).filter((r) => r !== undefined);
    if (present.length === 0) return null;
    return Object.fromEntries(sums.map((s) => [s, present.reduce((t, r) => t + Number(r[s] ?? 0), 0)]));
  };
  const sen = add(["K", "E"]);
  if (sen) out.set("SEN", sen);
  const all = add([...rows.keys()]);
  if (all) out.set("all", all);
  return out;
}

/**
 * The results `attainment()` counts, with the SEN status on each result's date: one per pupil, subject,
 * measure and point, dated on or before `asOf`, of pupils in `pupils`, with a value.
 */
function profiledResults(tables: SchoolTables, spells: ColumnTable, asOf: string): ColumnTable {
  const pupils = tables.pupils.select("pupilId").dedupe("pupilId");
  const results = given(tables.assessments, { asOf, RANK: TEACHER_ASSESSMENT_RANK })
    .derive({
      row: () => op.row_number(),
      value: (d, $) => (d.measure === "teacherAssessment"
        ? (d.grade === null ? null : op.recode(op.upper(op.trim(d.grade)), $.RANK, null))
        : d.score),
    })
    .filter((d, $) => d.date <= $.asOf && d.value != null)
    .semijoin(pupils, "pupilId")
    .groupby("pupilId", "subject", "measure", "point")
    .orderby(desc("date"), desc("row"))
    .filter(() => op.row_number() === 1)
    .ungroup()
    .select("pupilId", "subject", "measure", "point", "date", "value");
  return withStatus(results, "date", spells);
}

/**
 * Attainment per subject, measure, point and group (N, K, E, SEN, all): `n`, `count`/`rate` at the expected
 * threshold, `higherCount`/`higherRate` at the higher one, `mean` (null where the measure has none).
 */
function attainmentCells(profiled: ColumnTable): Record<string, Figures> {
  const rolled = given(profiled, { EXPECTED, HIGHER })
    .groupby("subject", "measure", "point", "status")
    .rollup({
      n: () => op.count(),
      count: (d, $) => op.sum($.EXPECTED[d.measure] === null ? 0 : d.value >= $.EXPECTED[d.measure] ? 1 : 0),
      higherCount: (d, $) => op.sum($.HIGHER[d.measure] === null ? 0 : d.value >= $.HIGHER[d.measure] ? 1 : 0),
      total: (d) => op.sum(d.value),
    })
    .objects() as Array<Record<string, number>>;
  const byCell = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rolled) {
    const cell = `${String(r.subject)}|${String(r.measure)}|${String(r.point)}`;
    let rows = byCell.get(cell);
    if (rows === undefined) byCell.set(cell, (rows = new Map()));
    rows.set(String(r.status), r as Record<string, number>);
  }
  const out: Record<string, Figures> = {};
  for (const [cell, rows] of byCell) {
    const measure = cell.split("|")[1]!;
    for (const [group, f] of withSenAndAll(rows, ["n", "count", "higherCount", "total"])) {
      const n = f.n!;
      const count = EXPECTED[measure] === null ? null : f.count!;
      const higherCount = HIGHER[measure] === null ? null : f.higherCount!;
      out[`${cell}|${group}`] = {
        n, count, rate: count === null ? null : count / n, higherCount, higherRate: higherCount === null ? null : higherCount / n,
        mean: HAS_MEAN[measure] ? f.total! / n : null,
      };
    }
  }
  return out;
}

/** Identification on `asOf`: pupils on roll, N/K/E/SEN counts and shares, the need mix within K and E. */
function identificationCells(tables: SchoolTables, spells: ColumnTable, asOf: string): Record<string, Figures> {
  const onRoll = given(tables.pupils, { asOf })
    .filter((d, $) => (d.admissionDate === null || d.admissionDate <= $.asOf) && (d.leavingDate === null || d.leavingDate >= $.asOf))
    .select("pupilId");
  const total = onRoll.numRows();
  const status = withStatus(onRoll.derive({ on: (_d, $) => $.asOf }), "on", spells);
  const out: Record<string, Figures> = { onRoll: { count: total, rate: null } };
  const counts = withSenAndAll(byStatus(status.groupby("status").count()), ["count"]);
  for (const [group, f] of counts) if (group !== "all") out[`status|${group}`] = { count: f.count!, rate: f.count! / total };
  const mix = status
    .filter((d) => d.status !== "N")
    .derive({ need: (d) => (d.need === null ? "unknown" : d.need) })
    .groupby("status", "need")
    .count()
    .objects() as Array<Record<string, number>>;
  for (const r of mix) {
    const of = counts.get(String(r.status))!.count!;
    out[`need|${String(r.status)}|${String(r.need)}`] = { count: Number(r.count), rate: Number(r.count) / of };
  }
  return out;
}

/** Attendance over the academic year of `asOf` by SEN status on 15 January of it (and SEN, all). */
function attendanceCells(tables: SchoolTables, spells: ColumnTable, asOf: string): Record<string, Figures> {
  const academicYear = academicYearOf(asOf);
  const statusDate = censusStatusDate(academicYear);
  const pupils = tables.pupils.select("pupilId").dedupe("pupilId");
  const rolled = attendanceByStatus(attendanceSums(tables, academicYear).semijoin(pupils, "pupilId"), spells, statusDate);
  const out: Record<string, Figures> = {};
  for (const [group, f] of withSenAndAll(byStatus(rolled), ["n", "possible", "attended", "persistent", "severe"])) {
    const { n, possible, attended, persistent, severe } = f as Record<"n" | "possible" | "attended" | "persistent" | "severe", number>;
    out[group] = {
      n, possible, attended, attendanceRate: possible > 0 ? attended / possible : null,
      persistent, persistentRate: persistent / n, severe, severeRate: severe / n,
    };
  }
  return out;
}

/** The gap of K, E and SEN to N in each attainment cell (differences of rates and of means), as `aggregates.ts`. */
function gapCells(attainment: Record<string, Figures>): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);
  for (const [key, cell] of Object.entries(attainment)) {
    const at = key.lastIndexOf("|");
    const group = key.slice(at + 1);
    if (group !== "K" && group !== "E" && group !== "SEN") continue;
    const none = attainment[`${key.slice(0, at)}|N`];
    if (none === undefined) continue;
    const expected = diff(cell.rate, none.rate);
    const mean = diff(cell.mean, none.mean);
    if ((expected ?? mean) === null) continue;
    out[key] = { expected, higher: diff(cell.higherRate, none.higherRate), mean };
  }
  return out;
}

/**
 * The shared aggregates (see `aggregates.ts`) computed with arquero over `toTables(data)`; equal to
 * `sendscopeAggregates(data, asOf)` (the bench trial and `tests/bench/arquero-equality.test.ts` check it).
 * @param data imported data
 * @param asOf the date the figures describe (yyyy-mm-dd)
 * @param tables `toTables(data)`, when already made (the trial times it apart)
 * @example
 * arqueroAggregates(data, "2026-07-17").identification["status|K"] // => { count: 59, rate: 0.14047619047619048 }
 */
export function arqueroAggregates(data: SchoolData, asOf: string, tables: SchoolTables = toTables(data)): SharedAggregates {
  const spells = rankedSpells(tables);
  const attainment = attainmentCells(profiledResults(tables, spells, asOf));
  return {
    asOf,
    attainment,
    gaps: gapCells(attainment),
    identification: identificationCells(tables, spells, asOf),
    attendance: attendanceCells(tables, spells, asOf),
  };
}
