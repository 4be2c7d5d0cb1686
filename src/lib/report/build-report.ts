/**
 * `buildReport`: the whole analysis of one school's data as one JSON document, with disclosure control for
 * its audience.
 */
import type { SchoolData } from "../schema/school-data.js";
import { InvalidArgumentError } from "../errors.js";
import { IsoDate } from "../schema/primitives.js";
import { TERMS } from "../../data/codes.js";
import { academicYearBounds, academicYearOf, censusStatusDate, shiftAcademicYear } from "../cohort/dates.js";
import { measureThresholds } from "../cohort/thresholds.js";
import { identification } from "../cohort/identification.js";
import { attainment } from "../cohort/attainment.js";
import { academicYearsIn } from "../cohort/results.js";
import { type AnalysisContext, prepareAnalysis } from "../cohort/context.js";
import { defaultAsOf } from "../cohort/default-as-of.js";
import { ks2Rwm } from "../cohort/ks2-rwm.js";
import { progress } from "../cohort/progress.js";
import { belowCurriculumProgress } from "../cohort/below-curriculum.js";
import { attendanceByGroup } from "../cohort/attendance.js";
import { suspensionsByGroup } from "../cohort/suspensions.js";
import { targetsOnTrack } from "../cohort/targets.js";
import { ehcReviews } from "../cohort/ehc-reviews.js";
import { ehcRequests } from "../cohort/ehc-requests.js";
import { attainmentGaps } from "../gaps/attainment-gaps.js";
import { classesAndCohorts } from "../gaps/classes.js";
import { type Audience, type DisclosurePolicy, policyFor } from "../disclosure/policy.js";
import { applyDisclosure } from "../disclosure/apply-disclosure.js";
import { analyseInterventions } from "../interventions/analyse.js";
import { analyseProvision } from "../provision/analyse.js";
import { type CostsConfig, costsConfig } from "../provision/config.js";
import { reportGapTrends, reportNationalComparisons, reportRwmGaps } from "./comparisons.js";
import { type CrossSchoolCell, type SchoolSection, schoolSections } from "./per-school.js";
import { collectGarbage } from "./collect-garbage.js";
import type { NationalFigures } from "../../data/national.js";
import { reportName } from "./report-name.js";
import { type ImportSummary, type ReportContent, type ReportMeta, SendscopeReport } from "./schema.js";

/** Options of `buildReport`. */
export interface BuildReportOptions {
  /** The date the figures describe (yyyy-mm-dd); default `defaultAsOf(data)`. */
  asOf?: string;
  /** Who the report is for; default `"senco"`. */
  audience?: Audience;
  /** Smallest group shown to governors or the public; default 6. */
  threshold?: number;
  /** National reference figures to compare against; default `DEFAULT_NATIONAL_FIGURES` (see `loadNationalFigures`). */
  national?: NationalFigures;
  /**
   * The standardised score (mean 100, SD 15) at or above which a result counts towards the attainment shares;
   * default `DEFAULT_STANDARDISED_THRESHOLD` (85, the bottom of the publishers' average band). Every label
   * (`meta.thresholds`) is made from it.
   */
  standardisedThreshold?: number;
  /** The report's name when the data holds several schools (a trust); `analyseFolder` gives the folder's name. Default none. */
  trustName?: string;
  /** Analyse an `asOf` outside the span of the data (`dataSpan`) instead of refusing it; default false. */
  force?: boolean;
  /**
   * Governor-facing names of interventions, by the provision map's name (governors and the public; see
   * `applyDisclosure`); default the folder mapping's `interventionNames` (`data.interventionNames`), if any.
   */
  interventionNames?: Readonly<Record<string, string>>;
  /** The costing configuration of the provision section (`loadCostsConfig`); default `costsConfig()` (the defaults). */
  costs?: CostsConfig;
}

/**
 * The dates the data covers: from its earliest dated record (an admission, SEN spell, assessment,
 * intervention or suspension) to the end (31 August) of the academic year of its latest (attendance counts
 * by its academic year). A report on a date outside it describes no data: `buildReport` refuses one unless
 * told to go ahead (`force`). Null when the data holds no dated record.
 * @example
 * dataSpan(data) // => { from: "2017-09-03", to: "2026-08-31" }
 */
