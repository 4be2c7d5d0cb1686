/**
 * The audit model of a disclosed result: which figures a reader knows, which relations tie them, and which
 * hidden figures must stay uncertain (the protection intervals), for `auditRanges` to check by linear
 * programming. This is the tau-ARGUS / sdcTable audit (see `lp-audit.ts`) applied to the cell convention.
 *
 * - **Variables**: each group's size `n` (one variable for all the cells that show the same group, linked by
 *   `partition` + `group` or `sameAs`, when their sizes agree), and each cell's `count`. A shown figure is
 *   known exactly, or, rounded for the public, to within half the rounding base; a hidden size is at least 1
 *   (an empty group is never hidden to protect another, so a reader may assume it) and a hidden count at
 *   least 0 and at most its group's size.
 * - **Relations**: in each partition with a total, the members' sizes add up to the total's, and so do their
 *   counts; across schools, the schools' sizes of one group add up to the trust's.
 * - **Protection intervals** (the sensitive figures, those hidden by a primary rule): a small group's size `v`
 *   must be feasible up to v + p (an upper protection level: a reader cannot tell a group of 1 from one of
 *   4), with p = ⌈threshold ÷ 2⌉ (3 at the default 6); a count `c` of a group of `v` (0 < c < v) must be
 *   feasible down to c − 1 and up to min(v, max(c + 1, 3)): a reader can neither pin it nor tell that it is
 *   1 or 2 (`NUMERATOR_THRESHOLD`). These are tau-ARGUS's upper and lower protection levels, set from the
 *   rules. No lower level is asked of a size: a reader knows a hidden group has at least one pupil (and a
 *   trust's hidden group at least one per school hiding it), and no suppression changes that.
 * - **Hiding more**: where a range falls short, the nearest shown cell tied to the figure (through the
 *   relations, smallest group first, totals last) is hidden, and the audit runs again.
 */
import { type DisclosurePolicy, NUMERATOR_THRESHOLD } from "./policy.js";
import { auditRanges, type AuditEquation, type AuditTarget, type AuditVariable } from "./lp-audit.js";

type Obj = Record<string, unknown>;

/**
 * The protection level p of a hidden figure at a threshold: ⌈threshold ÷ 2⌉.
 * @example
 * protectionLevel(6) // => 3
 */
export function protectionLevel(threshold: number): number {
  return Math.ceil(threshold / 2);
}

function identityKey(partition: unknown, group: unknown): string | null {
  return typeof partition === "string" && typeof group === "string" ? `${partition}\u0000${group}` : null;
}

function linkKeys(list: unknown): string[] {
  const out: string[] = [];
  if (Array.isArray(list)) for (const l of list) if (l !== null && typeof l === "object") {
    const k = identityKey((l as Obj).partition, (l as Obj).group);
    if (k !== null) out.push(k);
  }
  return out;
}

const hidden = (c: Obj): boolean => c.suppressed === true;

/** What the audit keeps between rounds: the cells whose size (`passedN`) or count passed. */
export interface AuditState {
  passedN: Set<Obj>;
  passedCount: Set<Obj>;
}

/**
 * The audit of a disclosed result's suppression (see this module's header): the cells to hide next, one for
 * each sensitive figure whose range falls short (none when the pattern is safe).
 * @param cells every cell of the result, after suppression
 * @param partitions the cells of each partition, as laid out by `applyDisclosure`
 * @param truth each cell's `n` and `count` before suppression
 * @param kinds the cells hidden by a primary rule, and which
 * @param policy the policy (threshold, rounding)
 * @param state the targets that passed in earlier rounds (filled in here; default a fresh state)
 * @example
 * auditSuppression(cells, partitions, truth, kinds, policyFor("governors")) // => [] when nothing can be narrowed
 */
