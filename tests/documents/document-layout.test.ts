/**
 * How the SENCO's documents break across A4 pages when printed. A long table may break between rows, with its
 * heading row repeated on the next page; a short table, and a short section, is kept together; a section's
 * heading and its "Dated:" line stay with what follows them.
 *
 * The printed check draws the sample pupil's evidence pack, profile and parents' report, and the sample school's
 * SEN information report, with the browser, then
 * reads each page back with poppler's `pdftotext` (independent of the HTML): where the text on each page ends,
 * what its last line is, and which pages repeat the results table's heading row. Before this change the pack's
 * third page stopped 60% of the way down (the 27-row results table was kept whole and pushed to page 4), the
 * first, third and fifth pages ended on a section's heading and "Dated:" line, their tables on the next page;
 * a page of the SEN information report ended the same way.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentHtml, type DocumentModel } from "../../src/lib/documents/document.js";
import { pupilTimeline } from "../../src/lib/documents/pupil-timeline.js";
import { parentsReportDocument, pupilProfileDocument } from "../../src/lib/documents/pupil-documents.js";
import { evidencePackDocument } from "../../src/lib/documents/pupil-evidence-pack.js";
import { senInformationReport } from "../../src/lib/documents/sen-report.js";
import { analyseFolder } from "../../src/lib/report/analyse-folder.js";
import { importFolder } from "../../src/lib/import/import-folder.js";
import { costsConfig } from "../../src/lib/provision/config.js";
import { pupilProvisionCosts } from "../../src/lib/provision/pupil-costs.js";
import type { SchoolData } from "../../src/lib/schema/school-data.js";
import { printDocuments } from "../../src/lib/cli/print-documents.js";
import { findBrowser } from "../../src/report-build/find-browser.js";

const rows = (n: number, cells = 3) => Array.from({ length: n }, (_, i) => Array.from({ length: cells }, (__, j) => [`r${i}c${j}`]));
const model = (sections: DocumentModel["sections"]): DocumentModel => ({ title: "T", subtitle: null, dateLines: [], marking: null, footer: "", sections });

describe("documentHtml's page-break rules", () => {
  const html = documentHtml(model([
    { title: "Short", blocks: [{ kind: "note", parts: ["Dated: today."] }, { kind: "table", caption: "Three rows", head: ["a", "b", "c"], rows: rows(3) }] },
    { title: "Long", blocks: [{ kind: "note", parts: ["Dated: today."] }, { kind: "table", caption: "Sixty rows", head: ["a", "b", "c"], rows: rows(60) }] },
  ]));
  const style = html.slice(html.indexOf("<style>"), html.indexOf("</style>"));

  it("lets a long table break between rows, repeating its heading row, and keeps a short one whole", () => {
    expect(style).toMatch(/thead\s*\{\s*display:\s*table-header-group;/);
    expect(style).toMatch(/tr\s*\{\s*break-inside:\s*avoid;/);
    expect(style).not.toMatch(/(^|\n)table\s*\{[^}]*break-inside:\s*avoid/);
    expect(html).toContain(`<table class="keep"><caption>Three rows</caption>`);
    expect(html).toContain(`<table><caption>Sixty rows</caption>`);
  });

  it("keeps a short section together and lets a long one run on", () => {
    expect(html).toContain(`<section class="keep">\n<h2>Short</h2>`);
    expect(html).toContain(`<section>\n<h2>Long</h2>`);
    expect(style).toMatch(/\.keep\s*\{\s*break-inside:\s*avoid;/);
  });
});

// ---- printed: the sample pupil's documents, read back page by page -----------------------------------------
const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const canPrint = findBrowser().path !== null && hasPdftotext;

const ASOF = "2026-06-22";
const HARPER = "Y873210121037";
const OPTIONS = { preparedOn: "2026-07-01", schoolName: "Sample school" };
// A4 is 842 points high; the documents' @page margins are 16 mm at the top and 18 mm at the bottom (the page
// footer is drawn in the bottom margin).
const TOP = 16 / 25.4 * 72;
const BOTTOM = 842 - 18 / 25.4 * 72;

interface Page { lines: string[]; fill: number }

/** Each page's text lines (the footer left out) and how far down its body text reaches (0 top … 1 bottom). */
function readPages(pdf: string): Page[] {
  const bbox = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const layout = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
  return bbox.split("<page ").slice(1).map((chunk, i) => {
    const bottoms = [...chunk.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1])).filter((y) => y < BOTTOM);
    const lines = (layout[i] ?? "").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !/page \d+ of \d+$/.test(l));
    return { lines, fill: (Math.max(...bottoms) - TOP) / (BOTTOM - TOP) };
  });
}

