/**
 * Attendance per group over an academic year: attendance rate, persistent absence (≥ 10% of possible
 * sessions missed) and severe absence (≥ 50% missed), against national persistent-absence figures.
 */
import { z } from "zod";
import { DEFAULT_NATIONAL_FIGURES, type NationalFigures, type NationalGroup, nationalFigure } from "../../data/national.js";
import type { SchoolData } from "../schema/school-data.js";
import { Term } from "../schema/primitives.js";
import { NationalGap, nationalGap } from "../stats/national-gap.js";
import { censusStatusDate } from "./dates.js";
import { type GroupDimension, type PupilProfile, profileLookup, splitByGroup } from "./groups.js";
import { type AnalysisContext, type AnalysisInput, contextOf, derived, shareRows } from "./context.js";
import { proportionFigures, GROUP_CELL_KEY_FIELDS } from "./figures.js";

/** Persistent absence: missing this share of possible sessions or more (DfE). */
export const PERSISTENT_ABSENCE_THRESHOLD = 0.1;
/** Severe absence: missing this share of possible sessions or more (DfE). */
export const SEVERE_ABSENCE_THRESHOLD = 0.5;

/**
 * One group's attendance. `n` = pupils with possible sessions; `attendanceRate` = sessions attended ÷
 * sessions possible over the group (as the DfE's overall absence rate, weighted by sessions);
 * `count`/`rate`/`lower`/`upper` = persistently absent pupils; `severe…` = severely absent pupils.
 * @example
 * AttendanceCell.parse({ partition: "attendance|2024/25|senStatus", academicYear: "2024/25",
 *   dimension: "senStatus", group: "K", n: 8, possibleSessions: 2600, attendedSessions: 2380,
 *   attendanceRate: 0.915, count: 3, rate: 0.375, lower: 0.137, upper: 0.694, severeCount: 0,
 *   severeRate: 0, severeLower: 0, severeUpper: 0.324 })
 */
export const AttendanceCell = z.object({
  partition: z.string(),
  academicYear: z.string(),
  ...GROUP_CELL_KEY_FIELDS,
  n: z.number().int().nonnegative(),
  possibleSessions: z.number().int().nonnegative(),
  attendedSessions: z.number().int().nonnegative(),
  attendanceRate: z.number().nullable(),
  count: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  severeCount: z.number().int().nonnegative(),
  severeRate: z.number().nullable(),
  severeLower: z.number().nullable(),
  severeUpper: z.number().nullable(),
});
/** One group's attendance. */
export type AttendanceCell = z.infer<typeof AttendanceCell>;

/**
 * The attendance result: cells and the persistent-absence comparison with national for N, K, E and all.
 * @example
 * AttendanceByGroup.parse(attendanceByGroup(data, "2024/25"))
 */
export const AttendanceByGroup = z.object({
  academicYear: z.string(),
  terms: z.array(Term),
  statusDate: z.string(),
  cells: z.array(AttendanceCell),
  national: z.array(z.object({ group: z.string(), gap: NationalGap, note: z.string() })),
});
/** The attendance result. */
export type AttendanceByGroup = z.infer<typeof AttendanceByGroup>;

/** One pupil's sessions over the year (or the terms asked for). */
export interface PupilAttendance {
  /** The pupil. */
  pupilId: string;
  /** Possible sessions. */
  possible: number;
  /** Attended sessions. */
  attended: number;
  /** The pupil's profile on the status date. */
  profile: PupilProfile;
}

/**
 * Each pupil's possible and attended sessions summed over `academicYear` (only `terms`, when given), for
 * pupils with at least one possible session, with their profile on `statusDate`. Made once per context and
 * arguments (the report's attendance and its national comparison ask for the same sums).
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * pupilAttendance(data, "2024/25", "2025-01-16")[0] // => { pupilId: "…", possible: 380, attended: 351, profile: {…} }
 */
export function pupilAttendance(
  input: AnalysisInput<AttendanceData>,
  academicYear: string,
  statusDate: string,
  terms?: readonly string[],
): PupilAttendance[] {
  return contextOf(input).get(PUPIL_ATTENDANCE, academicYear, statusDate, terms).slice();
}

/** `pupilAttendance`'s sums, per academic year, status date and terms. */
const PUPIL_ATTENDANCE = derived("pupil attendance", sumAttendance);

/**
 * Gives the context of each share of `source` (some pupils' part of it, as `splitBySchool` makes: their pupil
 * records, SEN spells and attendance, each in `source`'s order) its pupils' part of `source`'s attendance sums
 * for these arguments (see `pupilAttendance`), instead of summing them again: a pupil's sums and order are the
 * same in both. Only for shares that use `source`'s profile look-up (`shareProfileLookup` returned true), so
 * each pupil's profile is the same one; a share that has the sums already keeps its own.
 * @param source the whole data's context
 * @param shares the parts' contexts by name, e.g. by school
 * @param shareOf the name of the part a pupil id belongs to
 * @example
 * const part = prepareAnalysis(data);
 * shareAttendance(prepareAnalysis(data), new Map([["all", part]]), () => "all", "2024/25", "2025-01-16");
 * pupilAttendance(part, "2024/25", "2025-01-16").length === pupilAttendance(data, "2024/25", "2025-01-16").length // => true
 */
