/**
 * Building the two dashboard sites with Observable Framework and printing the governors' report to PDF.
 * Used by `pipeline.ts` (the back half of `sendscope report`) and by the browser and privacy tests.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { delimiter, join, resolve } from "node:path";
import { REPO_ROOT } from "./data-source.js";
import { serveStatic } from "../lib/cli/serve.js";
import { escapeHtml } from "./html.js";
import { checkPage, launchChromium } from "./browser.js";

/** The two builds: everything for the SENCO, or the governors' report only. */
export type Site = "senco" | "governors";

/**
 * Framework's cache folders. Loader output is cached under `cache/` at the page's path (`cache/data/…`, and for
 * the SENCO site's copy of the governors' page `cache/governors/data/…`); `cache/_npm`, `_node` and
 * `_observablehq` hold Framework's own files.
 */
export const CACHE_FOLDERS = {
  senco: join(REPO_ROOT, "dashboards", ".observablehq"),
  governors: join(REPO_ROOT, "dashboards", "governors", ".observablehq"),
} as const;

/**
 * The cached loader output of a Framework cache folder: every entry of its `cache/` but Framework's own
 * (names starting with `_`). Framework reruns a loader only when the loader file is newer than its cached
 * output, so output made by older code (a report without a new section) would otherwise be published.
 * @param cacheFolder a `.observablehq` folder
 * @returns the paths to remove before a build (none when there is no cache)
 * @example
 * staleLoaderOutput("/no/such/folder") // => []
 */
export function staleLoaderOutput(cacheFolder: string): string[] {
  const cache = join(cacheFolder, "cache");
  if (!existsSync(cache)) return [];
  return readdirSync(cache).filter((name) => !name.startsWith("_")).map((name) => join(cache, name));
}

/** Options of `buildSite`. */
export interface BuildSiteOptions {
  /** Base output folder; the site goes to `<dist>/<site>`. Default `<repo>/dist`. */
  dist?: string;
  /** The exports to build from (env `SENDSCOPE_DATA` for the loaders); default: inherited / sample school. */
  data?: string;
  /** Echo Framework's output; default false (it is returned instead). */
  verbose?: boolean;
  /** More environment for the build and its data loaders (e.g. `SENDSCOPE_SCHOOL_NAME`, `SENDSCOPE_STAMP`). */
  env?: Record<string, string>;
}

/**
 * Build one site with `observable build` (fresh loader data: every cached loader output is removed first,
 * `staleLoaderOutput`). The governors'
 * build's cache folder is removed afterwards (it would otherwise sit inside `dashboards/governors`).
 * @returns the output folder and Framework's log
 * @throws {Error} when the build exits non-zero or writes no index.html
 * @example
 * const { output } = await buildSite("governors"); // output => "/…/dist/governors"
 */
