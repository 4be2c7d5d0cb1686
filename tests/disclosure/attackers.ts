// A determined reader's attacks on a published report, written from the JSON alone (independent of the
// disclosure code): used by the attack tests and the property test.
export type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const isCell = (v: unknown): v is Obj => isObj(v) && "n" in v && (typeof v.n === "number" || v.n === null);

/** Every cell of a report, with the SENCO's cell at the same path when the shapes agree. */
export function cellsOf(report: unknown, senco?: unknown): Array<{ g: Obj; s: Obj | undefined; path: string; siblings: Obj[] }> {
  const out: Array<{ g: Obj; s: Obj | undefined; path: string; siblings: Obj[] }> = [];
  const visit = (g: unknown, s: unknown, path: string, siblings: Obj[]): void => {
    if (Array.isArray(g)) {
      const cells = g.filter(isCell);
      g.forEach((x, i) => visit(x, Array.isArray(s) ? s[i] : undefined, `${path}[${i}]`, cells));
    } else if (isObj(g)) {
      if (isCell(g)) out.push({ g, s: isObj(s) ? s : undefined, path, siblings });
      for (const [k, v] of Object.entries(g)) visit(v, isObj(s) ? s[k] : undefined, `${path}.${k}`, []);
    }
  };
  visit(report, senco, "$", []);
  return out;
}

/**
 * The range reasoning of the issue: within a partition whose total is shown, the hidden members add up to
 * total − shown members; a hidden member is 1..k−1 when its reason says "fewer than k pupils", 0 or at least
 * k when it says another cell was protected, and anything from 0 when the reason says nothing. Returns the
 * hidden members whose value (of `field`) has exactly one possibility. Subset sums by dynamic programming.
 */
export function pinnedByRanges(report: unknown, senco: unknown, field: "n" | "count"): string[] {
  const pinned: string[] = [];
  const byPartition = new Map<string, Array<{ g: Obj; s: Obj | undefined; path: string }>>();
  // The SENCO's cell of each group, by partition and group (the published report leaves tables out, so its
  // arrays do not line up with the SENCO's).
  const truth = new Map<string, Obj>();
  const keyOf = (c: Obj): string => `${String(c.partition)}|${String(c.group)}|${c.isTotal === true}`;
  for (const { g } of cellsOf(senco)) if (typeof g.partition === "string") truth.set(keyOf(g), g);
  for (const c of cellsOf(report)) {
    if (typeof c.g.partition !== "string") continue;
    c.s = truth.get(keyOf(c.g));
    const key = `${c.path.replace(/\[\d+\]$/, "")}|${c.g.partition}`;
    const list = byPartition.get(key) ?? [];
    list.push(c);
    byPartition.set(key, list);
  }
  for (const [key, cells] of byPartition) {
    const total = cells.find((c) => c.g.isTotal === true);
    if (!total || typeof total.g[field] !== "number") continue;
    const members = cells.filter((c) => c.g.isTotal !== true);
    const hidden = members.filter((c) => c.g.suppressed === true);
    // Only a table whose parts add up to its total can be differenced (a national comparison holding no SEN
    // and all only cannot): judged on the SENCO's figures.
    const trueSum = members.reduce((a, c) => a + (typeof c.s?.[field] === "number" ? (c.s[field] as number) : NaN), 0);
    if (trueSum !== total.s?.[field]) continue;
    if (hidden.length === 0 || members.some((c) => c.g.suppressed !== true && typeof c.g[field] !== "number")) continue;
    const rest = (total.g[field] as number) - members.filter((c) => c.g.suppressed !== true).reduce((a, c) => a + (c.g[field] as number), 0);
    if (rest < 0 || rest > 2000) continue;
    const domain = (c: { g: Obj }): boolean[] => {
      const m = /fewer than (\d+)/.exec(String(c.g.suppressionReason ?? ""));
      const d: boolean[] = [];
      for (let v = 0; v <= rest; v += 1) {
        if (field === "n" && m) d.push(v >= 1 && v < Number(m[1]));
        else if (field === "n" && /another small group/.test(String(c.g.suppressionReason ?? ""))) d.push(v === 0 || v >= 6);
        else d.push(true);
      }
      return d;
    };
    const domains = hidden.map(domain);
    hidden.forEach((h, i) => {
      // Sums the other hidden members can make.
      let sums = Array.from({ length: rest + 1 }, (_, v) => v === 0);
      domains.forEach((d, j) => {
        if (j === i) return;
        const next = Array.from({ length: rest + 1 }, () => false);
        for (let a = 0; a <= rest; a += 1) if (sums[a]) for (let v = 0; a + v <= rest; v += 1) if (d[v]) next[a + v] = true;
        sums = next;
      });
      const feasible = domains[i]!.map((ok, v) => ok && sums[rest - v] === true).flatMap((ok, v) => (ok ? [v] : []));
      if (feasible.length === 1) pinned.push(`${key} ${String(h.g.group ?? h.path)} = ${feasible[0]}`);
    });
  }
  return pinned;
}

