/**
 * Per-school figures two ways, for the arquero trial (issue #16: "per school"): for each school of a trust,
 * identification on `asOf` (pupils on roll; N, K, E and SEN counts), attendance over the academic year of
 * `asOf` by SEN status on 15 January (pupils, sessions, persistent and severe absence) and suspensions in that
 * year by SEN status on 15 January (pupils on roll in the year, pupils suspended, suspensions, days, pupils
 * permanently excluded). The library's way is a loop over `splitBySchool` calling the analyses on each part;
 * arquero's is one `groupby` with the school as a key. A pupil's school is the school of the pupil's first
 * record (as `splitBySchool`), `UNKNOWN_SCHOOL` when it has none. Keys: `<school>|<table>|<group>`.
 */
import { type ColumnTable, op } from "arquero";
import { attendanceByGroup } from "../lib/cohort/attendance.js";
import { academicYearBounds, academicYearOf, censusStatusDate } from "../lib/cohort/dates.js";
import { identification } from "../lib/cohort/identification.js";
import { suspensionsByGroup } from "../lib/cohort/suspensions.js";
import { UNKNOWN_SCHOOL, splitBySchool } from "../lib/report/per-school.js";
import type { SchoolData } from "../lib/schema/school-data.js";
import type { SchoolTables } from "../lib/tables/to-tables.js";
import { attendanceByStatus, attendanceSums, given, rankedSpells, withStatus } from "./arquero-aggregates.js";
import type { Figures } from "./aggregates.js";

/**
 * The per-school figures with the library's analyses, school by school.
 * @example
 * libraryPerSchool(data, "2026-07-17")["(school not recorded)|identification|K"] // => { count: 59 } (the sample school)
 */
export function libraryPerSchool(data: SchoolData, asOf: string): Record<string, Figures> {
  const academicYear = academicYearOf(asOf);
  const out: Record<string, Figures> = {};
  for (const [school, part] of splitBySchool(data)) {
    const ident = identification(part, asOf);
    out[`${school}|identification|onRoll`] = { count: ident.onRoll };
    for (const c of [...ident.senStatus, ...ident.senAny]) {
      if (!c.isTotal && c.count > 0) out[`${school}|identification|${c.group}`] = { count: c.count };
    }
    for (const c of attendanceByGroup(part, academicYear).cells) {
      if (c.n === 0 || (c.isTotal && c.dimension !== "senStatus")) continue;
      out[`${school}|attendance|${c.group}`] = {
        n: c.n, possible: c.possibleSessions, attended: c.attendedSessions, persistent: c.count, severe: c.severeCount,
      };
    }
    for (const c of suspensionsByGroup(part, academicYear)) {
      if (c.n === 0 || (c.isTotal && c.dimension !== "senStatus")) continue;
      out[`${school}|suspensions|${c.group}`] = {
        n: c.n, suspended: c.count, suspensions: c.suspensions, days: c.days, permanent: c.permanentExclusions,
      };
    }
  }
  return out;
}

/** Rows grouped by school and SEN status, with SEN (K + E) and all added per school from the status rows. */
function bySchool(rolled: ColumnTable, table: string, sums: readonly string[], out: Record<string, Figures>): void {
  const add = (key: string, r: Record<string, unknown>) => {
    const f = out[key] ?? Object.fromEntries(sums.map((s) => [s, 0]));
    for (const s of sums) f[s] = (f[s] ?? 0) + Number(r[s]);
    out[key] = f;
  };
  for (const r of rolled.objects() as Array<Record<string, unknown>>) {
    const school = String(r.school);
    add(`${school}|${table}|${String(r.status)}`, r);
    if (r.status !== "N") add(`${school}|${table}|SEN`, r);
    if (table !== "identification") add(`${school}|${table}|all`, r);
  }
}

/**
 * The per-school figures with arquero over `toTables(data)`: one `groupby("school", "status")` per table.
 * @example
 * arqueroPerSchool(toTables(data), "2026-07-17")["(school not recorded)|identification|K"] // => { count: 59 } (the sample school)
 */
export function arqueroPerSchool(tables: SchoolTables, asOf: string): Record<string, Figures> {
  const academicYear = academicYearOf(asOf);
  const statusDate = censusStatusDate(academicYear);
  const { start, end } = academicYearBounds(academicYear);
  const spells = rankedSpells(tables);
  const pupils = given(tables.pupils, { UNKNOWN_SCHOOL })
    .derive({ school: (d, $) => (d.school === null ? $.UNKNOWN_SCHOOL : d.school) });
  const schoolOf = pupils.dedupe("pupilId").select("pupilId", "school");
  const out: Record<string, Figures> = {};

  const onRoll = given(pupils, { asOf })
    .filter((d, $) => (d.admissionDate === null || d.admissionDate <= $.asOf) && (d.leavingDate === null || d.leavingDate >= $.asOf))
    .select("pupilId", "school");
  for (const r of onRoll.groupby("school").count().objects() as Array<Record<string, unknown>>) {
    out[`${String(r.school)}|identification|onRoll`] = { count: Number(r.count) };
  }
  const identified = withStatus(given(onRoll, { asOf }).derive({ on: (_d, $) => $.asOf }), "on", spells);
  bySchool(identified.groupby("school", "status").count(), "identification", ["count"], out);

  const attendance = attendanceByStatus(attendanceSums(tables, academicYear).join(schoolOf, "pupilId"), spells, statusDate, ["school"]);
  bySchool(attendance, "attendance", ["n", "possible", "attended", "persistent", "severe"], out);

  // Suspensions: every pupil record on roll at any time in the year, with its suspensions in the year.
  const inYear = given(tables.suspensions, { start, end })
    .filter((d, $) => d.startDate >= $.start && d.startDate <= $.end)
    .groupby("pupilId")
    .rollup({
      suspended: (d) => op.max(d.permanent ? 0 : 1),
      suspensions: (d) => op.sum(d.permanent ? 0 : 1),
      days: (d) => op.sum(d.permanent || d.days === null ? 0 : d.days),
      permanent: (d) => op.max(d.permanent ? 1 : 0),
    });
  const cohort = given(pupils, { start, end, statusDate })
    .filter((d, $) => (d.admissionDate === null || d.admissionDate <= $.end) && (d.leavingDate === null || d.leavingDate >= $.start))
    .derive({ on: (_d, $) => $.statusDate })
    .select("pupilId", "school", "on")
    .lookup(inYear, "pupilId", "suspended", "suspensions", "days", "permanent");
  const suspensions = withStatus(cohort, "on", spells)
    .groupby("school", "status")
    .rollup({
      n: () => op.count(),
      suspended: (d) => op.sum(d.suspended == null ? 0 : d.suspended),
      suspensions: (d) => op.sum(d.suspensions == null ? 0 : d.suspensions),
      days: (d) => op.sum(d.days == null ? 0 : d.days),
      permanent: (d) => op.sum(d.permanent == null ? 0 : d.permanent),
    });
  bySchool(suspensions, "suspensions", ["n", "suspended", "suspensions", "days", "permanent"], out);
  return out;
}
