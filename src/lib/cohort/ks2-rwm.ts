/**
 * KS2 reading, writing and maths combined: the share of Year 6 pupils at the expected standard in all three.
 */
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import type { Assessment } from "../schema/records.js";
import { type AnalysisContext, type AnalysisInput, contextOf, derived, shareRows } from "./context.js";
import { type GroupDimension, type PupilProfile, profileLookup, splitByGroup } from "./groups.js";
import { proportionFigures, GROUP_CELL_KEY_FIELDS, ProportionFigures } from "./figures.js";
import { yearGroupIn } from "./pupil-facts.js";
import { teacherAssessmentRank } from "./thresholds.js";
import { TEACHER_ASSESSMENT_RANK } from "../../data/codes.js";

type Ks2Slot = "reading" | "writing" | "maths";

/** The records KS2 results are worked out from. */
type Ks2Data = Pick<SchoolData, "pupils" | "senRegister" | "assessments">;

function ks2Slot(a: Pick<Assessment, "subject" | "measure">): Ks2Slot | null {
  return a.subject === "reading" && a.measure === "scaled" ? "reading"
    : a.subject === "writing" && a.measure === "teacherAssessment" ? "writing"
      : a.subject === "maths" && a.measure === "scaled" ? "maths" : null;
}

/** The summer reading scaled, writing teacher-assessment and maths scaled results by academic year, in order. */
const KS2_ROWS = derived("ks2-rwm rows", (ctx: AnalysisContext<Ks2Data>) => {
  const assessments = ctx.data.assessments;
  const byYear = new Map<string, Assessment[]>();
  for (let i = 0; i < assessments.length; i += 1) {
    const a = assessments[i]!;
    if (a.term !== "summer" || ks2Slot(a) === null) continue;
    const list = byYear.get(a.academicYear);
    if (list === undefined) byYear.set(a.academicYear, [a]);
    else list.push(a);
  }
  return byYear;
});

/**
 * The academic years with a summer KS2 result (reading or maths scaled score, writing teacher assessment),
 * in order: the only years `ks2RwmResults` can find pupils in.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @example
 * ks2ResultYears(data) // => ["2023/24", "2024/25", "2025/26"]
 */
export function ks2ResultYears(input: AnalysisInput<Ks2Data>): string[] {
  return [...contextOf(input).get(KS2_ROWS).keys()].sort();
}

/** The Year 6 pupils' KS2 outcomes of an academic year (see `ks2RwmResults`). */
const KS2_RESULTS = derived("ks2 RWM results", (ctx: AnalysisContext<Ks2Data>, academicYear: string) => findKs2RwmResults(ctx, academicYear));

/**
 * Gives the context of each share of `source` (some pupils' part of it, as `splitBySchool` makes: their pupil
 * records, SEN spells and results, each in `source`'s order) its pupils' part of `source`'s KS2 outcomes for
 * each of `academicYears` (see `ks2RwmResults`), instead of working them out again: a pupil's outcome and the
 * pupils' order are the same in both. Only for shares that use `source`'s profile look-up
 * (`shareProfileLookup` returned true), so each pupil's profile is the same one.
 * @param source the whole data's context
 * @param shares the parts' contexts by name, e.g. by school
 * @param shareOf the name of the part a pupil id belongs to
 * @throws {InvalidArgumentError} when an academic year is malformed
 * @example
 * const part = prepareAnalysis(data);
 * shareKs2Results(prepareAnalysis(data), new Map([["all", part]]), () => "all", ["2024/25"]);
 * ks2RwmResults(part, "2024/25").length === ks2RwmResults(data, "2024/25").length // => true
 */
export function shareKs2Results(
  source: AnalysisContext<Ks2Data>,
  shares: ReadonlyMap<string, AnalysisContext<Ks2Data>>,
  shareOf: (pupilId: string) => string | undefined,
  academicYears: readonly string[],
): void {
  for (const academicYear of academicYears) shareRows(source, shares, shareOf, KS2_RESULTS, academicYear);
}

/** One Year 6 pupil's combined KS2 outcome. */
export interface RwmResult {
  /** The pupil. */
  pupilId: string;
  /** Reading scaled ≥ 100, writing teacher assessment EXS or GDS, and maths scaled ≥ 100. */
  met: boolean;
  /** The pupil's profile on the date of the latest of the three results. */
  profile: PupilProfile;
}

