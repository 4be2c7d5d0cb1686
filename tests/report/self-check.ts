// The report checks itself: `selfCheck` walks a whole report (and, for the pages, the dashboards' sources) and
// lists every place where what a reader sees does not agree with itself. Each finding starts with its kind:
// - "count": a count shown in two places differs without the date each was taken (identification's "Change
//   since" table against the counts on the date; attendance and suspensions grouped on another date);
// - "narrative": an intervention's sentence whose arithmetic does not hold (group change − comparison change
//   = net impact, in the net's unit), or whose net is not the figure the chart plots;
// - "threshold": a label that names a threshold the figure does not use (the standardised-score threshold
//   recounted from the data; labels and page texts);
// - "ranking": a cost-effectiveness ranking that ranks an intervention without clear evidence of impact, or
//   gives two interventions the same rank 1;
// - "phase": a national comparison that does not say which schools and year its figure is for, or a primary
//   school's SEN support, EHC plan or any-SEN share compared with a figure for all schools (one for its
//   phase is shipped for each);
// - "name": a trust's report named after one of its schools;
// - "pages": a page that prints a missing figure as "suppressed" or draws it as 0.
// The expected values are recomputed here from the data or the report's own other sections, never copied
// from the code under test.
import { readFileSync } from "node:fs";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import type { SendscopeReport } from "../../src/lib/report/schema.js";

type Loose = Record<string, unknown>;

