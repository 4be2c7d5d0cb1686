/**
 * Publish for the audience: what of a sendscope report a governor (or the public) is given, before
 * suppression, and the relations between its tables that disclosure control must know. Fewer published
 * cells means fewer ways to difference one figure out of others (Hundepool et al., *Statistical Disclosure
 * Control*, 2012, §4.2: design the tables first, suppress second).
 *
 * For governors and the public:
 * - **Attainment**: the statutory assessments only (Year 1 phonics, Year 4 multiplication tables check, KS2
 *   scaled scores) with their gaps; the termly standardised, reading-age and teacher-assessment figures by
 *   year group × status × point stay in the SENCO's report (the whole-school trends of standardised scores
 *   remain in `gaps.trends`). Progress below the curriculum (small groups of pupils working below it, with
 *   means that can pin individual steps) is left out (`belowCurriculum: null`), and so are classes and cohorts
 *   (a class's SEN pupils are a handful: `classes: null`).
 * - **SEN support against EHC plan** only where both groups are large enough: a table split by SEN status
 *   (`…|senStatus`) where SEN support or EHC plan has 1 to threshold − 1 pupils is left out, with every
 *   figure that repeats or is worked out from its SEN support or EHC plan group; SEN against no SEN remains.
 *   (The SEN status tables of identification are always kept: they are the report's subject.)
 * - **Free text**: intervention runs (whose labels are group names the SENCO wrote) and import file names
 *   are not published; an intervention's name is published only when none of its words is a pupil's
 *   forename, surname, MIS id or UPN, a staff name, and it holds no date and no run of 4 or more digits
 *   (accents and case folded); otherwise it is called "Intervention A", "Intervention B", … The SENCO can give
 *   governor-facing names (`interventionNames`), which are checked the same way.
 * - **Staff names** are removed.
 */
import { InvalidArgumentError } from "../errors.js";
import type { KnownPupil } from "./identifiers.js";
import { addDependsOn, addSameAs, groupIds, linkGapsAndAttendance, linkRepeatedGroups, linkSenAnyToSenStatus, type GapSections } from "./links.js";
import { crossSchoolCellsOf, type SchoolSection } from "../report/per-school.js";
import type { ReportContent } from "../report/schema.js";
import { finishDisclosedTrends, type GapTrendEntry } from "../report/comparisons.js";
import type { AttainmentCell } from "../cohort/attainment.js";
import { PRIVACY_REASON, type Disclosed } from "./disclosed.js";
import { roundToBase } from "./policy.js";


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The attainment measures governors and the public are given: the statutory assessments. */
export const PUBLISHED_ATTAINMENT_MEASURES = ["phonicsMark", "mtcScore", "scaled"] as const;

/**
 * Whether a value is a whole sendscope report (`buildReport`'s shape), which disclosure control publishes for
 * its audience before suppression.
 * @example
 * isSendscopeReport({ meta: { schemaVersion: 1 }, identification: {}, attainment: { cells: [] }, gaps: {}, interventions: {} }) // => true
 * isSendscopeReport([{ n: 4 }]) // => false
 */
export function isSendscopeReport(value: unknown): boolean {
  return isObj(value) && isObj(value.meta) && typeof value.meta.schemaVersion === "number" && isObj(value.identification)
    && isObj(value.attainment) && isObj(value.interventions) && isObj(value.gaps);
}

/**
 * Removes every `sameAs` and `dependsOn` link, in place (a report's own, so that they can be made again from
 * the report, and none is left in what is published).
 * @example
 * const cell = { n: 4, sameAs: [{ partition: "p", group: "K" }] };
 * stripLinks([cell]); cell // => { n: 4 }
 */
export function stripLinks(root: unknown): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObj(node)) return;
    if ("sameAs" in node) delete node.sameAs;
    if ("dependsOn" in node) delete node.dependsOn;
    for (const k in node) {
      const v = node[k];
      if (typeof v === "object" && v !== null) visit(v);
    }
  };
  visit(root);
}