export function shareAttendance(
  source: AnalysisContext<AttendanceData>,
  shares: ReadonlyMap<string, AnalysisContext<AttendanceData>>,
  shareOf: (pupilId: string) => string | undefined,
  academicYear: string,
  statusDate: string,
  terms?: readonly string[],
): void {
  shareRows(source, shares, shareOf, PUPIL_ATTENDANCE, academicYear, statusDate, terms);
}

/** The records attendance is worked out from. */
type AttendanceData = Pick<SchoolData, "pupils" | "senRegister" | "attendance">;

function sumAttendance(
  ctx: AnalysisContext<AttendanceData>,
  academicYear: string,
  statusDate: string,
  terms?: readonly string[],
): PupilAttendance[] {
  const data = ctx.data;
  // Each pupil's sessions summed, pupils in the order their first record appears.
  const sumsOf = new Map<string, { pupilId: string; possible: number; attended: number }>();
  for (let i = 0; i < data.attendance.length; i += 1) {
    const a = data.attendance[i]!;
    if (a.academicYear !== academicYear || (terms && !terms.includes(a.term))) continue;
    const sum = sumsOf.get(a.pupilId);
    if (sum === undefined) sumsOf.set(a.pupilId, { pupilId: a.pupilId, possible: a.possibleSessions, attended: a.attendedSessions });
    else {
      sum.possible += a.possibleSessions;
      sum.attended += a.attendedSessions;
    }
  }
  const at = profileLookup(ctx);
  return [...sumsOf.values()].flatMap((s) => {
    const profile = at(s.pupilId, statusDate, academicYear);
    return profile && s.possible > 0 ? [{ pupilId: s.pupilId, possible: s.possible, attended: s.attended, profile }] : [];
  });
}

/**
 * Sessions and absence counts of a group's pupils. The loop is a function of its own so that V8 compiles
 * `figures` whole, not from inside the loop without feedback for what follows it (which dropped back to the
 * interpreter on every call: 1,100 times on the 100,000-pupil benchmark).
 */
function sumSessions(rows: readonly PupilAttendance[]): { possible: number; attended: number; persistent: number; severe: number } {
  let possible = 0;
  let attended = 0;
  let persistent = 0;
  let severe = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    possible += r.possible;
    attended += r.attended;
    const missed = (r.possible - r.attended) / r.possible;
    if (missed >= PERSISTENT_ABSENCE_THRESHOLD) persistent += 1;
    if (missed >= SEVERE_ABSENCE_THRESHOLD) severe += 1;
  }
  return { possible, attended, persistent, severe };
}

function figures(rows: readonly PupilAttendance[], confidence: number) {
  const { possible, attended, persistent, severe } = sumSessions(rows);
  const pa = proportionFigures(persistent, rows.length, confidence);
  const sa = proportionFigures(severe, rows.length, confidence);
  return {
    n: rows.length, possibleSessions: possible, attendedSessions: attended,
    attendanceRate: possible > 0 ? attended / possible : null,
    count: pa.count, rate: pa.rate, lower: pa.lower, upper: pa.upper,
    severeCount: sa.count, severeRate: sa.rate, severeLower: sa.lower, severeUpper: sa.upper,
  };
}

/**
 * Attendance per group for an academic year: per dimension a total and one cell per group (partition
 * `attendance|<academicYear>|<dimension>`), and the persistent-absence rate of N, K, E and all pupils
 * against the national figures (which describe the autumn term only: pass `terms: ["autumn"]` for a like-for-
 * like comparison; the `note` says which terms were used). Groups are the pupils' profiles on `statusDate`.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `terms` (default all), `statusDate` (default 15 January of the year, near the spring
 *   census), `dimensions` (default `["senStatus", "senAny"]`), `national`, `confidence`
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @example
 * attendanceByGroup(data, "2024/25").cells.find((c) => c.group === "E")?.rate // => 0.308
 */
export function attendanceByGroup(
  input: AnalysisInput<AttendanceData>,
  academicYear: string,
  options: { terms?: readonly Term[]; statusDate?: string; dimensions?: readonly GroupDimension[]; national?: NationalFigures; confidence?: number } = {},
): AttendanceByGroup {
  const statusDate = options.statusDate ?? censusStatusDate(academicYear);
  const confidence = options.confidence ?? 0.95;
  const terms = options.terms ?? ["autumn", "spring", "summer"];
  const pupils = pupilAttendance(input, academicYear, statusDate, terms);
  const cells: AttendanceCell[] = [];
  for (const dimension of options.dimensions ?? ["senStatus", "senAny"]) {
    const partition = `attendance|${academicYear}|${dimension}`;
    cells.push({ partition, academicYear, dimension, group: "all", isTotal: true, ...figures(pupils, confidence) });
    if (dimension === "all") continue;
    for (const [group, rows] of splitByGroup(pupils, (r) => r.profile, dimension)) {
      cells.push({ partition, academicYear, dimension, group, ...figures(rows, confidence) });
    }
  }
  const note = `school: ${terms.join(", ")} ${academicYear}; national figures are for one autumn term`;
  const national: AttendanceByGroup["national"] = [];
  for (const group of ["N", "K", "E", "all"] as const satisfies readonly NationalGroup[]) {
    const fig = nationalFigure("persistentAbsence", group, null, options.national ?? DEFAULT_NATIONAL_FIGURES);
    if (!fig) continue;
    const rows = group === "all" ? pupils : pupils.filter((p) => p.profile.senStatus === group);
    const f = figures(rows, confidence);
    national.push({ group, gap: nationalGap(f.count, f.n, fig, { confidence }), note });
  }
  return { academicYear, terms: [...terms], statusDate, cells, national };
}
