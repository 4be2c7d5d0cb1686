// The sample school's SEN identification, attainment, gap and phonics figures, checked against a second,
// independent computation: the raw CSVs are parsed here with csv-parse (and iconv-lite for the Windows-1252
// pupils file) and counted in plain loops, not through importFolder or the cohort code path. The rows that
// the fixture's expected-problems.json lists as errors are skipped, as import rejects them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { identification } from "../../src/lib/cohort/identification.js";
import { attainment } from "../../src/lib/cohort/attainment.js";
import { attainmentGaps } from "../../src/lib/gaps/attainment-gaps.js";
import { nationalComparisons } from "../../src/lib/gaps/national-comparisons.js";

const DIR = join(import.meta.dirname, "../../fixtures/sample-school");
type Row = Record<string, string>;
const rows = (file: string, encoding = "utf8"): Row[] => {
  const text = iconv.decode(readFileSync(join(DIR, file)), encoding).replace(/^\uFEFF/, "");
  return parse(text, { columns: true, skip_empty_lines: true }) as Row[];
};
const errorLines = (file: string): Set<number> => {
  const expected = JSON.parse(readFileSync(join(DIR, "expected-problems.json"), "utf8")) as Array<{ file: string; line: number; severity: string }>;
  return new Set(expected.filter((p) => p.file === file && p.severity === "error").map((p) => p.line));
};
const dmy = (s: string | undefined): string | null => {
  if (!s) return null;
  const [d, m, y] = s.split("/");
  return `${y}-${m}-${d}`;
};
const ayOf = (iso: string): number => (Number(iso.slice(5, 7)) >= 9 ? Number(iso.slice(0, 4)) : Number(iso.slice(0, 4)) - 1);

// --- the independent model of the raw files -----------------------------------------------------------------
const skipPupils = errorLines("sims-pupils.csv");
const pupils = new Map<string, Row>();
rows("sims-pupils.csv", "win1252").forEach((r, i) => {
  if (!skipPupils.has(i + 2) && r.UPN && !pupils.has(r.UPN)) pupils.set(r.UPN, r);
});
const spells = new Map<string, Array<{ start: string | null; end: string | null; status: string }>>();
for (const r of rows("sims-sen-register.csv")) {
  const status = r["SEN Status"] === "S" ? "E" : (r["SEN Status"] ?? "N");
  const list = spells.get(r.UPN ?? "") ?? [];
  list.push({ start: dmy(r["SEN Start Date"]), end: dmy(r["SEN End Date"]), status });
  spells.set(r.UPN ?? "", list);
}
function statusOn(upn: string, date: string): string {
  let best: { start: string | null; status: string } | null = null;
  for (const s of spells.get(upn) ?? []) {
    if ((s.start === null || s.start <= date) && (s.end === null || s.end >= date)) {
      if (best === null || (s.start ?? "") > (best.start ?? "")) best = s;
    }
  }
  return best?.status ?? "N";
}
function onRoll(p: Row, date: string): boolean {
  const adm = dmy(p["Admission Date"]);
  const left = dmy(p["Leaving Date"]);
  return (adm === null || adm <= date) && (left === null || left >= date);
}
// Year group: "Reception" 0, "Year n" n, in the year the pupil left (leavers) or 2025/26 (the export's year).
function yearIn(p: Row, startYear: number): number {
  const y = p.Year === "Reception" ? 0 : Number((p.Year ?? "").replace("Year ", ""));
  const left = dmy(p["Leaving Date"]);
  return y + startYear - (left ? ayOf(left) : 2025);
}
function tally(values: Array<{ status: string; value: number }>, group: string) {
  const xs = values.filter((v) => (group === "all" ? true : group === "SEN" ? v.status !== "N" : v.status === group)).map((v) => v.value);
  return { n: xs.length, xs, sum: xs.reduce((a, b) => a + b, 0) };
}

let data: SchoolData;
beforeAll(async () => {
  data = await importFolder(DIR);
});

describe("sample school: SEN identification", () => {
  it("matches the generator's own counts at the export date (README: 420 on roll, K 59, E 17)", () => {
    const id = identification(data, "2026-07-17");
    expect(id.onRoll).toBe(420);
    expect(id.senStatus.find((c) => c.group === "K")?.count).toBe(59);
    expect(id.senStatus.find((c) => c.group === "E")?.count).toBe(17);
  });
  it.each(["2026-01-15", "2025-01-16", "2024-01-18"])("matches a plain loop over the raw files on %s", (date) => {
    const counts: Record<string, number> = { N: 0, K: 0, E: 0 };
    let total = 0;
    for (const [upn, p] of pupils) {
      if (!onRoll(p, date)) continue;
      total += 1;
      const s = statusOn(upn, date);
      counts[s] = (counts[s] ?? 0) + 1;
    }
    const id = identification(data, date);
    expect(id.onRoll).toBe(total);
    for (const g of ["N", "K", "E"]) {
      const c = id.senStatus.find((x) => x.group === g);
      expect(c?.count).toBe(counts[g]);
      expect(c?.rate).toBeCloseTo((counts[g] ?? 0) / total, 12);
    }
    expect(id.senAny.find((c) => c.group === "SEN")?.count).toBe((counts.K ?? 0) + (counts.E ?? 0));
  });
});

