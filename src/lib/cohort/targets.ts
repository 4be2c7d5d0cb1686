/**
 * Targets: the share of each group on track for its targets, and the pupils off track (for the SENCO).
 */
import { z } from "zod";
import { pupilLevelList } from "../schema/cells.js";
import type { SchoolData } from "../schema/school-data.js";
import type { Assessment, PupilTarget } from "../schema/records.js";
import { Subject } from "../schema/primitives.js";
import { type GroupDimension, profileLookup, pupilRecordLookup, splitByGroup } from "./groups.js";
import { proportionFigures, GROUP_CELL_KEY_FIELDS, ProportionFigures } from "./figures.js";
import { teacherAssessmentRank } from "./thresholds.js";
import { type AnalysisInput, analysisDate, contextOf } from "./context.js";

/**
 * One group's targets in one subject: `n` = targets with a result to judge them by (one per pupil, subject
 * and measure), `count`/`rate`/`lower`/`upper` = on track.
 * @example
 * TargetCell.parse({ partition: "targets|2025-03-31|reading|senStatus", asOf: "2025-03-31",
 *   subject: "reading", dimension: "senStatus", group: "K", n: 4, count: 3, rate: 0.75, lower: 0.3,
 *   upper: 0.95 })
 */
export const TargetCell = z.object({
  partition: z.string(),
  asOf: z.string(),
  subject: Subject,
  ...GROUP_CELL_KEY_FIELDS,
  ...ProportionFigures.shape,
});
/** One group's targets in one subject. */
export type TargetCell = z.infer<typeof TargetCell>;

/**
 * A pupil off track for a target, or with no result to judge it by (for the SENCO only).
 * @example
 * OffTrackPupil.parse({ pupilId: "A1", forename: "Ada", surname: "Lee", subject: "reading",
 *   measure: "standardised", target: "95", latest: "88", latestDate: "2025-03-14", status: "off track" })
 */
export const OffTrackPupil = z.object({
  pupilId: z.string(),
  forename: z.string(),
  surname: z.string(),
  subject: Subject,
  measure: z.string(),
  target: z.string(),
  latest: z.string().nullable(),
  latestDate: z.string().nullable(),
  status: z.enum(["off track", "no result"]),
});
/** A pupil off track for a target. */
export type OffTrackPupil = z.infer<typeof OffTrackPupil>;

/**
 * The targets result (see `targetsOnTrack`).
 * @example
 * TargetsOnTrack.parse(targetsOnTrack(data, "2025-03-31"))
 */
export const TargetsOnTrack = z.object({
  asOf: z.string(),
  cells: z.array(TargetCell),
  offTrack: pupilLevelList(OffTrackPupil),
});
/** The targets result. */
export type TargetsOnTrack = z.infer<typeof TargetsOnTrack>;

function targetMeasure(t: PupilTarget): string {
  return t.measure ?? (t.targetGrade !== null ? "teacherAssessment" : "");
}

/**
 * Whether `a` is a later result for a target than `best` (the latest so far, results taken in data order): a
 * result on or before `asOf` in the target's subject and measure (`measure`, see `targetMeasure`) with a score,
 * or a ranked grade for teacher assessment, dated on or after `best`.
 */
function isLaterResult(a: Assessment, t: PupilTarget, measure: string, asOf: string, best: Assessment | null): boolean {
  if (a.subject !== t.subject || a.measure !== measure || a.date > asOf) return false;
  const has = a.measure === "teacherAssessment" ? teacherAssessmentRank(a.grade) !== null : a.score !== null;
  return has && (best === null || a.date >= best.date);
}

function onTrack(t: PupilTarget, a: Assessment): boolean | null {
  if (t.targetScore !== null && a.score !== null) return a.score >= t.targetScore;
  const want = teacherAssessmentRank(t.targetGrade);
  const got = teacherAssessmentRank(a.grade);
  return want !== null && got !== null ? got >= want : null;
}

/**
 * Whether each pupil is on track for each target on `asOf`: the latest result on or before `asOf` in the
 * target's subject and measure (teacher assessment when the target is a grade with no measure) is compared
 * with the target: score ≥ `targetScore`, or grade rank ≥ the rank of `targetGrade`. Per subject and
 * dimension a total and one cell per group (partition `targets|<asOf>|<subject>|<dimension>`), groups on
 * `asOf`; only pupils on roll on `asOf`. Targets with no result yet are not in `n` but are listed as
 * "no result" in the pupil-level list, with the pupils off track.
 * @param input the data, or its analysis context (`prepareAnalysis`)
 * @param asOf the date (yyyy-mm-dd); default the context's (`analysisDate`: its `asOf`, or for plain data
 *   `defaultAsOf`)
 * @param options `dimensions` (default `["senStatus"]`), `confidence` (default 0.95)
 * @example
 * targetsOnTrack(data, "2025-03-31").offTrack.rows.length // => 95
 * targetsOnTrack(prepareAnalysis(data, { asOf: "2025-03-31" })).offTrack.rows.length // => 95
 */
