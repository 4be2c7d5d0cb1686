/**
 * The `analyse --json` pipeline in one process, on the built code (`dist/`, so the import's worker thread
 * runs as it does for the CLI): `analyseFolder`, then the report written as the CLI writes it, to /dev/null.
 * Prints the wall time and the main thread's own CPU time (Linux: utime + stime of
 * `/proc/self/task/<pid>/stat`). This shared machine's speed drifts by 10–20% within minutes; the main
 * thread's CPU time drifts less, so compare commits with it, alternating runs:
 *
 *   npm run build && node --import tsx src/bench/main-thread.ts <folder> [--as-of yyyy-mm-dd]
 */
import { openSync, readFileSync, writeSync } from "node:fs";
import { benchArguments } from "./args.js";

type AnalyseFolderModule = typeof import("../lib/report/analyse-folder.js");
type JsonChunksModule = typeof import("../lib/cli/json-chunks.js");

const { folder, asOf } = benchArguments("usage: node --import tsx src/bench/main-thread.ts <folder> [--as-of yyyy-mm-dd]");

/** The main thread's CPU seconds so far (clock ticks of 1/100 s). */
function mainThreadCpu(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const started = performance.now();
const cpuAtStart = mainThreadCpu();
const built = (path: string) => new URL(`../../dist/lib/${path}`, import.meta.url).href;
const { analyseFolder } = (await import(built("report/analyse-folder.js"))) as AnalyseFolderModule;
const { writeJsonInPieces } = (await import(built("cli/json-chunks.js"))) as JsonChunksModule;
const report = await analyseFolder(folder, asOf === undefined ? {} : { asOf });
const out = openSync("/dev/null", "w");
writeJsonInPieces(report, (piece) => writeSync(out, piece));
const wall = (performance.now() - started) / 1000;
process.stdout.write(`wall ${wall.toFixed(2)} s, main-thread CPU ${(mainThreadCpu() - cpuAtStart).toFixed(2)} s\n`);
