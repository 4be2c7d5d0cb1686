/**
 * `sendscope sen-report`: writes the Markdown and HTML (and, with a browser, the PDF) of the SEN information
 * report for the sample school; a folder that cannot be used is a one-line error with exit 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/lib/cli/main.js";
import { findBrowser } from "../../src/report-build/find-browser.js";
import { capture } from "../helpers/capture.js";

describe("sendscope sen-report", () => {
  it("writes the report as Markdown and HTML, dated, from the public report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sendscope-sen-report-"));
    try {
      const c = capture();
      expect(await main(["sen-report", "fixtures/sample-school", "--out", dir, "--no-pdf", "--prepared-on", "2026-07-01", "--school-name", "Sample Primary"], c.io)).toBe(0);
      const md = readFileSync(join(dir, "sen-information-report-2026-06-22.md"), "utf8");
      const html = readFileSync(join(dir, "sen-information-report-2026-06-22.html"), "utf8");
      expect(md.split("\n").slice(0, 8)).toEqual([
        "# SEN information report 2025/26: the figures", "", "Sample Primary", "",
        "Figures as at 22 June 2026 (the latest assessment in the school's data); attendance and suspensions are for the academic year 2025/26.", "",
        "Prepared on 1 July 2026.", "",
      ]);
      expect(html).toContain("<h2>The four broad areas of need</h2>");
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
      expect(c.out.join("")).toContain("sen-information-report-2026-06-22.md");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a folder that does not exist (exit 2, one line) and a threshold below 6", async () => {
    const c = capture();
    expect(await main(["sen-report", "no/such/folder", "--no-pdf"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/^sendscope sen-report: .*\n$/);
    const d = capture();
    expect(await main(["sen-report", "fixtures/sample-school", "--threshold", "3", "--no-pdf"], d.io)).toBe(2);
    expect(d.err.join("")).toMatch(/at least 6/);
  });

  it.skipIf(findBrowser().path === null)("prints the PDF with the browser (a real PDF file of several A4 pages)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sendscope-sen-report-pdf-"));
    try {
      const c = capture();
      expect(await main(["sen-report", "fixtures/sample-school", "--out", dir, "--prepared-on", "2026-07-01"], c.io)).toBe(0);
      const pdf = join(dir, "sen-information-report-2026-06-22.pdf");
      expect(existsSync(pdf), c.out.join("")).toBe(true);
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      // A4 in points (595 × 842), as page.pdf writes it, on each of several pages.
      expect((bytes.toString("latin1").match(/\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]/g) ?? []).length).toBeGreaterThan(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
