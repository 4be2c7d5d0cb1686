/**
 * The audit model of a disclosed result: which figures a reader knows, which relations tie them, and which
 * hidden figures must stay uncertain (the protection intervals), for `auditRanges` to check by linear
 * programming. This is the tau-ARGUS / sdcTable audit (see `lp-audit.ts`) applied to the cell convention.
 *
 * - **Variables**: each group's size `n` (one variable for all the cells that show the same group, linked by
 *   `partition` + `group` or `sameAs`, when their sizes agree), and each count field of a group (`count`,
 *   `severeCount` …: one variable per group and field, when the cells' values agree), hidden whole or field by
 *   field (`fields.ts`). A shown figure is
 *   known exactly, or, rounded for the public, to within half the rounding base; a hidden size is at least 1
 *   (an empty group is never hidden to protect another, so a reader may assume it) and a hidden count at
 *   least 0 and at most its group's size.
 * - **Relations**: in each partition with a total, the members' sizes add up to the total's, and each count
 *   field adds up on its own (one table per field); across schools, the schools' sizes and counts of one group
 *   add up to the trust's; a hidden count is at most its group's size, and a count within another of the same
 *   cell (severe absence within persistent absence, the higher standard within the expected) at most that one.
 * - **Protection intervals** (the sensitive figures, those hidden by a primary rule): a small group's size `v`
 *   must be feasible up to v + p (an upper protection level: a reader cannot tell a group of 1 from one of
 *   4), with p = ⌈threshold ÷ 2⌉ (3 at the default 6); a count `c` of a group of `v` (0 < c < v) must be
 *   feasible down to c − 1 and up to min(v, max(c + 1, 3)): a reader can neither pin it nor tell that it is
 *   1 or 2 (`NUMERATOR_THRESHOLD`). These are tau-ARGUS's upper and lower protection levels, set from the
 *   rules. No lower level is asked of a size: a reader knows a hidden group has at least one pupil (and a
 *   trust's hidden group at least one per school hiding it), and no suppression changes that.
 * - **Hiding more**: where a range falls short, the nearest shown figure tied to it (through the relations; a
 *   count for a count, hidden with its family, a size for a size, hiding the cell; smallest group first,
 *   totals last) is hidden, and the audit runs again.
 */
import { type DisclosurePolicy, NUMERATOR_THRESHOLD, roundToBase } from "./policy.js";
import { auditRanges, type AuditEquation, type AuditTarget, type AuditVariable } from "./lp-audit.js";
import { groupIdentities } from "./cell-links.js";
import { countKeys, type FieldTable } from "./fields.js";

type Obj = Record<string, unknown>;

/**
 * The protection level p of a hidden figure at a threshold: ⌈threshold ÷ 2⌉.
 * @example
 * protectionLevel(6) // => 3
 */
export function protectionLevel(threshold: number): number {
  return Math.ceil(threshold / 2);
}

const hidden = (c: Obj): boolean => c.suppressed === true;

/** A cell's figures before suppression: its group's size and each count field. */
export interface CellTruth {
  n: number | null;
  counts: Record<string, number>;
}

/** What the audit keeps between rounds: the figures (`"n"` or a count field) of each cell that passed. */
export interface AuditState {
  passed: Map<Obj, Set<string>>;
}

/** What the audit reads: the disclosed result's cells and relations, the truth, and what the rules hid. */
export interface AuditInput {
  /** Every cell of the result, after suppression. */
  cells: readonly Obj[];
  /** The cells of each partition, as laid out by `applyDisclosure` (group sizes add up in these). */
  partitions: readonly Obj[][];
  /** The tables in which each count field adds up (`fieldTables`). */
  fieldTables: readonly FieldTable[];
  /** Each cell's figures before suppression. */
  truth: ReadonlyMap<Obj, CellTruth>;
  /** The cells hidden whole by a primary rule, and which. */
  kinds: ReadonlyMap<Obj, "group" | "numerator">;
  /** The count fields hidden by the numerator rule in shown cells. */
  fieldKinds: ReadonlyMap<Obj, ReadonlySet<string>>;
  /** The count fields hidden in shown cells (by any rule). */
  hiddenFields: ReadonlyMap<Obj, ReadonlySet<string>>;
  /** The policy (threshold, rounding). */
  policy: DisclosurePolicy;
}

/** A figure to hide next: a whole cell (`field: null`) or one count field of it (with its family). */
export interface AuditPick {
  cell: Obj;
  field: string | null;
}

/** The denominator field of a count field: `<x>N` for `<x>Count` when the cell has it, else `n`. */
function denominatorKey(c: Obj, key: string): string {
  if (key === "count") return "n";
  const own = `${key.slice(0, -"Count".length)}N`;
  return own in c ? own : "n";
}