/** Fold accents and case: "Zoë" and "ZOE" are the same word. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "sir"]);
// A date in any usual form (2019-03-14, 14/03/2019, 14.3.19, 14-03-2019, 14032019 is caught as a digit run).
const DATE_LIKE = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/;
const DIGIT_RUN = /\d{4,}/;

/**
 * The words a published name must not hold: every pupil's forename, surname (each part of a double name),
 * MIS id and UPN, and every staff name, folded (see `fold`). Titles (Mr, Ms …) are not names.
 */
function forbiddenWords(pupils: readonly KnownPupil[], staff: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const addName = (name: string | null | undefined, min: number): void => {
    if (!name) return;
    for (const w of words(name)) if (w.length >= min && !TITLES.has(w) && !/^\d+$/.test(w)) out.add(w);
  };
  for (const p of pupils) {
    addName(p.forename, 2);
    addName(p.surname, 2);
    for (const id of [p.misId, p.upn]) if (id) for (const w of words(id)) if (w.length >= 3) out.add(w);
  }
  for (const s of staff) addName(s, 3);
  return out;
}

/**
 * Whether a name (an intervention's) may be published: none of its words is in `forbidden`, and it holds no
 * date and no run of 4 or more digits (admission numbers, ids).
 * @example
 * publishableName("Reading recovery", new Set(["mclean"])) // => true
 * publishableName("RR McLean 1:1", new Set(["mclean"])) // => false
 * publishableName("Lexia (born 14/03/2016)", new Set()) // => false
 */
export function publishableName(name: string, forbidden: ReadonlySet<string>): boolean {
  if (DATE_LIKE.test(name) || DIGIT_RUN.test(name)) return false;
  return !words(name).some((w) => forbidden.has(w));
}

/** Replaces every occurrence of each name (keys) in every string below `root` with its public name. */
function renameIn(root: unknown, names: ReadonlyMap<string, string>): void {
  if (names.size === 0) return;
  const replace = (s: string): string => {
    let out = s;
    for (const [from, to] of names) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (typeof item === "string") node[i] = replace(item);
        else visit(item);
      });
    } else if (isObj(node)) {
      for (const k of Object.keys(node)) {
        const v = node[k];
        if (typeof v === "string") node[k] = replace(v);
        else visit(v);
      }
    }
  };
  visit(root);
}

/** Partitions `…|senStatus` in `cells` where SEN support or EHC plan has 1 to threshold − 1 pupils. */
function smallStatusPartitions(cells: readonly Obj[], threshold: number): Set<string> {
  const out = new Set<string>();
  for (const c of cells) {
    const p = c.partition;
    if (typeof p === "string" && p.endsWith("|senStatus") && (c.group === "K" || c.group === "E") && typeof c.n === "number" && c.n > 0 && c.n < threshold) out.add(p);
  }
  return out;
}

/** Whether a cell or anything in it refers (own group, `sameAs`, `dependsOn`) to a K or E group of a dropped partition. */
function refersTo(node: unknown, dropped: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((x) => refersTo(x, dropped));
  if (!isObj(node)) return false;
  const hit = (p: unknown, g: unknown): boolean => typeof p === "string" && (g === "K" || g === "E") && dropped.has(p);
  if (hit(node.partition, node.group)) return true;
  for (const key of ["sameAs", "dependsOn"]) {
    const list = node[key];
    if (Array.isArray(list) && list.some((l) => isObj(l) && hit(l.partition, l.group))) return true;
  }
  for (const k in node) {
    if (k === "sameAs" || k === "dependsOn") continue;
    const v = node[k];
    if (typeof v === "object" && v !== null && refersTo(v, dropped)) return true;
  }
  return false;
}

/** The attainment cells and gaps of a report or a school's section, cut to the published measures. */
function publishAttainment(section: { attainment: { cells: Obj[] }; gaps: { attainment: Obj[] } }): void {
  const keep = new Set<string>(PUBLISHED_ATTAINMENT_MEASURES);
  section.attainment.cells = section.attainment.cells.filter((c) => keep.has(String(c.measure)));
  section.gaps.attainment = section.gaps.attainment.filter((g) => keep.has(String(g.measure)));
}

