/**
 * Disclosure control: one function that applies an audience policy to any result that follows the cell
 * convention of `src/lib/schema/cells.ts`, and, for a whole sendscope report, publishes it for its audience
 * first (`publication.ts`). Sources: DfE performance tables (groups under 6), DfE statistics (counts of 1 and
 * 2), Ofsted IDSR (groups of 11+), Hundepool et al., *Statistical Disclosure Control* (2012), tau-ARGUS and
 * sdcTable (secondary suppression audited by linear programming: `audit-model.ts`, `lp-audit.ts`).
 *
 * The rules, for governors and the public (the SENCO gets an unchanged copy):
 * 0. **Publish for the audience** (a whole report only): see `publishReport`.
 * 1. **Pupil-level lists** (`{ pupilLevel: true, rows }`) lose their rows and say why (`removed`); `staff`
 *    lists are emptied.
 * 2. **Primary suppression.** A cell is hidden whole (`n` and every figure in it, flags, derived words such as
 *    a `band`, and everything nested in it become `null`, never 0, with `suppressed: true` and
 *    `suppressionReason: "hidden to protect privacy"`, the one reason, `PRIVACY_REASON`) when
 *    - its group has `0 < n < threshold` pupils, or another group size in it does (a field whose camelCase
 *      name ends in `N`, such as `comparisonN`): the DfE performance-tables rule;
 *    - a count in it (`count`, `<x>Count`) is 1 or 2, or all but 1 or 2 of its group (`NUMERATOR_THRESHOLD`),
 *      or `count` is 0% or 100% of a group under `ALL_OR_NONE_BELOW` (11) (a total's count of itself is
 *      not an outcome and is exempt), or, with `roundCountsTo` (public), `count` is positive but would round
 *      to 0: **only that count and its family are hidden** (`fields.ts`: `severeCount` with `severeRate` …;
 *      the cell stays shown and lists them in `suppressedFields`), unless the cell is a share of a parent
 *      (`of`) or a change row (`previousCount`), which is hidden whole.
 * 3. **Secondary suppression.** Within a partition (sibling cells in one array sharing `partition`, with or
 *    without an `isTotal` row), a single hidden cell could be worked out as total − the visible cells, so the
 *    smallest other visible non-empty cell (the total as a last resort; an empty group never) is hidden as
 *    well. A partition with no total row is treated as though its total were published elsewhere; one all of
 *    whose cells repeat another table's groups (`sameAs`, a national comparison) is left to those tables.
 *    The same rule covers a hidden total whose members are all visible, and a member whose `of` is a hidden
 *    total is hidden (it would print the total). A group hidden in one table is hidden wherever else it
 *    appears: cells are the same group when they share `partition` and `group`, or when one names the other
 *    in `sameAs: [{ partition, group }]`. A figure worked out from groups shown elsewhere (a gap, a trend
 *    point, a year-on-year change) names them in `dependsOn`: it is hidden when any of them is hidden, but
 *    its own hiding does not spread to them. The same rules run field by field for the counts hidden in
 *    shown cells (`secondaryFields`, `consistentFields`), in each partition and across the schools of a trust.
 * 4. **Derived figures.** An object that holds a suppressed cell as a named property (a comparison such as
 *    `{ group, comparison, difference, lower, upper, band }`) has its own figures and derived words
 *    suppressed too, with every non-cell object or array it holds; the other groups it holds (cells) are
 *    kept. Rules 3 and 4 repeat until nothing changes.
 * 5. **The audit.** Every figure hidden by rule 2 is audited by linear programming (`auditSuppression`):
 *    its range given every published figure and relation must cover its protection interval; where it does
 *    not, the nearest shown figure tied to it (a count for a count, a size for a size) is hidden, rules 3–4
 *    run again, and so does the audit.
 *    Then the prices of interventions (`intervention-costs.ts`): an intervention hidden in the year's provision
 *    table has its cost per placement (all its placements) hidden, as that price × whole placements would
 *    solve the hidden costs for their counts; a value for money (cost per month or point gained, impact per
 *    £100) is hidden whenever the cost or the net impact it is made from is; for the public, every price and
 *    the provision's costs per pupil (each ÷ its cost is the unrounded count) are left out.
 * 6. **Means of small groups.** A shown mean of fewer than `MEAN_INTERVAL_BELOW` pupils loses its interval
 *    (and the ratio gain's, the ranking's per £100 and the intervals quoted in its sentences, which give it too).
 * 7. **Rounding** (when the policy has `roundCountsTo`): every count field of a shown cell is rounded to the
 *    nearest multiple on its own (halves up); rates are worked out again from the rounded counts, differences
 *    from the rates, intervals are left out and means given to one decimal place.
 * 8. **Identifiers.** Fields named as in `PUPIL_IDENTIFIER_FIELDS` are removed, then the result is scanned
 *    (for the given pupils' UPNs, names and dates of birth too) and the function throws if one is present.
 *
 * Numeric fields listed in `DISCLOSURE_KEY_FIELDS` (such as `yearGroup`) are labels, not figures, and are
 * kept.
 */