function num(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/** "+4.7", "−0.4", "-0.4", "4.7" -> number. */
function parseSigned(s: string): number {
  return Number(s.replace("−", "-").replace("+", ""));
}

const UNIT = "(points?|months?|times)";
const NUMBER = "([+−-]?\\d+(?:\\.\\d+)?)";

/** The numbers one intervention sentence states: the group's change, what it is compared with, and the net. */
export function narrativeNumbers(text: string): { group: { value: number; unit: string } | null; against: { value: number; unit: string | null } | null; net: { value: number; unit: string } | null } {
  const body = text.replace(/\([^()]*interval[^()]*\)/g, "");
  const groupMatch = new RegExp(`(?:changed|rose|fell) (?:by|at) ${NUMBER} ${UNIT}`).exec(body);
  const againstMatch = new RegExp(`(?:similar pupils[^.;:]*?(?:changed|rose|fell) (?:by|at)|come to) ${NUMBER}(?: ${UNIT})?`).exec(body);
  const netMatch = new RegExp(`(?:That is|difference(?: was|,)?) ${NUMBER} ${UNIT} ?(beyond|more than|less than|fewer than)?`).exec(body);
  const unitOf = (u: string | undefined) => (u === undefined ? null : u.replace(/s$/, ""));
  return {
    group: groupMatch ? { value: parseSigned(groupMatch[1]!), unit: unitOf(groupMatch[2])! } : null,
    against: againstMatch ? { value: parseSigned(againstMatch[1]!), unit: unitOf(againstMatch[2]) } : null,
    net: netMatch ? { value: parseSigned(netMatch[1]!) * (netMatch[3] === "less than" || netMatch[3] === "fewer than" ? -1 : 1), unit: unitOf(netMatch[2])! } : null,
  };
}

/** Rounding to one decimal place in each of three figures moves their difference by at most 0.15. */
const ROUNDING = 0.15 + 1e-9;

function checkNarrative(where: string, narrative: string | null | undefined, impact: Loose | null | undefined, out: string[]): void {
  if (typeof narrative !== "string" || impact === null || impact === undefined) return;
  const net = impact.net as Loose | undefined;
  const netMean = num(net?.mean);
  if (netMean === null || net?.method === "none") return;
  const unit = String(net?.unit ?? "").replace(/s$/, "");
  const said = narrativeNumbers(narrative);
  if (said.group === null || said.against === null) {
    out.push(`narrative: ${where}: the sentence does not state both the group's change and what it is compared with ("${narrative}")`);
    return;
  }
  if (said.group.unit !== unit || (said.against.unit !== null && said.against.unit !== unit)) {
    out.push(`narrative: ${where}: the sentence compares ${said.group.unit}s with ${said.against.unit ?? said.group.unit}s but the net impact is in ${unit}s ("${narrative}")`);
    return;
  }
  const difference = said.group.value - said.against.value;
  if (Math.abs(difference - netMean) > ROUNDING) {
    out.push(`narrative: ${where}: ${said.group.value} − ${said.against.value} = ${difference.toFixed(1)} ${unit}s, but the chart plots ${netMean.toFixed(1)} ("${narrative}")`);
  }
  if (said.net !== null) {
    if (said.net.unit !== unit) out.push(`narrative: ${where}: the net is stated in ${said.net.unit}s, the chart's is in ${unit}s`);
    else if (Math.abs(said.net.value - netMean) > 0.05 + 1e-9) {
      out.push(`narrative: ${where}: the sentence says the net is ${said.net.value} ${unit}s, the chart plots ${netMean.toFixed(1)} ("${narrative}")`);
    } else if (Math.abs(said.group.value - said.against.value - said.net.value) > ROUNDING) {
      out.push(`narrative: ${where}: ${said.group.value} − ${said.against.value} is not ${said.net.value} ("${narrative}")`);
    }
  }
}

function cellCount(cells: readonly Loose[] | undefined, group: string): number | null {
  const c = (cells ?? []).find((x) => x.group === group && x.isTotal !== true);
  return c === undefined ? null : num(c.count) ?? num(c.n);
}

function checkCounts(r: Loose, out: string[]): void {
  const ident = r.identification as Loose;
  const prev = ident.previous as Loose;
  for (const row of (ident.change as Loose[]) ?? []) {
    const group = String(row.group);
    const cells = group === "SEN" ? (ident.senAny as Loose[]) : (ident.senStatus as Loose[]);
    const prevCells = group === "SEN" ? (prev.senAny as Loose[]) : (prev.senStatus as Loose[]);
    // What the "Change since" table shows as "Now": `count` where the row has one, else `n`.
    const now = "count" in row ? num(row.count) : num(row.n);
    const expected = cellCount(cells, group);
    if (now !== null && expected !== null && now !== expected) {
      out.push(`count: identification change, ${group}: "now" shows ${now} but the count on ${String(ident.asOf)} is ${expected}`);
    }
    const before = num(row.previousCount);
    const expectedBefore = cellCount(prevCells, group);
    if (before !== null && expectedBefore !== null && before !== expectedBefore) {
      out.push(`count: identification change, ${group}: "a year earlier" shows ${before} but the count on ${String(ident.previousAsOf)} is ${expectedBefore}`);
    }
    const change = num(row.countChange);
    if (now !== null && before !== null && change !== null && now - before !== change) {
      out.push(`count: identification change, ${group}: ${now} − ${before} is not the change shown, ${change}`);
    }
  }
  // Counts of the same SEN groups elsewhere must say the date their groups were taken when they differ.
  for (const [name, section] of [["attendance", r.attendance], ["suspensions", r.suspensions]] as const) {
    const s = section as Loose;
    const cells = ((s.cells as Loose[]) ?? []).filter((c) => c.dimension === "senStatus");
    for (const group of ["K", "E"]) {
      const here = num(cells.find((c) => c.group === group)?.n);
      const there = cellCount(ident.senStatus as Loose[], group);
      if (here === null || there === null || here === there) continue;
      const date = s.statusDate;
      if (typeof date !== "string") {
        out.push(`count: ${name}: ${group} counts ${here} pupils beside ${there} in identification, with no date saying when its groups were taken`);
      }
    }
  }
}

/** The standardised threshold the report says it used, recounted from the data for every whole-group cell. */
function checkThresholds(r: Loose, data: SchoolData | null, out: string[]): void {
  const meta = r.meta as Loose;
  const thresholds = meta.thresholds as Loose[] | undefined;
  const std = thresholds?.find((t) => t.measure === "standardised");
  if (std === undefined) {
    out.push("threshold: the report does not say which standardised score counts towards its shares (meta.thresholds)");
    return;
  }
  const at = num(std.expected);
  const label = String(std.expectedLabel ?? "");
  if (at === null || !label.includes(String(at))) out.push(`threshold: the standardised label "${label}" does not name the threshold ${String(at)}`);
  if (/expected standard/i.test(label)) out.push(`threshold: the standardised label "${label}" calls it the expected standard (a KS2 term; NFER: a standardised score is not a scaled score)`);
  if (data === null || at === null) return;
  // Recount: every whole-school standardised cell (dimension senStatus, total) against the results on its point.
  const cells = ((r.attainment as Loose).cells as Loose[]).filter((c) => c.measure === "standardised" && c.isTotal === true && c.dimension === "senStatus" && num(c.count) !== null);
  const byKey = new Map<string, number[]>();
  for (const c of cells) byKey.set(`${String(c.subject)}|${String(c.point)}|${String(c.yearGroup)}`, []);
  // Year groups are the report's own (cells are by year group), so recount totals over year groups per point.
  const totals = new Map<string, { n: number; count: number }>();
  for (const c of cells) {
    const key = `${String(c.subject)}|${String(c.point)}`;
    const t = totals.get(key) ?? { n: 0, count: 0 };
    t.n += num(c.n) ?? 0;
    t.count += num(c.count) ?? 0;
    totals.set(key, t);
  }
  const asOf = String(meta.generatedFor);
  for (const [key, t] of totals) {
    const [subject, point] = key.split("|");
    const scores = data.assessments.filter((a) => a.measure === "standardised" && a.subject === subject && a.point === point && a.date <= asOf && a.score !== null).map((a) => a.score as number);
    if (scores.length !== t.n) continue; // pupils of no year group are left out of the year cells: not comparable
    const count = scores.filter((s) => s >= at).length;
    if (count !== t.count) out.push(`threshold: ${subject} ${point}: ${t.count} of ${t.n} counted, but ${count} scored ${at} or more`);
  }
}

function checkRankings(r: Loose, out: string[]): void {
  const iv = r.interventions as Loose;
  const verdict = new Map(((iv.interventions as Loose[]) ?? []).map((i) => [String(i.intervention), String((i.impact as Loose | undefined)?.verdict)]));
  for (const ranking of (iv.rankings as Loose[]) ?? []) {
    const entries = (ranking.entries as Loose[]) ?? [];
    const ranked = entries.filter((e) => num(e.rank) !== null);
    for (const e of ranked) {
      const v = verdict.get(String(e.intervention));
      if (v !== "clear-impact") out.push(`ranking: ${String(ranking.unit)}: ${String(e.intervention)} is ranked ${String(e.rank)} with verdict ${String(v)} (no clear evidence)`);
    }
    const firsts = ranked.filter((e) => e.rank === 1);
    if (firsts.length > 1) out.push(`ranking: ${String(ranking.unit)}: ${firsts.length} interventions share rank 1 (${firsts.map((e) => String(e.intervention)).join(", ")})`);
  }
}

function checkNarratives(r: Loose, out: string[]): void {
  for (const i of ((r.interventions as Loose).interventions as Loose[]) ?? []) {
    checkNarrative(String(i.intervention), i.narrative as string, i.impact as Loose, out);
    for (const run of (i.runs as Loose[]) ?? []) checkNarrative(`${String(i.intervention)}, ${String(run.run)}`, run.narrative as string, run.impact as Loose, out);
  }
}

function isPrimary(data: SchoolData | null, r: Loose): boolean {
  if (data === null) return false;
  const year = String((r.meta as Loose).academicYear).slice(0, 4);
  const groups = data.pupils.filter((p) => p.leavingDate === null && p.yearGroup !== null && p.yearGroupAcademicYear !== null)
    .map((p) => (p.yearGroup as number) + Number(year) - Number((p.yearGroupAcademicYear as string).slice(0, 4)));
  return groups.length > 0 && groups.every((g) => g >= 0 && g <= 6);
}

function checkPhase(r: Loose, data: SchoolData | null, out: string[]): void {
  const national = ((r.identification as Loose).national as Loose[]) ?? [];
  for (const x of national.filter((y) => y.measure === "senShare")) {
    const gap = x.gap as Loose;
    const scope = gap.nationalScope;
    if (typeof scope !== "string" || scope.length === 0) {
      out.push(`phase: identification vs national, ${String(x.group)}: the national figure (${String(gap.nationalRate)}) does not say which schools it is for`);
    } else if (isPrimary(data, r) && !/primary/.test(scope)) {
      // The shipped figures have a state-funded primary figure for K, E and any SEN (src/data/national.ts).
      out.push(`phase: a primary school's ${String(x.group)} share is compared with "${scope}", not state-funded primary schools`);
    } else if (typeof gap.nationalLabel !== "string" || !gap.nationalLabel.includes(String(gap.nationalYear))) {
      out.push(`phase: identification vs national, ${String(x.group)}: the comparison does not name the figure's year`);
    }
  }
  if (isPrimary(data, r) && !national.some((x) => x.measure === "senShare" && /primary/.test(String((x.gap as Loose).nationalScope ?? "")))) {
    out.push("phase: a primary school has no comparison with state-funded primary schools");
  }
}

function checkName(r: Loose, out: string[]): void {
  const schools = (r.schools as Loose[] | undefined) ?? [];
  if (schools.length === 0) return;
  const name = (r.meta as Loose).schoolName;
  if (name === null || name === undefined || schools.some((s) => s.school === name)) {
    out.push(`name: a report on ${schools.length} schools is named ${JSON.stringify(name)}, not for the trust`);
  }
}

/**
 * Every disagreement in one report, as findings (empty when the report agrees with itself).
 * @param report a report from `buildReport` or `analyseFolder`
 * @param data the data it was built from, for the recounts (null: skip them)
 */
export function selfCheck(report: SendscopeReport, data: SchoolData | null): string[] {
  const r = report as unknown as Loose;
  const out: string[] = [];
  checkCounts(r, out);
  checkThresholds(r, data, out);
  checkNarratives(r, out);
  checkRankings(r, out);
  checkPhase(r, data, out);
  checkName(r, out);
  return out;
}

/** The dashboards' page sources, for the text checks. */
// dashboards/components is a link to dashboards/governors/components: one view.js serves both sites.
const PAGES = ["dashboards/index.md", "dashboards/governors/index.md", "dashboards/interventions.md", "dashboards/governors/components/view.js"];

/**
 * What the pages print, checked in their sources: no fixed threshold or "expected standard" wording for
 * standardised scores (labels come from `meta.thresholds`); a missing figure is not "suppressed" and not
 * drawn as 0; the attendance and suspensions captions name the date their groups were taken; the stalled
 * pupils' table is the chart's rows.
 */
export function pageChecks(root = "."): string[] {
  const out: string[] = [];
  const text = new Map(PAGES.map((p) => [p, readFileSync(`${root}/${p}`, "utf8")]));
  for (const [page, src] of text) {
    if (/standardised score of 100/.test(src)) out.push(`threshold: ${page} says "a standardised score of 100" whatever threshold the figures use`);
    if (/Share at the expected standard by SEN status|share at the expected standard \(standardised tests/i.test(src)) out.push(`threshold: ${page} calls the standardised-score share "the expected standard"`);
    if (/x == null \? "suppressed"/.test(src)) out.push(`pages: ${page} prints every missing figure as "suppressed"`);
    if (/nationalRate \?\? 0/.test(src)) out.push(`pages: ${page} draws a missing national figure as 0`);
  }
  for (const page of ["dashboards/index.md", "dashboards/governors/index.md"]) {
    const src = text.get(page) ?? "";
    if (!/meta\.thresholds|thresholdLabel/.test(src)) out.push(`threshold: ${page} does not take its standardised-score labels from the report (meta.thresholds)`);
    if (!/statusDate/.test(src.slice(src.indexOf("Attendance")))) out.push(`count: ${page} does not say on which date attendance and suspensions grouped pupils by SEN status`);
  }
  const senco = text.get("dashboards/index.md") ?? "";
  if (/Inputs\.table\(stalled,/.test(senco)) out.push("pages: dashboards/index.md lists every stalled measure beneath a chart of standardised scores only");
  if (/in date: |\$\{c\.status\}: \$\{c\.count\}/.test(senco)) out.push("pages: dashboards/index.md writes the reviews summary as raw status codes");
  return out;
}
