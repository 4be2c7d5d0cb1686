/**
 * Progress of pupils working below the curriculum (engagement model or pre-key-stage standards PK1–PK6):
 * steps moved on the teacher-assessment scale between two summers.
 */
import { z } from "zod";
import { TEACHER_ASSESSMENT_RANK } from "../../data/codes.js";
import { pupilLevelList } from "../schema/cells.js";
import type { SchoolData } from "../schema/school-data.js";
import { SenStatus, Subject } from "../schema/primitives.js";
import { type GroupDimension, splitByGroup } from "./groups.js";
import { GROUP_CELL_KEY_FIELDS, ProgressFigures, meanFigures, proportionFigures } from "./figures.js";
import { type NumberedResults, type ProfiledResult, numberedProfiledResults } from "./results.js";
import { groupResults } from "./attainment.js";
import { type AnalysisInput, contextOf } from "./context.js";

/** The highest rank that counts as working below the curriculum: PK6. */
export const BELOW_CURRICULUM_MAX_RANK = TEACHER_ASSESSMENT_RANK.PK6 ?? 6;

/**
 * One group's steps moved: `n` pupils below the curriculum at the first summer with a result at both,
 * `mean…` mean steps moved (rank difference on `TEACHER_ASSESSMENT_RANK`: EM 0, PK1 1 … PK6 6, HNM 7, WTS 8,
 * EXS 9, GDS 10) with its t interval, `count`/`rate` those who moved up at least one step.
 * @example
 * BelowCurriculumCell.parse({ partition: "below-curriculum|2023/24|2024/25|writing|senStatus",
 *   fromYear: "2023/24", toYear: "2024/25", subject: "writing", dimension: "senStatus", group: "E", n: 2,
 *   mean: 1.5, meanLower: -4.85, meanUpper: 7.85, count: 2, rate: 1, lower: 0.34, upper: 1 })
 */
export const BelowCurriculumCell = z.object({
  partition: z.string(),
  fromYear: z.string(),
  toYear: z.string(),
  subject: Subject,
  ...GROUP_CELL_KEY_FIELDS,
  ...ProgressFigures.shape,
});
/** One group's steps moved below the curriculum. */
export type BelowCurriculumCell = z.infer<typeof BelowCurriculumCell>;

/**
 * One pupil's steps (for the SENCO only).
 * @example
 * BelowCurriculumPupil.parse({ pupilId: "A1", senStatus: "E", subject: "writing", fromGrade: "PK2",
 *   toGrade: "PK4", steps: 2 })
 */
export const BelowCurriculumPupil = z.object({
  pupilId: z.string(),
  senStatus: SenStatus,
  subject: Subject,
  fromGrade: z.string(),
  toGrade: z.string(),
  steps: z.number().int(),
});
/** One pupil's steps below the curriculum. */
export type BelowCurriculumPupil = z.infer<typeof BelowCurriculumPupil>;

/**
 * The below-curriculum progress result (see `belowCurriculumProgress`).
 * @example
 * BelowCurriculumProgress.parse(belowCurriculumProgress(data, { fromYear: "2023/24", toYear: "2024/25" }))
 */
export const BelowCurriculumProgress = z.object({
  fromYear: z.string(),
  toYear: z.string(),
  cells: z.array(BelowCurriculumCell),
  pupils: pupilLevelList(BelowCurriculumPupil),
});
/** The below-curriculum progress result. */
export type BelowCurriculumProgress = z.infer<typeof BelowCurriculumProgress>;

/**
 * Steps moved by pupils working below the curriculum: pupils whose summer teacher assessment in `fromYear`
 * is EM/BLW or PK1–PK6 (rank ≤ `BELOW_CURRICULUM_MAX_RANK`) and who have a ranked summer teacher assessment
 * in the same subject in `toYear`. Per subject and dimension, a total and one cell per group (partition
 * `below-curriculum|<fromYear>|<toYear>|<subject>|<dimension>`), and the pupil-level list. Groups are
 * taken on the date of the later result.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param options `fromYear`, `toYear` academic years; `dimensions` (default `["senStatus"]`); `confidence`
 * @example
 * belowCurriculumProgress(data, { fromYear: "2023/24", toYear: "2024/25" }).cells[0]?.mean // => -0.2
 */