import { InvalidArgumentError } from "../errors.js";
import { assertNoPupilIdentifiers, isPupilIdentifierField, type KnownPupil } from "./identifiers.js";
import { ALL_OR_NONE_BELOW, DisclosurePolicy, MEAN_INTERVAL_BELOW, NUMERATOR_THRESHOLD, roundToBase } from "./policy.js";
import { type AuditState, type CellTruth, auditSuppression } from "./audit-model.js";
import { groupIdentities, linkKeys } from "./cell-links.js";
import { type FieldState, consistentFields, countKeys, fieldEligible, fieldTables, hideField, secondaryFields } from "./fields.js";
import { finishPublishedReport, isSendscopeReport, publishReport } from "./publication.js";
import { hideInterventionPrices } from "./intervention-costs.js";
import { DISCLOSURE_DERIVED_TEXT_FIELDS, DISCLOSURE_KEY_FIELDS, SUPPRESSION_REASONS, type Disclosed } from "./disclosed.js";

export { DISCLOSURE_DERIVED_TEXT_FIELDS, DISCLOSURE_KEY_FIELDS, PRIVACY_REASON, SUPPRESSION_REASONS, type Disclosed } from "./disclosed.js";

/** Fields of the cell convention itself; never treated as figures. */
const STRUCTURAL = new Set(["n", "partition", "isTotal", "suppressed", "suppressionReason", "suppressedFields", "pupilLevel", "removed", "sameAs", "dependsOn"]);
const KEYS = new Set<string>(DISCLOSURE_KEY_FIELDS);
const DERIVED_TEXT = new Set<string>(DISCLOSURE_DERIVED_TEXT_FIELDS);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isCell(v: unknown): v is Obj & { n: number | null } {
  return isObj(v) && "n" in v && (typeof v.n === "number" || v.n === null);
}

function isHidden(cell: Obj): boolean {
  return cell.suppressed === true;
}

function mark(o: Obj, reason: string): void {
  if (o.suppressed !== true) {
    o.suppressed = true;
    o.suppressionReason = reason;
  }
}

/** Null a figure-like value in place of a field (number, flag, derived word); null numbers in an array. */
function nullFigure(o: Obj, key: string): void {
  const v = o[key];
  if (typeof v === "number" && !KEYS.has(key)) o[key] = null;
  else if (typeof v === "boolean") o[key] = null;
  else if (typeof v === "string" && DERIVED_TEXT.has(key)) o[key] = null;
}

/** Suppress an object and everything nested in it. */
function suppressWhole(o: Obj, reason: string): void {
  for (const key of Object.keys(o)) {
    if (STRUCTURAL.has(key)) continue;
    const v = o[key];
    if (Array.isArray(v)) suppressArrayWhole(v, reason);
    else if (isObj(v)) suppressWhole(v, reason);
    else nullFigure(o, key);
  }
  if ("n" in o) o.n = null;
  if ("count" in o) o.count = null;
  // Hidden whole: a list of the fields hidden before says nothing more.
  if ("suppressedFields" in o) delete o.suppressedFields;
  mark(o, reason);
}

function suppressArrayWhole(a: unknown[], reason: string): void {
  for (let i = 0; i < a.length; i += 1) {
    const item = a[i];
    if (typeof item === "number" || typeof item === "boolean") a[i] = null;
    else if (Array.isArray(item)) suppressArrayWhole(item, reason);
    else if (isObj(item)) suppressWhole(item, reason);
  }
}

/** Suppress an object's own figures and its non-cell parts, keeping the cells (groups) it holds. */
function suppressOwn(o: Obj, reason: string): void {
  for (const key of Object.keys(o)) {
    if (STRUCTURAL.has(key)) continue;
    const v = o[key];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i += 1) {
        const item = v[i];
        if (typeof item === "number" || typeof item === "boolean") v[i] = null;
        else if (isObj(item) && !isCell(item)) suppressWhole(item, reason);
      }
    } else if (isObj(v)) {
      if (!isCell(v)) suppressWhole(v, reason);
    } else nullFigure(o, key);
  }
  if ("n" in o) o.n = null;
  mark(o, reason);
}

/** A cell with the identities of its group (own and `sameAs`) and the groups it `dependsOn`. */
interface CellLinks {
  cell: Obj;
  identities: string[];
  dependsOn: string[];
}

/**
 * Where things are in a result, found in one post-order walk (not into pupil-level lists) and fixed for the
 * rest of disclosure: suppression only ever nulls figures, words and flags, and never adds, removes or
 * replaces an object, so every pass of the fixpoint below looks up these lists instead of walking the whole
 * result again (the 100k report has ~1M objects but far fewer cells). An object reached twice (shared) is
 * listed twice, as a walk would visit it twice.
 */
