/**
 * The SEN information report (issue #18): every figure is read from the report disclosed for the public (the
 * same report the LP audit passed), nothing hidden there is printed here, no pupil identifier is in it, and the
 * words add no number of their own beyond a fixed list of dates, legal references and definitions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { buildReport } from "../../src/lib/report/build-report.js";
import { applyDisclosure } from "../../src/lib/disclosure/apply-disclosure.js";
import { policyFor } from "../../src/lib/disclosure/policy.js";
import { findPupilIdentifiers } from "../../src/lib/disclosure/identifiers.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import type { SendscopeReport } from "../../src/lib/report/schema.js";
import { documentHtml, documentMarkdown, figuresOf, type DocumentModel } from "../../src/lib/documents/document.js";
import { HIDDEN_TEXT, parsePath, valueAt } from "../../src/lib/documents/figures.js";
import { senInformationReport } from "../../src/lib/documents/sen-report.js";

let data: SchoolData;
let report: SendscopeReport;
let doc: DocumentModel;

beforeAll(async () => {
  data = await importFolder("fixtures/sample-school");
  report = buildReport(data, { audience: "public" });
  doc = senInformationReport(report, { preparedOn: "2026-07-01" });
});

/** The document with each figure replaced by a mark: only the words the code writes itself are left. */
function wordsOnly(d: DocumentModel): string {
  const strip = (parts: Array<string | { text: string }>) => parts.map((p) => (typeof p === "string" ? p : "⟨figure⟩"));
  return documentMarkdown({
    ...d,
    sections: d.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => {
        if (b.kind === "paragraph" || b.kind === "note") return { ...b, parts: strip(b.parts) };
        if (b.kind === "list") return { ...b, items: b.items.map(strip) };
        return { ...b, rows: b.rows.map((r) => r.map(strip)) };
      }),
    })),
  });
}

describe("senInformationReport on the sample school (public report)", () => {
  it("reads every figure from the public report at the path it names", () => {
    const figures = figuresOf(doc);
    expect(figures.length).toBeGreaterThan(80);
    for (const f of figures) {
      const at = valueAt(report, parsePath(f.path));
      expect(at, f.path).not.toBeUndefined();
      expect(at, f.path).toBe(f.value);
    }
  });

  it("is the public report the audit gives from the SENCO's report (the same disclosure, one source)", () => {
    const senco = buildReport(data, { audience: "senco" });
    const again = applyDisclosure(senco, policyFor("public"), { pupils: data.pupils });
    expect(senInformationReport(again as SendscopeReport, { preparedOn: "2026-07-01" })).toEqual(doc);
  });

  it("prints no number from a cell the audit hid: every figure inside a suppressed cell reads 'hidden'", () => {
    let inHidden = 0;
    for (const f of figuresOf(doc)) {
      const path = parsePath(f.path);
      // Hidden whole (`suppressed`) or this field only (`suppressedFields`: the numerator rule hides one count).
      const hidden = path.some((key, i) => {
        const holder = valueAt(report, path.slice(0, i)) as { suppressed?: boolean; suppressedFields?: unknown[] } | null;
        return holder?.suppressed === true || (holder?.suppressedFields?.includes(key) ?? false);
      });
      if (!hidden || typeof f.value === "string") continue;
      inHidden += 1;
      expect(f.value, f.path).toBeNull();
      expect(f.text, f.path).toBe(HIDDEN_TEXT);
    }
    // The sample's public report hides the SEN groups' attendance, suspensions and some needs (see the printed report).
    expect(inHidden).toBeGreaterThan(20);
  });

  it("prints the counts the report rounded to 5 (SEN support 60 of 420 pupils, 14.3%: 60 ÷ 420 by hand)", () => {
    const md = documentMarkdown(doc);
    expect(md).toContain("| SEN support | 60 | 14.3% | 60 | 14.5% | 13.5% |");
    expect(md).toContain("| EHC plan | 15 | 3.6% | 15 | 3.6% | 2.5% |");
    for (const f of figuresOf(doc)) {
      if (typeof f.value === "number" && /count|\.n$/i.test(f.path) && !f.path.startsWith("interventions")) expect(f.value % 5, f.path).toBe(0);
    }
  });

  it("holds no pupil identifier (no UPN, name, MIS id or date of birth of any imported pupil) in the Markdown or HTML", () => {
    const findings = findPupilIdentifiers({ markdown: documentMarkdown(doc), html: documentHtml(doc) }, data.pupils);
    expect(findings).toEqual([]);
    // The scan does find a pupil when one is planted (so the empty list above means something).
    const planted = { ...doc, subtitle: `${data.pupils[0]!.forename} ${data.pupils[0]!.surname}` };
    expect(findPupilIdentifiers({ markdown: documentMarkdown(planted) }, data.pupils).length).toBeGreaterThan(0);
  });

  it("adds no number of its own: the words hold only dates, years, legal references and definitions", () => {
    const numbers = [...new Set(wordsOnly(doc).match(/\d+(?:[.,/]\d+)*/g) ?? [])].sort();
    // Reviewed by hand: the figures' date and a year earlier (22 June 2026/2025), the census date (15 January
    // 2026), the date prepared (1 July 2026), the academic year, the Code of Practice (6.28–6.35, 9.166), the
    // Regulations (2014; Schedule 1 items 1–13, 3(a), 3(b)–(g)), the policy (groups under 6, rounding to 5),
    // 10% (persistent absence), 12 months (reviews), phonics 32 of 40, Year 1 and Year 6, and the academic years
    // that label the rows of the results tables (2023/24 to 2025/26).
    expect(numbers).toEqual([
      "1", "10", "11", "12", "13", "15", "2", "2014", "2023/24", "2024/25", "2025", "2025/26", "2026", "22", "3", "32", "4", "40", "5", "6", "6.28", "6.35",
      "7", "8", "9", "9.166",
    ]);
  });

  it("is dated with the figures' date and the date prepared", () => {
    expect(doc.dateLines[0]).toMatch(/^Figures as at 22 June 2026 \(the latest assessment in the school's data\)/);
    expect(doc.dateLines[1]).toBe("Prepared on 1 July 2026.");
  });

  it("refuses a report that was not disclosed for the public", () => {
    const governors = buildReport(data, { audience: "governors" });
    expect(() => senInformationReport(governors, { preparedOn: "2026-07-01" })).toThrow(/audience "public"/);
  });
});
