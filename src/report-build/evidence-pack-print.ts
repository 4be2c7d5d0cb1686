/**
 * Print one pupil's top-up evidence pack to PDF (issue #15):
 * `npx tsx src/report-build/evidence-pack-print.ts <folder> <pupilId> <out.pdf> [costs.json]`.
 * CONFIDENTIAL output: it names the pupil.
 */
import { writeFileSync } from "node:fs";
import { importFolder } from "../lib/import/import-folder.js";
import { buildReport } from "../lib/report/build-report.js";
import { loadCostsConfig } from "../lib/provision/config.js";
import { evidencePackHtml } from "./evidence-pack.js";
import { launchChromium } from "./browser.js";

const [folder, pupilId, out, costsFile] = process.argv.slice(2);
if (folder === undefined || pupilId === undefined || out === undefined) {
  process.stderr.write("usage: evidence-pack-print <folder> <pupilId> <out.pdf> [costs.json]\n");
  process.exit(2);
}
const data = await importFolder(folder);
const costs = costsFile === undefined ? undefined : await loadCostsConfig(costsFile);
const html = evidencePackHtml(data, buildReport(data, costs === undefined ? {} : { costs }), pupilId);
writeFileSync(out.replace(/\.pdf$/, ".html"), html);
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setContent(html, { waitUntil: "load" });
  await page.pdf({ path: out, format: "A4", printBackground: true, margin: { top: "0", bottom: "0", left: "0", right: "0" } });
} finally {
  await browser.close();
}
process.stderr.write(`wrote ${out}\n`);
