/**
 * The per-school part of a trust or local-authority report: the data split by school once (linear in the
 * size of the data), one section per school, and the cross-school partitions that let disclosure control
 * protect each school's small groups from being worked out from the trust's figures.
 */
import type { NationalFigures } from "../../data/national.js";
import { z } from "zod";
import type { SchoolData } from "../schema/school-data.js";
import { Identification, identification } from "../cohort/identification.js";
import { AttainmentCell, attainment } from "../cohort/attainment.js";
import { measureThresholds } from "../cohort/thresholds.js";
import { academicYearsOf, shareProfiledResults } from "../cohort/results.js";
import { shareProfileLookup } from "../cohort/groups.js";
import { AnalysisContext, type AnalysisInput, contextOf } from "../cohort/context.js";
import { RwmCell, ks2Rwm, ks2RwmResults, shareKs2Results } from "../cohort/ks2-rwm.js";
import { AttendanceByGroup, attendanceByGroup, shareAttendance } from "../cohort/attendance.js";
import { censusStatusDate } from "../cohort/dates.js";
import { AttainmentGap, RwmGap, attainmentGaps } from "../gaps/attainment-gaps.js";
import { reportRwmGaps } from "./comparisons.js";
import { addSameAs, linkGapsAndAttendance, linkRepeatedGroups, linkSenAnyToSenStatus } from "../disclosure/links.js";

/** The name given to pupils whose school is not recorded, when other pupils' is. */
export const UNKNOWN_SCHOOL = "(school not recorded)";

/**
 * One school's part of a multi-school report. Partitions are the whole report's prefixed with
 * `school:<name>|`. Attainment and its gaps are per assessment point for all year groups together
 * (`yearGroup: null`), to keep a 200-school report small; the trust's own sections keep year groups.
 * @example
 * SchoolSection.shape.school.parse("Oak Primary") // => "Oak Primary"
 */
export const SchoolSection = z.object({
  school: z.string(),
  pupilsImported: z.number().int().nonnegative(),
  pupilsOnRoll: z.number().int().nonnegative(),
  identification: Identification,
  attainment: z.object({ cells: z.array(AttainmentCell) }),
  gaps: z.object({ attainment: z.array(AttainmentGap), ks2Rwm: z.array(RwmGap) }),
  ks2Rwm: z.object({ cells: z.array(RwmCell) }),
  attendance: AttendanceByGroup,
});
/** One school's part of a multi-school report. */
export type SchoolSection = z.infer<typeof SchoolSection>;

/**
 * Splits data by `Pupil.school` in one pass over each record list (records follow their pupil; a pupil
 * with no school is under `UNKNOWN_SCHOOL`). Files and problems are not split. Schools are in name order.
 * @example
 * // A trust of three schools: the sample school's pupils split by surname (figures: tests/report/examples_reference.py).
 * const schoolOf = (p) => (p.surname < "H" ? "Ash Primary" : p.surname < "P" ? "Birch Primary" : "Cedar Primary");
 * const trust = { ...data, pupils: data.pupils.map((p) => ({ ...p, school: schoolOf(p) })) };
 * [...splitBySchool(trust)].map(([school, part]) => [school, part.pupils.length])
 * // => [["Ash Primary", 165], ["Birch Primary", 228], ["Cedar Primary", 147]]
 */