export async function buildSite(site: Site, options: BuildSiteOptions = {}): Promise<{ output: string; log: string }> {
  const dist = resolve(options.dist ?? join(REPO_ROOT, "dist"));
  const output = join(dist, site);
  for (const stale of staleLoaderOutput(CACHE_FOLDERS[site])) rmSync(stale, { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, SENDSCOPE_SITE: site, SENDSCOPE_DIST: dist, TZ: process.env.TZ ?? "UTC" };
  if (options.data !== undefined) env.SENDSCOPE_DATA = resolve(options.data);
  Object.assign(env, options.env ?? {});
  // Framework runs the .ts data loaders with the `tsx` command: find it even when not started by npm
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === "PATH") ?? "PATH";
  env[pathKey] = [join(REPO_ROOT, "node_modules", ".bin"), env[pathKey]].filter(Boolean).join(delimiter);
  // Framework's own script run by this node (not node_modules/.bin/observable, a shell script on Unix and a
  // .cmd on Windows, which spawn cannot start without a shell)
  const bin = join(REPO_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const log = await new Promise<string>((ok, fail) => {
    const child = spawn(process.execPath, [bin, "build"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    const take = (chunk: Buffer) => {
      text += chunk.toString();
      if (options.verbose) process.stdout.write(chunk);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(text) : fail(new Error(`observable build (${site}) exited with ${code}:\n${text.slice(-4000)}`))));
  });
  if (site === "governors") rmSync(CACHE_FOLDERS.governors, { recursive: true, force: true });
  try {
    statSync(join(output, "index.html"));
  } catch {
    throw new Error(`observable build (${site}) wrote no ${join(output, "index.html")}:\n${log.slice(-4000)}`);
  }
  return { output, log };
}

/** What `renderGovernorsReport` writes. */
export interface GovernorsOutputs {
  /** Where to write the PDF. */
  pdf: string;
  /** Where to write the self-contained HTML file. */
  html: string;
  /** The browser to use (Chrome, Chromium or Edge); default `CHROMIUM_PATH`. */
  executablePath?: string;
  /** A line printed at the foot of every PDF page (e.g. the school, date and input fingerprint). */
  footer?: string;
}

/**
 * Serve a built governors' site on 127.0.0.1, check its page (no console error, no Framework error, no
 * request to another host, every chart drew), save the page as it was drawn as one self-contained HTML file
 * (see `selfContainedHtml`), and print it to PDF (A4, print CSS: each numbered section on a new page).
 * @param siteFolder the built governors' site (e.g. `reports/governors`)
 * @throws {Error} when the page check finds a problem
 * @example
 * await renderGovernorsReport("reports/governors", { pdf: "reports/governors-report.pdf", html: "reports/governors-report.html" })
 */
export async function renderGovernorsReport(siteFolder: string, out: GovernorsOutputs): Promise<{ pdfBytes: number; htmlBytes: number }> {
  const server = await serveStatic(siteFolder);
  const browser = await launchChromium(out.executablePath);
  try {
    const page = await browser.context.newPage();
    // about the width of an A4 page's printable area, so charts are drawn at print size (not scaled down)
    await page.setViewportSize({ width: 720, height: 1000 });
    const check = await checkPage(page, `${server.origin}/index.html`);
    if (check.problems.length > 0) throw new Error(`the governors' report has problems:\n${check.problems.join("\n")}`);
    mkdirSync(resolve(out.pdf, ".."), { recursive: true });
    mkdirSync(resolve(out.html, ".."), { recursive: true });
    writeFileSync(out.html, await selfContainedHtml(page));
    await page.emulateMedia({ media: "print" });
    await page.waitForTimeout(300);
    await page.pdf({
      path: out.pdf, format: "A4", printBackground: true, preferCSSPageSize: true,
      displayHeaderFooter: out.footer !== undefined,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;margin:0 14mm;color:#555;font-family:sans-serif;display:flex;justify-content:space-between"><span>${escapeHtml(out.footer ?? "")}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
    return { pdfBytes: statSync(out.pdf).size, htmlBytes: statSync(out.html).size };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The page open in `page`, as drawn, in one HTML file that opens from disk or an e-mail attachment without a
 * server or a network: every stylesheet inlined as a `<style>` (read through the browser's CSSOM), every
 * script and preload removed (the charts are already drawn as SVG and the text filled in, so none is needed),
 * and any link to another page of the site made inert.
 * @example
 * writeFileSync("governors-report.html", await selfContainedHtml(page))
 */
export async function selfContainedHtml(page: Page): Promise<string> {
  const html = await page.evaluate(() => {
    interface El { remove(): void; getAttribute(n: string): string | null; setAttribute(n: string, v: string): void; removeAttribute(n: string): void; outerHTML: string; textContent: string | null; querySelectorAll(s: string): ArrayLike<El>; cloneNode(deep: boolean): El; appendChild(e: El): void }
    interface Sheet { cssRules: ArrayLike<{ cssText: string }>; href: string | null; ownerNode: El | null }
    const doc = (globalThis as unknown as { document: { styleSheets: ArrayLike<Sheet>; documentElement: El; createElement(t: string): El } }).document;
    const css = Array.from(doc.styleSheets).map((sheet) => Array.from(sheet.cssRules).map((r) => r.cssText).join("\n")).join("\n");
    const root = doc.documentElement.cloneNode(true);
    for (const e of Array.from(root.querySelectorAll("script, link[rel=modulepreload], link[rel=preload], link[rel=stylesheet], style"))) e.remove();
    for (const a of Array.from(root.querySelectorAll("a[href]"))) {
      const href = a.getAttribute("href") ?? "";
      if (!/^(https?:|mailto:|#)/.test(href)) a.removeAttribute("href");
    }
    const style = doc.createElement("style");
    // url(...) in the CSS pointing at a file of the site would not load from disk: drop it (data: and #ids stay)
    style.textContent = css.replace(/url\((?!["']?(?:data:|#))[^)]*\)/g, "none");
    const head = Array.from(root.querySelectorAll("head"))[0];
    head?.appendChild(style);
    return `<!DOCTYPE html>\n${root.outerHTML}`;
  });
  return html;
}

/**
 * Run `fn` while holding a lock folder (in the system's temporary folder, one per checkout), so that builds in parallel test files do not share Framework's cache
 * at the same time. Waits up to `timeoutMs` (default 10 minutes) for the lock; a lock older than 15 minutes
 * (left by a killed run) is removed.
 * @throws {Error} when the lock cannot be taken in time
 * @example
 * await withBuildLock(() => buildSite("governors"))
 */
export async function withBuildLock<T>(fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const lock = join(tmpdir(), `sendscope-build-${createHash("sha256").update(REPO_ROOT).digest("hex").slice(0, 12)}.lock`);
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock left behind by a killed run (older than 15 minutes) is removed
      try {
        if (Date.now() - statSync(lock).mtimeMs > 900_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // the lock went away meanwhile: try again
      }
      if (Date.now() - start > timeoutMs) throw new Error(`could not take the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
