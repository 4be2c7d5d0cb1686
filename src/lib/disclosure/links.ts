/**
 * Disclosure's contract with the report (a layer beneath `report/`, which makes the links while it builds
 * the sections; `publication.ts` makes them again from a report's own content). Glue between report sections for disclosure control: `sameAs` links that tie a figure shown in one table
 * to the group it repeats in another (see `applyDisclosure`, rule 3), so that a group hidden in one place is
 * hidden wherever it reappears. The report schema drops `sameAs`; it only lives between analysis and
 * disclosure.
 */
import type { Identification } from "../cohort/identification.js";
import type { AttainmentCell } from "../cohort/attainment.js";
import type { AttendanceByGroup } from "../cohort/attendance.js";
import type { AttainmentGap } from "../gaps/attainment-gaps.js";

/** A link to the same group in another table. */
export interface SameAs {
  /** The partition of the other cell. */
  partition: string;
  /** The group of the other cell. */
  group: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Adds `sameAs` links to an object (a cell or a figure that repeats a group).
 * @example
 * const gap = { n: 4 };
 * addSameAs(gap, [{ partition: "ks2-rwm|2024/25|senAny", group: "SEN" }]);
 * gap // => { n: 4, sameAs: [{ partition: "ks2-rwm|2024/25|senAny", group: "SEN" }] }
 */
export function addSameAs(target: object, links: readonly SameAs[]): void {
  if (links.length === 0) return;
  const t = target as { sameAs?: SameAs[] };
  t.sameAs = [...(t.sameAs ?? []), ...links];
}

/**
 * Adds `dependsOn` links to a figure worked out from groups shown elsewhere (a gap, a trend point): disclosure
 * hides it when any of them is hidden, and its own hiding does not spread to them.
 * @example
 * const gap = { n: 12 };
 * addDependsOn(gap, [{ partition: "ks2-rwm|2024/25|senAny", group: "N" }]);
 * gap // => { n: 12, dependsOn: [{ partition: "ks2-rwm|2024/25|senAny", group: "N" }] }
 */
export function addDependsOn(target: object, links: readonly SameAs[]): void {
  if (links.length === 0) return;
  const t = target as { dependsOn?: SameAs[] };
  t.dependsOn = [...(t.dependsOn ?? []), ...links];
}

/**
 * The identities of one group in a table whose partitions are `<prefix>|senStatus` (N, K, E, all) and
 * `<prefix>|senAny` (N, SEN, all): K and E are in the first, SEN in the second, N and all in both (the same
 * pupils).
 * @example
 * groupIds(["ks2-rwm|2024/25"], "N")
 * // => [{ partition: "ks2-rwm|2024/25|senStatus", group: "N" }, { partition: "ks2-rwm|2024/25|senAny", group: "N" }]
 */
export function groupIds(prefixes: readonly string[], group: string): SameAs[] {
  const dims = group === "SEN" ? ["senAny"] : group === "K" || group === "E" ? ["senStatus"] : ["senStatus", "senAny"];
  return prefixes.flatMap((p) => dims.map((d) => ({ partition: `${p}|${d}`, group })));
}

/**
 * Links every `N` and `all` cell of a `…|senAny` partition to the same group of its `…|senStatus` partition:
 * they count the same pupils, so one hidden and the other shown would give away SEN = all − N.
 * @example
 * const cells = [{ partition: "x|senAny", group: "N", n: 40 }];
 * linkSenAnyToSenStatus(cells);
 * cells[0].sameAs // => [{ partition: "x|senStatus", group: "N" }]
 */
export function linkSenAnyToSenStatus(root: unknown): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObj(node) || node.pupilLevel === true) return;
    const p = node.partition;
    if (typeof p === "string" && p.endsWith("|senAny") && (node.group === "N" || node.group === "all") && typeof node.n === "number") {
      addSameAs(node, [{ partition: `${p.slice(0, -"|senAny".length)}|senStatus`, group: node.group }]);
    }
    for (const k in node) {
      const v = node[k];
      if (typeof v === "object" && v !== null) visit(v);
    }
  };
  visit(root);
}

/**
 * Link the identification figures that repeat a group shown in the SEN status table (the year-on-year
 * `change` rows, which also depend on the group a year earlier, the totals of the need-mix tables, and the `national` comparisons) to that group with
 * `sameAs`, so that disclosure control hides them wherever the group is hidden.
 * @example
 * // The parts of an identification section it reads: a K change row and a K need-mix total.
 * const ident = { senStatus: [{ partition: "id|2025/26|senStatus" }], senAny: [{ partition: "id|2025/26|senAny" }],
 *   previous: { senStatus: [{ partition: "id|2024/25|senStatus" }], senAny: [{ partition: "id|2024/25|senAny" }] },
 *   change: [{ group: "K" }], needMix: [{ partition: "needs|K", group: "K", isTotal: true }], national: [] };
 * linkRepeatedGroups(ident);
 * ident.change[0].dependsOn
 * // => [{ partition: "id|2025/26|senStatus", group: "K" }, { partition: "id|2024/25|senStatus", group: "K" }]
 * ident.needMix[0].sameAs // => [{ partition: "id|2025/26|senStatus", group: "K" }]
 */