export function targetsOnTrack(
  input: AnalysisInput<Pick<SchoolData, "pupils" | "senRegister" | "assessments" | "targets">>,
  asOf?: string,
  options: { dimensions?: readonly GroupDimension[]; confidence?: number } = {},
): TargetsOnTrack {
  const ctx = contextOf(input);
  asOf = analysisDate(ctx, asOf);
  const data = ctx.data;
  const confidence = options.confidence ?? 0.95;
  const at = profileLookup(ctx);
  // Each target's latest result, in one pass over the results in data order (most pupils have no target).
  const { targets } = data;
  const targetsOf = new Map<string, number[]>();
  targets.forEach((t, k) => {
    const list = targetsOf.get(t.pupilId);
    if (list === undefined) targetsOf.set(t.pupilId, [k]);
    else list.push(k);
  });
  // The pupils' records, for their names: the profile index's (for an id given twice, the last record, as a map
  // of the pupils would keep), not a pass over every pupil.
  const pupils = pupilRecordLookup(ctx);
  const measures = targets.map(targetMeasure);
  const latest: Array<Assessment | null> = targets.map(() => null);
  // A pupil's results mostly come one after another: one look-up per run of them (2.5 million on a trust).
  let lastId: string | null = null;
  let mine: number[] | undefined;
  for (let i = 0; i < data.assessments.length; i += 1) {
    const a = data.assessments[i]!;
    if (a.pupilId !== lastId) {
      lastId = a.pupilId;
      mine = targetsOf.get(lastId);
    }
    if (mine === undefined) continue;
    for (const k of mine) if (isLaterResult(a, targets[k]!, measures[k]!, asOf, latest[k] ?? null)) latest[k] = a;
  }
  const judged: Array<{ subject: PupilTarget["subject"]; ok: boolean; profile: NonNullable<ReturnType<typeof at>> }> = [];
  const offTrack: OffTrackPupil[] = [];
  for (let k = 0; k < targets.length; k += 1) {
    const t = targets[k]!;
    const profile = at(t.pupilId, asOf);
    if (!profile || !profile.onRoll) continue;
    const pupil = pupils(t.pupilId);
    const a = latest[k] ?? null;
    // Each row written out whole (not a spread plus more fields), so all rows share one V8 hidden class.
    const offTrackRow = (latest: string | null, latestDate: string | null, status: OffTrackPupil["status"]): OffTrackPupil => ({
      pupilId: t.pupilId, forename: pupil?.forename ?? "", surname: pupil?.surname ?? "", subject: t.subject,
      measure: targetMeasure(t), target: t.targetScore !== null ? String(t.targetScore) : (t.targetGrade ?? ""),
      latest, latestDate, status,
    });
    const ok = a ? onTrack(t, a) : null;
    if (a === null || ok === null) {
      offTrack.push(offTrackRow(null, null, "no result"));
      continue;
    }
    judged.push({ subject: t.subject, ok, profile });
    if (!ok) offTrack.push(offTrackRow(a.score !== null ? String(a.score) : a.grade, a.date, "off track"));
  }
  const cells: TargetCell[] = [];
  const subjects = [...new Set(judged.map((j) => j.subject))];
  for (const subject of subjects) {
    const rows = judged.filter((j) => j.subject === subject);
    const figures = (xs: typeof rows) => proportionFigures(xs.filter((x) => x.ok).length, xs.length, confidence);
    for (const dimension of options.dimensions ?? ["senStatus"]) {
      const partition = `targets|${asOf}|${subject}|${dimension}`;
      cells.push({ partition, asOf, subject, dimension, group: "all", isTotal: true, ...figures(rows) });
      if (dimension === "all") continue;
      for (const [group, xs] of splitByGroup(rows, (r) => r.profile, dimension)) {
        cells.push({ partition, asOf, subject, dimension, group, ...figures(xs) });
      }
    }
  }
  return { asOf, cells, offTrack: { pupilLevel: true, rows: offTrack } };
}