interface Layout {
  /** Every object, in post-order. */
  objects: Obj[];
  /** Every cell, in post-order, with its links. */
  cells: CellLinks[];
  /** Each array's partitions (cells with the same `partition`), arrays in post-order, partitions in order of first cell. */
  partitions: Obj[][];
  /** Objects that hold cells as named properties (not the cell-convention fields), in post-order, with those cells. */
  holders: Array<{ o: Obj; held: Obj[] }>;
  /** Pupil-level lists (emptied), which the other lists leave out. */
  pupilLists: Obj[];
}

/**
 * Walks the result once: empties pupil-level lists (rule 1) and records the layout of everything else. With
 * `copy`, the walk makes a deep copy as it goes (as `structuredClone` would: an object reached twice is copied
 * once and shared in the copy too) and lays out the copy, so the copy costs no second walk.
 */
function layoutOf(root: unknown, copy: boolean): { root: unknown; layout: Layout } {
  const layout: Layout = { objects: [], cells: [], partitions: [], holders: [], pupilLists: [] };
  const copies = new Map<object, unknown>();
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (copy) {
      const known = copies.get(node);
      if (known !== undefined) {
        // A shared object: its copy is shared too, and laid out again (a walk would visit it again).
        relayout(known);
        return known;
      }
    }
    if (Array.isArray(node)) {
      const out: unknown[] = copy ? new Array<unknown>(node.length) : node;
      if (copy) copies.set(node, out);
      for (let i = 0; i < node.length; i += 1) {
        if (!(i in node)) continue;
        const item = visit(node[i]);
        if (copy) out[i] = item;
      }
      layArray(out);
      return out;
    }
    // Outside the JSON-like contract: a built-in that structuredClone copies as itself (a Date, a Map …) holds
    // no fields to disclose; any other object is copied and laid out field by field, as structuredClone would.
    if (copy && isClonedAsItself(node)) return structuredClone(node);
    const source = node as Obj;
    const out: Obj = copy ? {} : source;
    if (copy) copies.set(node, out);
    if (source.pupilLevel === true) {
      if (copy) for (const key of Object.keys(source)) out[key] = copyOf(source[key], copies);
      removePupilLists(out);
      layout.pupilLists.push(out);
      return out;
    }
    for (const key of Object.keys(source)) {
      const v = visit(source[key]);
      if (copy) out[key] = v;
    }
    layObject(out);
    return out;
  };
  const layArray = (a: unknown[]): void => {
    let byPartition: Map<string, Obj[]> | null = null;
    for (const item of a) {
      if (isCell(item) && typeof item.partition === "string") {
        byPartition ??= new Map();
        const list = byPartition.get(item.partition);
        if (list === undefined) byPartition.set(item.partition, [item]);
        else list.push(item);
      }
    }
    if (byPartition !== null) layout.partitions.push(...byPartition.values());
  };
  const layObject = (o: Obj): void => {
    let held: Obj[] | null = null;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (!STRUCTURAL.has(key) && isCell(v)) (held ??= []).push(v);
    }
    layout.objects.push(o);
    if (held !== null) layout.holders.push({ o, held });
    if (isCell(o)) layout.cells.push({ cell: o, identities: groupIdentities(o), dependsOn: linkKeys(o.dependsOn) });
  };
  // A second visit of an already copied (shared) object: lay out its copy again, in post-order.
  const relayout = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) relayout(item);
      layArray(node);
    } else if (isObj(node) && node.pupilLevel !== true) {
      for (const v of Object.values(node)) relayout(v);
      layObject(node);
    }
  };
  return { root: visit(root), layout };
}

function removePupilLists(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) removePupilLists(item);
  } else if (isObj(node)) {
    if (node.pupilLevel === true && Array.isArray(node.rows)) {
      node.rows = [];
      node.removed = SUPPRESSION_REASONS.pupilList;
      return;
    }
    for (const v of Object.values(node)) removePupilLists(v);
  }
}

/** Whether a field holds the size of a group: `n`, or a camelCase name ending in `N` (`comparisonN`). */
function isGroupSizeField(key: string): boolean {
  let known = GROUP_SIZE_FIELDS.get(key);
  if (known === undefined) {
    known = key === "n" || /[a-z]N$/.test(key);
    if (GROUP_SIZE_FIELDS.size < 10_000) GROUP_SIZE_FIELDS.set(key, known);
  }
  return known;
}

/** Field names already judged by `isGroupSizeField` (a report repeats a few dozen names ~1M times). */
const GROUP_SIZE_FIELDS = new Map<string, boolean>();

function hasSmallGroup(o: Obj, threshold: number): boolean {
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (typeof v === "number" && v > 0 && v < threshold && isGroupSizeField(key)) return true;
  }
  return false;
}

/**
 * Why a cell was hidden by a primary rule, for the audit: `group` (its group is small: its size and every
 * count in it are sensitive) or `numerator` (a count of 1 or 2, its complement, or all/none of a small group:
 * the count is sensitive).
 */