/** Links made again from a report's own content (the SENCO's report carries none: see `disclosure/links.ts`). */
function relink(report: ReportContent): void {
  const r = report as unknown as Obj & ReportContent;
  linkRepeatedGroups(r.identification);
  linkGapsAndAttendance(r as unknown as GapSections);
  // National comparisons: each repeats the same group of the report's own table for its measure.
  for (const item of r.gaps.national) {
    const y = item.academicYear;
    const sources = item.measure === "phonicsMet"
      ? [...new Set(r.attainment.cells.filter((c) => c.measure === "phonicsMark" && c.academicYear === y && c.term === "summer" && c.yearGroup === 1)
        .map((c) => c.partition.slice(0, c.partition.lastIndexOf("|"))))]
      : item.measure === "ks2Rwm" ? [`ks2-rwm|${y}`]
        : item.measure === "persistentAbsence" ? [`attendance|${y}`]
          : item.measure === "senShare" ? [`identification|${r.identification.asOf}`] : [];
    const own = item.partition.slice(0, item.partition.lastIndexOf("|"));
    addSameAs(item, [...groupIds([own], item.group), ...groupIds(sources, item.group)].filter((l) => l.partition !== item.partition));
  }
  // The reviews' totals count the EHC plans on the report's date: the EHC plan group of the SEN status table
  // (hidden there, the reviews printed it: 17 at --threshold 11 on the sample, and SEN − 17 = SEN support).
  if (r.reviews.asOf === r.identification.asOf) {
    for (const c of r.reviews.cells) if (c.isTotal === true) addSameAs(c, [{ partition: `identification|${r.identification.asOf}|senStatus`, group: "E" }]);
  }
  for (const g of r.gaps.ks2Rwm) addDependsOn(g.gap, [...groupIds([`ks2-rwm|${g.academicYear}`], g.group), ...groupIds([`ks2-rwm|${g.academicYear}`], "N")]);
  for (const t of r.gaps.trends) {
    for (const p of t.points) {
      if (t.measure === "ks2Rwm") addDependsOn(p, [...groupIds([`ks2-rwm|${p.academicYear}`], "SEN"), ...groupIds([`ks2-rwm|${p.academicYear}`], "N")]);
      if (t.measure === "phonicsMark") {
        const prefixes = [...new Set(r.attainment.cells.filter((c) => c.subject === t.subject && c.measure === "phonicsMark" && c.academicYear === p.academicYear && c.term === "summer" && c.yearGroup === 1)
          .map((c) => c.partition.slice(0, c.partition.lastIndexOf("|"))))];
        addDependsOn(p, [...groupIds(prefixes, "SEN"), ...groupIds(prefixes, "N")]);
      }
    }
  }
  for (const s of r.schools ?? []) {
    linkRepeatedGroups(s.identification);
    linkGapsAndAttendance(s as unknown as GapSections);
    for (const g of s.gaps.ks2Rwm) {
      const prefix = `school:${s.school}|ks2-rwm|${g.academicYear}`;
      addDependsOn(g.gap, [...groupIds([prefix], g.group), ...groupIds([prefix], "N")]);
    }
  }
  linkSenAnyToSenStatus(r);
  // Provision: the pupils against the threshold are the pupils by area of need (one total, two tables).
  const areaTotal = r.provision.byArea.find((c) => c.isTotal === true);
  for (const c of r.provision.thresholdBands) if (c.isTotal === true && areaTotal) addSameAs(c, [{ partition: areaTotal.partition, group: areaTotal.group }]);
}

/**
 * Hides (pupils and cost null) each year of the provision's cost that fewer than `threshold` pupils share (its
 * cost would come close to one pupil's), and then, where a kind of year (academic or financial) has exactly one
 * hidden, the other year of that kind with fewest pupils: each kind's years add up to the same total (the
 * other kind's), so one hidden year alone could be worked out from the rest.
 * @param years the report's `provision.years` (changed in place)
 * @param threshold the policy's group threshold
 * @example
 * const ys = [{ yearKind: "academic", year: "2024/25", n: 2, cost: 900 }, { yearKind: "academic", year: "2025/26", n: 40, cost: 30000 }, { yearKind: "academic", year: "2026/27", n: 30, cost: 8000 }];
 * hideSmallProvisionYears(ys, 6); ys.map((y) => y.cost) // => [null, 30000, null]
 */
