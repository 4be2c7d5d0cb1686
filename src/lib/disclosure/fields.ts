/**
 * Field-level suppression: a count of 1 or 2 (or all but 1 or 2) of a group hides that count and the figures
 * worked out from it (its *family*: `severeCount` with `severeRate`, `severeLower`, `severeUpper`), not the
 * whole cell, so a group's other figures (its size, attendance rate, persistent absence) stay shown. The
 * secondary rule and the consistency rule then work field by field: within a table (a partition, or a
 * group's cells across the schools of a trust), a field hidden in one cell only is hidden in a second, and a
 * group's field hidden in one table is hidden wherever the same group shows it. The audit (`audit-model.ts`)
 * models each field's table on its own, so that a hidden field cannot be worked out from the same field of
 * the siblings and the totals (Hundepool et al., *Statistical Disclosure Control*, 2012, §4.3: each cell of a
 * table is protected with the table's own relations; a report's cells here are several such tables, one per
 * field).
 *
 * A cell whose count fields count its own pupils (`n`, or `<x>N`) is hidden field by field; a share of a
 * parent (a cell with `of`, where the count is the group's own size) and a change row are hidden whole, as
 * before.
 */
import { DISCLOSURE_DERIVED_TEXT_FIELDS, DISCLOSURE_KEY_FIELDS, PRIVACY_REASON } from "./disclosed.js";

type Obj = Record<string, unknown>;

/**
 * Figures of a cell that are not worked out from its counts (sessions, the attendance rate over sessions, a
 * mean and its interval): they stay shown when a count is hidden. The audit does not model them (see README).
 * @example
 * COUNT_INDEPENDENT_FIELDS.includes("attendanceRate") // => true
 */
export const COUNT_INDEPENDENT_FIELDS: readonly string[] = ["possibleSessions", "attendedSessions", "attendanceRate", "mean", "meanLower", "meanUpper", "sd"];
const INDEPENDENT = new Set(COUNT_INDEPENDENT_FIELDS);
const DERIVED_TEXT = new Set<string>(DISCLOSURE_DERIVED_TEXT_FIELDS);
const KEYS = new Set<string>(DISCLOSURE_KEY_FIELDS);

/** Fields of the cell convention itself, never figures of a field's family. */
const STRUCTURAL = new Set(["n", "partition", "isTotal", "suppressed", "suppressionReason", "suppressedFields", "pupilLevel", "removed", "sameAs", "dependsOn", "group", "dimension", "academicYear", "label"]);

/**
 * Whether a field name is a count of pupils with an outcome (the numerator rule's fields): `count` or a
 * camelCase name ending in `Count`.
 * @example
 * isCountKey("severeCount") // => true
 * isCountKey("n") // => false
 */
export function isCountKey(key: string): boolean {
  return key === "count" || /[a-z]Count$/.test(key);
}

/**
 * The count fields a cell holds (present, whatever their value).
 * @example
 * countKeys({ n: 9, count: 3, severeCount: 1, rate: 0.3 }) // => ["count", "severeCount"]
 */
export function countKeys(o: Obj): string[] {
  return Object.keys(o).filter(isCountKey);
}

/**
 * Whether a cell is hidden field by field (its counts count its own pupils) rather than whole: it has neither
 * `of` (a share of a parent group, whose count is the group's own size) nor `previousCount` (a change row).
 * Hidden whole, a figure that repeats a table's group (a national comparison, linked by `sameAs`) would hide
 * that group whole everywhere; an intervention's exit-target count would hide the intervention's figures.
 * @example
 * fieldEligible({ partition: "attendance|2025/26|senStatus", n: 14, count: 5, severeCount: 1 }) // => true
 * fieldEligible({ partition: "identification|2026-06-22|senStatus", n: 17, count: 17, of: 420 }) // => false
 */
export function fieldEligible(o: Obj): boolean {
  return !("of" in o) && !("previousCount" in o);
}

/** The prefix of a count field (`severe` for `severeCount`, `` for `count`). */
function prefixOf(key: string): string {
  return key === "count" ? "" : key.slice(0, -"Count".length);
}