export type PrimaryKind = "group" | "numerator";

/** The denominator of a numerator field: `of` (a share of a parent) or `n` for `count`; `<x>N` or `n` for `<x>Count`. */
function denominatorOf(o: Obj, key: string): unknown {
  if (key === "count") return typeof o.of === "number" ? o.of : o.n;
  const own = o[`${key.slice(0, -"Count".length)}N`];
  return typeof own === "number" ? own : o.n;
}

/** Whether `v` of `d` is 1 or 2, or all but 1 or 2 (below `NUMERATOR_THRESHOLD` either way). */
function discloses(v: number, d: number): boolean {
  return (v > 0 && v < NUMERATOR_THRESHOLD) || (d - v > 0 && d - v < NUMERATOR_THRESHOLD);
}

/**
 * The numerator rule: the count fields (`count`, `<x>Count`) of a shown cell that disclose: a count of 1 or
 * 2 (below `NUMERATOR_THRESHOLD`), or a group all but 1 or 2 of whom share the outcome, or (for `count`) 0%
 * or 100% of a group smaller than `ALL_OR_NONE_BELOW`; with `roundCountsTo` (public), a positive `count`
 * that would round to 0.
 */
function smallNumerators(o: Obj, base: number | undefined): string[] {
  const found: string[] = [];
  for (const key of Object.keys(o)) {
    if (key !== "count" && !/[a-z]Count$/.test(key)) continue;
    // A total's count of itself (a need-mix table's "SEN support: 100% of SEN support") says nothing.
    if (key === "count" && o.isTotal === true && o.count === o.n) continue;
    const v = o[key];
    const d = denominatorOf(o, key);
    if (typeof v !== "number" || typeof d !== "number" || d <= 0 || v > d) continue;
    if (discloses(v, d) || (key === "count" && (v === 0 || v === d) && d < ALL_OR_NONE_BELOW)) found.push(key);
    else if (key === "count" && base !== undefined && v > 0 && roundToBase(v, base) === 0) found.push(key);
  }
  return found;
}

/**
 * The primary rules: a small group hides its cell whole; a disclosing count hides that count and its family
 * (`fields.ts`) in a cell of a table whose counts count its own pupils, and the whole cell elsewhere (a share
 * of a parent, a change row, a figure outside a table).
 */
function primary(layout: Layout, policy: DisclosurePolicy, kinds: Map<Obj, PrimaryKind>, fields: FieldState): void {
  for (const { cell: o } of layout.cells) {
    if (isHidden(o)) continue;
    if (hasSmallGroup(o, policy.threshold)) {
      suppressWhole(o, SUPPRESSION_REASONS.smallGroup(policy.threshold));
      kinds.set(o, "group");
      continue;
    }
    const keys = smallNumerators(o, policy.roundCountsTo);
    if (keys.length === 0) continue;
    if (!fieldEligible(o)) {
      suppressWhole(o, SUPPRESSION_REASONS.numerator);
      kinds.set(o, "numerator");
      continue;
    }
    for (const key of keys) {
      hideField(o, key, fields);
      let set = fields.primary.get(o);
      if (set === undefined) fields.primary.set(o, (set = new Set()));
      set.add(key);
    }
  }
}

/** Pick the cell to hide alongside a single hidden one: smallest visible member with n > 0, then n = 0, then a total. */
function complementFor(members: Obj[], totals: Obj[]): Obj | undefined {
  // An empty group is never hidden to protect another: a hidden group then always has at least one pupil
  // (and the audit assumes a reader knows it).
  const visible = members.filter((c) => !isHidden(c) && typeof c.n === "number");
  const byN = (a: Obj, b: Obj): number => (a.n as number) - (b.n as number);
  const nonEmpty = visible.filter((c) => (c.n as number) > 0).sort(byN);
  if (nonEmpty[0]) return nonEmpty[0];
  return totals.find((c) => !isHidden(c) && typeof c.n === "number" && c.n > 0);
}

/**
 * A partition every cell of which, total included, repeats a group of another table (`sameAs`: a national
 * comparison's N, K, E and all): its groups are protected in their own tables (and audited), so it is not a
 * table of its own for the secondary rule. Otherwise a hidden no-SEN group would hide all pupils as well.
 */
function repeatsOtherTables(cells: Obj[]): boolean {
  return cells.some((c) => c.isTotal === true) && cells.every((c) => Array.isArray(c.sameAs) && c.sameAs.length > 0);
}

/**
 * The secondary rule: a partition with one hidden cell gets a second (its value would be the total less the
 * others). And a partition whose only hidden member was hidden by the numerator rule gets a second hidden
 * member even when its total is hidden too: otherwise a reader who knows the rules, seeing every other member
 * shown, knows why that one is hidden (its count is 1 or 2, or all but 1 or 2, of a group whose size the other
 * tables give).
 */