export function splitBySchool(data: SchoolData): Map<string, SchoolData> {
  const parts = new Map<string, SchoolData>();
  const partFor = (school: string): SchoolData => {
    let part = parts.get(school);
    if (!part) {
      part = { pupils: [], senRegister: [], assessments: [], interventions: [], attendance: [], suspensions: [], targets: [], files: [], problems: [], ...(data.ehcRequests === undefined ? {} : { ehcRequests: [] }) };
      parts.set(school, part);
    }
    return part;
  };
  // Each pupil id's part (its first record's school), so routing a record is one look-up; and each pupil
  // record's part by position, as a school's records mostly follow its pupils in the pupils' order: a record
  // whose pupil is the next pupil record's (the same id) takes that record's part without a look-up.
  const indexOf = new Map<string, number>();
  const pupils = data.pupils;
  const partAt: SchoolData[] = new Array<SchoolData>(pupils.length);
  for (let i = 0; i < pupils.length; i += 1) {
    const p = pupils[i]!;
    const part = partFor(p.school ?? UNKNOWN_SCHOOL);
    const first = indexOf.get(p.pupilId);
    if (first === undefined) indexOf.set(p.pupilId, i);
    partAt[i] = first === undefined ? part : partAt[first]!;
    part.pupils.push(p);
  }
  const partOf = (id: string): SchoolData | undefined => {
    const i = indexOf.get(id);
    return i === undefined ? undefined : partAt[i];
  };
  const route = <K extends "senRegister" | "assessments" | "interventions" | "attendance" | "suspensions" | "targets">(key: K): void => {
    // A school's records come one after another (each school is imported on its own, then concatenated), so
    // each run of records of one part is copied to it as a slice: 3.5 million records on a trust, ~1,600 runs.
    const records = data[key] as Array<{ pupilId: string }>;
    let runStart = 0;
    let runPart: SchoolData | undefined;
    let lastId: string | null = null;
    // The pupil record of the last record's pupil id (-1: none).
    let at = -1;
    const flush = (end: number): void => {
      if (runPart === undefined || end === runStart) return;
      const lists = runPart as unknown as Record<K, Array<{ pupilId: string }>>;
      // The usual case, a part's first run: one slice (a block copy) instead of a push per record.
      if (lists[key].length === 0) lists[key] = records.slice(runStart, end);
      else for (let i = runStart; i < end; i += 1) lists[key].push(records[i] as { pupilId: string });
    };
    for (let i = 0; i < records.length; i += 1) {
      const id = (records[i] as { pupilId: string }).pupilId;
      if (id === lastId) continue;
      lastId = id;
      let part: SchoolData | undefined;
      const next = at + 1;
      if (next < pupils.length && pupils[next]!.pupilId === id) {
        at = next;
        part = partAt[next];
      } else {
        const found = indexOf.get(id);
        at = found ?? -1;
        part = found === undefined ? undefined : partAt[found];
      }
      if (part === runPart) continue;
      flush(i);
      runStart = i;
      runPart = part;
    }
    flush(records.length);
  };
  route("senRegister");
  route("assessments");
  route("interventions");
  route("attendance");
  route("suspensions");
  route("targets");
  // EHC needs assessment requests (few: a filter, not runs) follow their pupil too.
  for (const request of data.ehcRequests ?? []) partOf(request.pupilId)?.ehcRequests?.push(request);
  return new Map([...parts].sort((a, b) => compareSchoolNames(a[0], b[0])));
}

/**
 * The order of schools in a report: by name, code unit by code unit (as `splitBySchool` gives them).
 * @example
 * ["Birch Primary", "Ash Primary"].sort(compareSchoolNames) // => ["Ash Primary", "Birch Primary"]
 */
export function compareSchoolNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Prefix every `partition` (and every `sameAs` and `dependsOn` partition) inside `root`. */
function prefixPartitions(root: unknown, prefix: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObj(node)) return;
    if (typeof node.partition === "string") node.partition = `${prefix}${node.partition}`;
    for (const key of ["sameAs", "dependsOn"]) {
      const list = node[key];
      if (Array.isArray(list)) for (const link of list) if (isObj(link) && typeof link.partition === "string") link.partition = `${prefix}${link.partition}`;
    }
    for (const k in node) {
      if (k === "sameAs" || k === "dependsOn") continue;
      const v = node[k];
      if (typeof v === "object" && v !== null) visit(v);
    }
  };
  visit(root);
}

/**
 * A cross-school cell: one school's figure for one group of one table, in the partition of that group
 * across schools (`across-schools|<table partition>|<group>`), linked to the school's cell by `sameAs`.
 * Disclosure control treats these partitions like any other (a total published elsewhere: the trust's
 * figure), so a school's hidden cell cannot be worked out as the trust's figure less the other schools'.
 */