/** Whether `key` belongs to the prefix `p` (`severeRate` to `severe`): `p` followed by a capital letter. */
function hasPrefix(key: string, p: string): boolean {
  return key.length > p.length && key.startsWith(p) && /[A-Z]/.test(key[p.length]!);
}

/**
 * The family of a count field in a cell: the count and every figure worked out from it, hidden together.
 * For `<x>Count`, the fields `<x>…` but `<x>N` (its denominator); for `count`, every figure of the cell but
 * its group sizes, the other counts' families, national figures, labels and the figures in
 * `COUNT_INDEPENDENT_FIELDS` (so a suspensions cell's `suspensions`, `days` and `permanentExclusions` go with
 * its count of pupils suspended: a pupil suspended once for a day is one suspension of one day).
 * @example
 * fieldFamily({ n: 14, count: 5, rate: 0.36, severeCount: 1, severeRate: 0.07, attendanceRate: 0.85 }, "severeCount")
 * // => ["severeCount", "severeRate"]
 * fieldFamily({ n: 62, count: 1, rate: 0.02, suspensions: 1, days: 1 }, "count") // => ["count", "rate", "suspensions", "days"]
 */
export function fieldFamily(o: Obj, key: string): string[] {
  const p = prefixOf(key);
  if (p !== "") return Object.keys(o).filter((k) => k === key || (hasPrefix(k, p) && k !== `${p}N` && !KEYS.has(k)));
  const others = countKeys(o).filter((k) => k !== "count").map(prefixOf);
  return Object.keys(o).filter((k) => {
    if (k === "count") return true;
    if (STRUCTURAL.has(k) || KEYS.has(k) || INDEPENDENT.has(k) || /^national/.test(k) || /[a-z]N$/.test(k)) return false;
    if (others.some((q) => hasPrefix(k, q))) return false;
    const v = o[k];
    return typeof v === "number" || typeof v === "boolean" || v === null || (typeof v === "string" && DERIVED_TEXT.has(k));
  });
}

/** Which fields are hidden in which shown cells, and which of them the numerator rule hid (the audit's targets). */
export interface FieldState {
  /** The count fields hidden in each cell (not hidden whole). */
  hidden: Map<Obj, Set<string>>;
  /** The count fields hidden by the numerator rule (primary), by cell. */
  primary: Map<Obj, Set<string>>;
}

/**
 * Whether a cell's field is hidden: the whole cell is, or that field is.
 * @example
 * isFieldHidden({ n: 9, count: null }, "count", { hidden: new Map(), primary: new Map() }) // => false
 */
export function isFieldHidden(o: Obj, key: string, state: FieldState): boolean {
  return o.suppressed === true || (state.hidden.get(o)?.has(key) ?? false);
}

/**
 * Hides a count field and its family in a shown cell (`null`, never 0; derived words such as a `band` too),
 * lists them in `suppressedFields` and gives the one reason, `PRIVACY_REASON`. Returns whether anything
 * changed.
 * @example
 * const cell = { partition: "p", n: 14, count: 5, rate: 0.36, severeCount: 1, severeRate: 0.07 };
 * hideField(cell, "severeCount", { hidden: new Map(), primary: new Map() }); cell
 * // => { partition: "p", n: 14, count: 5, rate: 0.36, severeCount: null, severeRate: null,
 * //      suppressionReason: "hidden to protect privacy", suppressedFields: ["severeCount", "severeRate"] }
 */
export function hideField(o: Obj, key: string, state: FieldState): boolean {
  if (isFieldHidden(o, key, state)) return false;
  let set = state.hidden.get(o);
  if (set === undefined) state.hidden.set(o, (set = new Set()));
  set.add(key);
  const family = fieldFamily(o, key);
  for (const k of family) o[k] = null;
  const listed = Array.isArray(o.suppressedFields) ? (o.suppressedFields as string[]) : [];
  o.suppressedFields = [...listed, ...family.filter((k) => !listed.includes(k))];
  o.suppressionReason = PRIVACY_REASON;
  return true;
}

/** One table of a field: cells that add up to a total (`total` undefined: a total published elsewhere, or none). */
export interface FieldTable {
  members: Obj[];
  total: Obj | undefined;
}

