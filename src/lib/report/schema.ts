/**
 * The shape of the one sendscope report (`buildReport`, `sendscope analyse --json`): `meta` and one section
 * per analysis. `ReportContent` is the shape before disclosure control; `SendscopeReport` the shape after it
 * (every figure may be `null` with `suppressed: true`, pupil-level lists may be emptied), which is what
 * `buildReport` returns for every audience. A JSON Schema of `SendscopeReport` is committed as
 * `src/data/report.schema.json` (see `reportJsonSchema`).
 */
import { z } from "zod";
import { IsoDate, AcademicYear } from "../schema/primitives.js";
import { FileReport, Problem } from "../schema/report.js";
import { Identification } from "../cohort/identification.js";
import { AttainmentCell } from "../cohort/attainment.js";
import { RwmCell } from "../cohort/ks2-rwm.js";
import { Progress } from "../cohort/progress.js";
import { BelowCurriculumProgress } from "../cohort/below-curriculum.js";
import { AttendanceByGroup } from "../cohort/attendance.js";
import { SuspensionCell } from "../cohort/suspensions.js";
import { TargetsOnTrack } from "../cohort/targets.js";
import { EhcReviews } from "../cohort/ehc-reviews.js";
import { EhcRequests } from "../cohort/ehc-requests.js";
import { AttainmentGap, RwmGap } from "../gaps/attainment-gaps.js";
import { InterventionsReport } from "../interventions/schema.js";
import { ProvisionReport } from "../provision/schema.js";
import { ClassesAndCohorts } from "../gaps/classes.js";
import { GapTrendEntry, ReportNationalComparison } from "./comparisons.js";
import { SchoolSection } from "./per-school.js";
import { Audience } from "../disclosure/policy.js";
import { disclosedSchema } from "../disclosure/disclosed-schema.js";
import type { Disclosed } from "../disclosure/disclosed.js";
import { pupilLevelList } from "../schema/cells.js";

/** The version of the report's shape; raised when a field is removed or changes meaning. */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * What was imported: every file's report, row totals, problem counts by severity and by code, and the
 * problems themselves as a pupil-level list (their messages can name pupils, so governors get counts only).
 * @example
 * ImportSummary.shape.problemCounts.parse({ errors: 2, warnings: 5, byCode: [{ code: "upn-check-letter", severity: "error", count: 2 }] })
 */
export const ImportSummary = z.object({
  files: z.array(FileReport),
  rows: z.object({ read: z.number().int(), imported: z.number().int(), rejected: z.number().int() }),
  problemCounts: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    byCode: z.array(z.object({ code: z.string(), severity: z.enum(["error", "warning"]), count: z.number().int() })),
  }),
  problems: pupilLevelList(Problem),
});
/** What was imported. */
export type ImportSummary = z.infer<typeof ImportSummary>;

/**
 * A threshold the attainment figures count against, with the words every label uses: `expected` (what
 * `count`/`rate` count: results at or above it) and `higher` (`higherCount`/`higherRate`), each with exactly
 * what it counts. The standardised one is the report's option (`standardisedThreshold`).
 * @example
 * MeasureThreshold.parse({ measure: "standardised", expected: 85, expectedLabel: "a standardised score of 85 or more (average or above)",
 *   higher: 115, higherLabel: "a standardised score of 115 or more (above average)" })
 */
export const MeasureThreshold = z.object({
  measure: z.string(),
  expected: z.number().nullable(),
  expectedLabel: z.string().nullable(),
  higher: z.number().nullable(),
  higherLabel: z.string().nullable(),
});
/** A threshold the attainment figures count against. */
export type MeasureThreshold = z.infer<typeof MeasureThreshold>;

/**
 * The report's header. `generatedFor` is the date the figures describe (`asOf`; never the clock), with how it
 * was chosen; `pupilsOnRoll` the pupils counted (on roll on that date); `schoolName` the school's name, or a
 * trust's (`trustName`) for data of several schools; `dataSpan` the dates the data covers (see `dataSpan`);
 * `thresholds` what each attainment share counts.
 * @example
 * ReportMeta.shape.asOfSource.parse("latest assessment") // => "latest assessment"
 */
export const ReportMeta = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedFor: IsoDate,
  asOfSource: z.enum(["option", "latest assessment", "latest record"]),
  academicYear: AcademicYear,
  audience: Audience,
  disclosure: z.object({ threshold: z.number().int(), roundCountsTo: z.number().int().nullable() }),
  schoolName: z.string().nullable(),
  pupilsImported: z.number().int(),
  pupilsOnRoll: z.number().int(),
  dataSpan: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  thresholds: z.array(MeasureThreshold),
  import: ImportSummary,
});
/** The report's header. */
export type ReportMeta = z.infer<typeof ReportMeta>;