export function belowCurriculumProgress(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments">>,
  options: { fromYear: string; toYear: string; dimensions?: readonly GroupDimension[]; confidence?: number },
): BelowCurriculumProgress {
  const ctx = contextOf(input);
  const { fromYear, toYear } = options;
  const confidence = options.confidence ?? 0.95;
  const numbered = numberedProfiledResults(ctx, { academicYears: [fromYear, toYear], terms: ["summer"], measures: ["teacherAssessment"] });
  const { rows: results, pupilOfRow } = numbered;
  const start = startsByPupil(numbered, fromYear);
  const rows: Array<{ from: ProfiledResult; to: ProfiledResult; steps: number }> = [];
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as ProfiledResult;
    if (r.academicYear !== toYear) continue;
    const a = sameSubject(start[pupilOfRow[i] as number], r);
    if (a !== undefined && a.value <= BELOW_CURRICULUM_MAX_RANK) rows.push({ from: a, to: r, steps: r.value - a.value });
  }
  const cells: BelowCurriculumCell[] = [];
  const figures = (xs: ReadonlyArray<{ steps: number }>) => {
    const p = proportionFigures(xs.filter((x) => x.steps >= 1).length, xs.length, confidence);
    return { n: xs.length, ...meanFigures(xs.map((x) => x.steps), confidence), count: p.count, rate: p.rate, lower: p.lower, upper: p.upper };
  };
  for (const group of groupResults(rows, (r) => r.to.subject).values()) {
    const subject = group[0]?.to.subject;
    if (!subject) continue;
    for (const dimension of options.dimensions ?? ["senStatus"]) {
      const partition = `below-curriculum|${fromYear}|${toYear}|${subject}|${dimension}`;
      cells.push({ partition, fromYear, toYear, subject, dimension, group: "all", isTotal: true, ...figures(group) });
      if (dimension === "all") continue;
      for (const [g, members] of splitByGroup(group, (r) => r.to.profile, dimension)) {
        cells.push({ partition, fromYear, toYear, subject, dimension, group: g, ...figures(members) });
      }
    }
  }
  return {
    fromYear, toYear, cells,
    pupils: {
      pupilLevel: true,
      rows: rows.map((r) => ({
        pupilId: r.to.pupilId, senStatus: r.to.profile.senStatus, subject: r.to.subject,
        fromGrade: r.from.grade ?? "", toGrade: r.to.grade ?? "", steps: r.steps,
      })),
    },
  };
}

/**
 * Each pupil's results in `academicYear`, the last one per subject, by the pupil's number: a short list per
 * pupil searched by subject, in place of a key string per result or a map keyed by pupil id.
 */
function startsByPupil(numbered: NumberedResults, academicYear: string): Array<ProfiledResult[] | undefined> {
  const { rows: results, pupilOfRow } = numbered;
  const byPupil = new Array<ProfiledResult[] | undefined>(numbered.pupils).fill(undefined);
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as ProfiledResult;
    if (r.academicYear !== academicYear) continue;
    const pupil = pupilOfRow[i] as number;
    const list = byPupil[pupil];
    if (list === undefined) {
      byPupil[pupil] = [r];
      continue;
    }
    const at = list.findIndex((x) => x.subject === r.subject);
    if (at < 0) list.push(r);
    else list[at] = r;
  }
  return byPupil;
}

/** The result in `list` in the same subject as `r`, if any. */
function sameSubject(list: readonly ProfiledResult[] | undefined, r: ProfiledResult): ProfiledResult | undefined {
  return list?.find((x) => x.subject === r.subject);
}
