/**
 * `buildReport`: the whole analysis of one school's data as one JSON document, with disclosure control for
 * its audience.
 */
import type { SchoolData } from "../schema/school-data.js";
import { InvalidArgumentError } from "../errors.js";
import { IsoDate } from "../schema/primitives.js";
import { TERMS } from "../../data/codes.js";
import { academicYearOf, shiftAcademicYear } from "../cohort/dates.js";
import { identification } from "../cohort/identification.js";
import { attainment } from "../cohort/attainment.js";
import { ks2Rwm } from "../cohort/ks2-rwm.js";
import { progress } from "../cohort/progress.js";
import { belowCurriculumProgress } from "../cohort/below-curriculum.js";
import { attendanceByGroup } from "../cohort/attendance.js";
import { suspensionsByGroup } from "../cohort/suspensions.js";
import { targetsOnTrack } from "../cohort/targets.js";
import { ehcReviews } from "../cohort/ehc-reviews.js";
import { attainmentGaps } from "../gaps/attainment-gaps.js";
import { type Audience, policyFor } from "../disclosure/policy.js";
import { applyDisclosure } from "../disclosure/apply-disclosure.js";
import { assertNoPupilIdentifiers } from "../disclosure/identifiers.js";
import { type ImportSummary, type ReportContent, type ReportMeta, SendscopeReport } from "./schema.js";

/** Options of `buildReport`. */
export interface BuildReportOptions {
  /** The date the figures describe (yyyy-mm-dd); default `defaultAsOf(data)`. */
  asOf?: string;
  /** Who the report is for; default `"senco"`. */
  audience?: Audience;
  /** Smallest group shown to governors or the public; default 6. */
  threshold?: number;
}

function latest(dates: Iterable<string | null>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d !== null && (best === null || d > best)) best = d;
  return best;
}

/**
 * The date a report describes when none is given: the latest assessment date in the data, or, with no
 * assessments, the latest date of any record (SEN spell, attendance is by term so not used, suspension,
 * intervention, target, admission). Deterministic: no clock.
 * @throws {InvalidArgumentError} when the data holds no dated record at all
 * @example
 * defaultAsOf(data) // => { asOf: "2025-07-18", source: "latest assessment" }
 */