/**
 * Shown counts of 1 or 2 (or all but 1 or 2) of their group, and 0% or 100% of a group under `allOrNoneBelow`
 * (11; for a report rounded to 5, 10: a group shown as 10 is 8 to 12 pupils, and one of 11 or 12 may be shown).
 */
export function shownSmallNumerators(report: unknown, allOrNoneBelow = 11): string[] {
  const found: string[] = [];
  for (const { g, path } of cellsOf(report)) {
    if (g.suppressed === true) continue;
    const of = typeof g.of === "number" ? g.of : g.n;
    for (const [k, v] of Object.entries(g)) {
      if (!(k === "count" || /[a-z]Count$/.test(k)) || typeof v !== "number") continue;
      // A total's count of its own pupils ("SEN support: 100% of SEN support") is not an outcome.
      if (k === "count" && g.isTotal === true && v === g.n) continue;
      const denominator = k === "count" ? of : g[`${k.slice(0, -"Count".length)}N`] ?? of;
      if (typeof denominator !== "number") continue;
      if ((v > 0 && v < 3) || (denominator - v > 0 && denominator - v < 3)) found.push(`${path}.${k} = ${v} of ${denominator}`);
      if (k === "count" && (v === 0 || v === denominator) && denominator > 0 && denominator < allOrNoneBelow) found.push(`${path}.${k} = ${v} of ${denominator} (0% or 100%)`);
    }
  }
  return found;
}

/**
 * A trust's groups where every school hiding its part is pinned: each hidden school's group has at least
 * one pupil, so when the trust's figure less the shown schools equals the number of hidden schools, each is
 * exactly 1. Returns those groups and how many groups were checked.
 */
export function trustPinned(r: { schools?: unknown[] } & Obj): { pinned: string[]; groups: number } {
  const pinned: string[] = [];
  const trustCells = new Map(cellsOf({ ...r, schools: [] }).filter(({ g }) => typeof g.partition === "string").map(({ g }) => [`${String(g.partition)}|${String(g.group)}`, g]));
  const bySchoolGroup = new Map<string, Obj[]>();
  for (const { g } of cellsOf(r.schools ?? [])) {
    const m = typeof g.partition === "string" ? /^school:[^|]*\|(.*)$/.exec(g.partition) : null;
    if (!m) continue;
    const key = `${m[1]}|${String(g.group)}`;
    bySchoolGroup.set(key, [...(bySchoolGroup.get(key) ?? []), g]);
  }
  for (const [key, cells] of bySchoolGroup) {
    const whole = trustCells.get(key);
    if (!whole || typeof whole.n !== "number" || whole.suppressed === true) continue;
    const hidden = cells.filter((c) => c.suppressed === true).length;
    const shown = cells.filter((c) => c.suppressed !== true).reduce((a, c) => a + (c.n as number), 0);
    if (hidden > 0 && whole.n - shown === hidden) pinned.push(key);
  }
  return { pinned, groups: bySchoolGroup.size };
}

const COUNT_KEY = /^count$|[a-z]Count$/;
/** Counts a reader knows to lie within another count of the same cell (severe absence within persistent, the higher standard within the expected). */
const WITHIN: Record<string, string> = { severeCount: "count", higherCount: "count" };

/**
 * Field-level attacks (a reader who knows each group's size, the other fields and the totals): in every table
 * (a partition's cells in one array, or one group's cells in the schools of a trust with the trust's cell as
 * their total), for every count field, a hidden value (the cell hidden, or the field `null` in a shown cell)
 * lies in 0..its group's shown size (and within the count it is part of, when that is shown); the hidden
 * values add up to the shown total less the shown members. Returns the hidden fields whose every feasible value
 * is one value (pinned), or 1 or 2, or all but 1 or 2 of the group; and the fields hidden in one member only
 * among shown siblings whose true value is 1 or 2 or all but 1 or 2 (a reader who knows the rules knows why).
 * Subset sums by dynamic programming; the SENCO's report says only which true values to judge.
 */