describe("sample school: attainment", () => {
  it("KS2 reading scaled scores, summer 2025, by SEN status", () => {
    const skip = errorLines("arbor-assessments.csv");
    const values: Array<{ status: string; value: number }> = [];
    rows("arbor-assessments.csv").forEach((r, i) => {
      if (skip.has(i + 2) || r.Subject !== "Reading" || r.Measure !== "Scaled Score" || r["Assessment Point"] !== "Summer 2025") return;
      if (!pupils.has(r.UPN ?? "") || !r.Score) return;
      values.push({ status: statusOn(r.UPN ?? "", r["Assessment Date"] ?? ""), value: Number(r.Score) });
    });
    expect(values.length).toBeGreaterThan(30);
    const cells = attainment(data, { subjects: ["reading"], measures: ["scaled"], points: ["2024/25 summer"], dimensions: ["senStatus", "senAny"] });
    for (const group of ["all", "N", "K", "E", "SEN"]) {
      const t = tally(values, group);
      const cell = cells.find((c) => c.group === group && c.dimension === (group === "SEN" ? "senAny" : "senStatus"));
      expect(cell?.n, group).toBe(t.n);
      expect(cell?.count, group).toBe(t.xs.filter((v) => v >= 100).length);
      expect(cell?.higherCount, group).toBe(t.xs.filter((v) => v >= 110).length);
      if (t.n > 0) expect(cell?.mean, group).toBeCloseTo(t.sum / t.n, 9);
    }
  });
  it("standardised reading, summer 2024/25, and the SEN gap", () => {
    const values: Array<{ status: string; value: number }> = [];
    for (const r of rows("nfer-standardised-wide.csv")) {
      if (r.assessment_point !== "2024/25 summer" || !r.reading_standardised || !pupils.has(r.upn ?? "")) continue;
      values.push({ status: statusOn(r.upn ?? "", r.date ?? ""), value: Number(r.reading_standardised) });
    }
    const cells = attainment(data, { subjects: ["reading"], measures: ["standardised"], points: ["2024/25 summer"], dimensions: ["senAny"] });
    const sen = tally(values, "SEN");
    const none = tally(values, "N");
    expect(cells.find((c) => c.group === "SEN")).toMatchObject({ n: sen.n, count: sen.xs.filter((v) => v >= 85).length });
    expect(cells.find((c) => c.group === "N")?.mean).toBeCloseTo(none.sum / none.n, 9);
    const gap = attainmentGaps(data, { subjects: ["reading"], measures: ["standardised"], points: ["2024/25 summer"] })
      .find((g) => g.group === "SEN");
    expect(gap?.mean?.difference).toBeCloseTo(sen.sum / sen.n - none.sum / none.n, 9);
    // Python from the raw CSVs (csv module; scipy.stats.ttest_ind(sen, no, equal_var=False).confidence_interval()):
    // n 67 vs 282, difference −18.824124, 95% CI (−22.765368, −14.882881)
    expect(gap?.mean).toMatchObject({ n: 67, comparisonN: 282, band: "well below" });
    expect(gap?.mean?.lower).toBeCloseTo(-22.765368, 4);
    expect(gap?.mean?.upper).toBeCloseTo(-14.882881, 4);
    // Python, Newcombe method 10 with Wilson ends from scipy.stats.norm.ppf(0.975): ≥85 in 28/67 vs 252/282,
    // difference −0.475707, 95% CI (−0.590418, −0.349335)
    expect(gap?.expected).toMatchObject({ count: 28, n: 67, comparisonCount: 252, comparisonN: 282, band: "well below" });
    expect(gap?.expected?.lower).toBeCloseTo(-0.590418, 5);
    expect(gap?.expected?.upper).toBeCloseTo(-0.349335, 5);
  });
  it("Year 1 phonics, summer 2025, against national", () => {
    const values: Array<{ status: string; value: number }> = [];
    for (const r of rows("arbor-assessments.csv")) {
      if (r.Subject !== "Phonics" || r["Assessment Point"] !== "Summer 2025" || !r.Score) continue;
      const p = pupils.get(r.UPN ?? "");
      if (!p || yearIn(p, 2024) !== 1) continue;
      values.push({ status: statusOn(r.UPN ?? "", r["Assessment Date"] ?? ""), value: Number(r.Score) >= 32 ? 1 : 0 });
    }
    expect(values.length).toBeGreaterThan(40); // about one year group of 60
    const comparisons = nationalComparisons(data, "2024/25");
    for (const [group, national] of [["N", 0.88], ["K", 0.52], ["E", 0.2], ["all", 0.8]] as const) {
      const t = tally(values, group);
      const c = comparisons.find((x) => x.measure === "phonicsMet" && x.group === group)?.gap;
      expect(c?.n, group).toBe(t.n);
      expect(c?.count, group).toBe(t.sum);
      if (t.n > 0) expect(c?.difference, group).toBeCloseTo(t.sum / t.n - national, 12); // domain.md national rates
    }
  });
});