export function defaultAsOf(data: SchoolData): { asOf: string; source: "latest assessment" | "latest record" } {
  const fromAssessments = latest(data.assessments.map((a) => a.date));
  if (fromAssessments !== null) return { asOf: fromAssessments, source: "latest assessment" };
  const any = latest([
    ...data.senRegister.flatMap((s) => [s.startDate, s.endDate, s.lastAnnualReview]),
    ...data.suspensions.map((s) => s.startDate),
    ...data.interventions.flatMap((i) => [i.startDate, i.endDate]),
    ...data.targets.map((t) => t.targetDate),
    ...data.pupils.map((p) => p.admissionDate),
  ]);
  if (any === null) throw new InvalidArgumentError("defaultAsOf", "the data holds no dated record, so give the date the report describes (asOf)");
  return { asOf: any, source: "latest record" };
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

function schoolName(data: SchoolData): string | null {
  const counts = new Map<string, number>();
  for (const p of data.pupils) if (p.school) counts.set(p.school, (counts.get(p.school) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || c > (counts.get(best) ?? 0)) best = name;
  return best;
}

/** Assessment points of one academic year, in term order, that hold results. */
function pointsOf(data: SchoolData, academicYear: string): string[] {
  const order = new Map<string, number>();
  for (const a of data.assessments) {
    if (a.academicYear !== academicYear) continue;
    const rank = TERMS.indexOf(a.term);
    const seen = order.get(a.point);
    if (seen === undefined || rank < seen) order.set(a.point, rank);
  }
  return [...order].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
}

/**
 * Link the identification figures that repeat a group shown in the SEN status table (the year-on-year
 * `change` rows, the totals of the need-mix tables, and the `national` comparisons) to that group with
 * `sameAs`, so that disclosure control hides them wherever the group is hidden (see `applyDisclosure`,
 * rule 3). Without this a group hidden by secondary suppression in `senStatus` would reappear elsewhere.
 * (Glue until the identification result carries these links itself; the report schema drops `sameAs`.)
 */
function linkRepeatedGroups(ident: ReportContent["identification"]): void {
  const link = (target: object, partition: string | undefined, group: string): void => {
    if (partition === undefined) return;
    const t = target as { sameAs?: { partition: string; group: string }[] };
    t.sameAs = [...(t.sameAs ?? []), { partition, group }];
  };
  const statusPartition = ident.senStatus[0]?.partition;
  const anyPartition = ident.senAny[0]?.partition;
  for (const c of ident.change) link(c, c.group === "SEN" ? anyPartition : statusPartition, c.group);
  for (const c of ident.needMix) if (c.isTotal) link(c, statusPartition, c.group);
  for (const item of ident.national) {
    if (item.measure === "senShare") link(item.gap, statusPartition, item.group);
    else if (item.need !== null) {
      const cell = ident.needMix.find((c) => !c.isTotal && c.group === item.need && c.partition.endsWith(`|${item.group}`));
      if (cell) link(item.gap, cell.partition, cell.group);
    }
  }
}

function addSameAs(target: object, partition: string, group: string): void {
  const t = target as { sameAs?: { partition: string; group: string }[] };
  t.sameAs = [...(t.sameAs ?? []), { partition, group }];
}

/**
 * Link the figures of `gaps` and of the national attendance comparisons to the groups they repeat (the
 * attainment and attendance cells of the same groups), for the same reason as `linkRepeatedGroups`.
 */
function linkGapsAndAttendance(content: ReportContent): void {
  for (const gap of content.gaps.attainment) {
    const same = (c: ReportContent["attainment"]["cells"][number]) =>
      c.subject === gap.subject && c.measure === gap.measure && c.point === gap.point && c.yearGroup === gap.yearGroup && !c.isTotal;
    const group = content.attainment.cells.find((c) => same(c) && c.dimension === (gap.group === "SEN" ? "senAny" : "senStatus") && c.group === gap.group);
    const comparison = content.attainment.cells.find((c) => same(c) && c.dimension === (gap.group === "SEN" ? "senAny" : "senStatus") && c.group === "N");
    for (const figure of [gap.expected, gap.higher, gap.mean]) {
      if (figure === null) continue;
      if (group) addSameAs(figure, group.partition, group.group);
      if (comparison) addSameAs(figure, comparison.partition, comparison.group);
    }
  }
  for (const item of content.attendance.national) {
    const cell = content.attendance.cells.find((c) => !c.isTotal && c.group === item.group && (c.dimension === "senStatus" || c.dimension === "senAny"));
    if (cell) addSameAs(item.gap, cell.partition, cell.group);
  }
}

/**
 * The whole SEND analysis of one school as one JSON document (see `SendscopeReport` for its shape): SEN
 * identification on `asOf`, attainment, KS2 combined and attainment gaps for results dated on or before `asOf`,
 * progress over `asOf`'s academic year, progress below the curriculum, attendance and suspensions in `asOf`'s
 * academic year, targets on track and EHC plan reviews on `asOf`, and `meta` (the date, school, pupils counted and an
 * import summary). Then `applyDisclosure` for the audience; for governors and the public the result is also
 * scanned for every imported pupil's UPN, name and date of birth, and the function throws rather than return
 * a report that holds one. The report is checked against `SendscopeReport` before it is returned.
 * @param data the imported school data (`importFolder`)
 * @param options `asOf` (default `defaultAsOf(data)`), `audience` (default `"senco"`), `threshold` (default 6)
 * @throws {InvalidArgumentError} when `asOf` is not a yyyy-mm-dd date, the data has no date to default to,
 * or a pupil identifier would leak into a governors' or public report
 * @example
 * const report = buildReport(await importFolder("fixtures/sample-school"), { audience: "governors" });
 * report.meta.generatedFor // => "2025-07-18"
 */
export function buildReport(data: SchoolData, options: BuildReportOptions = {}): SendscopeReport {
  const chosen = options.asOf === undefined ? defaultAsOf(data) : { asOf: options.asOf, source: "option" as const };
  const asOf = chosen.asOf;
  if (!IsoDate.safeParse(asOf).success) throw new InvalidArgumentError("buildReport", `asOf must be a date as yyyy-mm-dd, got '${asOf}'`);
  const policy = policyFor(options.audience ?? "senco", options.threshold === undefined ? {} : { threshold: options.threshold });
  const academicYear = academicYearOf(asOf);
  const upTo: SchoolData = { ...data, assessments: data.assessments.filter((a) => a.date <= asOf) };

  const ident = identification(upTo, asOf);
  const years = [...new Set(upTo.assessments.map((a) => a.academicYear))].sort();
  const rwm = years.flatMap((y) => {
    const cells = ks2Rwm(upTo, y);
    return cells.some((c) => c.isTotal && c.n > 0) ? cells : [];
  });
  const points = pointsOf(upTo, academicYear);
  const first = points[0];
  const last = points[points.length - 1];
  const prog = first !== undefined && last !== undefined && first !== last ? progress(upTo, { from: first, to: last }) : null;
  const previousYear = shiftAcademicYear(academicYear, -1);
  const below = years.includes(previousYear) && years.includes(academicYear)
    ? belowCurriculumProgress(upTo, { fromYear: previousYear, toYear: academicYear })
    : null;

  const meta: ReportMeta = {
    schemaVersion: 1,
    generatedFor: asOf,
    asOfSource: chosen.source,
    academicYear,
    audience: policy.audience,
    disclosure: { threshold: policy.threshold, roundCountsTo: policy.roundCountsTo ?? null },
    schoolName: schoolName(data),
    pupilsImported: data.pupils.length,
    pupilsOnRoll: ident.onRoll,
    import: importSummary(data),
  };
  const content: ReportContent = {
    meta,
    identification: ident,
    attainment: { cells: attainment(upTo, { byYearGroup: true }) },
    ks2Rwm: { cells: rwm },
    progress: prog,
    belowCurriculum: below,
    gaps: { attainment: attainmentGaps(upTo, { byYearGroup: true }) },
    attendance: attendanceByGroup(upTo, academicYear),
    suspensions: { academicYear, cells: suspensionsByGroup(upTo, academicYear) },
    targets: targetsOnTrack(upTo, asOf),
    reviews: ehcReviews(upTo, asOf),
  };
  linkRepeatedGroups(content.identification);
  linkGapsAndAttendance(content);
  const disclosed = applyDisclosure(content, policy);
  if (policy.audience !== "senco") assertNoPupilIdentifiers(disclosed, data.pupils, "buildReport");
  const checked = SendscopeReport.safeParse(disclosed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InvalidArgumentError("buildReport", `the report does not match its schema at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`);
  }
  return checked.data;
}