export function dataSpan(data: SchoolData): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  const see = (d: string | null) => {
    if (d === null) return;
    if (from === null || d < from) from = d;
    if (to === null || d > to) to = d;
  };
  // Loops, not `flatMap`: a trust has millions of results.
  for (let i = 0; i < data.assessments.length; i += 1) see(data.assessments[i]!.date);
  for (const p of data.pupils) see(p.admissionDate);
  for (const s of data.senRegister) { see(s.startDate); see(s.endDate); }
  for (const r of data.interventions) { see(r.startDate); see(r.endDate); }
  for (const s of data.suspensions) see(s.startDate);
  const years = new Set<string>();
  for (let i = 0; i < data.attendance.length; i += 1) years.add(data.attendance[i]!.academicYear);
  for (const y of years) { const b = academicYearBounds(y); see(b.start); see(b.end); }
  if (from === null || to === null) return null;
  return { from, to: academicYearBounds(academicYearOf(to)).end };
}

function importSummary(data: SchoolData): ImportSummary {
  const byCode = new Map<string, { code: string; severity: "error" | "warning"; count: number }>();
  for (const p of data.problems) {
    const key = `${p.severity}|${p.code}`;
    const entry = byCode.get(key) ?? { code: p.code, severity: p.severity, count: 0 };
    entry.count += 1;
    byCode.set(key, entry);
  }
  const sum = (f: (r: SchoolData["files"][number]) => number) => data.files.reduce((a, r) => a + f(r), 0);
  return {
    files: data.files.map((f) => ({ ...f })),
    rows: { read: sum((f) => f.rows), imported: sum((f) => f.imported), rejected: sum((f) => f.rejected) },
    problemCounts: {
      errors: data.problems.filter((p) => p.severity === "error").length,
      warnings: data.problems.filter((p) => p.severity === "warning").length,
      byCode: [...byCode.values()].sort((a, b) => (a.severity === b.severity ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : a.severity === "error" ? -1 : 1)),
    },
    problems: { pupilLevel: true, rows: data.problems.map((p) => ({ ...p })) },
  };
}

/** Assessment points of one academic year, in term order, that hold results. */
function pointsOf(data: SchoolData, academicYear: string): string[] {
  const order = new Map<string, number>();
  for (let i = 0; i < data.assessments.length; i += 1) {
    const a = data.assessments[i]!;
    if (a.academicYear !== academicYear) continue;
    const rank = TERMS.indexOf(a.term);
    const seen = order.get(a.point);
    if (seen === undefined || rank < seen) order.set(a.point, rank);
  }
  return [...order].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
}

/**
 * The whole SEND analysis of one school as one JSON document (see `SendscopeReport` for its shape): SEN
 * identification on `asOf`, attainment, KS2 combined and attainment gaps for results dated on or before `asOf`,
 * progress over `asOf`'s academic year, progress below the curriculum, attendance and suspensions in `asOf`'s
 * academic year, targets on track and EHC plan reviews on `asOf`, each group against national for the same
 * group (`gaps.national`), the KS2 RWM gap per year (`gaps.ks2Rwm`), the key gap trends (`gaps.trends`),
 * intervention effectiveness (`interventions`), one section per school when the data holds more than one
 * (`schools`), and `meta` (the date, school, pupils counted and an import summary). Then `applyDisclosure`
 * for the audience, with each school's cells also in a partition across schools (so a school's hidden group
 * cannot be worked out as the trust's figure less the other schools'), and trend verdicts worked out again
 * without hidden years (`finishDisclosedTrends`); for governors and the public, staff names are left out; for governors and the public the result is also
 * scanned for every imported pupil's UPN, name and date of birth, and the function throws rather than return
 * a report that holds one. The report is checked against `SendscopeReport` before it is returned.
 * @param data the imported school data (`importFolder`)
 * @param options `asOf` (default `defaultAsOf(data)`), `audience` (default `"senco"`), `threshold` (default 6),
 *   `national`, `standardisedThreshold` (default 85), `trustName` (the name of a report on several schools)
 * @throws {InvalidArgumentError} when `asOf` is not a yyyy-mm-dd date, is outside the data (`dataSpan`)
 * without `force`, the data has no date to default to, or a pupil identifier would leak into a governors' or
 * public report
 * @example
 * const report = buildReport(await importFolder("fixtures/sample-school"), { audience: "governors" });
 * report.meta.generatedFor // => "2026-06-22"
 */
export function buildReport(data: SchoolData, options: BuildReportOptions = {}): SendscopeReport {
  const { analysed, perSchool } = analyseAll(data, options);
  return disclose(analysed, perSchool, data.pupils, options.interventionNames ?? data.interventionNames);
}

/**
 * `buildReport` in stages, for a large folder (`analyseFolder`): the same report, in less memory and time.
 * The data comes from `importData`, and is held only while it is analysed: once the analyses and the
 * per-school sections are made, the records (hundreds of MB on a trust) are let go with the analysis context and its
 * indexes, and a full garbage collection (`collectGarbage`) clears them all before disclosure control, so
 * the collection has only the report to go through.
 * @param importData gives the imported data (`importFolder`), once
 * @param options as for `buildReport`
 * @throws {InvalidArgumentError} as `buildReport` does
 * @example
 * const report = await buildReportInStages(() => importFolder("trust"), { asOf: "2025-07-18" });
 * report.schools?.length // => 200
 */