export interface CrossSchoolCell {
  /** `across-schools|<table partition>|<group>`. */
  partition: string;
  /** The school. */
  group: string;
  /** The school's group size. */
  n: number;
  /** The school's cell. */
  sameAs: Array<{ partition: string; group: string }>;
}

function crossSchoolCells(section: SchoolSection, prefix: string, out: CrossSchoolCell[]): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObj(node) || node.pupilLevel === true) return;
    if (typeof node.partition === "string" && typeof node.group === "string" && typeof node.n === "number") {
      const base = node.partition.slice(prefix.length);
      out.push({ partition: `across-schools|${base}|${node.group}`, group: section.school, n: node.n, sameAs: [{ partition: node.partition, group: node.group }] });
    }
    for (const k in node) {
      const v = node[k];
      if (typeof v === "object" && v !== null) visit(v);
    }
  };
  visit(section);
}

/** The terms of a school's attendance (`attendanceByGroup`'s default). */
const SCHOOL_ATTENDANCE_TERMS = ["autumn", "spring", "summer"] as const;

/** What a school's section is worked out for (see `schoolSection`). */
export interface SchoolSectionParams {
  /** The report's date. */
  asOf: string;
  /** Its academic year. */
  academicYear: string;
  /** The years to give KS2 figures for (those of them with KS2 results at the school); default every year of the school's results. */
  ks2Years?: readonly string[];
  /** National figures to compare with; default the bundled ones. */
  national?: NationalFigures;
  /** The standardised-score threshold (see `measureThresholds`); default `DEFAULT_STANDARDISED_THRESHOLD`. */
  standardisedThreshold?: number;
}

/**
 * One school's section (see `SchoolSection`) from its share of the data, with its partitions prefixed
 * `school:<name>|`. Its KS2 figures are for the years of `params.ks2Years` (default: every year of its
 * results) in which it has KS2 results: the same years either way, as a trust's KS2 years are those in which
 * any of its schools has KS2 results.
 * @param school the school's name
 * @param input the school's data (assessments already limited to those dated on or before `asOf`), or its
 *   analysis context
 * @example
 * // A trust of three schools: the sample school's pupils split by surname (figures: tests/report/examples_reference.py).
 * const schoolOf = (p) => (p.surname < "H" ? "Ash Primary" : p.surname < "P" ? "Birch Primary" : "Cedar Primary");
 * const trust = { ...data, pupils: data.pupils.map((p) => ({ ...p, school: schoolOf(p) })) };
 * const ash = schoolSection("Ash Primary", splitBySchool(trust).get("Ash Primary")!, { asOf: "2026-07-17", academicYear: "2025/26" });
 * [ash.pupilsOnRoll, ash.identification.senStatus.map((c) => [c.group, c.count])]
 * // => [129, [["all", 129], ["N", 106], ["K", 22], ["E", 1]]]
 * ash.identification.senStatus[0].partition // => "school:Ash Primary|identification|2026-07-17|senStatus"
 */
export function schoolSection(school: string, input: AnalysisInput<SchoolData>, params: SchoolSectionParams): SchoolSection {
  return schoolSectionInto(school, input, params, null);
}

/** `schoolSection`, with its cross-school cells (see `crossSchoolCellsOf`) put in `crossSchool` when given. */
function schoolSectionInto(school: string, input: AnalysisInput<SchoolData>, params: SchoolSectionParams, crossSchool: CrossSchoolCell[] | null): SchoolSection {
  const part = contextOf(input);
  const { asOf, academicYear, national } = params;
  const thresholds = measureThresholds(params.standardisedThreshold === undefined ? {} : { standardised: params.standardisedThreshold });
  const ident = identification(part, asOf, national === undefined ? {} : { national });
  const candidates = params.ks2Years ?? academicYearsOf(part.data.assessments);
  // A year counts when the school has KS2 results that year (the total cell's n, without making the cells).
  const years = candidates.filter((y) => ks2RwmResults(part, y).length > 0);
  const section: SchoolSection = {
    school,
    pupilsImported: part.data.pupils.length,
    pupilsOnRoll: ident.onRoll,
    identification: ident,
    attainment: { cells: attainment(part, { thresholds }) },
    gaps: { attainment: attainmentGaps(part, { thresholds }), ks2Rwm: reportRwmGaps(part, years) },
    ks2Rwm: { cells: years.flatMap((y) => ks2Rwm(part, y)) },
    attendance: attendanceByGroup(part, academicYear, { terms: SCHOOL_ATTENDANCE_TERMS }),
  };
  linkRepeatedGroups(section.identification);
  linkGapsAndAttendance(section);
  if (crossSchool === null) {
    linkSenAnyToSenStatus(section);
    prefixPartitions(section, schoolPrefix(school));
  } else finishSection(section, crossSchool);
  return section;
}