/**
 * The report before disclosure control. Sections:
 * - `identification`: SEN status and need mix on `generatedFor`, a year earlier, the change, against national.
 * - `attainment`: per subject, measure, assessment point and year group, by SEN status and SEN/no SEN, for
 *   results dated on or before `generatedFor`.
 * - `ks2Rwm`: KS2 reading, writing and maths combined, per academic year with KS2 results.
 * - `progress`: from the first to the last assessment point of `academicYear` (null when it has fewer than two).
 * - `belowCurriculum`: steps moved by pupils working below the curriculum, previous summer to this summer
 *   (null before there are two years of teacher assessment).
 * - `gaps`: `attainment`: SEN support, EHC plan and all SEN against no SEN, per attainment point (as
 *   `attainment`); `national`: each group against national for the same group in `academicYear` (phonics,
 *   KS2 RWM, persistent absence, SEN share); `ks2Rwm`: the KS2 RWM gap in school for each year with KS2
 *   results; `trends`: is the gap closing? (KS2 RWM, Y1 phonics, summer standardised reading and maths).
 * - `attendance`: attendance, persistent and severe absence by group in `academicYear`, against national;
 *   pupils grouped by SEN status on `statusDate` (15 January, the spring census, as DfE's statistics group them).
 * - `suspensions`: suspensions by group in `academicYear`, pupils grouped by SEN status on `statusDate` (15 January).
 * - `targets`: share of each group on track for its targets on `generatedFor`, and pupils off track.
 * - `reviews`: EHC plan annual reviews overdue and due in the next 60 days, by status, and the pupil list.
 * - `ehcRequests`: EHC needs assessment requests made in `academicYear` by the authority's decision on
 *   `generatedFor`, and each request open that day with its statutory clock (pupil-level); null when the
 *   folder holds no record of requests.
 * - `interventions`: intervention effectiveness (`analyseInterventions` on `generatedFor`).
 * - `provision`: the cost of the provision map against the £6,000 threshold (`analyseProvision` on
 *   `generatedFor`); each pupil's cost is a pupil-level list (SENCO only).
 * - `classes`: SEN pupils' progress by registration class within a year group, and each year group against the
 *   same year group in earlier years (`classesAndCohorts`; SENCO only: null for governors and the public).
 * - `schools`: one section per school when the data holds more than one (a trust or local authority);
 *   omitted for one school. The other sections are then the whole trust's.
 * @example
 * ReportContent.shape.meta === ReportMeta // => true
 */
export const ReportContent = z.object({
  meta: ReportMeta,
  identification: Identification,
  attainment: z.object({ cells: z.array(AttainmentCell) }),
  ks2Rwm: z.object({ cells: z.array(RwmCell) }),
  progress: Progress.nullable(),
  belowCurriculum: BelowCurriculumProgress.nullable(),
  gaps: z.object({
    attainment: z.array(AttainmentGap),
    national: z.array(ReportNationalComparison),
    ks2Rwm: z.array(RwmGap),
    trends: z.array(GapTrendEntry),
  }),
  attendance: AttendanceByGroup,
  suspensions: z.object({ academicYear: AcademicYear, statusDate: IsoDate, cells: z.array(SuspensionCell) }),
  targets: TargetsOnTrack,
  reviews: EhcReviews,
  ehcRequests: EhcRequests.nullable(),
  interventions: InterventionsReport,
  provision: ProvisionReport,
  classes: ClassesAndCohorts.nullable(),
  schools: z.array(SchoolSection).optional(),
});
/** The report before disclosure control. */
export type ReportContent = z.infer<typeof ReportContent>;

/** The one sendscope report, after disclosure control for its audience. */
export type SendscopeReport = Disclosed<ReportContent>;

/**
 * The zod schema of the one sendscope report after disclosure control: `ReportContent` widened by
 * `disclosedSchema` (any figure may be `null` with `suppressed: true` and a `suppressionReason`).
 * @example
 * SendscopeReport.parse(buildReport(data, { asOf: "2025-07-18", audience: "governors" })) // => the report
 */
export const SendscopeReport = disclosedSchema(ReportContent).meta({
  title: "SendscopeReport",
  description: "The one sendscope SEND report (sendscope analyse --json), after disclosure control for its audience.",
}) as z.ZodType<SendscopeReport>;

/**
 * The JSON Schema (draft 2020-12) of `SendscopeReport`, generated with zod's `z.toJSONSchema`; the committed
 * copy is `src/data/report.schema.json`, and a test checks it is up to date.
 * @example
 * reportJsonSchema().title // => "SendscopeReport"
 */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SendscopeReport, { unrepresentable: "any" }) as Record<string, unknown>;
}
