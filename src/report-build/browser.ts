/**
 * Chromium through playwright-core, set up for machines without network access beyond 127.0.0.1 (flags from
 * shared/framework-offline.md), and the page check used by the browser tests: console errors, Framework
 * error cells, requests to other hosts, and vega-embed containers that drew nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { findBrowser } from "./find-browser.js";

/** The little of the DOM the page checks use (this package compiles without the DOM library). */
interface CheckedElement {
  querySelector(selector: string): CheckedElement | null;
  querySelectorAll(selector: string): ArrayLike<CheckedElement>;
  textContent: string | null;
}
/** The page's document, inside `page.evaluate` (runs in the browser). */
interface CheckedDocument extends CheckedElement {
  documentElement: { scrollWidth: number; scrollHeight: number };
}
/**
 * The browser the tests and `renderGovernorsReport` use by default: the one `findBrowser` finds (env
 * `SENDSCOPE_BROWSER`, its deprecated alias `SENDSCOPE_CHROMIUM`, or the usual install places), else where
 * Debian's chromium package puts it.
 */
export const CHROMIUM_PATH = findBrowser().path ?? "/usr/bin/chromium";

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** A browser context and how to close it (and remove its profile folder). */
export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Launch Chromium (or Chrome or Edge: `executablePath`, default `CHROMIUM_PATH`) headless with a fresh
 * profile folder.
 * @example
 * const browser = await launchChromium(); const page = await browser.context.newPage();
 */
export async function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "sendscope-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: FLAGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page check found. */
export interface PageCheck {
  url: string;
  consoleErrors: string[];
  frameworkErrors: string[];
  foreignRequests: string[];
  failedRequests: string[];
  /** vega-embed containers on the page. */
  charts: number;
  /** vega-embed containers whose SVG/canvas drew no marks. */
  emptyCharts: number;
  /** Every problem above as one list (empty = the page is fine). */
  problems: string[];
}

/**
 * Open `url` in `page`, wait for the page to settle, and check it. Listens before navigating, so errors
 * during load are caught. Requests to hosts other than 127.0.0.1 are blocked and reported.
 * @example
 * const check = await checkPage(page, "http://127.0.0.1:4000/governors"); check.problems // => []
 */
export async function checkPage(page: Page, url: string): Promise<PageCheck> {
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => failedRequests.push(`${r.url()} (${r.failure()?.errorText ?? "failed"})`));
  await page.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1" || route.request().url().startsWith("data:") || route.request().url().startsWith("blob:") || route.request().url() === url) return route.continue();
    foreignRequests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: "networkidle" });
  // vega renders asynchronously after the data loads: wait until every container has drawn, or 10 s.
  await page.waitForFunction(() => {
    const document = (globalThis as unknown as { document: CheckedDocument }).document;
    const containers = Array.from(document.querySelectorAll(".vega-embed"));
    return containers.every((c) => c.querySelector("svg, canvas") !== null);
  }, undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(200);
  const result = await page.evaluate(() => {
    const document = (globalThis as unknown as { document: CheckedDocument }).document;
    const containers = Array.from(document.querySelectorAll(".vega-embed"));
    const empty = containers.filter((c) => {
      const svg = c.querySelector("svg");
      if (svg) return svg.querySelectorAll("g.role-mark path, g.role-mark line, g.role-mark rect, g.role-mark text").length === 0;
      return c.querySelector("canvas") === null;
    });
    return {
      charts: containers.length,
      emptyCharts: empty.length,
      frameworkErrors: Array.from(document.querySelectorAll(".observablehq--error")).map((e) => e.textContent ?? ""),
    };
  });
  const problems = [
    ...consoleErrors.map((e) => `console error: ${e}`),
    ...result.frameworkErrors.map((e) => `Framework error cell: ${e}`),
    ...foreignRequests.map((r) => `request to another host: ${r}`),
    ...failedRequests.filter((r) => !foreignRequests.some((f) => r.startsWith(f))).map((r) => `failed request: ${r}`),
    ...(result.emptyCharts > 0 ? [`${result.emptyCharts} of ${result.charts} charts drew no marks`] : []),
  ];
  return { url, consoleErrors, foreignRequests, failedRequests, ...result, problems };
}

/** A table cell, header or value, that a reader cannot read as it stands. */
export interface TableProblem {
  /** "cut off" (text hidden: the cell overflows, clipped or with no scroll box around it), "code" (a value or header that is a field name or code). */
  kind: "cut off" | "code";
  text: string;
  /** The nearest table caption or heading, to find it. */
  where: string;
}

/**
 * Every table cell (`th`, `td`) on the page that is cut off or shows a code rather than words:
 * - cut off: its content is wider than the cell (`scrollWidth > clientWidth`) and the cell clips it (its own
 *   overflow is not visible, as with "…"), or no ancestor scrolls sideways to show it;
 * - a code: a header that starts with a lower-case letter (`surname`), or a header or value that is camelCase
 *   (`latestDate`, `missingEntry`), kebab-case (`bad-date`), snake_case, or an ISO date (`2026-05-07`).
 * @example
 * await tableProblems(page) // => [] on a readable page
 */
export async function tableProblems(page: Page): Promise<TableProblem[]> {
  return page.evaluate(() => {
    interface El {
      scrollWidth: number; clientWidth: number; textContent: string | null; tagName: string; parentElement: El | null;
      closest(s: string): El | null; querySelector(s: string): El | null; previousElementSibling: El | null;
    }
    const w = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> }; getComputedStyle(e: El): { overflowX: string } };
    const found: Array<{ kind: "cut off" | "code"; text: string; where: string }> = [];
    const whereOf = (cell: El) => {
      const box = cell.closest(".data-table, table");
      const caption = box?.querySelector(".table-caption, caption")?.textContent;
      if (caption) return caption.trim();
      let e: El | null = box;
      while (e && !/^H[1-3]$/.test(e.tagName)) e = e.previousElementSibling ?? e.parentElement;
      return e?.textContent?.trim() ?? "";
    };
    const code = (t: string) => /^[a-z]+[A-Z][A-Za-z0-9]*$/.test(t) || /^[a-z0-9]+(-[a-z0-9]+)+$/.test(t) || /^[a-z0-9]+(_[a-z0-9]+)+$/.test(t) || /^\d{4}-\d{2}-\d{2}$/.test(t);
    for (const cell of Array.from(w.document.querySelectorAll("th, td"))) {
      const text = (cell.textContent ?? "").trim();
      if (cell.scrollWidth > cell.clientWidth + 1) {
        let scrolls = false;
        for (let e = cell.parentElement; e; e = e.parentElement) {
          const o = w.getComputedStyle(e).overflowX;
          if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth) scrolls = true;
        }
        if (w.getComputedStyle(cell).overflowX !== "visible" || !scrolls) found.push({ kind: "cut off", text, where: whereOf(cell) });
      }
      const isHeader = cell.tagName === "TH" && cell.closest("thead") !== null;
      if (code(text) || (isHeader && /^[a-z]/.test(text))) found.push({ kind: "code", text, where: whereOf(cell) });
    }
    return found;
  });
}