/**
 * `linkSenAnyToSenStatus`, `prefixPartitions` and `crossSchoolCells` of a school's section (whose
 * partitions are not yet prefixed) in one walk of it instead of three: the same links, partitions and cells
 * (in the same order) as the three one after another.
 */
function finishSection(section: SchoolSection, out: CrossSchoolCell[]): void {
  const prefix = schoolPrefix(section.school);
  const prefixLinks = (list: unknown): void => {
    if (Array.isArray(list)) for (const link of list) if (isObj(link) && typeof link.partition === "string") link.partition = `${prefix}${link.partition}`;
  };
  // `counted`: not inside a pupil-level table, which has neither links nor cross-school cells.
  const visit = (node: unknown, counted: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, counted);
      return;
    }
    if (!isObj(node)) return;
    if (node.pupilLevel === true) counted = false;
    const base = node.partition;
    if (typeof base === "string") {
      const { group, n } = node;
      const cell = counted && typeof group === "string" && typeof n === "number";
      if (cell && (group === "N" || group === "all") && base.endsWith("|senAny")) {
        addSameAs(node, [{ partition: `${base.slice(0, -"|senAny".length)}|senStatus`, group }]);
      }
      const partition = `${prefix}${base}`;
      node.partition = partition;
      if (cell) out.push({ partition: `across-schools|${base}|${group}`, group: section.school, n, sameAs: [{ partition, group }] });
    }
    prefixLinks(node.sameAs);
    prefixLinks(node.dependsOn);
    for (const k in node) {
      if (k === "sameAs" || k === "dependsOn") continue;
      const v = node[k];
      if (typeof v === "object" && v !== null) visit(v, counted);
    }
  };
  visit(section, true);
}

function schoolPrefix(school: string): string {
  return `school:${school}|`;
}

/**
 * The cross-school cells (see `CrossSchoolCell`) of the schools' sections, in order.
 * @example
 * // A trust of three schools: the sample school's pupils split by surname (figures: tests/report/examples_reference.py).
 * const schoolOf = (p) => (p.surname < "H" ? "Ash Primary" : p.surname < "P" ? "Birch Primary" : "Cedar Primary");
 * const trust = { ...data, pupils: data.pupils.map((p) => ({ ...p, school: schoolOf(p) })) };
 * const sections = [...splitBySchool(trust)].map(([school, part]) => schoolSection(school, part, { asOf: "2026-07-17", academicYear: "2025/26" }));
 * const cells = crossSchoolCellsOf(sections).filter((c) => c.partition.startsWith("across-schools|identification|2026-07-17|senStatus|"));
 * cells.filter((c) => c.partition.endsWith("|K")).map((c) => [c.group, c.n])
 * // => [["Ash Primary", 22], ["Birch Primary", 20], ["Cedar Primary", 17]]
 * cells[2].sameAs // => [{ partition: "school:Ash Primary|identification|2026-07-17|senStatus", group: "K" }]
 */
export function crossSchoolCellsOf(sections: readonly SchoolSection[]): CrossSchoolCell[] {
  const out: CrossSchoolCell[] = [];
  for (const section of sections) crossSchoolCells(section, schoolPrefix(section.school), out);
  return out;
}