function secondary(layout: Layout, kinds: ReadonlyMap<Obj, PrimaryKind>): boolean {
  let changed = false;
  for (const cells of layout.partitions) {
    if (repeatsOtherTables(cells)) continue;
    let hidden = 0;
    for (const c of cells) if (isHidden(c)) hidden += 1;
    const totals = cells.filter((c) => c.isTotal === true);
    const members = cells.filter((c) => c.isTotal !== true);
    const hiddenMembers = members.filter(isHidden);
    const loneNumerator = hiddenMembers.length === 1 && kinds.get(hiddenMembers[0]!) === "numerator";
    if (hidden !== 1 && !loneNumerator) continue;
    const pick = complementFor(members, hidden === 1 ? totals : []);
    if (pick) {
      suppressWhole(pick, SUPPRESSION_REASONS.secondary);
      changed = true;
    }
  }
  return changed;
}

/**
 * A share of a hidden total is hidden: a member whose `of` gives its partition's total (a need's share of SEN
 * support, a review status's share of EHC plans) would print the hidden total.
 */
function sharesOfHiddenTotals(layout: Layout): boolean {
  let changed = false;
  for (const cells of layout.partitions) {
    const total = cells.find((c) => c.isTotal === true);
    if (total === undefined || !isHidden(total)) continue;
    for (const c of cells) {
      if (c === total || isHidden(c) || !("of" in c)) continue;
      suppressWhole(c, SUPPRESSION_REASONS.secondary);
      changed = true;
    }
  }
  return changed;
}

/**
 * A group hidden in one place is hidden wherever else it appears (same identity, see `groupIdentities`), and
 * so is every figure that `dependsOn` it.
 */
function consistent(layout: Layout): boolean {
  const hidden = new Map<string, string>();
  for (const { cell, identities } of layout.cells) {
    if (!isHidden(cell)) continue;
    for (const id of identities) if (!hidden.has(id)) hidden.set(id, String(cell.suppressionReason ?? SUPPRESSION_REASONS.secondary));
  }
  if (hidden.size === 0) return false;
  let changed = false;
  for (const { cell, identities, dependsOn } of layout.cells) {
    if (isHidden(cell)) continue;
    let reason: string | undefined;
    for (const id of identities) if (reason === undefined) reason = hidden.get(id);
    for (const id of dependsOn) if (reason === undefined) reason = hidden.get(id);
    if (reason !== undefined) {
      suppressWhole(cell, reason);
      changed = true;
    }
  }
  return changed;
}

function propagate(layout: Layout): boolean {
  let changed = false;
  for (const { o, held } of layout.holders) {
    if (isHidden(o)) continue;
    if (held.some(isHidden)) {
      suppressOwn(o, SUPPRESSION_REASONS.derived);
      changed = true;
    }
  }
  return changed;
}

/** Fields that count pupils (or their placements, suspensions and days) without the `N`/`Count` ending. */
const PUPIL_COUNTS_BY_NAME = ["placements", "missingEntry", "missingExit", "zeroElapsed", "leftEarly", "suspensions", "days", "permanentExclusions"];
/** Sums over pupils that a published per-pupil figure would turn back into the unrounded count. */
const SUMS_OVER_PUPILS = new Set(["total", "sessionsPlanned", "sessionsAttended", "possibleSessions", "attendedSessions"]);

/** Whether a field counts pupils (rounded for the public): `n`, `count`, `of`, and `<x>N`, `<x>Count`. */
function isCountField(key: string): boolean {
  return key === "n" || key === "count" || key === "of" || /[a-z](N|Count)$/.test(key);
}

/**
 * Means of small groups: a shown cell with a `mean` and fewer than `MEAN_INTERVAL_BELOW` pupils loses the
 * interval of its mean (`meanLower`, `meanUpper`, and `lower`/`upper` when they are the mean's, in a cell with
 * no `rate`) and any standard deviation (`sd`): with the mean and the size, the interval gives the sum of
 * squares, and that can pin every pupil's value.
 */
function smallMeans(layout: Layout): void {
  for (const { cell: o } of layout.cells) {
    if (isHidden(o) || typeof o.n !== "number" || o.n >= MEAN_INTERVAL_BELOW) continue;
    // A ranking entry's interval per £100 (and the cost per unit's) is the net impact's interval scaled by the
    // published cost per pupil, and a sentence that quotes an interval quotes it in words: both go too.
    if (typeof o.impactPer100 === "number") {
      for (const key of ["lower", "upper", "costPerUnitLower", "costPerUnitUpper"]) if (typeof o[key] === "number") o[key] = null;
    }
    for (const key of ["narrative", "statement", "reason"]) if (typeof o[key] === "string") o[key] = withoutIntervals(o[key]);
    if (typeof o.mean !== "number") continue;
    for (const key of ["meanLower", "meanUpper", "sd"]) if (typeof o[key] === "number") o[key] = null;
    if (!("rate" in o)) for (const key of ["lower", "upper"]) if (typeof o[key] === "number") o[key] = null;
    // The ratio gain is the mean gain ÷ the months elapsed: its interval × the months is the mean's interval.
    for (const key of ["ratioGainLower", "ratioGainUpper"]) if (typeof o[key] === "number") o[key] = null;
  }
}

