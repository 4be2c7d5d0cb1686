/**
 * Suspensions and permanent exclusions per group over an academic year.
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import { academicYearBounds, censusStatusDate } from "./dates.js";
import { type GroupDimension, type PupilProfile, profileLookup, splitByGroup } from "./groups.js";
import { isOnRollDuring } from "./pupil-facts.js";
import { proportionFigures, GROUP_CELL_KEY_FIELDS, ProportionFigures } from "./figures.js";
import { type AnalysisInput, contextOf } from "./context.js";

/**
 * One group's suspensions. `n` = pupils on roll at any time in the year; `count`/`rate`/`lower`/`upper` =
 * pupils with at least one suspension (rate with its Wilson interval); `suspensions` = number of
 * suspensions; `days` = total days (suspensions with no days recorded add none); `permanentExclusions` =
 * pupils permanently excluded.
 * @example
 * SuspensionCell.parse({ partition: "suspensions|2024/25|senStatus", academicYear: "2024/25",
 *   dimension: "senStatus", group: "E", n: 3, count: 1, rate: 0.333, lower: 0.06, upper: 0.79,
 *   suspensions: 2, days: 3.5, permanentExclusions: 0 })
 */
export const SuspensionCell = z.object({
  partition: z.string(),
  academicYear: z.string(),
  ...GROUP_CELL_KEY_FIELDS,
  ...ProportionFigures.shape,
  suspensions: z.number().int().nonnegative(),
  days: z.number().nonnegative(),
  permanentExclusions: z.number().int().nonnegative(),
});
/** One group's suspensions. */
export type SuspensionCell = z.infer<typeof SuspensionCell>;

/**
 * Suspensions per group in `academicYear` (by start date, 1 September to 31 August): per dimension a total
 * and one cell per group (partition `suspensions|<academicYear>|<dimension>`). The cohort is every pupil on
 * roll at any time in the year; groups are profiles on `statusDate`.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `statusDate` (default 15 January of the year), `dimensions` (default
 *   `["senStatus", "senAny"]`), `confidence` (default 0.95)
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @example
 * suspensionsByGroup(data, "2024/25").find((c) => c.isTotal)?.days // => 10
 */
export function suspensionsByGroup(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "suspensions">>,
  academicYear: string,
  options: { statusDate?: string; dimensions?: readonly GroupDimension[]; confidence?: number } = {},
): SuspensionCell[] {
  const ctx = contextOf(input);
  const data = ctx.data;
  const { start, end } = academicYearBounds(academicYear);
  const statusDate = options.statusDate ?? censusStatusDate(academicYear);
  const confidence = options.confidence ?? 0.95;
  const at = profileLookup(ctx);
  // Each pupil's suspensions in the year, in data order (one pass, not one scan per pupil).
  const inYearOf = new Map<string, SchoolData["suspensions"]>();
  for (const s of data.suspensions) {
    if (s.startDate < start || s.startDate > end) continue;
    const list = inYearOf.get(s.pupilId);
    if (list) list.push(s);
    else inYearOf.set(s.pupilId, [s]);
  }
  const none: SchoolData["suspensions"] = [];
  const cohort: Array<{ profile: PupilProfile; mine: SchoolData["suspensions"] }> = [];
  for (let i = 0; i < data.pupils.length; i++) {
    const p = data.pupils[i]!;
    if (!isOnRollDuring(p, academicYear)) continue;
    const profile = at(p.pupilId, statusDate, academicYear);
    if (profile) cohort.push({ profile, mine: inYearOf.get(p.pupilId) ?? none });
  }
  // One pass per group, counting as it goes (no lists per pupil: most pupils have no suspension). Days are
  // summed per pupil, then over the pupils, in the same order as before.
  const figures = (rows: typeof cohort) => {
    let suspended = 0;
    let suspensions = 0;
    let days = 0;
    let permanentExclusions = 0;
    for (let i = 0; i < rows.length; i++) {
      const mine = rows[i]!.mine;
      if (mine.length === 0) continue;
      let fixedTerm = 0;
      let ownDays = 0;
      let permanent = false;
      for (const x of mine) {
        if (x.permanent) permanent = true;
        else {
          fixedTerm += 1;
          ownDays += x.days ?? 0;
        }
      }
      if (fixedTerm > 0) suspended += 1;
      suspensions += fixedTerm;
      days += ownDays;
      if (permanent) permanentExclusions += 1;
    }
    return { ...proportionFigures(suspended, rows.length, confidence), suspensions, days, permanentExclusions };
  };
  const cells: SuspensionCell[] = [];
  for (const dimension of options.dimensions ?? ["senStatus", "senAny"]) {
    const partition = `suspensions|${academicYear}|${dimension}`;
    cells.push({ partition, academicYear, dimension, group: "all", isTotal: true, ...figures(cohort) });
    if (dimension === "all") continue;
    for (const [group, rows] of splitByGroup(cohort, (r) => r.profile, dimension)) {
      cells.push({ partition, academicYear, dimension, group, ...figures(rows) });
    }
  }
  return cells;
}