/**
 * One section per school (see `SchoolSection`) when the data holds more than one school, else none, and
 * the cross-school cells that disclosure control needs (see `CrossSchoolCell`). Each school is analysed on
 * its own share of the data, which is split once, so the cost grows with the data, not with schools × data.
 * Each share has a context of its own that takes the pupils' profiles and profiled results from the whole
 * data's context (see `shareProfileLookup`, `shareProfiledResults`), and is let go once its section is made.
 * @param input all schools' data (assessments already limited to those dated on or before `asOf`), or its
 *   analysis context
 * @param asOf the report's date; `academicYear` its academic year; `ks2Years` the years to give KS2 figures for
 * @example
 * // A trust of three schools: the sample school's pupils split by surname (figures: tests/report/examples_reference.py).
 * const schoolOf = (p) => (p.surname < "H" ? "Ash Primary" : p.surname < "P" ? "Birch Primary" : "Cedar Primary");
 * const trust = { ...data, pupils: data.pupils.map((p) => ({ ...p, school: schoolOf(p) })) };
 * schoolSections(trust, "2026-07-17", "2025/26", ["2025/26"]).sections.map((s) => [s.school, s.pupilsOnRoll])
 * // => [["Ash Primary", 129], ["Birch Primary", 182], ["Cedar Primary", 109]]
 * schoolSections(data, "2026-07-17", "2025/26", ["2025/26"]) // => { sections: [], crossSchool: [] } (one school)
 */
export function schoolSections(
  input: AnalysisInput<SchoolData>,
  asOf: string,
  academicYear: string,
  ks2Years: readonly string[],
  national?: NationalFigures,
  standardisedThreshold?: number,
): { sections: SchoolSection[]; crossSchool: CrossSchoolCell[] } {
  const ctx = contextOf(input);
  const data = ctx.data;
  const parts = new Map([...splitBySchool(data)].map(([school, part]) => [school, new AnalysisContext(part, ctx.asOf)] as const));
  if (parts.size < 2) return { sections: [], crossSchool: [] };
  // Each school's results are the trust's, profiled once.
  // A pupil id's school is its first record's. The ids are asked about mostly in the pupils' order, so the
  // pupil record after the last one found is tried before the map of ids.
  const pupils = data.pupils;
  const indexOf = new Map<string, number>();
  const schoolAt: string[] = new Array<string>(pupils.length);
  for (let i = 0; i < pupils.length; i += 1) {
    const p = pupils[i]!;
    const first = indexOf.get(p.pupilId);
    if (first === undefined) indexOf.set(p.pupilId, i);
    schoolAt[i] = first === undefined ? (p.school ?? UNKNOWN_SCHOOL) : schoolAt[first]!;
  }
  let at = -1;
  const shareOf = (id: string): string | undefined => {
    const next = at + 1;
    if (next < pupils.length && pupils[next]!.pupilId === id) {
      at = next;
      return schoolAt[next];
    }
    const found = indexOf.get(id);
    at = found ?? -1;
    return found === undefined ? undefined : schoolAt[found];
  };
  shareProfiledResults(ctx, parts, shareOf);
  if (shareProfileLookup(ctx, parts.values())) {
    // With the trust's profiles, each school's attendance sums and KS2 outcomes are the trust's, filtered.
    shareAttendance(ctx, parts, shareOf, academicYear, censusStatusDate(academicYear), SCHOOL_ATTENDANCE_TERMS);
    shareKs2Results(ctx, parts, shareOf, ks2Years);
  }
  const params: SchoolSectionParams = {
    asOf, academicYear, ks2Years,
    ...(national === undefined ? {} : { national }),
    ...(standardisedThreshold === undefined ? {} : { standardisedThreshold }),
  };
  const sections: SchoolSection[] = [];
  const crossSchool: CrossSchoolCell[] = [];
  for (const [school, part] of parts) {
    sections.push(schoolSectionInto(school, part, params, crossSchool));
    parts.delete(school); // the school's context (and what it derived) is not needed again
  }
  return { sections, crossSchool };
}