/** An intervention's counts of placements by what happened to them (the numerator rule's fields by name). */
const DELIVERY_OUTCOME_COUNTS = ["missingEntry", "missingExit", "zeroElapsed", "leftEarly"];

/**
 * The numerator rule for an intervention's delivery counts, whose names do not end in `Count`: a count of 1
 * or 2 placements, or all but 1 or 2 of them ("1 pupil left early"), is left out (null); the rest of the
 * delivery cell stays, as these counts are not part of any published total.
 */
function smallDeliveryCounts(layout: Layout): void {
  for (const { cell: o } of layout.cells) {
    if (isHidden(o) || typeof o.placements !== "number") continue;
    const d = o.placements;
    for (const key of DELIVERY_OUTCOME_COUNTS) {
      const v = o[key];
      if (typeof v !== "number") continue;
      if (discloses(v, d)) o[key] = null;
    }
  }
}

/**
 * A sentence without the intervals it quotes ("(95% interval 0.2 to 10.2 months)", "(£62.49 to £3920)",
 * "(95% interval of net impact -1 to 3 points)"): for a group under `MEAN_INTERVAL_BELOW` the interval gives
 * the standard deviation, as in the JSON.
 */
function withoutIntervals(text: string): string {
  return text
    .replace(/ \(\d+% interval[^()]*?-?[\d.]+ to -?[\d.]+[^()]*\)/g, "")
    .replace(/ \(£-?[\d.,]+ to £-?[\d.,]+\)/g, "")
    .replace(/ \(upper end unbounded\)/g, "");
}

/**
 * Public rounding that cannot be undone: every count field of a shown cell is rounded to the base on its own
 * (totals too); each rate is worked out again from the rounded figures (`rate` = count ÷ (`of` or `n`),
 * `<x>Rate` = `<x>Count` ÷ (`<x>N` or `n`)) and each difference from the rates; intervals worked out from the
 * unrounded figures are left out (null), and means (a group's change, a ratio gain) are given to one decimal
 * place. Placements, suspensions and days are rounded too; sums over pupils (a cost's total, sessions) are left
 * out; a change row's `countChange` is worked out from the rounded counts and its shares are left out; the
 * attendance rate is given to three decimal places and any other fraction to two.
 */
function roundCounts(layout: Layout, base: number): void {
  const r = (v: number): number => roundToBase(v, base);
  for (const { cell: o } of layout.cells) {
    if (isHidden(o)) continue;
    for (const key of Object.keys(o)) if (isCountField(key) && typeof o[key] === "number" && !KEYS.has(key)) o[key] = r(o[key]);
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v !== "number" || KEYS.has(key) || isCountField(key)) continue;
      if (key === "rate" || /[a-z]Rate$/.test(key)) {
        if (/^national/.test(key)) continue;
        if (key === "attendanceRate") {
          // Sessions attended ÷ possible to full precision names both sums (137158/147932), and possible ÷ ~352 the group.
          o[key] = Math.round(v * 1000) / 1000;
          continue;
        }
        const countKey = key === "rate" ? "count" : `${key.slice(0, -"Rate".length)}Count`;
        const count = o[countKey];
        const d = key === "rate" ? (typeof o.of === "number" ? o.of : o.n) : (o[`${key.slice(0, -"Rate".length)}N`] ?? o.n);
        o[key] = typeof count === "number" && typeof d === "number" && d > 0 ? count / d : null;
      } else if (key === "lower" || key === "upper" || /[a-z](Lower|Upper)$/.test(key)) {
        o[key] = null;
      } else if (key === "mean" || /[a-z]Mean$/.test(key) || key === "ratioGain" || (/[a-z]Change$/.test(key) && key !== "countChange" && key !== "rateChange")) {
        // A mean to full precision names its denominator (−0.375 = −3/8, 267/76 = 3.5131578…); so does a
        // ratio gain (the mean gain ÷ the months) and a group's change.
        o[key] = Math.round(v * 10) / 10;
      } else if (SUMS_OVER_PUPILS.has(key)) {
        // A sum over pupils ÷ a per-pupil figure is the unrounded count (£320 ÷ £20 a placement = 16).
        o[key] = null;
      } else if (!Number.isInteger(v) && !/^national/.test(key) && key !== "difference" && key !== "confidence") {
        // Any other figure worked out from a group's values (months elapsed, cost per placement or hour, an
        // effect size, impact per £100, a trend's slope) to full precision is a fraction whose denominator is
        // the unrounded count (£960 ÷ 28 = 34.285714…): two decimal places.
        o[key] = Math.round(v * 100) / 100;
      }
    }
    for (const key of PUPIL_COUNTS_BY_NAME) if (typeof o[key] === "number") o[key] = r(o[key] as number);
    // A sentence quotes the figures too: its pupil counts are rounded like the fields ("(16 pupils" was printed
    // beside n 15) and the intervals it quotes, worked out from the unrounded figures, go like the fields'.
    for (const key of ["narrative", "statement", "reason"]) {
      const text = o[key];
      if (typeof text === "string") o[key] = withoutIntervals(text).replace(/\b(\d+) pupils?\b/g, (_m, d: string) => `about ${r(Number(d))} pupils`);
    }
    if ("previousCount" in o) {
      // A change row: its difference of counts from the rounded counts; it has no denominator of its own, so its
      // shares (each year's are in the SEN status tables, from rounded counts) and their change go.
      o.countChange = typeof o.count === "number" && typeof o.previousCount === "number" ? o.count - o.previousCount : null;
      for (const key of ["rate", "previousRate", "rateChange"]) if (key in o) o[key] = null;
    } else if (typeof o.countChange === "number") {
      o.countChange = null;
    }
    if (typeof o.difference === "number") {
      const rate = o.rate;
      const other = typeof o.comparisonRate === "number" ? o.comparisonRate : o.nationalRate;
      if (typeof rate === "number" && typeof other === "number") o.difference = rate - other;
      else if (typeof o.mean === "number" && typeof o.comparisonMean === "number") o.difference = o.mean - o.comparisonMean;
      else o.difference = null;
    }
  }
}

