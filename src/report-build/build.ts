/**
 * `npm run report`: build everything from fresh data and print where it is.
 * 1. delete Framework's caches (no stale loader output), 2. build the SENCO site (`dist/senco/`, all pages,
 * confidential) and the governors' site (`dist/governors/`, the governors' report only, from the
 * disclosure-controlled report), 3. serve the governors' site on 127.0.0.1 and print it to
 * `dist/governors-report.pdf` with Chromium.
 * Data: the folder in env `SENDSCOPE_DATA`, or the bundled sample school.
 * Env `SENDSCOPE_NO_PDF=1` skips the PDF (e.g. where Chromium is not installed).
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT, dataFolder } from "./data-source.js";
import { CHROMIUM_PATH } from "./browser.js";
import { buildSite, clearCaches, printGovernorsPdf, withBuildLock } from "./sites.js";

const rel = (p: string) => relative(process.cwd(), p) || ".";

async function main(): Promise<number> {
  const started = Date.now();
  console.log(`sendscope report: data from ${rel(dataFolder())}`);
  clearCaches({ everything: true });
  const dist = join(REPO_ROOT, "dist");
  const { senco, governors } = await withBuildLock(async () => {
    console.log("building the SENCO site (all pages) …");
    const s = await buildSite("senco", { dist });
    console.log("building the governors' site (governors' report only) …");
    const g = await buildSite("governors", { dist });
    return { senco: s.output, governors: g.output };
  });
  const pdf = join(dist, "governors-report.pdf");
  let pdfNote: string;
  if (process.env.SENDSCOPE_NO_PDF === "1") pdfNote = "skipped (SENDSCOPE_NO_PDF=1)";
  else if (!existsSync(CHROMIUM_PATH)) {
    console.error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set SENDSCOPE_NO_PDF=1`);
    return 1;
  } else {
    console.log("printing the governors' report to PDF with Chromium …");
    const { bytes } = await printGovernorsPdf(governors, pdf);
    pdfNote = `${rel(pdf)} (${Math.round(bytes / 1024)} kB)`;
  }
  console.log(`
Done in ${Math.round((Date.now() - started) / 1000)} s.
  SENCO dashboards (CONFIDENTIAL, pupil-level; never publish): ${rel(senco)}/index.html
  Governors' report (aggregates only, disclosure-controlled):   ${rel(governors)}/index.html
  Governors' report PDF:                                        ${pdfNote}
Preview while editing: npm run dev. Open a built site through any static web server (clean URLs), e.g. the one in src/report-build/serve.ts.`);
  return 0;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
