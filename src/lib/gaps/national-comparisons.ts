/**
 * The school's figures for each group against the national figures for the same group: phonics, KS2 RWM,
 * persistent absence and the share of pupils with SEN.
 */
import { z } from "zod";
import { DEFAULT_NATIONAL_FIGURES, NationalGroup, NationalMeasure, type NationalFigures, nationalFigure } from "../../data/national.js";
import type { SchoolData } from "../schema/school-data.js";
import { academicYearBounds } from "../cohort/dates.js";
import { profiledResults } from "../cohort/results.js";
import { ks2RwmResults } from "../cohort/ks2-rwm.js";
import { attendanceByGroup } from "../cohort/attendance.js";
import { identification } from "../cohort/identification.js";
import { MEASURE_THRESHOLDS } from "../cohort/thresholds.js";
import { NationalGap, nationalGap } from "../stats/national-gap.js";
import { type AnalysisInput, contextOf } from "../cohort/context.js";

/**
 * One school figure against national. `note` says what the school figure covers.
 * @example
 * NationalComparison.parse({ measure: "phonicsMet", group: "K", academicYear: "2024/25", gap: { … },
 *   note: "Year 1 pupils with a phonics mark in summer 2024/25" })
 */
export const NationalComparison = z.object({
  measure: NationalMeasure,
  group: NationalGroup,
  academicYear: z.string(),
  gap: NationalGap,
  note: z.string(),
});
/** One school figure against national. */
export type NationalComparison = z.infer<typeof NationalComparison>;

type Status = "N" | "K" | "E";
function inGroup(status: Status, group: NationalGroup): boolean {
  return group === "all" ? true : group === "SEN" ? status !== "N" : status === group;
}

/**
 * Every comparison with national that the data supports for `academicYear`, for each group the national
 * figures have: `phonicsMet` (Year 1 phonics marks in the summer term, ≥ 32; SEN status on the check's
 * date), `ks2Rwm` (Year 6, see `ks2RwmResults`), `persistentAbsence` (all terms of the year; the national
 * figure is one autumn term, as the note says) and `senShare` (pupils on roll on `censusDate`). Each gap is
 * the school rate − national rate with the school's Wilson interval shifted (see `nationalGap`). Measures
 * with no pupils in the data are left out.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `censusDate` for `senShare` (default 16 January of the year), `national` (default
 *   `DEFAULT_NATIONAL_FIGURES`), `confidence` (default 0.95)
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @example
 * nationalComparisons(data, "2024/25").find((c) => c.measure === "phonicsMet" && c.group === "K")?.gap.band
 * // => "close to"
 */
export function nationalComparisons(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments" | "attendance">>,
  academicYear: string,
  options: { censusDate?: string; national?: NationalFigures; confidence?: number } = {},
): NationalComparison[] {
  const ctx = contextOf(input);
  const figures = options.national ?? DEFAULT_NATIONAL_FIGURES;
  const confidence = options.confidence ?? 0.95;
  const out: NationalComparison[] = [];
  const push = (measure: NationalMeasure, rows: ReadonlyArray<{ status: Status; met: boolean }>, note: string) => {
    if (rows.length === 0) return;
    for (const group of ["N", "K", "E", "SEN", "all"] as const) {
      const fig = nationalFigure(measure, group, null, figures);
      if (!fig) continue;
      const mine = rows.filter((r) => inGroup(r.status, group));
      out.push({ measure, group, academicYear, gap: nationalGap(mine.filter((r) => r.met).length, mine.length, fig, { confidence }), note });
    }
  };
  const threshold = MEASURE_THRESHOLDS.phonicsMark.expected ?? 32;
  const phonics = profiledResults(ctx, { academicYears: [academicYear], measures: ["phonicsMark"], terms: ["summer"] })
    .filter((r) => r.profile.yearGroup === 1)
    .map((r) => ({ status: r.profile.senStatus, met: r.value >= threshold }));
  push("phonicsMet", phonics, `Year 1 pupils with a phonics mark in summer ${academicYear}`);
  const rwm = ks2RwmResults(ctx, academicYear).map((r) => ({ status: r.profile.senStatus, met: r.met }));
  push("ks2Rwm", rwm, `Year 6 pupils with a KS2 result in summer ${academicYear}`);
  const att = attendanceByGroup(ctx, academicYear, { national: figures, confidence, dimensions: ["all"] });
  for (const n of att.national) {
    if (att.cells[0]?.n) out.push({ measure: "persistentAbsence", group: n.group as NationalGroup, academicYear, gap: n.gap, note: n.note });
  }
  const censusDate = options.censusDate ?? `${academicYearBounds(academicYear).end.slice(0, 4)}-01-16`;
  const id = identification(ctx, censusDate, { national: figures, confidence });
  if (id.onRoll > 0) {
    for (const x of id.national.filter((y) => y.measure === "senShare")) {
      out.push({ measure: "senShare", group: x.group as NationalGroup, academicYear, gap: x.gap, note: `pupils on roll on ${censusDate}` });
    }
  }
  return out;
}