/** Staff names are for the SENCO: every `staff` list is emptied. */
function removeStaff(layout: Layout): void {
  for (const o of layout.objects) if (Array.isArray(o.staff)) o.staff = [];
}

function removeIdentifierFieldsBelow(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) removeIdentifierFieldsBelow(item);
  } else if (isObj(node)) {
    for (const key of Object.keys(node)) {
      if (isPupilIdentifierField(key)) delete node[key];
      else removeIdentifierFieldsBelow(node[key]);
    }
  }
}

/** Rule 6: removes the fields named as pupil identifiers from every object (the layout lists them all). */
function removeIdentifierFields(layout: Layout): void {
  for (const o of layout.objects) {
    for (const key of Object.keys(o)) if (isPupilIdentifierField(key)) delete o[key];
  }
  for (const list of layout.pupilLists) removeIdentifierFieldsBelow(list);
}

/** Built-ins that `structuredClone` copies as the same kind of object rather than as a plain object. */
function isClonedAsItself(o: object): boolean {
  return o instanceof Date || o instanceof RegExp || o instanceof Map || o instanceof Set || o instanceof Error
    || o instanceof ArrayBuffer || ArrayBuffer.isView(o);
}

/**
 * A deep copy of a JSON-like value, as `structuredClone` makes it (an object reached twice is copied once and
 * shared in the copy too) but several times faster for plain objects and arrays.
 */
function copyOf(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    copies.set(value, out);
    for (let i = 0; i < value.length; i += 1) if (i in value) out[i] = copyOf(value[i], copies);
    return out;
  }
  if (isClonedAsItself(value)) return structuredClone(value);
  const out: Obj = {};
  copies.set(value, out);
  for (const key of Object.keys(value)) out[key] = copyOf((value as Obj)[key], copies);
  return out;
}

/** Options for {@link applyDisclosure}. */
export interface ApplyDisclosureOptions {
  /**
   * The caller hands the result over and will not use it again (as `buildReport` does with the report it has
   * just made): it is changed in place and returned, with no copy; the SENCO gets the same object back.
   * Default false: the input is not changed.
   */
  inPlace?: boolean;
  /**
   * The pupils the result was made from: their names, MIS ids, UPNs and dates of birth are looked for in the
   * result (it throws if one is found) and in intervention names (a name holding one is replaced). Default:
   * none (only identifier-shaped text and identifier fields are looked for).
   */
  pupils?: readonly KnownPupil[];
  /**
   * Governor-facing names of interventions, by the name in the provision map (e.g. `{ "RR McLean 1:1":
   * "Reading recovery 1:1" }`): used in place of the SENCO's name, after the same check.
   */
  interventionNames?: Readonly<Record<string, string>>;
}