/**
 * One group's KS2 RWM figures: `n` Year 6 pupils with a KS2 result, `count` at the expected standard in all
 * three, `rate` with its Wilson interval.
 * @example
 * RwmCell.parse({ partition: "ks2-rwm|2024/25|senAny", academicYear: "2024/25", dimension: "senAny",
 *   group: "SEN", n: 4, count: 1, rate: 0.25, lower: 0.046, upper: 0.699 })
 */
export const RwmCell = z.object({
  partition: z.string(),
  academicYear: z.string(),
  ...GROUP_CELL_KEY_FIELDS,
  ...ProportionFigures.shape,
});
/** One group's KS2 RWM figures. */
export type RwmCell = z.infer<typeof RwmCell>;

/**
 * The Year 6 pupils of `academicYear` (by `yearGroupIn`) with at least one summer KS2 result that year
 * (reading scaled score, writing teacher assessment, maths scaled score), each marked `met` when reading ≥ 100,
 * writing is EXS or GDS and maths ≥ 100. A missing or unranked result (absent, disapplied) counts as not
 * met, as in the DfE's measure where such pupils stay in the denominator. Made once per context and year.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @example
 * ks2RwmResults(data, "2024/25").filter((r) => r.met).length // => 41
 */
export function ks2RwmResults(input: AnalysisInput<Ks2Data>, academicYear: string): RwmResult[] {
  // Cells, gaps, national comparisons and each school's section ask for the same year: made once per context.
  const ctx = contextOf(input);
  return ctx.get(KS2_RESULTS, academicYear).slice();
}

function findKs2RwmResults(ctx: AnalysisContext<Ks2Data>, academicYear: string): RwmResult[] {
  const data = ctx.data;
  const y6 = new Set(data.pupils.filter((p) => yearGroupIn(p, academicYear) === 6).map((p) => p.pupilId));
  const found = new Map<string, { reading: number | null; writing: number | null; maths: number | null; date: string }>();
  const rows = ctx.get(KS2_ROWS).get(academicYear) ?? [];
  for (let i = 0; i < rows.length; i += 1) {
    const a = rows[i]!;
    if (!y6.has(a.pupilId)) continue;
    const slot = ks2Slot(a);
    if (slot === null) continue;
    let entry = found.get(a.pupilId);
    if (entry === undefined) found.set(a.pupilId, (entry = { reading: null, writing: null, maths: null, date: a.date }));
    entry[slot] = slot === "writing" ? teacherAssessmentRank(a.grade) : a.score;
    if (a.date > entry.date) entry.date = a.date;
  }
  const at = profileLookup(ctx);
  const exs = TEACHER_ASSESSMENT_RANK.EXS ?? 9;
  const out: RwmResult[] = [];
  for (const [pupilId, r] of found) {
    const profile = at(pupilId, r.date, academicYear);
    if (!profile) continue;
    const met = r.reading !== null && r.reading >= 100 && r.writing !== null && r.writing >= exs && r.maths !== null && r.maths >= 100;
    out.push({ pupilId, met, profile });
  }
  return out;
}

/**
 * KS2 RWM cells for `academicYear`: per dimension a total cell (`isTotal`, group `all`) and one per group,
 * sharing the partition `ks2-rwm|<academicYear>|<dimension>`. See `ks2RwmResults` for who counts.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `dimensions` (default `["senStatus", "senAny"]`), `confidence` (default 0.95)
 * @throws {InvalidArgumentError} when `academicYear` is malformed
 * @example
 * ks2Rwm(data, "2024/25").find((c) => c.dimension === "senAny" && c.group === "SEN")?.rate // => 0.2
 */
export function ks2Rwm(
  input: AnalysisInput<Ks2Data>,
  academicYear: string,
  options: { dimensions?: readonly GroupDimension[]; confidence?: number } = {},
): RwmCell[] {
  const results = ks2RwmResults(input, academicYear);
  const confidence = options.confidence ?? 0.95;
  const cells: RwmCell[] = [];
  const figures = (rows: readonly RwmResult[]) => proportionFigures(rows.filter((r) => r.met).length, rows.length, confidence);
  for (const dimension of options.dimensions ?? ["senStatus", "senAny"]) {
    const partition = `ks2-rwm|${academicYear}|${dimension}`;
    cells.push({ partition, academicYear, dimension, group: "all", isTotal: true, ...figures(results) });
    if (dimension === "all") continue;
    for (const [group, rows] of splitByGroup(results, (r) => r.profile, dimension)) {
      cells.push({ partition, academicYear, dimension, group, ...figures(rows) });
    }
  }
  return cells;
}
