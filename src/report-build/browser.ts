/**
 * Chromium through playwright-core, set up for machines without network access beyond 127.0.0.1 (flags from
 * shared/framework-offline.md), and the page check used by the browser tests: console errors, Framework
 * error cells, requests to other hosts, and vega-embed containers that drew nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

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
/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = process.env.SENDSCOPE_CHROMIUM ?? "/usr/bin/chromium";

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
    if (host === "127.0.0.1" || route.request().url().startsWith("data:") || route.request().url().startsWith("blob:")) return route.continue();
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
