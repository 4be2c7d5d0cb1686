/**
 * Printing the SENCO's documents to PDF: the library writes each as one self-contained HTML page; the PDF is
 * drawn by a Chrome, Chromium or Edge browser through the same route as `sendscope report`'s governors' PDF
 * (`src/report-build/documents/print.ts`, run with tsx from the sendscope checkout in a child process, since
 * playwright-core is a development dependency). Without a checkout or a browser the HTML and Markdown are still
 * written and one line says why there is no PDF.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./report.js";

/** What the print step is given: HTML to print, where each PDF goes and its page footer. */
export interface PrintJob {
  items: Array<{ html: string; pdf: string; footer: string }>;
}

/** What the print step did: the PDFs written, or why none was (no browser). */
export interface PrintOutcome {
  printed: Array<{ pdf: string; bytes: number }>;
  why: string | null;
  browser?: string;
}

/**
 * Print HTML pages to A4 PDFs with a browser, in a child process. Never throws: a checkout without the print
 * step or its development dependencies, no browser, or a failed print give no PDFs and say why.
 * @example
 * await printDocuments({ items: [{ html: "<p>x</p>", pdf: "/tmp/x.pdf", footer: "x" }] }) // => { printed: [{ pdf: "/tmp/x.pdf", bytes: 9000 }], why: null, … }
 */
export async function printDocuments(job: PrintJob): Promise<PrintOutcome> {
  const script = join(PACKAGE_ROOT, "src", "report-build", "documents", "print.ts");
  const needs = [script, join(PACKAGE_ROOT, "node_modules", "tsx", "package.json"), join(PACKAGE_ROOT, "node_modules", "playwright-core", "package.json")];
  if (!needs.every((p) => existsSync(p))) {
    return { printed: [], why: "printing a PDF needs a clone of the sendscope repository with its development dependencies (npm install)" };
  }
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: PACKAGE_ROOT, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, TZ: process.env.TZ ?? "UTC" } });
    let out = "";
    let err = "";
    child.stdin.on("error", () => undefined);
    child.stdin.end(JSON.stringify(job));
    child.stdout.on("data", (c: Buffer) => { out += c.toString(); });
    child.stderr.on("data", (c: Buffer) => { err += c.toString(); });
    child.on("error", (error) => done({ printed: [], why: `could not start the print step (${error.message})` }));
    child.on("close", (code) => {
      if (code !== 0) {
        done({ printed: [], why: `the browser failed to print (${err.trim().split("\n")[0] ?? `exit ${code}`})` });
        return;
      }
      try {
        done(JSON.parse(out.trim().split("\n").at(-1) ?? "") as PrintOutcome);
      } catch {
        done({ printed: [], why: "the print step said nothing readable" });
      }
    });
  });
}

/**
 * Write one document as `<stem>.md` and `<stem>.html` and, unless `pdf` is false, print `<stem>.pdf` with
 * `footer` on every page; returns the lines that list what was written (indented), or why there is no PDF.
 * @example
 * await writeDocumentFiles("/tmp/doc", { markdown: "# T", html: "<h1>T</h1>" }, { pdf: false, footer: "" })
 * // => ["  /tmp/doc.md", "  /tmp/doc.html"]
 */
export async function writeDocumentFiles(stem: string, text: { markdown: string; html: string }, print: { pdf: boolean; footer: string }): Promise<string[]> {
  await writeFile(`${stem}.md`, text.markdown);
  await writeFile(`${stem}.html`, text.html);
  const lines = [`  ${stem}.md`, `  ${stem}.html`];
  if (print.pdf) {
    const outcome = await printDocuments({ items: [{ html: text.html, pdf: `${stem}.pdf`, footer: print.footer }] });
    if (outcome.printed.length > 0) lines.push(`  ${stem}.pdf`);
    else lines.push(`  no PDF: ${outcome.why ?? "not printed"} (open the HTML file in a browser and print it instead)`);
  }
  return lines;
}
