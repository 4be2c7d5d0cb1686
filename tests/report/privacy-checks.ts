// Independent privacy checks of a governors' report, written without the disclosure code: they walk the
// JSON themselves. Used on the hand-made school and on the generated sample school.
import type { SchoolData } from "../../src/lib/schema/school-data.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const isCell = (v: unknown): v is Obj => isObj(v) && "n" in v && (typeof v.n === "number" || v.n === null);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every date of birth written in the formats an export or a person might use. */
export function dateFormats(iso: string): string[] {
  const [y, m, d] = iso.split("-") as [string, string, string];
  const dn = String(Number(d));
  const mn = String(Number(m));
  return [iso, `${d}/${m}/${y}`, `${dn}/${mn}/${y}`, `${d}-${m}-${y}`, `${d}.${m}.${y}`, `${y}/${m}/${d}`, `${m}/${d}/${y}`, `${y}${m}${d}`, `${d}${m}${y}`];
}

/** Pupil identifiers found in the serialised report: UPNs, MIS ids (as values), names (whole words), DOBs. */
export function leakedIdentifiers(report: unknown, data: SchoolData): string[] {
  const json = JSON.stringify(report);
  const found: string[] = [];
  for (const p of data.pupils) {
    if (p.upn && json.toUpperCase().includes(p.upn.toUpperCase())) found.push(`UPN of line ${p.source.line}`);
    if (json.includes(JSON.stringify(p.pupilId))) found.push(`pupilId of line ${p.source.line}`);
    if (p.misId && json.includes(JSON.stringify(p.misId))) found.push(`MIS id of line ${p.source.line}`);
    for (const name of [p.forename, p.surname]) {
      if (name && new RegExp(`\\b${escape(name)}\\b`).test(json)) found.push(`name of line ${p.source.line}`);
    }
    if (p.dateOfBirth) for (const f of dateFormats(p.dateOfBirth)) if (json.includes(f)) found.push(`date of birth (${f}) of line ${p.source.line}`);
  }
  return [...new Set(found)];
}

/** Paths of shown cells with a group (n, or a field ending in N) of 1 … threshold − 1 pupils. */
export function smallShownCells(report: unknown, threshold: number): string[] {
  const out: string[] = [];
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (isObj(v)) {
      if (isCell(v) && v.suppressed !== true) {
        for (const [k, x] of Object.entries(v)) {
          if ((k === "n" || /[a-z]N$/.test(k)) && typeof x === "number" && x > 0 && x < threshold) out.push(`${path}.${k}`);
        }
      }
      if (isCell(v) && v.suppressed === true) {
        for (const k of ["n", "count", "rate", "mean", "lower", "upper"]) if (typeof v[k] === "number") out.push(`${path}.${k} (suppressed but shown)`);
      }
      for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
    }
  };
  visit(report, "$");
  return out;
}

/**
 * Partitions where a hidden cell can be recovered: walks the governors' report beside the SENCO's (same
 * shape, same order) so the hidden values are known, and for each partition with a shown total checks
 * whether total − sum(shown members) equals one hidden member's true n; without a shown total, whether exactly
 * one cell is hidden. Also: a group (partition + group key) shown in one place and hidden in another.
 */
export function recoverableCells(governors: unknown, senco: unknown): string[] {
  const out: string[] = [];
  // The SENCO's size of each group, by partition and group (the governors' report leaves some tables out, so
  // its arrays need not line up with the SENCO's).
  const truth = new Map<string, unknown>();
  const index = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(index);
    else if (isObj(v)) {
      if (isCell(v) && typeof v.partition === "string") truth.set(`${v.partition}|${String(v.group)}|${v.isTotal === true}`, v.n);
      Object.values(v).forEach(index);
    }
  };
  index(senco);
  const trueN = (c: Obj): unknown => truth.get(`${String(c.partition)}|${String(c.group)}|${c.isTotal === true}`);
  const status = new Map<string, Set<boolean>>();
  const visit = (g: unknown, s: unknown, path: string): void => {
    if (Array.isArray(g) && Array.isArray(s)) {
      const parts = new Map<string, { g: Obj; s: Obj }[]>();
      g.forEach((x, i) => {
        const y = s[i];
        if (isCell(x) && isCell(y) && typeof x.partition === "string") {
          const list = parts.get(x.partition) ?? [];
          list.push({ g: x, s: y });
          parts.set(x.partition, list);
        }
        visit(x, y, `${path}[${i}]`);
      });
      for (const [partition, cells] of parts) {
        const hidden = cells.filter((c) => c.g.suppressed === true);
        const total = cells.find((c) => c.g.isTotal === true);
        const members = cells.filter((c) => c.g.isTotal !== true);
        if (total && total.g.suppressed !== true) {
          const shown = members.filter((c) => c.g.suppressed !== true).reduce((a, c) => a + (c.g.n as number), 0);
          const residual = (total.g.n as number) - shown;
          const hiddenMembers = members.filter((c) => c.g.suppressed === true);
          if (hiddenMembers.length === 1 && residual === trueN(hiddenMembers[0]!.g)) out.push(`${path} ${partition}: recoverable from the total`);
        }
        // A partition whose members do not add up to its total (a national comparison holding no SEN and all
        // only) gives nothing away by difference.
        const additive = !total || members.reduce((a, c) => a + Number(trueN(c.g) ?? NaN), 0) === trueN(total.g);
        if (hidden.length === 1 && cells.length > 1 && additive) out.push(`${path} ${partition}: exactly one cell hidden`);
      }
    } else if (isObj(g) && isObj(s)) {
      if (isCell(g) && typeof g.partition === "string" && typeof g.group === "string") {
        const key = `${g.partition}|${g.group}`;
        const set = status.get(key) ?? new Set<boolean>();
        set.add(g.suppressed === true);
        status.set(key, set);
      }
      for (const [k, x] of Object.entries(g)) visit(x, s[k], `${path}.${k}`);
    }
  };
  visit(governors, senco, "$");
  for (const [key, set] of status) if (set.size > 1) out.push(`${key}: shown in one place and hidden in another`);
  return out;
}

/** Number of suppressed cells (to show that the checks had something to check). */
export function suppressedCount(report: unknown): number {
  let k = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) {
      if (isCell(v) && v.suppressed === true) k += 1;
      Object.values(v).forEach(visit);
    }
  };
  visit(report);
  return k;
}

/**
 * Per-school cells (partitions `school:<name>|<table partition>`) recoverable as the trust's figure less the
 * other schools': for each table partition and group, exactly one school's cell hidden while the others are
 * shown.
 */
export function crossSchoolRecoverable(report: unknown): string[] {
  const groups = new Map<string, { hidden: number; schools: number }>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) {
      if (isCell(v) && typeof v.partition === "string" && typeof v.group === "string") {
        const m = /^school:[^|]*\|(.*)$/.exec(v.partition);
        if (m) {
          const key = `${m[1]}|${v.group}`;
          const g = groups.get(key) ?? { hidden: 0, schools: 0 };
          g.schools += 1;
          if (v.suppressed === true) g.hidden += 1;
          groups.set(key, g);
        }
      }
      Object.values(v).forEach(visit);
    }
  };
  visit(report);
  return [...groups].filter(([, g]) => g.hidden === 1 && g.schools > 1).map(([key]) => `${key}: one school hidden`);
}