export function hideSmallProvisionYears(years: Array<{ yearKind: string; n: number | null; cost: number | null }>, threshold: number): void {
  const hidden = new Set(years.filter((y) => y.n === null || y.n < threshold));
  for (const kind of new Set(years.map((y) => y.yearKind))) {
    const ofKind = years.filter((y) => y.yearKind === kind);
    if (ofKind.filter((y) => hidden.has(y)).length !== 1) continue;
    const next = ofKind.filter((y) => !hidden.has(y)).sort((a, b) => (a.n ?? 0) - (b.n ?? 0))[0];
    if (next !== undefined) hidden.add(next);
  }
  for (const y of hidden) {
    y.n = null;
    y.cost = null;
  }
}

/** Options of {@link publishReport}. */
export interface PublishOptions {
  /** The audience (written into `meta.audience`). */
  audience: "governors" | "public";
  /** The group threshold of the policy. */
  threshold: number;
  /** The rounding base of the policy, if any. */
  roundCountsTo?: number;
  /** The pupils the report was made from, for the check of intervention names (optional). */
  pupils?: readonly KnownPupil[];
  /** Governor-facing names of interventions, by the provision map's name (checked as any name). */
  interventionNames?: Readonly<Record<string, string>>;
}

/**
 * Makes a (copied) sendscope report into what governors and the public are given, in place (see this
 * module's header), adds the relations between its tables that disclosure control needs (`sameAs`,
 * `dependsOn`, and `crossSchool`: each school's cell in the partition of its group across schools), and
 * returns nothing. `finishPublishedReport` removes the relations again after disclosure control.
 * @param report a copy of a report; changed in place
 * @param options the threshold and the pupils
 * @throws {InvalidArgumentError} when the value is not a sendscope report
 * @example
 * const copy = structuredClone(buildReport(data, { asOf: "2026-06-22" }));
 * publishReport(copy, { threshold: 6, pupils: data.pupils });
 * copy.belowCurriculum // => null (left out of what governors and the public are given)
 */