// In CI (`.ci/run` installs chromium and poppler-utils) the printed checks never skip: a missing tool fails them.
describe.skipIf(!canPrint && !process.env.CI)("the sample pupil's documents, printed", () => {
  let data: SchoolData;
  let dir = "";
  const printed = new Map<string, { doc: DocumentModel; pages: Page[] }>();

  beforeAll(async () => {
    data = await importFolder("fixtures/sample-school");
    dir = mkdtempSync(join(tmpdir(), "sendscope-layout-"));
    const t = pupilTimeline(data, HARPER, ASOF);
    const docs: Record<string, DocumentModel> = {
      pack: evidencePackDocument(t, pupilProvisionCosts(data, t.pupil.pupilId, ASOF, costsConfig()), OPTIONS),
      profile: pupilProfileDocument(t, OPTIONS),
      parents: parentsReportDocument(t, OPTIONS),
      "SEN information report": senInformationReport(await analyseFolder("fixtures/sample-school", { audience: "public" }), { preparedOn: "2026-07-01" }),
    };
    const items = Object.entries(docs).map(([name, doc]) => ({ html: documentHtml(doc), pdf: join(dir, `${name.replace(/ /g, "-")}.pdf`), footer: name }));
    const outcome = await printDocuments({ items });
    expect(outcome.why).toBeNull();
    for (const [name, doc] of Object.entries(docs)) printed.set(name, { doc, pages: readPages(join(dir, `${name.replace(/ /g, "-")}.pdf`)) });
  }, 120_000);

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ["pack", "profile", "parents", "SEN information report"]) {
    // A block of up to about a third of a page is kept together (`documentHtml`), so a page may stop up to a
    // third short when the next block does not fit; no more.
    it(`${name}: no page but the last stops more than a third short`, () => {
      const { pages } = printed.get(name)!;
      const fills = pages.slice(0, -1).map((p, i) => ({ page: i + 1, fill: Math.round(p.fill * 100) }));
      expect(fills.filter((f) => f.fill < 67)).toEqual([]);
    });

    it(`${name}: no page ends on a section's heading, its opening paragraph or a table's caption`, () => {
      const { doc, pages } = printed.get(name)!;
      const text = (parts: DocumentModel["sections"][number]["blocks"][number]) => (parts.kind === "paragraph" || parts.kind === "note" ? parts.parts.map((p) => (typeof p === "string" ? p : p.text)).join("") : null);
      const titles = new Set(doc.sections.map((s) => s.title));
      const captions = new Set(doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [b.caption] : []))));
      // A section's opening paragraph (its "Dated:" line, say) when more follows it; it may wrap, so the page's
      // last line may be its end.
      const openings = doc.sections.flatMap((s) => (s.blocks.length > 1 && text(s.blocks[0]!) !== null ? [text(s.blocks[0]!)!] : []));
      const endings = pages.slice(0, -1).map((p, i) => [i + 1, p.lines.at(-1) ?? ""] as const);
      expect(endings.filter(([, last]) => titles.has(last) || captions.has(last) || openings.some((o) => o.replace(/\s+/g, " ").endsWith(last.replace(/\s+/g, " "))))).toEqual([]);
    });
  }

  it("pack: the results table runs on across pages with its heading row on each", () => {
    const { pages } = printed.get("pack")!;
    const withRows = pages.flatMap((p, i) => (p.lines.some((l) => /^(Maths|Reading|Writing)\s+(standardised|reading age|teacher)/.test(l)) ? [i + 1] : []));
    const withHead = pages.flatMap((p, i) => (p.lines.some((l) => /^Subject\s+Measure\s+Point\s+Date\s+Result$/.test(l)) ? [i + 1] : []));
    expect(withRows.length).toBeGreaterThan(1);
    expect(withHead).toEqual(withRows);
  });
});