/**
 * The tables in which each count field adds up: every partition (its members and its `isTotal` cell), and
 * for a trust, each group's cells in the schools (the cells that `across-schools|<partition>|<group>` cells
 * name in `sameAs`) with the trust's cell of that group as their total.
 * @param partitions the cells of each partition, as `applyDisclosure` lays them out
 * @param cells every cell (to find a cell by its own partition and group)
 * @example
 * fieldTables([[{ partition: "p", group: "all", isTotal: true, n: 9 }, { partition: "p", group: "K", n: 9 }]], []).length // => 1
 */
export function fieldTables(partitions: readonly Obj[][], cells: readonly Obj[]): FieldTable[] {
  const byOwnIdentity = new Map<string, Obj>();
  for (const c of cells) {
    if (typeof c.partition !== "string" || typeof c.group !== "string" || c.partition.startsWith("across-schools|")) continue;
    const key = `${c.partition}\u0000${c.group}`;
    if (!byOwnIdentity.has(key)) byOwnIdentity.set(key, c);
  }
  const out: FieldTable[] = [];
  for (const part of partitions) {
    const name = part[0]?.partition;
    if (typeof name !== "string") continue;
    if (!name.startsWith("across-schools|")) {
      out.push({ members: part.filter((c) => c.isTotal !== true), total: part.find((c) => c.isTotal === true) });
      continue;
    }
    const rest = name.slice("across-schools|".length);
    const cut = rest.lastIndexOf("|");
    const total = byOwnIdentity.get(`${rest.slice(0, cut)}\u0000${rest.slice(cut + 1)}`);
    const members: Obj[] = [];
    for (const c of part) {
      const link = Array.isArray(c.sameAs) ? (c.sameAs[0] as Obj | undefined) : undefined;
      const school = link === undefined ? undefined : byOwnIdentity.get(`${String(link.partition)}\u0000${String(link.group)}`);
      if (school !== undefined) members.push(school);
    }
    if (total !== undefined && members.length >= 2) out.push({ members, total });
  }
  return out;
}

/**
 * The secondary rule, field by field: in each table, a count field hidden in one cell only (it would be the
 * total less the others) is hidden in a second, the smallest other member with pupils (the total as a last
 * resort); and a field hidden by the numerator rule in one member only is hidden in a second member even
 * when the total's is hidden too (a reader who knows the rules would know why a lone one is hidden). A cell
 * that is not hidden field by field (`fieldEligible`) is hidden whole with `hideWhole`. Returns whether
 * anything changed.
 * @example
 * // Group A's severe count (1) is hidden by the numerator rule; the total (4) less B's (3) and C's (0) would
 * // give it, so the smallest other member with pupils, C (6 pupils), has its severe count hidden too.
 * const total = { partition: "p", group: "all", isTotal: true, n: 30, count: 9, severeCount: 4 };
 * const a = { partition: "p", group: "A", n: 14, count: 5, severeCount: 1 };
 * const b = { partition: "p", group: "B", n: 10, count: 3, severeCount: 3 };
 * const c = { partition: "p", group: "C", n: 6, count: 1, severeCount: 0 };
 * const state = { hidden: new Map(), primary: new Map() };
 * hideField(a, "severeCount", state);
 * state.primary.set(a, new Set(["severeCount"]));
 * secondaryFields(fieldTables([[total, a, b, c]], []), state, () => false, () => undefined) // => true
 * [b.severeCount, c.severeCount, c.suppressedFields] // => [3, null, ["severeCount"]]
 */
export function secondaryFields(
  tables: readonly FieldTable[],
  state: FieldState,
  isPrimaryWhole: (o: Obj) => boolean,
  hideWhole: (o: Obj) => void,
): boolean {
  let changed = false;
  for (const { members, total } of tables) {
    const keys = new Set<string>();
    for (const c of members) for (const k of countKeys(c)) keys.add(k);
    for (const key of keys) {
      const holding = members.filter((c) => key in c);
      const hiddenMembers = holding.filter((c) => isFieldHidden(c, key, state));
      const totalHidden = total !== undefined && key in total && isFieldHidden(total, key, state);
      const hidden = hiddenMembers.length + (totalHidden ? 1 : 0);
      const only = hiddenMembers.length === 1 ? hiddenMembers[0]! : undefined;
      const lone = only !== undefined && (state.primary.get(only)?.has(key) === true || isPrimaryWhole(only));
      if (hidden !== 1 && !lone) continue;
      const shown = holding.filter((c) => !isFieldHidden(c, key, state) && typeof c.n === "number" && c.n > 0)
        .sort((a, b) => (a.n as number) - (b.n as number));
      let pick = shown[0];
      if (pick === undefined && hidden === 1 && total !== undefined && key in total && !totalHidden && typeof total.n === "number" && total.n > 0) pick = total;
      if (pick === undefined) continue;
      if (fieldEligible(pick)) hideField(pick, key, state);
      else hideWhole(pick);
      changed = true;
    }
  }
  return changed;
}

