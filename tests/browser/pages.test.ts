/**
 * Browser checks of the reports as a SENCO gets them: `sendscope report` on the sample school (both sites,
 * the governors' one-file HTML and the PDF, with /usr/bin/chromium), then `sendscope serve` on the output
 * (the real command, in a child process), and every page opened in Chromium (playwright-core) at 1280 px and
 * at phone width (390 px). A page fails on any console error, any `.observablehq--error`, any request off
 * 127.0.0.1, any chart that drew nothing, any table cell cut off, and any header or value that is a code
 * (`surname`, `latestDate`, `missingEntry`, `bad-date`). Every sidebar link is clicked and must open its page.
 * The governors' one-file HTML is opened from disk (file://) and must make no request at all. A SENCO table
 * is downloaded as CSV and as Excel and read back. Screenshots go to tests/__output__/screenshots/ (gitignored).
 * Skipped, with a message, only when /usr/bin/chromium is missing and env CI is not set.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, checkPage, launchChromium, tableProblems, type Browser } from "../../src/report-build/browser.js";
import { REPO_ROOT, SAMPLE_SCHOOL } from "../../src/report-build/data-source.js";
import { identifiersIn, scanForIdentifiers } from "../dashboards/identifiers.js";

const OUT = resolve(REPO_ROOT, "tests", "__output__");
const REPORTS = join(OUT, "browser-reports");
const SHOTS = join(OUT, "screenshots");
const haveChromium = existsSync(CHROMIUM_PATH);
const skip = !haveChromium && !process.env.CI;
if (skip) console.warn(`tests/browser skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium); in CI (env CI set) this test runs and fails instead.`);

/** Every page of both sites, the fewest charts it must draw, and whether it must say "Confidential". */
const PAGES: Array<{ path: string; name: string; minCharts: number; confidential: boolean }> = [
  { path: "/senco/index.html", name: "senco-overview", minCharts: 8, confidential: true },
  { path: "/senco/interventions.html", name: "senco-interventions", minCharts: 3, confidential: true },
  { path: "/senco/budget.html", name: "senco-budget", minCharts: 3, confidential: true },
  { path: "/senco/data-quality.html", name: "senco-data-quality", minCharts: 0, confidential: true },
  { path: "/senco/classes.html", name: "senco-classes", minCharts: 0, confidential: true },
  { path: "/senco/governors/index.html", name: "senco-governors", minCharts: 7, confidential: false },
  { path: "/governors/index.html", name: "governors-report", minCharts: 7, confidential: false },
];

