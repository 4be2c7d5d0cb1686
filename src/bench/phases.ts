/**
 * Time the phases of `sendscope analyse` in one process (import, report, JSON), with memory after each; run
 * it under `node --cpu-prof` to see where the time goes, then summarise with `profile-summary.ts`:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx src/bench/phases.ts <folder> [--as-of yyyy-mm-dd]
 *   npx tsx src/bench/profile-summary.ts /tmp/prof/<largest>.cpuprofile --top 40
 */
import { importFolder } from "../lib/import/import-folder.js";
import { buildReport } from "../lib/report/build-report.js";
import { benchArguments } from "./args.js";

const { folder, asOf } = benchArguments("usage: tsx src/bench/phases.ts <folder> [--as-of yyyy-mm-dd]");
const memory = () => `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
let t = performance.now();
const lap = () => {
  const now = performance.now();
  const seconds = ((now - t) / 1000).toFixed(2);
  t = now;
  return seconds;
};
const data = await importFolder(folder);
process.stdout.write(`import  ${lap()} s  (${data.pupils.length} pupils, ${data.assessments.length} results; ${memory()})\n`);
const report = buildReport(data, asOf === undefined ? {} : { asOf });
process.stdout.write(`report  ${lap()} s  (${memory()})\n`);
const json = JSON.stringify(report, null, 2);
process.stdout.write(`json    ${lap()} s  (${(json.length / 2 ** 20).toFixed(0)} MB)\n`);