function isHeldCell(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "n" in v && (v as Obj).suppressed !== true;
}

/**
 * A figure worked out from a group's mean only (`mean`, `comparisonMean` and their difference), with no count:
 * a hidden count of the group says nothing about it.
 */
function countFree(o: Obj): boolean {
  return countKeys(o).length === 0 && Object.keys(o).some((k) => k === "mean" || /[a-z]Mean$/.test(k));
}

/** A cell with its group's identities and the groups it depends on (as `applyDisclosure` lays them out). */
export interface LinkedCell {
  cell: Obj;
  identities: string[];
  dependsOn: string[];
}

/**
 * The consistency rule, field by field: a group's field hidden in one table is hidden wherever the same group
 * shows that field (same identity: `partition` + `group`, or `sameAs`), whole only in a share of a parent
 * or a change row (and in the cells a comparison that repeats the group holds); a figure worked out from the
 * group (`dependsOn`: a gap, a trend point) is hidden whole, unless it is worked out from means only (a gap
 * in mean scores): a comparison's `count` may be the group's `higherCount`, and a trend point's difference
 * of shares holds no count at all. Returns whether anything changed.
 * @example
 * // Group A's severe count is hidden in one table; another table shows group A's severe figures, and a gap
 * // worked out from group A holds a count.
 * const state = { hidden: new Map(), primary: new Map() };
 * const here = { partition: "p", group: "A", n: 14, count: 5, severeCount: 1 };
 * hideField(here, "severeCount", state);
 * const there = { partition: "q", group: "A", n: 14, severeCount: 1, severeRate: 0.07 };
 * const gap = { partition: "gaps", group: "A vs B", n: 30, count: 4 };
 * const whole = [];
 * consistentFields([{ cell: here, identities: ["A"], dependsOn: [] }, { cell: there, identities: ["A"], dependsOn: [] },
 *   { cell: gap, identities: ["gap"], dependsOn: ["A"] }], state, (o) => whole.push(o.group)) // => true
 * [there.severeCount, there.severeRate, whole] // => [null, null, ["A vs B"]]
 */
export function consistentFields(cells: readonly LinkedCell[], state: FieldState, hideWhole: (o: Obj) => void): boolean {
  const hidden = new Map<string, Set<string>>();
  for (const { cell, identities } of cells) {
    const fields = state.hidden.get(cell);
    if (fields === undefined || cell.suppressed === true) continue;
    for (const id of identities) {
      let set = hidden.get(id);
      if (set === undefined) hidden.set(id, (set = new Set()));
      for (const f of fields) set.add(f);
    }
  }
  if (hidden.size === 0) return false;
  let changed = false;
  const hideIn = (cell: Obj, key: string): void => {
    if (!(key in cell) || isFieldHidden(cell, key, state)) return;
    if (fieldEligible(cell)) hideField(cell, key, state);
    else hideWhole(cell);
    changed = true;
  };
  for (const { cell, identities, dependsOn } of cells) {
    if (cell.suppressed === true) continue;
    for (const id of identities) {
      for (const key of hidden.get(id) ?? []) {
        hideIn(cell, key);
        // A comparison that repeats the group holds its figures in a cell of its own (`{ gap: { count … } }`).
        for (const v of Object.values(cell)) if (isHeldCell(v)) hideIn(v, key);
      }
    }
    if (cell.suppressed === true) continue;
    if (dependsOn.some((id) => hidden.has(id)) && !countFree(cell)) {
      hideWhole(cell);
      changed = true;
    }
  }
  return changed;
}