/**
 * The audit of a disclosed result's suppression (see this module's header): the figures to hide next, one for
 * each sensitive figure whose range falls short (none when the pattern is safe).
 * @param input the cells, relations, truth and what the rules hid (see {@link AuditInput})
 * @param state the figures that passed in earlier rounds (filled in here; default a fresh state)
 * @example
 * // Group A (2 pupils) is hidden; the total (20) less B (18) gives it exactly, short of its range 2..5
 * // (p = 3 at threshold 6), so B, the smallest shown size tied to it, is to be hidden next.
 * const total = { partition: "p", group: "all", isTotal: true, n: 20 };
 * const a = { partition: "p", group: "A", n: null, suppressed: true };
 * const b = { partition: "p", group: "B", n: 18 };
 * const truth = new Map([[total, { n: 20, counts: {} }], [a, { n: 2, counts: {} }], [b, { n: 18, counts: {} }]]);
 * const input = { cells: [total, a, b], partitions: [[total, a, b]], fieldTables: [], truth, kinds: new Map([[a, "group"]]),
 *   fieldKinds: new Map(), hiddenFields: new Map(), policy: policyFor("governors") };
 * auditSuppression(input).map((p) => [p.cell.group, p.field]) // => [["B", null]]
 * b.n = null;
 * b.suppressed = true;
 * auditSuppression(input) // => [] (with B hidden too, A may be 1 to 19 pupils: nothing more to hide)
 */
