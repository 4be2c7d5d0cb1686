/**
 * Prints the SENCO's documents (self-contained HTML pages written by `src/lib/documents/`) to A4 PDFs with the
 * same browser route as the governors' report (`find-browser.ts`, `launchChromium`): run with tsx by
 * `src/lib/cli/print-documents.ts`, a `PrintJob` as JSON on stdin, the outcome as one JSON line on stdout.
 * Nothing is loaded from the network: every request but the page itself is refused.
 */
import { statSync } from "node:fs";
import { findBrowser } from "../find-browser.js";
import { launchChromium } from "../browser.js";
import { escapeHtml } from "../html.js";
import type { PrintJob, PrintOutcome } from "../../lib/cli/print-documents.js";

async function print(job: PrintJob): Promise<PrintOutcome> {
  const browser = findBrowser();
  if (browser.path === null) return { printed: [], why: browser.why };
  const chromium = await launchChromium(browser.path);
  try {
    const printed: PrintOutcome["printed"] = [];
    for (const item of job.items) {
      const page = await chromium.context.newPage();
      await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
      await page.setContent(item.html, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      await page.pdf({
        path: item.pdf, format: "A4", printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;margin:0 14mm;color:#555;font-family:sans-serif;display:flex;justify-content:space-between"><span>${escapeHtml(item.footer)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      });
      await page.close();
      printed.push({ pdf: item.pdf, bytes: statSync(item.pdf).size });
    }
    return { printed, why: null, browser: browser.path };
  } finally {
    await chromium.close();
  }
}

async function readJob(): Promise<PrintJob> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as PrintJob;
}

readJob().then(print).then((outcome) => {
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  process.exit(0);
}, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