export async function buildReportInStages(importData: () => Promise<SchoolData>, options: BuildReportOptions): Promise<SendscopeReport> {
  const stage = await analysedStage(importData, options);
  collectGarbage();
  return disclose(stage, stage.perSchool, stage.pupils, options.interventionNames ?? stage.interventionNames);
}

/** What `buildReportInStages` keeps of the data once it is analysed. */
interface AnalysedStage {
  content: ReportContent;
  policy: DisclosurePolicy;
  /** The per-school sections. */
  perSchool: PerSchool;
  /** The pupils, for the identifier guard. */
  pupils: SchoolData["pupils"];
  /** Governor-facing intervention names from the folder's mapping, if it gives any. */
  interventionNames: SchoolData["interventionNames"];
}

/** Import and analyse. The data is held by this function's frame alone, so it can be let go when this returns. */
async function analysedStage(importData: () => Promise<SchoolData>, options: BuildReportOptions): Promise<AnalysedStage> {
  const data = await importData();
  const { analysed, perSchool } = analyseAll(data, options);
  const { content, policy } = analysed;
  return { content, policy, perSchool, pupils: data.pupils, interventionNames: data.interventionNames };
}

/**
 * The analyses in one analysis context (`prepareAnalysis`), with the per-school sections. Attainment, gaps,
 * trends, progress and the schools' sections all start from the context's profiled results; the context and
 * what it holds are let go when this returns, before disclosure control (a trust's are hundreds of MB).
 */
function analyseAll(data: SchoolData, options: BuildReportOptions): { analysed: Pick<Analysed, "content" | "policy">; perSchool: PerSchool } {
  const analysed = analyse(data, options);
  const perSchool = sectionsOf(analysed, options);
  return { analysed: { content: analysed.content, policy: analysed.policy }, perSchool };
}

/** How many schools the pupils' records name (a record without a school counts as one more). */
function schoolCount(data: Pick<SchoolData, "pupils">): number {
  return new Set(data.pupils.map((p) => p.school ?? null)).size;
}

/** The per-school sections and their cross-school cells. */
interface PerSchool {
  sections: SchoolSection[];
  crossSchool: CrossSchoolCell[];
}

/** The report's analyses before disclosure control, but for the per-school sections, and what those need. */
interface Analysed {
  content: ReportContent;
  policy: DisclosurePolicy;
  /** The analysis context: the data with the results dated on or before `asOf`. */
  ctx: AnalysisContext;
  asOf: string;
  academicYear: string;
  ks2Years: string[];
}

function sectionsOf(analysed: Analysed, options: BuildReportOptions): PerSchool {
  return schoolSections(analysed.ctx, analysed.asOf, analysed.academicYear, analysed.ks2Years, options.national, options.standardisedThreshold);
}