export function auditSuppression(input: AuditInput, state: AuditState = { passed: new Map() }): AuditPick[] {
  const { cells, partitions, fieldTables, truth, kinds, fieldKinds, hiddenFields, policy } = input;
  if (kinds.size === 0 && fieldKinds.size === 0) return [];
  const p = protectionLevel(policy.threshold);
  const half = policy.roundCountsTo === undefined ? 0 : Math.floor(policy.roundCountsTo / 2);
  const trueN = (c: Obj): number | null => truth.get(c)?.n ?? null;
  const trueField = (c: Obj, key: string): number | null => {
    if (key === "n") return trueN(c);
    const v = truth.get(c)?.counts[key];
    return typeof v === "number" ? v : null;
  };
  const fieldHidden = (c: Obj, key: string): boolean => hidden(c) || (hiddenFields.get(c)?.has(key) ?? false);
  // Union-find of cells into groups (same size), joined by identity when the sizes agree.
  const index = new Map<Obj, number>();
  const list: Obj[] = [];
  for (const c of cells) if (trueN(c) !== null && !index.has(c)) {
    index.set(c, list.length);
    list.push(c);
  }
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const byKey = new Map<string, number>();
  list.forEach((c, i) => {
    for (const k of groupIdentities(c)) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else if (trueN(list[j]!) === trueN(c)) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[a] = b;
      }
    }
  });
  const classOf = (c: Obj): number | undefined => {
    const i = index.get(c);
    return i === undefined ? undefined : find(i);
  };
  // The cells that show each figure of a group: "n" per class; a count field per class and true value (the
  // same group's field in two tables is one figure; two fields that merely agree are assumed equal, which can
  // only narrow a reader's range, never widen it).
  const figureKey = (c: Obj, key: string): string | undefined => {
    const k = classOf(c);
    if (k === undefined) return undefined;
    return key === "n" ? `${k}` : `${k}\u0000${key}\u0000${String(trueField(c, key))}`;
  };
  const holders = new Map<string, Array<{ cell: Obj; key: string }>>();
  for (const c of list) {
    for (const key of ["n", ...Object.keys(truth.get(c)?.counts ?? {})]) {
      const fk = figureKey(c, key);
      if (fk === undefined) continue;
      const found = holders.get(fk);
      if (found === undefined) holders.set(fk, [{ cell: c, key }]);
      else found.push({ cell: c, key });
    }
  }
  const variables: AuditVariable[] = [];
  const equations: AuditEquation[] = [];
  const varOf = new Map<string, number>();
  const keyOfVar: string[] = [];
  const variable = (c: Obj, key: string): number | undefined => {
    const t = trueField(c, key);
    const fk = figureKey(c, key);
    if (t === null || fk === undefined) return undefined;
    let v = varOf.get(fk);
    if (v !== undefined) return v;
    const shown = (holders.get(fk) ?? []).find((h) => !fieldHidden(h.cell, h.key) && typeof h.cell[h.key] === "number");
    v = variables.length;
    if (shown !== undefined) {
      const rounded = roundToBase(t, policy.roundCountsTo);
      variables.push(half === 0 ? { lower: rounded, upper: rounded } : { lower: Math.max(0, rounded - half), upper: rounded + half });
    } else {
      // A hidden size is at least 1 (an empty group is never hidden to protect another), a hidden count at least 0.
      variables.push({ lower: Math.min(key === "n" ? 1 : 0, t), upper: Infinity });
    }
    varOf.set(fk, v);
    keyOfVar[v] = fk;
    if (shown === undefined && key !== "n") {
      // A hidden count is at most its denominator: d − count − slack = 0, slack ≥ 0.
      const dk = denominatorKey(c, key);
      const d = dk === "n" ? variable(c, "n") : undefined;
      const td = trueField(c, dk);
      if (d !== undefined && td !== null && t <= td) {
        const slack = variables.length;
        variables.push({ lower: 0, upper: Infinity });
        keyOfVar[slack] = "";
        equations.push({ plus: [d], minus: [v, slack], constant: 0 });
      }
    }
    return v;
  };
  // Counts nested in one another in one cell (severe absence within persistent absence, the higher standard
  // within the expected): inner ≤ outer, when it holds in truth and one of them is hidden.
  const nested = (c: Obj): void => {
    const keys = Object.keys(truth.get(c)?.counts ?? {}).filter((k) => denominatorKey(c, k) === "n");
    for (const a of keys) for (const b of keys) {
      if (a === b) continue;
      const ta = trueField(c, a)!;
      const tb = trueField(c, b)!;
      if (ta > tb || (ta === tb && a > b) || (!fieldHidden(c, a) && !fieldHidden(c, b))) continue;
      const va = variable(c, a);
      const vb = variable(c, b);
      if (va === undefined || vb === undefined) continue;
      const slack = variables.length;
      variables.push({ lower: 0, upper: Infinity });
      keyOfVar[slack] = "";
      equations.push({ plus: [vb], minus: [va, slack], constant: 0 });
    }
  };
  // Relations: members add up to their total, when they do in truth and something in them is hidden.
  const addSum = (members: Obj[], total: Obj | undefined, key: string): void => {
    if (total === undefined || members.length === 0) return;
    const values = members.map((c) => trueField(c, key));
    if (values.some((x) => x === null) || values.reduce<number>((a, x) => a + x!, 0) !== trueField(total, key)) return;
    if (![total, ...members].some((c) => fieldHidden(c, key))) return;
    const plus = members.map((c) => variable(c, key));
    const tv = variable(total, key);
    if (tv === undefined || plus.some((x) => x === undefined)) return;
    equations.push({ plus: plus as number[], minus: [tv], constant: 0 });
  };
  const byIdentity = new Map<string, Obj>();
  for (const c of list) {
    const k = groupIdentities(c)[0];
    if (k !== undefined && typeof c.partition === "string" && typeof c.group === "string" && !byIdentity.has(k)) byIdentity.set(k, c);
  }
  for (const part of partitions) {
    const first = part[0];
    if (first === undefined) continue;
    const members = part.filter((c) => c.isTotal !== true);
    let total = part.find((c) => c.isTotal === true);
    const name = String(first.partition);
    if (total === undefined && name.startsWith("across-schools|")) {
      // Across schools: the schools' cells of one group add up to the trust's cell of that group.
      const rest = name.slice("across-schools|".length);
      const cut = rest.lastIndexOf("|");
      total = byIdentity.get(`${rest.slice(0, cut)}\u0000${rest.slice(cut + 1)}`);
      if (total !== undefined && members.length < 2) total = undefined;
    }
    addSum(members, total, "n");
  }
  for (const { members, total } of fieldTables) {
    const keys = new Set<string>();
    for (const c of members) for (const k of countKeys(c)) keys.add(k);
    for (const key of keys) addSum(members, total, key);
  }
  for (const c of list) if (hidden(c) || hiddenFields.has(c)) nested(c);
  // Targets: the sensitive figures of what a primary rule hid.
  // One target per variable (the same group's field shown in two tables is one figure), asking the most of it.
  const byVariable = new Map<number, AuditTarget>();
  const ownersOf = new Map<number, Array<{ cell: Obj; key: string }>>();
  const target = (c: Obj, key: string, low: number, high: number): void => {
    const v = variable(c, key);
    if (v === undefined) return;
    const owners = ownersOf.get(v);
    if (owners === undefined) ownersOf.set(v, [{ cell: c, key }]);
    else owners.push({ cell: c, key });
    if (state.passed.get(c)?.has(key) ?? false) return;
    const known = byVariable.get(v);
    if (known === undefined) byVariable.set(v, { variable: v, value: trueField(c, key)!, low, high });
    else byVariable.set(v, { ...known, low: Math.min(known.low, low), high: Math.max(known.high, high) });
  };
  const countTargets = (c: Obj, keys: Iterable<string>): void => {
    for (const key of keys) {
      const tc = trueField(c, key);
      const td = trueField(c, denominatorKey(c, key));
      // A count of 0 or of the whole group is protected by hiding it, but not audited: when a shown total
      // says none (or all) of a large group, every part of it is none (or all) too, which the rules allow.
      if (tc !== null && td !== null && tc > 0 && tc < td) target(c, key, tc - 1, Math.min(td, Math.max(tc + 1, NUMERATOR_THRESHOLD)));
    }
  };
  for (const [c, kind] of kinds) {
    const tn = trueN(c);
    if (kind === "group" && tn !== null && tn > 0) target(c, "n", tn, tn + p);
    countTargets(c, Object.keys(truth.get(c)?.counts ?? {}));
  }
  for (const [c, keys] of fieldKinds) if (!kinds.has(c)) countTargets(c, keys);
  const targets = [...byVariable.values()];
  const failures = auditRanges({ variables, equations, targets });
  // Hiding more only widens ranges (a published figure becomes a free one), so a target that passed once
  // passes in every later round and is not solved again.
  const failed = new Set(failures.map((f) => f.target));
  const failedVariables = new Set(failures.map((f) => f.target.variable));
  for (const t of targets) if (!failed.has(t) && !failedVariables.has(t.variable)) {
    for (const { cell, key } of ownersOf.get(t.variable) ?? []) {
      let set = state.passed.get(cell);
      if (set === undefined) state.passed.set(cell, (set = new Set()));
      set.add(key);
    }
  }
  if (failures.length === 0) return [];
  // Hide more: for each failing figure, the nearest shown figure tied to it through the relations, of the
  // same kind first (a size for a size, a count for a count), members before totals, smallest group first.
  // (A breadth-first search from the figure, one layer of relations at a time; the first layer with a shown
  // figure gives the best of its figures, the first found among equals. Each variable's shown figures and each
  // equation are looked at once per search: an equation scanned once has all its figures seen.)
  const equationsOf: number[][] = variables.map(() => []);
  equations.forEach((e, k) => {
    for (const v of e.plus) equationsOf[v]!.push(k);
    for (const v of e.minus) equationsOf[v]!.push(k);
  });
  interface Candidate { cell: Obj; key: string; isN: boolean; isTotal: boolean; size: number }
  const shownOf = new Map<number, Candidate[]>();
  const shownFigures = (w: number): Candidate[] => {
    let found = shownOf.get(w);
    if (found === undefined) {
      found = [];
      for (const h of holders.get(keyOfVar[w] ?? "") ?? []) {
        if (!fieldHidden(h.cell, h.key) && typeof h.cell[h.key] === "number" && (trueN(h.cell) ?? 0) > 0) {
          found.push({ cell: h.cell, key: h.key, isN: h.key === "n", isTotal: h.cell.isTotal === true, size: trueN(h.cell) ?? 0 });
        }
      }
      shownOf.set(w, found);
    }
    return found;
  };
  const seenVariable = new Int32Array(variables.length);
  const seenEquation = new Int32Array(equations.length);
  const picks = new Map<string, AuditPick>();
  let search = 0;
  for (const f of failures) {
    search += 1;
    const wantsN = !keyOfVar[f.target.variable]!.includes("\u0000");
    seenVariable[f.target.variable] = search;
    let frontier = [f.target.variable];
    let pick: Candidate | undefined;
    let best = Infinity;
    const rank = (h: Candidate): number => (h.isN === wantsN ? 0 : 2) + (h.isTotal ? 1 : 0);
    const visit = (w: number, next: number[]): void => {
      if (seenVariable[w] === search) return;
      seenVariable[w] = search;
      next.push(w);
      for (const h of shownFigures(w)) {
        // Of the same kind first, members before totals, then the smallest group (the first found among equals).
        const r = rank(h);
        if (pick === undefined || r < best || (r === best && h.size < pick.size)) {
          pick = h;
          best = r;
        }
      }
    };
    while (frontier.length > 0 && pick === undefined) {
      const next: number[] = [];
      for (const v of frontier) for (const k of equationsOf[v]!) {
        if (seenEquation[k] === search) continue;
        seenEquation[k] = search;
        const e = equations[k]!;
        for (const w of e.plus) visit(w, next);
        for (const w of e.minus) visit(w, next);
      }
      frontier = next;
    }
    if (pick === undefined) {
      const owner = ownersOf.get(f.target.variable)?.[0];
      throw new Error(`auditSuppression: a hidden figure (${String(owner?.cell.partition)} ${owner?.key ?? ""}) can be narrowed to ${f.min}..${f.max} and no shown figure tied to it is left to hide`);
    }
    const field = pick.key === "n" ? null : pick.key;
    const id = `${String(index.get(pick.cell))}|${field ?? ""}`;
    if (!picks.has(id)) picks.set(id, { cell: pick.cell, field });
  }
  return [...picks.values()];
}

