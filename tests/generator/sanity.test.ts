// Sanity figures of the committed sample school, computed independently from the files themselves
// (decoded with iconv-lite, parsed with csv-parse), against the national figures in /work/shared/domain.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "../../fixtures/sample-school");
type Row = Record<string, string>;
const read = (file: string, encoding: "utf8" | "win1252" | "utf16le"): Row[] => {
  const text = iconv.decode(readFileSync(join(DIR, file)), encoding).replace(/^\uFEFF/, "");
  return parse(text, { columns: true, skip_empty_lines: true }) as Row[];
};
const pupils = read("sims-pupils.csv", "win1252");
const sen = read("sims-sen-register.csv", "utf8");
const assess = read("arbor-assessments.csv", "utf8");
const wide = read("nfer-standardised-wide.csv", "utf8");
const inter = read("arbor-interventions.csv", "utf8");
const att = read("sims-attendance.csv", "utf16le");
const expected = JSON.parse(readFileSync(join(DIR, "expected-problems.json"), "utf8")) as
  { file: string; line: number; column: string; severity: string; code: string }[];
const problemLine = (code: string): number => expected.find((p) => p.code === code)?.line ?? -1;

/** dd/mm/yyyy or yyyy-mm-dd -> yyyy-mm-dd (string order = date order). */
const iso = (d: string): string => (d.includes("/") ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d);
const AS_AT = "2026-07-17";

/** A second, separate UPN check: weights 2…13 over characters 2…13, mod 23. */
const upnOk = (upn: string): boolean => {
  const letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  if (!/^[A-Z]\d{12}$/.test(upn)) return false;
  let total = 0;
  for (let w = 2; w <= 13; w++) total += Number(upn[w - 1]) * w;
  return letters[total % 23] === upn[0];
};

/** SEN status of a UPN on a date from the register (S = statement counts as E). */
const statusOn = (upn: string, date: string): "N" | "K" | "E" => {
  for (const r of sen) {
    if (r.UPN !== upn) continue;
    const start = iso(r["SEN Start Date"] ?? "");
    const end = r["SEN End Date"] ? iso(r["SEN End Date"]) : "9999-12-31";
    if (start <= date && date <= end) {
      const s = r["SEN Status"];
      return s === "K" ? "K" : s === "E" || s === "S" ? "E" : "N";
    }
  }
  return "N";
};
const pct = (hits: number, n: number): number => (100 * hits) / n;

describe("pupils and the SEN register", () => {
  const roll = pupils.filter((p, i) => p["Leaving Date"] === "" && i + 2 !== problemLine("upn-check-letter")
    && i + 2 !== problemLine("duplicate-pupil"));

  it("has 60 pupils per year group on roll and 120 leavers", () => {
    expect(roll.length).toBe(420);
    for (const y of ["Reception", "Year 1", "Year 6"]) expect(roll.filter((p) => p.Year === y).length).toBe(60);
    expect(pupils.filter((p) => p["Leaving Date"] !== "").length).toBe(120);
  });

  it("has SEN support and EHC plan rates near national (14.2% and 5.3%, lower EHCP in mainstream primary)", () => {
    const k = roll.filter((p) => statusOn(p.UPN ?? "", AS_AT) === "K").length;
    const e = roll.filter((p) => statusOn(p.UPN ?? "", AS_AT) === "E").length;
    expect(pct(k, roll.length)).toBeGreaterThanOrEqual(11);
    expect(pct(k, roll.length)).toBeLessThanOrEqual(17);
    expect(pct(e, roll.length)).toBeGreaterThanOrEqual(2.5);
    expect(pct(e, roll.length)).toBeLessThanOrEqual(6);
  });

  it("makes SLCN the most common need on SEN support and ASD on EHC plans, and NSA only with K", () => {
    const count = (status: string): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of sen) if (r["SEN Status"] === status && r["Primary Need"]) m.set(r["Primary Need"], (m.get(r["Primary Need"]) ?? 0) + 1);
      return m;
    };
    const top = (m: Map<string, number>): string => [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    expect(top(count("K"))).toBe("SLCN");
    expect(top(count("E"))).toBe("ASD");
    for (const r of sen) if (r["Primary Need"] === "NSA" || r["Secondary Need"] === "NSA") expect(r["SEN Status"]).toBe("K");
  });

  it("has EHC plan annual reviews overdue (> 12 months ago) and due within 60 days", () => {
    const open = sen.filter((r) => (r["SEN Status"] === "E" || r["SEN Status"] === "S") && r["SEN End Date"] === "");
    const last = (r: Row): string => iso(r["Last Annual Review"] || r["EHCP Start Date"] || "");
    // 2026-07-17 minus 12 months = 2025-07-17; due within 60 days: last review between 2025-07-17 and 2025-09-15
    const overdue = open.filter((r) => last(r) < "2025-07-17").length;
    const dueSoon = open.filter((r) => last(r) >= "2025-07-17" && last(r) <= "2025-09-15").length;
    expect(overdue).toBeGreaterThanOrEqual(2);
    expect(dueSoon).toBeGreaterThanOrEqual(2);
  });

  it("gives every UPN in every file a valid check letter except the deliberate one", () => {
    const bad = pupils.map((p, i) => ({ upn: p.UPN ?? "", line: i + 2 })).filter((x) => !upnOk(x.upn));
    expect(bad.map((x) => x.line)).toEqual([problemLine("upn-check-letter")]);
    for (const rows of [sen, assess, inter, att]) for (const r of rows) expect(upnOk(r.UPN ?? ""), r.UPN).toBe(true);
    for (const r of wide) expect(upnOk(r.upn ?? "")).toBe(true);
  });
});