export function fieldLeaks(report: unknown, senco: unknown): string[] {
  const leaks: string[] = [];
  const keyOf = (c: Obj): string => `${String(c.partition)}|${String(c.group)}|${c.isTotal === true}`;
  const truth = new Map<string, Obj>();
  for (const { g } of cellsOf(senco)) if (typeof g.partition === "string") truth.set(keyOf(g), g);
  const tables = new Map<string, { members: Obj[]; total: Obj | undefined }>();
  const table = (key: string) => {
    let t = tables.get(key);
    if (t === undefined) tables.set(key, (t = { members: [], total: undefined }));
    return t;
  };
  const all = cellsOf(report).filter(({ g }) => typeof g.partition === "string" && !String(g.partition).startsWith("across-schools|"));
  const byIdentity = new Map(all.map(({ g }) => [`${String(g.partition)}|${String(g.group)}`, g]));
  for (const { g, path } of all) {
    const t = table(`${path.replace(/\[\d+\]$/, "")}|${String(g.partition)}`);
    if (g.isTotal === true) t.total = g;
    else t.members.push(g);
    const m = /^school:[^|]*\|(.*)$/.exec(String(g.partition));
    if (m) {
      const across = table(`across|${m[1]}|${String(g.group)}`);
      across.members.push(g);
      across.total = byIdentity.get(`${m[1]}|${String(g.group)}`);
    }
  }
  // Hidden: the cell is, or the field is null where the SENCO's report has a figure (a measure with no
  // higher standard has no higherCount in either).
  const hiddenIn = (c: Obj, k: string): boolean => c.suppressed === true || (c[k] === null && typeof truth.get(keyOf(c))?.[k] === "number");
  for (const [name, { members, total }] of tables) {
    const keys = new Set(members.flatMap((c) => Object.keys(c).filter((k) => COUNT_KEY.test(k))));
    for (const k of keys) {
      const cells = members.filter((c) => k in c && (c.suppressed === true || typeof c[k] === "number" || hiddenIn(c, k)));
      const hidden = cells.filter((c) => hiddenIn(c, k));
      if (hidden.length === 0) continue;
      const judge = (c: Obj, feasible: number[], why: string): void => {
        const d = typeof c.n === "number" ? c.n : undefined;
        const small = (v: number): boolean => (v > 0 && v < 3) || (d !== undefined && d - v > 0 && d - v < 3);
        if (feasible.length === 1 || (feasible.length > 0 && feasible.every(small))) leaks.push(`${name} ${String(c.group)}.${k} ∈ {${feasible.join(",")}} (${why})`);
      };
      // The lone hidden member among shown siblings of its partition (across schools, a school's field hidden
      // with a sibling in its own partition does not say which of them broke a rule).
      if (!name.startsWith("across|") && hidden.length === 1 && cells.length > 1 && hidden[0]!.suppressed !== true) {
        const s = truth.get(keyOf(hidden[0]!));
        const v = s?.[k];
        const d = s?.n;
        if (typeof v === "number" && typeof d === "number" && ((v > 0 && v < 3) || (d - v > 0 && d - v < 3))) leaks.push(`${name} ${String(hidden[0]!.group)}.${k} hidden alone (true ${v} of ${d})`);
      }
      if (total === undefined || typeof total[k] !== "number") continue;
      const rest = (total[k] as number) - cells.filter((c) => !hiddenIn(c, k)).reduce((a, c) => a + (typeof c[k] === "number" ? (c[k] as number) : 0), 0);
      // A shown total of none (or a shown rest of 0) says every hidden part is none: the rules allow that, as
      // they allow 0% of a large group, so it is not counted here.
      if (rest <= 0 || rest > 5000) continue;
      const upper = (c: Obj): number => {
        let u = rest;
        if (typeof c.n === "number") u = Math.min(u, c.n);
        const outer = WITHIN[k];
        if (outer !== undefined && typeof c[outer] === "number") u = Math.min(u, c[outer] as number);
        return u;
      };
      const uppers = hidden.map(upper);
      hidden.forEach((h, i) => {
        let sums = Array.from({ length: rest + 1 }, (_, v) => v === 0);
        uppers.forEach((u, j) => {
          if (j === i) return;
          const next = Array.from({ length: rest + 1 }, () => false);
          for (let a = 0; a <= rest; a += 1) if (sums[a]) for (let v = 0; v <= u && a + v <= rest; v += 1) next[a + v] = true;
          sums = next;
        });
        const feasible: number[] = [];
        for (let v = 0; v <= uppers[i]!; v += 1) if (sums[rest - v]) feasible.push(v);
        judge(h, feasible, "total less the shown members");
      });
    }
  }
  return leaks;
}