describe.skipIf(skip)("the reports in Chromium, through sendscope serve", () => {
  let origin = "";
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const built = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "sendscope.js"), "report", SAMPLE_SCHOOL, "--out", REPORTS], {
      cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, SENDSCOPE_BROWSER: CHROMIUM_PATH }, timeout: 600_000,
    });
    if (built.status !== 0) throw new Error(`sendscope report failed:\n${built.stderr}`);
    server = spawn(process.execPath, [join(REPO_ROOT, "bin", "sendscope.js"), "serve", REPORTS], { stdio: ["ignore", "pipe", "pipe"] });
    origin = await new Promise<string>((ok, fail) => {
      let text = "";
      server!.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const m = /^(http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(text);
        if (m) ok(m[1]!);
      });
      server!.on("exit", (code) => fail(new Error(`sendscope serve exited with ${code}`)));
      setTimeout(() => fail(new Error(`sendscope serve printed no address: ${text}`)), 20_000);
    });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  it("sendscope serve prints http://127.0.0.1:<port>/ and serves the folder's index pages", async () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${origin}/senco/`);
    expect(res.status).toBe(200);
    // The address printed opens a page linking each output (the README tells a SENCO to open it).
    const top = await fetch(`${origin}/`);
    expect(top.status).toBe(200);
    const links = [...(await top.text()).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.slice(0, 2)).toEqual(["senco/index.html", "governors/index.html"]);
    for (const link of links) expect(await fetch(`${origin}/${link}`).then((r) => r.status), link).toBe(200);
    expect(await fetch(`${origin}/../../etc/passwd`).then((r) => r.status)).not.toBe(200);
  });

  it("the table check fails on a cut-off column and on field names (it can fail)", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 600 });
      // Inputs.table's cells: one line, clipped with "…"; and a bare table wider than the page
      await page.setContent(`<h2>Targets</h2><div style="overflow:auto;width:300px"><table><thead><tr><th>surname</th><th>latestDate</th></tr></thead>
        <tbody><tr><td style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40px">Gonçalves-Whitfield</td><td>missingEntry</td></tr></tbody></table></div>
        <table style="table-layout:fixed;width:100px"><tr><td style="width:50px;white-space:nowrap">a very long value that runs on</td><td>bad-date</td></tr></table>`);
      const found = await tableProblems(page);
      expect(found.filter((f) => f.kind === "cut off").map((f) => f.text)).toEqual(["Gonçalves-Whitfield", "a very long value that runs on"]);
      expect(found.filter((f) => f.kind === "code").map((f) => f.text)).toEqual(["surname", "latestDate", "missingEntry", "bad-date"]);
    } finally {
      await page.close();
    }
  });

  for (const p of PAGES) {
    it(`${p.path}: no errors, no outside requests, every chart drawn, no cut-off or coded table cell, at 1280 px and 390 px`, async () => {
      const page = await browser!.context.newPage();
      try {
        for (const [width, height] of [[1280, 900], [390, 844]] as const) {
          await page.setViewportSize({ width, height });
          const check = await checkPage(page, `${origin}${p.path}`);
          expect(check.problems).toEqual([]);
          expect(check.charts).toBeGreaterThanOrEqual(p.minCharts);
          expect(await tableProblems(page)).toEqual([]);
          const confidential = await page.locator(".confidential").count();
          if (p.confidential) {
            expect(confidential).toBeGreaterThan(0);
            expect(await page.locator(".confidential").first().textContent()).toMatch(/confidential/i);
          } else {
            expect(confidential).toBe(0);
          }
          expect(await page.textContent("body")).not.toMatch(/Our school/);
          expect(await page.textContent("footer")).toMatch(/Sample school · figures as at \d+ \w+ \d{4} · input fingerprint [0-9a-f]{12}/);
          if (width === 390) {
            // usable at phone width: the page itself does not scroll sideways (wide tables scroll in their own box)
            const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
            expect(scrollWidth).toBeLessThanOrEqual(392);
          }
          await page.screenshot({ path: join(SHOTS, `${p.name}-${width}.png`), fullPage: true });
        }
      } finally {
        await page.close();
      }
    }, 180_000);
  }

  it("printed, each numbered section of the governors' report starts a new page and no chart or table is split", async () => {
    const page = await browser!.context.newPage();
    try {
      await checkPage(page, `${origin}/governors/index.html`);
      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate(() => {
        interface El { textContent: string | null; closest(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> }
        const w = globalThis as unknown as { document: El; getComputedStyle(e: El): { breakBefore: string; breakInside: string } };
        const headings = Array.from(w.document.querySelectorAll("h2")).filter((h) => /^\d+\./.test(h.textContent ?? ""));
        return {
          sections: headings.map((h) => {
            const section = h.closest(".report-section");
            return { heading: (h.textContent ?? "").slice(0, 3), breakBefore: section ? w.getComputedStyle(section).breakBefore : "none" };
          }),
          unbreakable: Array.from(w.document.querySelectorAll(".chart-figure, table")).every((e) => w.getComputedStyle(e).breakInside === "avoid"),
        };
      });
      expect(layout.sections.length).toBeGreaterThanOrEqual(5);
      expect(layout.sections[0]!.heading).toBe("1. ");
      // the first section follows the introduction on page 1; every later one starts a page
      expect(layout.sections.slice(1).filter((s) => s.breakBefore !== "page")).toEqual([]);
      expect(layout.unbreakable).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("every sidebar link of the SENCO site opens its page", async () => {
    const page = await browser!.context.newPage();
    try {
      await page.goto(`${origin}/senco/index.html`, { waitUntil: "networkidle" });
      const links = page.locator("#observablehq-sidebar a[href]");
      const count = await links.count();
      expect(count).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < count; i += 1) {
        await page.goto(`${origin}/senco/index.html`, { waitUntil: "networkidle" });
        const link = page.locator("#observablehq-sidebar a[href]").nth(i);
        const href = await link.evaluate((a) => (a as unknown as { href: string }).href);
        expect(href).toMatch(/\.html$/); // links that work from any static server
        const response = page.waitForResponse((r) => r.url() === href);
        await link.click();
        expect((await response).status(), href).toBe(200);
        await page.waitForLoadState("networkidle");
        expect(page.url()).toBe(href);
        expect(await page.locator("h1").count(), href).toBeGreaterThan(0);
      }
    } finally {
      await page.close();
    }
  }, 120_000);

  it("the governors' one-file HTML opens from disk with no request at all, the charts and text in it", async () => {
    const file = readdirSync(REPORTS).find((f) => /^governors-report-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.html$/.test(f));
    expect(file).toBeDefined();
    expect(readdirSync(REPORTS).filter((f) => f.endsWith(".pdf"))).toHaveLength(1);
    const html = readFileSync(join(REPORTS, file!), "utf8");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    const page = await browser!.context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    try {
      for (const [width, height] of [[1280, 900], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        const url = pathToFileURL(join(REPORTS, file!)).href;
        const check = await checkPage(page, url);
        expect(check.problems).toEqual([]);
        expect(check.charts).toBeGreaterThanOrEqual(7);
        expect(await tableProblems(page)).toEqual([]);
        const text = (await page.textContent("body")) ?? "";
        expect(text).toMatch(/any group of fewer than \d+ pupils/);
        expect(text).toMatch(/1\. Who has special educational needs/);
        await page.screenshot({ path: join(SHOTS, `governors-one-file-${width}.png`), fullPage: true });
      }
      expect(requests.filter((r) => !r.startsWith("file:") && !r.startsWith("data:"))).toEqual([]);
      // no UPN, name or date of birth of the sample school's pupils in the file that travels
      const alone = mkdtempSync(join(tmpdir(), "sendscope-one-file-"));
      copyFileSync(join(REPORTS, file!), join(alone, file!));
      expect(scanForIdentifiers(alone, identifiersIn(SAMPLE_SCHOOL))).toEqual([]);
      rmSync(alone, { recursive: true, force: true });
      expect(new Set(requests.filter((r) => r.startsWith("file:")))).toEqual(new Set([pathToFileURL(join(REPORTS, file!)).href]));
    } finally {
      await page.close();
    }
  }, 120_000);

  it("a SENCO table downloads as CSV and as Excel, with its plain-English headers and rows", async () => {
    const page = await browser!.context.newPage();
    try {
      await checkPage(page, `${origin}/senco/data-quality.html`);
      const table = page.locator(".data-table", { has: page.locator(".table-caption", { hasText: "Files read" }) });
      const [csv] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: "Download CSV" }).click()]);
      expect(csv.suggestedFilename()).toBe("import-files.csv");
      const text = readFileSync((await csv.path())!, "utf8").replace(/^\uFEFF/, "");
      const lines = text.trim().split("\r\n");
      expect(lines[0]).toBe("File,Holds,Layout detected,Encoding,Rows,Imported,Rejected");
      const files = readdirSync(SAMPLE_SCHOOL).filter((f) => f.endsWith(".csv"));
      expect(lines.length - 1).toBe(files.length);
      expect(lines.some((l) => l.startsWith("sims-sen-register.csv,SEN register,SIMS,"))).toBe(true);
      const [xlsx] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: "Download Excel" }).click()]);
      expect(xlsx.suggestedFilename()).toBe("import-files.xlsx");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await xlsx.path())!);
      const sheet = workbook.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["File", "Holds", "Layout detected", "Encoding", "Rows", "Imported", "Rejected"]);
      expect(sheet.rowCount - 1).toBe(files.length);
      const register = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === "sims-sen-register.csv");
      expect(register?.getCell(2).value).toBe("SEN register");
      expect(typeof register?.getCell(5).value).toBe("number");
    } finally {
      await page.close();
    }
  }, 120_000);
});