/**
 * Applies an audience's disclosure policy to any result that follows the cell convention (see this module's
 * header for the rules, and `src/lib/schema/cells.ts` for the convention). Pure and deterministic: the input is
 * not changed; the SENCO gets a deep copy of it (unless `options.inPlace`: then the input itself is disclosed
 * and returned, which saves copying a large report the caller no longer needs).
 * References: DfE performance tables (groups of fewer than 6 pupils suppressed); DfE statistics (counts of 1
 * and 2); DfE/Ofqual rounding to the nearest 5 for publication; secondary suppression audited by linear
 * programming (tau-ARGUS, sdcTable; see `audit-model.ts`).
 * @param result a JSON-like value (plain objects, arrays, strings, numbers, booleans, null)
 * @param policy from `policyFor(audience, overrides)`
 * @param options `inPlace`: disclose the caller's result itself rather than a copy (see {@link ApplyDisclosureOptions})
 * @returns a new value (the input itself with `inPlace`): suppressed figures are `null` with `suppressed: true` and `suppressionReason`
 * @throws {InvalidArgumentError} when the policy is invalid, or when something shaped like a UPN would still
 * be in a governors' or public result after disclosure (the message gives the path, never the value)
 * @example
 * applyDisclosure(
 *   [{ partition: "Y6", label: "EHC plan", n: 4, count: 1, rate: 0.25 },
 *    { partition: "Y6", label: "SEN support", n: 9, count: 5, rate: 0.56 },
 *    { partition: "Y6", label: "No SEN", n: 17, count: 14, rate: 0.82 },
 *    { partition: "Y6", label: "All", isTotal: true, n: 30, count: 20, rate: 0.67 }],
 *   policyFor("governors"))[1]
 * // => { partition: "Y6", label: "SEN support", n: null, count: null, rate: null, suppressed: true,
 * //      suppressionReason: "hidden to protect privacy" }
 */
export function applyDisclosure<T>(result: T, policy: DisclosurePolicy, options: ApplyDisclosureOptions = {}): Disclosed<T> {
  const parsed = DisclosurePolicy.safeParse(policy);
  if (!parsed.success) {
    throw new InvalidArgumentError("applyDisclosure", `invalid policy: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  if (policy.audience === "senco") return (options.inPlace === true ? result : copyOf(result)) as Disclosed<T>;
  const report = isSendscopeReport(result);
  let root: unknown = result;
  if (report) {
    // A whole report is first cut to what the audience is given, with the relations between its tables.
    if (options.inPlace !== true) root = copyOf(result);
    publishReport(root, {
      audience: policy.audience === "public" ? "public" : "governors", threshold: policy.threshold,
      ...(policy.roundCountsTo === undefined ? {} : { roundCountsTo: policy.roundCountsTo }),
      ...(options.pupils === undefined ? {} : { pupils: options.pupils }),
      ...(options.interventionNames === undefined ? {} : { interventionNames: options.interventionNames }),
    });
  }
  const { root: copy, layout } = layoutOf(root, !report && options.inPlace !== true);
  removeStaff(layout);
  const truth = new Map<Obj, CellTruth>();
  for (const { cell } of layout.cells) {
    const counts: Record<string, number> = {};
    for (const key of countKeys(cell)) if (typeof cell[key] === "number") counts[key] = cell[key] as number;
    truth.set(cell, { n: typeof cell.n === "number" ? cell.n : null, counts });
  }
  const kinds = new Map<Obj, PrimaryKind>();
  const fields: FieldState = { hidden: new Map(), primary: new Map() };
  primary(layout, policy, kinds, fields);
  const tables = fieldTables(layout.partitions, layout.cells.map((c) => c.cell));
  const hideWhole = (o: Obj): void => suppressWhole(o, SUPPRESSION_REASONS.secondary);
  const isPrimaryWhole = (o: Obj): boolean => kinds.get(o) === "numerator";
  const rules = (): void => {
    for (let pass = 0; pass < 1000; pass += 1) {
      const a = secondary(layout, kinds);
      const b = consistent(layout);
      const c = sharesOfHiddenTotals(layout);
      const d = propagate(layout);
      const e = secondaryFields(tables, fields, isPrimaryWhole, hideWhole);
      const f = consistentFields(layout.cells, fields, hideWhole);
      if (!a && !b && !c && !d && !e && !f) break;
    }
  };
  rules();
  // The audit: every sensitive hidden figure's range, given everything published, must cover its protection
  // interval; where it does not, one more figure is hidden and the rules and the audit run again.
  const auditState: AuditState = { passed: new Map() };
  const allCells = layout.cells.map((c) => c.cell);
  for (let round = 0; round < 10_000; round += 1) {
    const more = auditSuppression({
      cells: allCells, partitions: layout.partitions, fieldTables: tables, truth, kinds,
      fieldKinds: fields.primary, hiddenFields: fields.hidden, policy,
    }, auditState);
    if (more.length === 0) break;
    for (const { cell, field } of more) {
      if (field !== null && fieldEligible(cell)) hideField(cell, field, fields);
      else suppressWhole(cell, SUPPRESSION_REASONS.audit);
    }
    rules();
  }
  // Rule 5b: prices of interventions, which turn a hidden cost into a count (`intervention-costs.ts`).
  if (report) hideInterventionPrices(copy, policy.roundCountsTo !== undefined);
  smallMeans(layout);
  smallDeliveryCounts(layout);
  if (policy.roundCountsTo !== undefined) roundCounts(layout, policy.roundCountsTo);
  removeIdentifierFields(layout);
  if (report) finishPublishedReport(copy);
  assertNoPupilIdentifiers(copy, options.pupils ?? [], "applyDisclosure");
  return copy as Disclosed<T>;
}