export function auditSuppression(
  cells: readonly Obj[],
  partitions: readonly Obj[][],
  truth: ReadonlyMap<Obj, { n: unknown; count: unknown }>,
  kinds: ReadonlyMap<Obj, "group" | "numerator">,
  policy: DisclosurePolicy,
  state: AuditState = { passedN: new Set(), passedCount: new Set() },
): Obj[] {
  if (kinds.size === 0) return [];
  const p = protectionLevel(policy.threshold);
  const half = policy.roundCountsTo === undefined ? 0 : Math.floor(policy.roundCountsTo / 2);
  const trueN = (c: Obj): number | null => {
    const v = truth.get(c)?.n;
    return typeof v === "number" ? v : null;
  };
  const trueCount = (c: Obj): number | null => {
    const v = truth.get(c)?.count;
    return typeof v === "number" ? v : null;
  };
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
    const keys = [identityKey(c.partition, c.group), ...linkKeys(c.sameAs)].filter((k): k is string => k !== null);
    for (const k of keys) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else if (trueN(list[j]!) === trueN(c)) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[a] = b;
      }
    }
  });
  const classMembers = new Map<number, Obj[]>();
  list.forEach((c, i) => {
    const k = find(i);
    const m = classMembers.get(k);
    if (m === undefined) classMembers.set(k, [c]);
    else m.push(c);
  });
  // Variables: one n per group (class), one count per cell with a count.
  const variables: AuditVariable[] = [];
  const known = (shown: number | null, truthValue: number, hiddenLower: number): AuditVariable => {
    if (shown === null) return { lower: Math.min(hiddenLower, truthValue), upper: Infinity };
    if (half === 0) return { lower: shown, upper: shown };
    return { lower: Math.max(0, shown - half), upper: shown + half };
  };
  const nVar = new Map<number, number>();
  const classOf = (c: Obj): number | undefined => {
    const i = index.get(c);
    return i === undefined ? undefined : find(i);
  };
  const nOf = (c: Obj): number | undefined => {
    const k = classOf(c);
    if (k === undefined) return undefined;
    let v = nVar.get(k);
    if (v === undefined) {
      // Shown when any cell of the group shows its size.
      const shownCell = (classMembers.get(k) ?? []).find((m) => !hidden(m) && typeof m.n === "number");
      const rounded = shownCell === undefined ? null : roundShown(trueN(shownCell)!, policy.roundCountsTo);
      v = variables.length;
      variables.push(known(rounded, trueN(list[k]!)!, 1));
      nVar.set(k, v);
    }
    return v;
  };
  const countVar = new Map<Obj, number>();
  const equations: AuditEquation[] = [];
  const countOf = (c: Obj): number | undefined => {
    const t = trueCount(c);
    if (t === null) return undefined;
    let v = countVar.get(c);
    if (v === undefined) {
      v = variables.length;
      variables.push(known(hidden(c) ? null : roundShown(t, policy.roundCountsTo), t, 0));
      countVar.set(c, v);
      const n = nOf(c);
      const tn = trueN(c);
      // A hidden count is at most its group's size: n − count − slack = 0, slack ≥ 0.
      if (hidden(c) && n !== undefined && tn !== null && t <= tn) {
        const slack = variables.length;
        variables.push({ lower: 0, upper: Infinity });
        equations.push({ plus: [n], minus: [v, slack], constant: 0 });
      }
    }
    return v;
  };
  // Relations: members add up to their total (sizes and counts), when they do in truth.
  const sum = (xs: Array<number | null>): number | null => xs.reduce<number | null>((a, x) => (a === null || x === null ? null : a + x), 0);
  const addSum = (members: Obj[], total: Obj | undefined, of: (c: Obj) => number | undefined, t: (c: Obj) => number | null): void => {
    if (total === undefined || members.length === 0) return;
    const s = sum(members.map(t));
    if (s === null || s !== t(total)) return;
    const plus = members.map(of);
    const tv = of(total);
    if (tv === undefined || plus.some((x) => x === undefined)) return;
    // Only worth solving when something in it is hidden.
    if (![total, ...members].some(hidden)) return;
    equations.push({ plus: plus as number[], minus: [tv], constant: 0 });
  };
  const byIdentity = new Map<string, Obj>();
  for (const c of list) {
    const k = identityKey(c.partition, c.group);
    if (k !== null && !byIdentity.has(k)) byIdentity.set(k, c);
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
    addSum(members, total, nOf, trueN);
    if (total !== undefined && [total, ...members].every((c) => trueCount(c) !== null) && !name.startsWith("across-schools|")) addSum(members, total, countOf, trueCount);
  }
  // Targets: the sensitive figures of the cells hidden by a primary rule.
  const targets: AuditTarget[] = [];
  const owner = new Map<number, Obj>();
  const owners = new Map<number, Obj[]>();
  const own = (v: number, c: Obj): void => {
    owner.set(v, c);
    const list = owners.get(v);
    if (list === undefined) owners.set(v, [c]);
    else list.push(c);
  };
  const isN = new Set<number>();
  for (const [c, kind] of kinds) {
    const tn = trueN(c);
    const tc = trueCount(c);
    if (kind === "group" && tn !== null && tn > 0) {
      const v = nOf(c);
      if (v !== undefined) {
        isN.add(v);
        if (!state.passedN.has(c)) targets.push({ variable: v, value: tn, low: tn, high: tn + p });
        own(v, c);
      }
    }
    // A count of 0 or of the whole group is protected by hiding its cell, but not audited: when a shown
    // total says none (or all) of a large group, every part of it is none (or all) too, which the rules allow.
    if (tc !== null && tn !== null && tc > 0 && tc < tn) {
      const v = countOf(c);
      if (v !== undefined) {
        if (!state.passedCount.has(c)) targets.push({ variable: v, value: tc, low: tc - 1, high: Math.min(tn, Math.max(tc + 1, NUMERATOR_THRESHOLD)) });
        own(v, c);
      }
    }
  }
  const failures = auditRanges({ variables, equations, targets });
  // Hiding more only widens ranges (a published figure becomes a free one), so a target that passed once
  // passes in every later round and is not solved again.
  const failed = new Set(failures.map((f) => f.target));
  const failedVariables = new Set(failures.map((f) => f.target.variable));
  for (const t of targets) if (!failed.has(t) && !failedVariables.has(t.variable)) {
    for (const c of owners.get(t.variable) ?? []) (isN.has(t.variable) ? state.passedN : state.passedCount).add(c);
  }
  if (failures.length === 0) return [];
  // Hide more: for each failing figure, the nearest shown cell tied to it through the relations.
  // Lists grown in place (a copy per insert was quadratic in a variable's cells and equations).
  const append = <T>(map: Map<number, T[]>, key: number, value: T): void => {
    const found = map.get(key);
    if (found === undefined) map.set(key, [value]);
    else found.push(value);
  };
  const cellsOfVar = new Map<number, Obj[]>();
  for (const c of list) {
    const n = nOf(c);
    if (n !== undefined) append(cellsOfVar, n, c);
  }
  for (const [c, v] of countVar) append(cellsOfVar, v, c);
  const equationsOf = new Map<number, AuditEquation[]>();
  for (const e of equations) for (const v of [...e.plus, ...e.minus]) append(equationsOf, v, e);
  const picks = new Set<Obj>();
  for (const f of failures) {
    const seen = new Set<number>([f.target.variable]);
    let frontier = [f.target.variable];
    let pick: Obj | undefined;
    while (frontier.length > 0 && pick === undefined) {
      const next: number[] = [];
      const candidates: Obj[] = [];
      for (const v of frontier) for (const e of equationsOf.get(v) ?? []) for (const w of [...e.plus, ...e.minus]) {
        if (seen.has(w)) continue;
        seen.add(w);
        next.push(w);
        for (const c of cellsOfVar.get(w) ?? []) if (!hidden(c) && typeof c.n === "number") candidates.push(c);
      }
      const members = candidates.filter((c) => c.isTotal !== true && (trueN(c) ?? 0) > 0).sort((a, b) => (trueN(a) ?? 0) - (trueN(b) ?? 0));
      const totals = candidates.filter((c) => c.isTotal === true && (trueN(c) ?? 0) > 0).sort((a, b) => (trueN(a) ?? 0) - (trueN(b) ?? 0));
      pick = members[0] ?? totals[0];
      frontier = next;
    }
    if (pick !== undefined) picks.add(pick);
    else throw new Error(`auditSuppression: a hidden figure (${String(owner.get(f.target.variable)?.partition)}) can be narrowed to ${f.min}..${f.max} and no shown figure tied to it is left to hide`);
  }
  return [...picks];
}

function roundShown(v: number, base: number | undefined): number {
  return base === undefined ? v : Math.round(v / base) * base;
}