describe("attainment gaps", () => {
  it("has Y1 phonics pass rates by SEN group near national (88% / 52% / 20%)", () => {
    const groups: Record<"N" | "K" | "E", [number, number]> = { N: [0, 0], K: [0, 0], E: [0, 0] };
    for (const r of assess) {
      if (r.Measure !== "Phonics Mark") continue;
      const g = groups[statusOn(r.UPN ?? "", r["Assessment Date"] ?? "")];
      g[0] += Number(r.Score) >= 32 ? 1 : 0;
      g[1] += 1;
    }
    const rate = (g: number[]): number => pct(g[0] ?? 0, g[1] ?? 1);
    expect(rate(groups.N)).toBeGreaterThan(80);
    expect(rate(groups.N)).toBeLessThan(95);
    expect(rate(groups.K)).toBeGreaterThan(30);
    expect(rate(groups.K)).toBeLessThan(75);
    expect(rate(groups.E)).toBeLessThan(50);
  });

  it("has KS2 RWM expected standard near national (no SEN ~69%, SEN ~18–25%)", () => {
    const byPupilYear = new Map<string, { r: number; m: number; w: string; sen: boolean }>();
    for (const r of assess) {
      if (r["Assessment Point"]?.startsWith("Summer") !== true) continue;
      const key = `${r.UPN}|${r["Academic Year"]}`;
      const isKs2 = r.Measure === "Scaled Score";
      const cur = byPupilYear.get(key);
      if (!isKs2 && cur === undefined) continue;
      const x = cur ?? { r: 0, m: 0, w: "", sen: statusOn(r.UPN ?? "", r["Assessment Date"] ?? "") !== "N" };
      if (isKs2 && r.Subject === "Reading") x.r = Number(r.Score);
      if (isKs2 && r.Subject === "Maths") x.m = Number(r.Score);
      if (r.Measure === "Teacher Assessment") x.w = r.Score ?? "";
      byPupilYear.set(key, x);
    }
    const met = (x: { r: number; m: number; w: string }): boolean => x.r >= 100 && x.m >= 100 && (x.w === "EXS" || x.w === "GDS");
    const all = [...byPupilYear.values()];
    const non = all.filter((x) => !x.sen);
    const s = all.filter((x) => x.sen);
    expect(pct(non.filter(met).length, non.length)).toBeGreaterThan(55);
    expect(pct(non.filter(met).length, non.length)).toBeLessThan(85);
    expect(pct(s.filter(met).length, s.length)).toBeGreaterThan(5);
    expect(pct(s.filter(met).length, s.length)).toBeLessThan(40);
  });

  it("has persistent absence higher for SEN pupils, and near 18% without SEN", () => {
    const years = new Map<string, { pos: number; att: number; upn: string; year: string }>();
    att.forEach((r, i) => {
      if (i + 2 === problemLine("attended-exceeds-possible")) return;
      const key = `${r.UPN}|${r["Academic Year"]}`;
      const x = years.get(key) ?? { pos: 0, att: 0, upn: r.UPN ?? "", year: r["Academic Year"] ?? "" };
      x.pos += Number(r["Possible Marks"]);
      x.att += Number(r["Present + AEA"]);
      years.set(key, x);
    });
    const groups: Record<"N" | "K" | "E", [number, number]> = { N: [0, 0], K: [0, 0], E: [0, 0] };
    for (const x of years.values()) {
      const g = groups[statusOn(x.upn, `20${x.year.slice(5)}-07-01`)];
      g[0] += (x.pos - x.att) / x.pos >= 0.1 ? 1 : 0;
      g[1] += 1;
    }
    const rate = (g: number[]): number => pct(g[0] ?? 0, g[1] ?? 1);
    expect(rate(groups.N)).toBeGreaterThan(12);
    expect(rate(groups.N)).toBeLessThan(25);
    expect(rate(groups.K)).toBeGreaterThan(rate(groups.N));
    const severe = [...years.values()].filter((x) => (x.pos - x.att) / x.pos >= 0.5).length;
    expect(severe).toBeGreaterThanOrEqual(1);
  });
});