export function publishReport(report: unknown, options: PublishOptions): void {
  if (!isSendscopeReport(report)) throw new InvalidArgumentError("publishReport", "expected a sendscope report (buildReport's shape)");
  const r = report as Obj & ReportContent & { crossSchool?: unknown };
  stripLinks(r);
  r.meta.audience = options.audience;
  r.meta.disclosure = { threshold: options.threshold, roundCountsTo: options.roundCountsTo ?? null };
  const base = options.roundCountsTo;
  if (base !== undefined) {
    // Counts of pupils outside the cells are rounded too (each on its own).
    const round = (v: number): number => roundToBase(v, base);
    r.meta.pupilsOnRoll = round(r.meta.pupilsOnRoll);
    r.meta.pupilsImported = round(r.meta.pupilsImported);
    r.identification.onRoll = round(r.identification.onRoll);
    r.identification.previous.onRoll = round(r.identification.previous.onRoll);
    for (const s of r.schools ?? []) {
      s.pupilsOnRoll = round(s.pupilsOnRoll);
      s.pupilsImported = round(s.pupilsImported);
      s.identification.onRoll = round(s.identification.onRoll);
      s.identification.previous.onRoll = round(s.identification.previous.onRoll);
    }
  }
  // Free text first, while staff names are still there to check against.
  const staff = new Set<string>();
  for (const iv of r.interventions.interventions) {
    for (const s of iv.delivery.staff) staff.add(s);
    for (const run of iv.runs) for (const s of run.delivery.staff) staff.add(s);
  }
  const forbidden = forbiddenWords(options.pupils ?? [], staff);
  const renames = new Map<string, string>();
  const names = [...new Set([...r.interventions.interventions.map((iv) => iv.intervention), ...r.provision.byIntervention.map((c) => c.group)])];
  let anonymous = 0;
  for (const name of names) {
    const given = options.interventionNames?.[name];
    if (given !== undefined && given !== name && publishableName(given, forbidden)) renames.set(name, given);
    else if (!publishableName(name, forbidden)) {
      renames.set(name, `Intervention ${String.fromCharCode(65 + (anonymous % 26))}${anonymous >= 26 ? Math.floor(anonymous / 26) : ""}`);
      anonymous += 1;
    }
  }
  for (const iv of r.interventions.interventions) {
    iv.runs = [];
    iv.delivery.staff = [];
  }
  renameIn(r.interventions, renames);
  // Provision (issue #15): names as the interventions', and staff hours by role and year group stay with the SENCO.
  renameIn(r.provision, renames);
  r.provision.staffHours = [];
  hideSmallProvisionYears(r.provision.years, options.threshold);
  r.meta.import.files.forEach((f, i) => {
    f.file = `file ${i + 1} (${f.kind})`;
  });
  // The audience's tables.
  publishAttainment(r as unknown as { attainment: { cells: Obj[] }; gaps: { attainment: Obj[] } });
  r.belowCurriculum = null;
  // Classes and cohorts (issue #18): a class's SEN pupils are a handful, so the section stays with the SENCO.
  r.classes = null;
  for (const s of r.schools ?? []) publishAttainment(s as unknown as { attainment: { cells: Obj[] }; gaps: { attainment: Obj[] } });
  relink(r);
  // SEN support against EHC plan only where both are large enough.
  const tables: Obj[][] = [
    r.attainment.cells as unknown as Obj[], r.ks2Rwm.cells as unknown as Obj[], (r.progress?.cells ?? []) as unknown as Obj[],
    r.attendance.cells as unknown as Obj[], r.suspensions.cells as unknown as Obj[], r.targets.cells as unknown as Obj[],
    ...(r.schools ?? []).flatMap((s: SchoolSection) => [s.attainment.cells, s.ks2Rwm.cells, s.attendance.cells] as unknown as Obj[][]),
  ];
  const dropped = new Set<string>();
  for (const cells of tables) for (const p of smallStatusPartitions(cells, options.threshold)) dropped.add(p);
  if (dropped.size > 0) {
    const prune = <T>(list: T[]): T[] => list.filter((item) => !(isObj(item) && (dropped.has(String(item.partition)) || refersTo(item, dropped))));
    // The tables a school's section shares with the report, pruned the same way for both (said once).
    const pruneSection = (s: Pick<SchoolSection, "attainment" | "ks2Rwm" | "attendance" | "gaps">): void => {
      s.attainment.cells = prune(s.attainment.cells);
      s.ks2Rwm.cells = prune(s.ks2Rwm.cells);
      s.attendance.cells = prune(s.attendance.cells);
      s.attendance.national = prune(s.attendance.national);
      s.gaps.attainment = prune(s.gaps.attainment);
      s.gaps.ks2Rwm = prune(s.gaps.ks2Rwm);
    };
    pruneSection(r);
    if (r.progress) r.progress.cells = prune(r.progress.cells);
    r.suspensions.cells = prune(r.suspensions.cells);
    r.targets.cells = prune(r.targets.cells);
    r.gaps.national = prune(r.gaps.national);
    for (const s of r.schools ?? []) pruneSection(s);
  }
  if (r.schools !== undefined && r.schools.length > 0) r.crossSchool = crossSchoolCellsOf(r.schools);
}

/**
 * After disclosure control of a published report: trend verdicts worked out again without hidden years
 * (`finishDisclosedTrends`, saying only that a year is hidden to protect privacy), and the relations that
 * `publishReport` added (`sameAs`, `dependsOn`, `crossSchool`) removed. In place.
 * @param report the disclosed report
 * @example
 * const disclosed = structuredClone(buildReport(data, { asOf: "2026-06-22" }));
 * publishReport(disclosed, { threshold: 6, pupils: data.pupils });
 * JSON.stringify(disclosed).includes('"sameAs"') // => true (the relations added for disclosure control)
 * finishPublishedReport(disclosed);
 * [JSON.stringify(disclosed).includes('"sameAs"'), "crossSchool" in disclosed] // => [false, false]
 */
export function finishPublishedReport(report: unknown): void {
  const r = report as Obj & { gaps: { trends: Disclosed<GapTrendEntry>[] }; attainment: { cells: Disclosed<AttainmentCell>[] }; crossSchool?: unknown };
  finishDisclosedTrends(r.gaps.trends, r.attainment.cells, PRIVACY_REASON);
  delete r.crossSchool;
  stripLinks(r);
}
