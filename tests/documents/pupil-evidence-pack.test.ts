/**
 * The top-up evidence pack (issue #15), made from the pupil profile and the report's costed provision map.
 * Sample pupil: Harper Lefèvre (Y873210121037, EHC plan, Year 4), the highest cost of the three sample pupils
 * above £6,000 (`sendscope analyse fixtures/sample-school --json` → provision.pupils). Her one placement in
 * 2025/26, read by hand from fixtures/sample-school/arbor-interventions.csv (group AAS-202526-03): Additional
 * adult support (EHC plan), 10 Sep 2025 to 14 Jul 2026, 190 sessions planned of 120 minutes, 1:1, Mrs Siân
 * Evans (TA), cost £6,840 in the export.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { costsConfig } from "../../src/lib/provision/config.js";
import { pupilProvisionCosts } from "../../src/lib/provision/pupil-costs.js";
import { placementWeeks } from "../../src/lib/provision/weeks.js";
import { findPupilIdentifiers } from "../../src/lib/disclosure/identifiers.js";
import { documentHtml, documentMarkdown } from "../../src/lib/documents/document.js";
import { pupilTimeline } from "../../src/lib/documents/pupil-timeline.js";
import { MEASURE_LABELS } from "../../src/lib/documents/pupil-documents.js";
import { evidencePackDocument } from "../../src/lib/documents/pupil-evidence-pack.js";
import { capture } from "../helpers/capture.js";

const ASOF = "2026-06-22";
const HARPER = "Y873210121037";
const OPTIONS = { preparedOn: "2026-07-01", schoolName: "Sample school" };
let data: SchoolData;

beforeAll(async () => {
  data = await importFolder("fixtures/sample-school");
});

function pack(key: string, config = costsConfig()) {
  const t = pupilTimeline(data, key, ASOF);
  const costs = pupilProvisionCosts(data, t.pupil.pupilId, ASOF, config);
  return { t, costs, doc: evidencePackDocument(t, costs, OPTIONS) };
}

describe("the pack's costs are the provision analysis's", () => {
  it("equal the SENCO report's provision.pupils row, for each pupil above £6,000 and a few below", () => {
    const report = buildReport(data, { asOf: ASOF });
    const rows = report.provision.pupils.rows;
    expect(rows.filter((r) => r.aboveThreshold).map((r) => r.pupilId)).toEqual([HARPER, "B873210119028", "M873210124043"]);
    for (const r of rows.slice(0, 8)) expect(pupilProvisionCosts(data, r.pupilId, ASOF, costsConfig()).row).toEqual(r);
  });

  it("Harper: 190 sessions × 120 min = 380 h × £18 ÷ 1 = £6,840, £840 over £6,000; financial 2026-27 £2,331.82", () => {
    const { costs, doc } = pack(HARPER);
    const row = costs.row!;
    // By hand: 190 × 120 ÷ 60 = 380 hours; 380 × £18.00 (TA, the default rate) ÷ group size 1 = £6,840.00.
    expect([row.placements[0]!.sessions, row.placements[0]!.minutesPerSession, row.placements[0]!.hourlyRate, row.placements[0]!.groupSize]).toEqual([190, 120, 18, 1]);
    expect(row.cost).toBe((190 * 120 / 60) * 18 / 1);
    expect(row.excess).toBe(6840 - 6000);
    // The other year: financial 2026-27 holds 1 Apr to 14 Jul 2026 = 30 + 31 + 30 + 14 = 105 of the placement's
    // 308 days (10 Sep 2025 to 14 Jul 2026: 21+31+30+31+31+28+31+30+31+30+14), so £6,840 × 105 ÷ 308 = £2,331.82.
    expect(row.otherYearCost).toBe(Math.round(6840 * 105 / 308 * 100) / 100);
    const md = documentMarkdown(doc);
    expect(md).toContain("| Additional adult support (EHC plan) | 10 Sept 2025 to 14 Jul 2026 (36.2 weeks) | 190 (5.2 a week) × 120 min | 1 (1:1) | Teaching assistant (TA), £18.00 an hour | £6,840.00 | £6,840.00 | the cost in the export |");
    expect(md).toContain("Annual cost of additional support in the academic year 2025/26 (September to August): £6,840.00, against the £6,000.00 a mainstream school meets from its notional SEN budget (element 2): above it by £840.00 (£6,840.00 − £6,000.00).");
    expect(md).toContain("In the financial year 2026-27 (April to March): £2,331.82.");
    expect(md).toContain("No top-up bands are configured");
  });

  it("names the authority's band when the costs file gives bands (excess £840 → the smallest band covering it)", () => {
    const config = costsConfig({ topUpBands: [{ name: "Band 1", amount: 1600 }, { name: "Band 2", amount: 3100 }] });
    const md = documentMarkdown(pack(HARPER, config).doc);
    expect(md).toContain("The authority's top-up band that covers the excess: Band 1 (£1,600.00 a year).");
  });

  it("with financial-year costs, states the financial year 2026-27 first (asOf 22 June 2026: 105 days → £2,331.82)", () => {
    const md = documentMarkdown(pack(HARPER, costsConfig({ thresholdYear: "financial" })).doc);
    expect(md).toContain("Annual cost of additional support in the financial year 2026-27 (April to March): £2,331.82");
    expect(md).toContain("below it by £3,668.18"); // 6,000 − 2,331.82
  });

  it("works the weeks and sessions a week out from the dates (38 working weeks over 1 Sep–20 Jul)", () => {
    // 10 Sep 2025 to 14 Jul 2026: 308 of the 323 days from 1 Sep 2025 to 20 Jul 2026 → 38 × 308 ÷ 323 = 36.235.
    expect(placementWeeks("2025-09-10", "2026-07-14", 190, 38)).toEqual({ weeks: 36.2, sessionsPerWeek: Math.round(190 / (38 * 308 / 323) * 10) / 10 });
    // Wholly in the summer holiday: no weeks, no rate.
    expect(placementWeeks("2025-07-25", "2025-08-20", 4, 38)).toEqual({ weeks: 0, sessionsPerWeek: null });
    expect(() => placementWeeks("2025-09-10", "2025-09-01", 1, 38)).toThrow(/before the start/);
  });
});

describe("the pack is the profile, dated, confidential and about this pupil only", () => {
  it("is marked confidential, and every section opens with the date or period it describes", () => {
    const { doc } = pack(HARPER);
    expect(doc.marking).toMatch(/^CONFIDENTIAL: special category data about one pupil/);
    expect(doc.subtitle).toBe("Sample school");
    expect(doc.sections.length).toBe(9);
    for (const s of doc.sections) {
      const first = s.blocks[0]!;
      expect(first.kind, s.title).toBe("note");
      expect(first.kind === "note" && typeof first.parts[0] === "string" && first.parts[0].startsWith("Dated: "), s.title).toBe(true);
    }
  });

  it("holds the profile's own figures (the same tables), with measures in words, not codes", () => {
    const { t, doc } = pack(HARPER);
    const md = documentMarkdown(doc);
    expect(md).toContain("| UPN | Y873210121037 |");
    expect(md).toContain("| Reading | reading age | 2025/26 summer | 22 Jun 2026 | 4 years 11 months |");
    expect(md).toContain("| Summer term 2025/26 | 110 | 110 | 100.0% |");
    expect(md).not.toMatch(/readingAge|teacherAssessment|phonicsMark|mtcScore|\| standardised \|/);
    expect(t.assessments.length).toBeGreaterThan(0);
  });

  it("holds no other pupil's name, UPN, MIS id or date of birth (its own UPN aside), for each pupil above £6,000", () => {
    for (const key of [HARPER, "B873210119028", "M873210124043", "E873210123045"]) {
      const { t, doc } = pack(key);
      const own = (s: string) => s.split(t.pupil.upn!).join("[UPN]");
      const text = { markdown: own(documentMarkdown(doc)), html: own(documentHtml(doc)) };
      const others = data.pupils.filter((p) => p.pupilId !== t.pupil.pupilId);
      expect(findPupilIdentifiers(text, others), key).toEqual([]);
      // The same scan finds another pupil planted in it, so the empty list above means something.
      expect(findPupilIdentifiers({ markdown: `${text.markdown} ${others[3]!.upn}` }, others).length).toBeGreaterThan(0);
    }
  });

  it("refuses costs of another pupil", () => {
    const t = pupilTimeline(data, HARPER, ASOF);
    expect(() => evidencePackDocument(t, pupilProvisionCosts(data, "B873210119028", ASOF, costsConfig()), OPTIONS)).toThrow(/not Y873210121037/);
  });

  it("uses the measure names the SENCO's pages use (dashboards/components/view.js MEASURE_LABELS)", () => {
    const js = readFileSync("dashboards/components/view.js", "utf8");
    const m = /export const MEASURE_LABELS = (\{[^}]*\});/.exec(js);
    expect(m).not.toBeNull();
    const pages = Function(`return ${m![1]}`)() as Record<string, string>;
    for (const [code, label] of Object.entries(pages)) expect(MEASURE_LABELS[code], code).toBe(label);
  });
});

describe("sendscope profile --evidence-pack", () => {
  it("writes the pack (HTML, Markdown and, with a browser, PDF), named by the report name rule; refuses option clashes", async () => {
    const { main } = await import("../../src/lib/cli/main.js");
    const { mkdtempSync, readdirSync, rmSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { findBrowser } = await import("../../src/report-build/find-browser.js");
    const dir = mkdtempSync(join(tmpdir(), "sendscope-pack-"));
    try {
      const { io, err } = capture();
      const pdf = findBrowser().path === null ? ["--no-pdf"] : [];
      const costs = join(dir, "costs.json");
      writeFileSync(costs, JSON.stringify({ topUpBands: [{ name: "Band 1", amount: 1600 }] }));
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "001228", "--evidence-pack", "--costs", costs, "--out", dir, "--prepared-on", "2026-07-01", ...pdf], io)).toBe(0);
      const stem = "top-up-evidence-pack-Lefèvre-Harper-2026-06-22";
      expect(readdirSync(dir).filter((f) => f.startsWith(stem)).sort()).toEqual((pdf.length === 0 ? ["html", "md", "pdf"] : ["html", "md"]).map((k) => `${stem}.${k}`));
      const md = readFileSync(join(dir, `${stem}.md`), "utf8");
      expect(md).toContain("Sample school"); // the folder's name made readable (reportName)
      expect(md).toContain("Band 1 (£1,600.00 a year)");
      if (pdf.length === 0) expect(readFileSync(join(dir, `${stem}.pdf`)).subarray(0, 5).toString()).toBe("%PDF-");
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "001228", "--evidence-pack", "--parents", "--out", dir], io)).toBe(2);
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "001228", "--costs", costs, "--out", dir], io)).toBe(2);
      writeFileSync(costs, JSON.stringify({ roles: { TA: { hourlyRate: -1 } } }));
      expect(await main(["profile", "fixtures/sample-school", "--pupil", "001228", "--evidence-pack", "--costs", costs, "--no-pdf", "--out", dir], io)).toBe(2);
      expect(err.join("")).toMatch(/roles\.TA\.hourlyRate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