describe("interventions", () => {
  const rows = (name: string): Row[] => inter.filter((r, i) => r["Intervention Name"] === name
    && i + 2 !== problemLine("unknown-pupil"));
  const gain = (r: Row): number => Number(r["Outcome Score"]) - Number(r["Baseline Score"]);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const months = (r: Row): number =>
    (Date.parse(r["Outcome Date"] ?? "") - Date.parse(r["Baseline Date"] ?? "")) / 86_400_000 / 30.4375;

  it("shows reading-age ratio gains of about 2–3 for the effective literacy interventions", () => {
    for (const name of ["Precision teaching", "Reading recovery-style 1:1"]) {
      const ratio = mean(rows(name).map((r) => gain(r) / months(r)));
      expect(ratio, name).toBeGreaterThan(1.8);
      expect(ratio, name).toBeLessThan(3.6);
    }
  });

  it("shows a positive raw gain for the booster club (regression to the mean) and about none at random", () => {
    expect(mean(rows("Maths booster club").map(gain))).toBeGreaterThan(1);
    expect(Math.abs(mean(rows("Comprehension club").map(gain)))).toBeLessThan(4);
  });

  it("shows the true effects in later termly scores against similar pupils (effective vs booster club)", () => {
    // change in termly maths standardised score from the term before a run to the term it ends, minus the mean
    // change of non-intervention pupils in the same terms whose earlier score was within 10 points
    const score = new Map<string, number>();
    for (const r of wide) if (r.maths_standardised) score.set(`${r.upn}|${r.assessment_point}`, Number(r.maths_standardised));
    const inAny = new Set(inter.map((r) => r.UPN));
    const points = [...new Set(wide.map((r) => r.assessment_point ?? ""))].sort((a, b) => {
      const k = (p: string): string => `${p.slice(0, 7)}${["autumn", "spring", "summer"].indexOf(p.slice(8))}`;
      return k(a) < k(b) ? -1 : 1;
    });
    const dateOf = new Map(wide.map((r) => [r.assessment_point ?? "", r.date ?? ""]));
    const relative = (name: string): number => {
      const diffs: number[] = [];
      for (const r of rows(name)) {
        const before = points.filter((p) => (dateOf.get(p) ?? "") < (r["Start Date"] ?? "")).at(-1) ?? "";
        const after = points.find((p) => (dateOf.get(p) ?? "") >= (r["End Date"] ?? "")) ?? "";
        const a = score.get(`${r.UPN}|${before}`);
        const b = score.get(`${r.UPN}|${after}`);
        if (a === undefined || b === undefined) continue;
        const peers = wide.filter((w) => !inAny.has(w.upn) && w.assessment_point === before && w.maths_standardised
          && Math.abs(Number(w.maths_standardised) - a) <= 10);
        const peerChanges = peers.flatMap((w) => {
          const later = score.get(`${w.upn}|${after}`);
          return later === undefined ? [] : [later - Number(w.maths_standardised)];
        });
        if (peerChanges.length > 0) diffs.push(b - a - mean(peerChanges));
      }
      return mean(diffs);
    };
    expect(relative("Maths catch-up (small group)")).toBeGreaterThan(2.5); // true effect +7 × attendance
    expect(Math.abs(relative("Maths booster club"))).toBeLessThan(2.5); // true effect 0
  });
});

describe("the deliberate problems", () => {
  const cell = (rows: Row[], line: number, column: string): string | undefined => rows[line - 2]?.[column];

  it("lists exactly the eight codes, each once", () => {
    expect(expected.map((p) => p.code).sort()).toEqual([
      "attended-exceeds-possible", "bad-date", "duplicate-pupil", "legacy-sen-status", "missing-need",
      "out-of-range", "unknown-pupil", "upn-check-letter",
    ]);
  });

  it("points at rows that really hold each problem", () => {
    for (const p of expected) {
      if (p.code === "out-of-range") expect(cell(wide, p.line, p.column)).toBe("412");
      if (p.code === "bad-date") expect(cell(assess, p.line, p.column)).toBe("2025-02-31");
      if (p.code === "legacy-sen-status") {
        expect(cell(sen, p.line, p.column)).toBe("S");
        expect(cell(sen, p.line, "EHCP Start Date")).not.toBe("");
      }
      if (p.code === "missing-need") {
        expect(cell(sen, p.line, p.column)).toBe("");
        expect(cell(sen, p.line, "SEN Status")).toBe("K");
        expect(cell(sen, p.line, "SEN End Date")).toBe("");
      }
      if (p.code === "attended-exceeds-possible") {
        expect(Number(cell(att, p.line, p.column))).toBeGreaterThan(Number(cell(att, p.line, "Possible Marks")));
      }
      if (p.code === "unknown-pupil") {
        const upn = cell(inter, p.line, p.column) ?? "";
        expect(upnOk(upn)).toBe(true);
        expect(pupils.some((x) => x.UPN === upn)).toBe(false);
      }
      if (p.code === "upn-check-letter") {
        const upn = cell(pupils, p.line, p.column) ?? "";
        expect(upnOk(upn)).toBe(false);
        for (const rows of [sen, assess, inter, att]) expect(rows.some((r) => r.UPN === upn)).toBe(false);
      }
      if (p.code === "duplicate-pupil") {
        const upn = cell(pupils, p.line, "UPN");
        const first = pupils.findIndex((x) => x.UPN === upn);
        expect(first + 2).toBeLessThan(p.line);
        expect(pupils[first]?.[p.column]).not.toBe(cell(pupils, p.line, p.column));
      }
    }
  });
});