/** Every analysis of the report but the per-school sections, before disclosure control. */
function analyse(data: SchoolData, options: BuildReportOptions): Analysed {
  const chosen = options.asOf === undefined ? defaultAsOf(data) : { asOf: options.asOf, source: "option" as const };
  const asOf = chosen.asOf;
  if (!IsoDate.safeParse(asOf).success) throw new InvalidArgumentError("buildReport", `asOf must be a date as yyyy-mm-dd, got '${asOf}'`);
  const span = dataSpan(data);
  if (span !== null && (asOf < span.from || asOf > span.to) && options.force !== true) {
    throw new InvalidArgumentError(
      "buildReport",
      `the date ${asOf} is outside the data, which runs from ${span.from} to ${span.to}: a report on it would describe no pupils or results. Give a date in that span, or force it (--force) to analyse it anyway`,
    );
  }
  const policy = policyFor(options.audience ?? "senco", options.threshold === undefined ? {} : { threshold: options.threshold });
  const academicYear = academicYearOf(asOf);
  const ctx = prepareAnalysis(data, { asOf });
  const upTo = ctx.data;
  const thresholds = measureThresholds(options.standardisedThreshold === undefined ? {} : { standardised: options.standardisedThreshold });

  const national = options.national === undefined ? {} : { national: options.national };
  const ident = identification(ctx, asOf, national);
  const years = academicYearsIn(ctx);
  const ks2Years: string[] = [];
  const rwm = years.flatMap((y) => {
    const cells = ks2Rwm(ctx, y);
    if (!cells.some((c) => c.isTotal && c.n > 0)) return [];
    ks2Years.push(y);
    return cells;
  });
  const points = pointsOf(upTo, academicYear);
  const first = points[0];
  const last = points[points.length - 1];
  const prog = first !== undefined && last !== undefined && first !== last ? progress(ctx, { from: first, to: last }) : null;
  const previousYear = shiftAcademicYear(academicYear, -1);
  const below = years.includes(previousYear) && years.includes(academicYear)
    ? belowCurriculumProgress(ctx, { fromYear: previousYear, toYear: academicYear })
    : null;

  const meta: ReportMeta = {
    schemaVersion: 1,
    generatedFor: asOf,
    asOfSource: chosen.source,
    academicYear,
    audience: policy.audience,
    disclosure: { threshold: policy.threshold, roundCountsTo: policy.roundCountsTo ?? null },
    schoolName: reportName({ trustName: options.trustName, data }),
    pupilsImported: data.pupils.length,
    pupilsOnRoll: ident.onRoll,
    dataSpan: span,
    thresholds: Object.entries(thresholds)
      .filter(([, t]) => t.expected !== null)
      .map(([measure, t]) => ({ measure, expected: t.expected, expectedLabel: t.expectedLabel, higher: t.higher, higherLabel: t.higherLabel })),
    import: importSummary(data),
  };
  const attainmentCells = attainment(ctx, { byYearGroup: true, thresholds });
  const interventions = analyseInterventions(ctx); // on ctx.asOf, as every analysis given no date
  const content: ReportContent = {
    meta,
    identification: ident,
    attainment: { cells: attainmentCells },
    ks2Rwm: { cells: rwm },
    progress: prog,
    belowCurriculum: below,
    gaps: {
      attainment: attainmentGaps(ctx, { byYearGroup: true, thresholds }),
      national: reportNationalComparisons(ctx, academicYear, asOf, attainmentCells, options.national),
      ks2Rwm: reportRwmGaps(ctx, ks2Years),
      trends: reportGapTrends(ctx, attainmentCells),
    },
    attendance: attendanceByGroup(ctx, academicYear, national),
    suspensions: { academicYear, statusDate: censusStatusDate(academicYear), cells: suspensionsByGroup(ctx, academicYear) },
    targets: targetsOnTrack(ctx),
    reviews: ehcReviews(ctx),
    // EHC needs assessment requests (issue #18): null when the folder has no record of requests (no such file
    // was read and the data holds none), so "no requests" is never printed for a school that keeps them elsewhere.
    ehcRequests: hasEhcRequests(upTo) ? ehcRequests(ctx, asOf, { academicYear }) : null,
    interventions,
    provision: analyseProvision(upTo, asOf, options.costs ?? costsConfig()),
    // Classes and cohorts (issue #18) of one school only: class names repeat between the schools of a trust
    // ("3A" in each), so a trust's report has none (per school: not built yet).
    classes: schoolCount(upTo) > 1 ? null : classesAndCohorts(ctx, prog === null ? null : { from: prog.from, to: prog.to }),
  };
  // The relations between tables (`sameAs`, `dependsOn`) are made by disclosure control itself, from the
  // report (see `publishReport`), so that `applyDisclosure` on a SENCO's report gives this report exactly.
  return { content, policy, ctx, asOf, academicYear, ks2Years };
}

/**
 * The schools' sections added to the content, then disclosure control for the audience (`applyDisclosure`,
 * the same function a caller would use on the SENCO's report: for governors and the public it publishes the
 * audience's tables, suppresses, audits the suppression by linear programming and guards against
 * identifiers), and the check against the report's schema.
 */
function disclose(analysed: Pick<Analysed, "content" | "policy">, perSchool: PerSchool, pupils: SchoolData["pupils"], interventionNames?: Readonly<Record<string, string>>): SendscopeReport {
  const { content, policy } = analysed;
  // The schools' sections come last (when there are any).
  if (perSchool.sections.length > 0) content.schools = perSchool.sections;
  // The content is ours alone, so it is disclosed in place rather than copied.
  const disclosed = applyDisclosure(content, policy, { inPlace: true, pupils, ...(interventionNames === undefined ? {} : { interventionNames }) });
  const checked = SendscopeReport.safeParse(disclosed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InvalidArgumentError("buildReport", `the report does not match its schema at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`);
  }
  return checked.data;
}

/** Whether the data records EHC needs assessment requests: a file of them was read, or the data holds some. */
function hasEhcRequests(data: Pick<SchoolData, "files" | "ehcRequests">): boolean {
  return (data.ehcRequests?.length ?? 0) > 0 || data.files.some((f) => f.kind === "ehcRequests");
}
