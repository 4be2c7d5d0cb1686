/**
 * The back half of `sendscope report` (see src/lib/cli/report.ts, which checks the folder and starts this
 * with tsx and a `ReportJob` as JSON on stdin). Steps 2 to 5, each announced on stderr:
 * 2. build the SENCO site and 3. the governors' site with Observable Framework, into a fresh folder beside
 * the output folder (`.<name>.incomplete-<pid>`), fresh loader data every time;
 * 4. with a Chrome, Chromium or Edge browser (see find-browser.ts): the governors' report as one
 * self-contained HTML file and as a PDF; with none, one line says how to get them and the command still
 * succeeds;
 * 5. write the stamp file and swap the new folder in for the old one (the old is removed only once the new
 * one is complete; a failure leaves the previous reports as they were).
 * Every output carries the date the figures describe and the input's fingerprint: the page footers, the
 * PDF's page footer, the file names of the PDF and HTML file, and `report-stamp.json`.
 * Exit status: 0 done (with or without the PDF), 1 the build failed.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { IMPORTED_ENV, STAMP_FILE, type ReportJob } from "../lib/cli/report.js";
import { dateLabel } from "../lib/format/text.js";
import { landingPage, type LandingOutputs } from "./landing.js";
import { findBrowser } from "./find-browser.js";
import { buildSite, renderGovernorsReport, withBuildLock } from "./sites.js";

const say = (text: string) => process.stderr.write(`sendscope report: ${text}\n`);

/** Time a step and say when it is done. */
async function step<T>(n: number, what: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  say(`[${n}/5] ${what} …`);
  const result = await fn();
  say(`[${n}/5] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function main(job: ReportJob): Promise<number> {
  const short = job.fingerprint.slice(0, 12);
  const stamp = `${job.schoolName} · figures as at ${dateLabel(job.asOf)} · input fingerprint ${short}`;
  const parent = dirname(job.out);
  const stage = join(parent, `.${basename(job.out)}.incomplete-${process.pid}`);
  const stem = `governors-report-${job.asOf}-${job.fingerprint.slice(0, 8)}`;
  const rel = (p: string) => {
    const r = relative(process.env.SENDSCOPE_CWD ?? process.cwd(), p);
    return r === "" ? "." : r.startsWith("..") || isAbsolute(r) ? p : r;
  };
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  let swapped = false;
  // Stopped with Ctrl+C: leave no half-built folder behind (the earlier reports are untouched).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (!swapped) rmSync(stage, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    // The loaders build from the data the front half imported (IMPORTED_ENV), not from a second import.
    const env: Record<string, string> = { SENDSCOPE_SCHOOL_NAME: job.schoolName, SENDSCOPE_STAMP: stamp, ...(job.imported ? { [IMPORTED_ENV]: job.imported } : {}) };
    await withBuildLock(async () => {
      await step(2, "building the SENCO site (all pages, confidential)", () => buildSite("senco", { dist: stage, data: job.folder, env }));
      await step(3, "building the governors' site (aggregates only)", () => buildSite("governors", { dist: stage, data: job.folder, env }));
    });
    const browser = findBrowser();
    let travelLine: string;
    let travel: LandingOutputs["travel"] = null;
    if (browser.path === null) {
      // The one line about the PDF (and the one-file HTML, drawn by the same browser).
      say(`[4/5] No PDF: ${browser.why}; install Google Chrome, Microsoft Edge or Chromium (or set SENDSCOPE_BROWSER to one) and run this again, or print the governors' site from your browser (open it with sendscope serve).`);
      travelLine = "Governors' report as one file: needs a browser (see step 4 above)";
    } else {
      const pdf = join(stage, `${stem}.pdf`);
      const html = join(stage, `${stem}.html`);
      const { pdfBytes, htmlBytes } = await step(4, `drawing the governors' report with ${browser.path}: one HTML file and the PDF`, () =>
        renderGovernorsReport(join(stage, "governors"), { pdf, html, executablePath: browser.path, footer: stamp }));
      travel = { pdf: `${stem}.pdf`, html: `${stem}.html` };
      travelLine = `Governors' report to send (aggregates only): ${rel(join(job.out, `${stem}.pdf`))} (${Math.round(pdfBytes / 1024)} kB) and ${rel(join(job.out, `${stem}.html`))} (${Math.round(htmlBytes / 1024)} kB, one file that opens without a server)`;
    }
    await step(5, `putting the reports in ${rel(job.out)}`, async () => {
      // The page `sendscope serve` shows at its address (and that opens from disk): a link to each output.
      writeFileSync(join(stage, "index.html"), landingPage({ schoolName: job.schoolName, figuresAsAt: dateLabel(job.asOf), fingerprint: short, travel }));
      writeFileSync(join(stage, STAMP_FILE), `${JSON.stringify({
        school: job.schoolName, figuresAsAt: job.asOf, inputFingerprint: job.fingerprint, inputFolder: job.folder,
        inputFiles: job.files, builtAt: new Date().toISOString(), builtBy: "sendscope report",
      }, null, 2)}\n`);
      const old = join(parent, `.${basename(job.out)}.old-${process.pid}`);
      let hadOld = false;
      try {
        renameSync(job.out, old);
        hadOld = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      try {
        renameSync(stage, job.out);
      } catch (error) {
        if (hadOld) renameSync(old, job.out); // put the earlier reports back (e.g. a file in them was open on Windows)
        throw error;
      }
      swapped = true;
      if (hadOld) rmSync(old, { recursive: true, force: true });
    });
    process.stdout.write(`${[
      `Reports of ${job.schoolName}, figures as at ${dateLabel(job.asOf)}, input fingerprint ${short}, in ${rel(job.out)}/:`,
      `  SENCO site (CONFIDENTIAL, names pupils; never publish or send): ${rel(join(job.out, "senco", "index.html"))}`,
      `  Governors' site (aggregates only): ${rel(join(job.out, "governors", "index.html"))}`,
      `  ${travelLine}`,
      `Open the sites with: npx sendscope serve ${rel(job.out)} --open`,
    ].join("\n")}\n`);
    return 0;
  } finally {
    if (!swapped) rmSync(stage, { recursive: true, force: true });
  }
}

/** The job, as JSON on stdin. */
async function readJob(): Promise<ReportJob> {
  if (process.stdin.isTTY) throw new Error("run me through sendscope report <folder> (src/lib/cli/report.ts), which sends the job on stdin");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReportJob;
}

readJob().then(main).then((code) => process.exit(code), (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  say(`the build failed, nothing was written (any earlier reports are as they were): ${message.split("\n")[0]}`);
  process.stderr.write(`${message.split("\n").slice(1, 40).join("\n")}\n`);
  process.exit(1);
});