export function linkRepeatedGroups(ident: Identification): void {
  const link = (target: object, partition: string | undefined, group: string): void => {
    if (partition !== undefined) addSameAs(target, [{ partition, group }]);
  };
  const statusPartition = ident.senStatus[0]?.partition;
  const anyPartition = ident.senAny[0]?.partition;
  const previousStatus = ident.previous.senStatus[0]?.partition;
  const previousAny = ident.previous.senAny[0]?.partition;
  for (const c of ident.change) {
    // A change is worked out from the group now and a year earlier: hidden when either is, without hiding
    // them in turn (`dependsOn`, not `sameAs`: a change hidden for a small group a year earlier must not hide
    // this year's group).
    const now = c.group === "SEN" ? anyPartition : statusPartition;
    if (now !== undefined) addDependsOn(c, [{ partition: now, group: c.group }]);
    // The change also prints the group's size a year earlier (`previousCount`): hidden when that group is.
    const before = c.group === "SEN" ? previousAny : previousStatus;
    if (before !== undefined) addDependsOn(c, [{ partition: before, group: c.group }]);
  }
  for (const c of ident.needMix) if (c.isTotal) link(c, statusPartition, c.group);
  for (const item of ident.national) {
    if (item.measure === "senShare") link(item.gap, statusPartition, item.group);
    else if (item.need !== null) {
      const cell = ident.needMix.find((c) => !c.isTotal && c.group === item.need && c.partition.endsWith(`|${item.group}`));
      if (cell) link(item.gap, cell.partition, cell.group);
    }
  }
}

/** The sections `linkGapsAndAttendance` reads (the whole report, or one school's part of it). */
export interface GapSections {
  /** Attainment cells. */
  attainment: { cells: readonly AttainmentCell[] };
  /** Attainment gaps. */
  gaps: { attainment: readonly AttainmentGap[] };
  /** Attendance. */
  attendance: Pick<AttendanceByGroup, "cells" | "national">;
}

/** What says which results an attainment cell or gap is about. */
type PointHead = Pick<AttainmentCell, "subject" | "measure" | "point" | "yearGroup">;

function samePoint(a: PointHead, b: PointHead): boolean {
  return a.subject === b.subject && a.measure === b.measure && a.point === b.point && a.yearGroup === b.yearGroup;
}

/**
 * Link the figures of the attainment gaps to the attainment cells of their two groups (`dependsOn`), and the
 * national attendance comparisons to the attendance cells of the same group (`sameAs`). Linear in the number
 * of cells.
 * @example
 * // The parts of a report it reads: the K and N attainment cells of one test, a K gap, a K national attendance comparison.
 * const cell = (group) => ({ partition: `att|${group}`, group, subject: "reading", measure: "standardised",
 *   point: "2024/25 summer", yearGroup: 4, dimension: "senStatus", isTotal: false });
 * const gap = { group: "K", subject: "reading", measure: "standardised", point: "2024/25 summer", yearGroup: 4,
 *   expected: { n: 9 }, higher: null, mean: { n: 9 } };
 * const national = { group: "K", gap: { n: 14 } };
 * linkGapsAndAttendance({ attainment: { cells: [cell("K"), cell("N")] }, gaps: { attainment: [gap] },
 *   attendance: { cells: [{ partition: "attendance|2025/26|senStatus" }], national: [national] } });
 * gap.expected.dependsOn // => [{ partition: "att|K", group: "K" }, { partition: "att|N", group: "N" }]
 * national.gap.sameAs // => [{ partition: "attendance|2025/26|senStatus", group: "K" }]
 */
export function linkGapsAndAttendance(content: GapSections): void {
  // The cells by subject, measure, point and year group (one key per point: a point's cells, and its gaps,
  // come one after another), then by dimension and group.
  const index = new Map<string, Map<string, { partition: string; group: string }>>();
  let last: { of: PointHead; cells: Map<string, { partition: string; group: string }> } | undefined;
  const cellsOf = (of: PointHead): Map<string, { partition: string; group: string }> => {
    if (last !== undefined && samePoint(last.of, of)) return last.cells;
    const key = `${of.subject}\u0000${of.measure}\u0000${of.point}\u0000${of.yearGroup}`;
    let cells = index.get(key);
    if (cells === undefined) index.set(key, (cells = new Map()));
    last = { of, cells };
    return cells;
  };
  for (const c of content.attainment.cells) {
    if (c.isTotal) continue;
    cellsOf(c).set(`${c.dimension}|${c.group}`, c);
  }
  for (const gap of content.gaps.attainment) {
    const cells = cellsOf(gap);
    const dimension = gap.group === "SEN" ? "senAny" : "senStatus";
    const group = cells.get(`${dimension}|${gap.group}`);
    const comparison = cells.get(`${dimension}|N`);
    for (const figure of [gap.expected, gap.higher, gap.mean]) {
      if (figure === null) continue;
      if (group) addDependsOn(figure, [{ partition: group.partition, group: group.group }]);
      if (comparison) addDependsOn(figure, [{ partition: comparison.partition, group: comparison.group }]);
    }
  }
  const first = content.attendance.cells[0]?.partition;
  if (first === undefined) return;
  const prefix = first.slice(0, first.lastIndexOf("|"));
  for (const item of content.attendance.national) addSameAs(item.gap, groupIds([prefix], item.group));
}
