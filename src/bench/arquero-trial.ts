/**
 * arquero, settled by measurement (issue #16): the shared aggregates (attainment by SEN status, identification,
 * attendance by SEN status; `aggregates.ts`) computed three ways on the same folder, each in its own process,
 * alternating, several runs, median:
 * - `library`: sendscope's hand-written analyses (`sendscopeAggregates`) on `importFolder`'s records, inside
 *   the analysis context the report runs them in (`prepareAnalysis`);
 * - `arquero`: `toTables` of the same records, then the same aggregates as arquero verbs (`arquero-aggregates.ts`);
 * - `duckdb`: DuckDB reading the CSVs and computing them in SQL (`duckdb-aggregates.ts`; generated trusts only).
 * Each process is timed whole (`/usr/bin/time`: wall, peak resident set, CPU user + system), and the two node
 * ones also time their own phases (import, tables, analyses: wall and CPU from `process.cpuUsage`, which counts
 * every thread). Then the outputs are compared: arquero's against the library's and DuckDB's, every cell and
 * figure, counts exactly, other figures to 1e-9.
 *
 * The two node processes then also make per-school figures (`per-school-aggregates.ts`: identification,
 * attendance and suspensions by SEN status for every school), the library school by school, arquero with one
 * `groupby` over the trust; timed as the phase `perSchool` and compared the same way (DuckDB has no part in it).
 *
 *   npx tsx src/bench/arquero-trial.ts [<folder>] [--runs 3] [--as-of 2026-07-17] [--no-duckdb]
 *
 * `<folder>` defaults to the newest generated trust in `.bench-cache/` (`npm run bench -- --runs 1` makes one);
 * `fixtures/sample-school` works too (DuckDB is left out there: it reads the generator's layout only).
 * One process of one implementation: `npx tsx src/bench/arquero-trial.ts --worker library|arquero <folder> <asOf> <out.json>`.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { compareAggregates, cellCounts, sendscopeAggregates, type Figures, type SharedAggregates } from "./aggregates.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const CACHE = join(ROOT, ".bench-cache");

/** Phases timed inside a worker process: wall and CPU seconds, and the peak resident set (MB) at its end. */
interface Phase {
  wall: number;
  cpu: number;
  peakMb: number;
}

/** Time one phase of a worker: wall, CPU of every thread, the process's peak resident set at the end. */
async function phase<T>(work: () => T | Promise<T>): Promise<[T, Phase]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return [value, {
    wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }];
}

/** One worker process: import, (tables,) aggregates; writes `{ phases, aggregates }` to `out`. */
async function worker(impl: string, folder: string, asOf: string, out: string): Promise<void> {
  const { importFolder } = await import("../lib/import/import-folder.js");
  const [data, imported] = await phase(() => importFolder(folder));
  const phases: Record<string, Phase> = { import: imported };
  let aggregates: SharedAggregates;
  let perSchool: Record<string, Figures>;
  if (impl === "arquero") {
    const { toTables } = await import("../lib/tables/to-tables.js");
    const { arqueroAggregates } = await import("./arquero-aggregates.js");
    const { arqueroPerSchool } = await import("./per-school-aggregates.js");
    const [tables, made] = await phase(() => toTables(data));
    phases.tables = made;
    [aggregates, phases.analyses] = await phase(() => arqueroAggregates(data, asOf, tables));
    [perSchool, phases.perSchool] = await phase(() => arqueroPerSchool(tables, asOf));
  } else if (impl === "library") {
    // As the report runs them: each in one analysis context (`prepareAnalysis`), so attainment and gaps read
    // the results once.
    const { libraryPerSchool } = await import("./per-school-aggregates.js");
    [aggregates, phases.analyses] = await phase(() => sendscopeAggregates(data, asOf));
    [perSchool, phases.perSchool] = await phase(() => libraryPerSchool(data, asOf));
  } else {
    throw new Error(`--worker expects library or arquero, not ${impl}`);
  }
  writeFileSync(out, `${JSON.stringify({ phases, aggregates, perSchool })}\n`);
}

/** A whole process, timed by `/usr/bin/time`: wall, peak resident set (MB), CPU user + system. */
interface Timing {
  wall: number;
  peakMb: number;
  cpu: number;
}

async function timed(args: readonly string[], stdoutFile = "/dev/null"): Promise<Timing> {
  const timeFile = join(CACHE, "arquero-trial-time.txt");
  const out = openSync(stdoutFile, "w");
  const child = spawn("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timeFile, process.execPath, ...args], { cwd: ROOT, stdio: ["ignore", out, "inherit"] });
  const status = await new Promise<number>((done) => child.on("exit", (code) => done(code ?? 1)));
  closeSync(out);
  if (status !== 0) throw new Error(`${args.join(" ")} exited with ${status}`);
  const [wall, maxKb, user, system] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  return { wall: wall ?? NaN, peakMb: (maxKb ?? 0) / 1024, cpu: (user ?? 0) + (system ?? 0) };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function newestTrust(): string {
  const found = existsSync(CACHE)
    ? readdirSync(CACHE).map((name) => join(CACHE, name)).filter((p) => existsSync(join(p, ".complete")))
    : [];
  if (found.length === 0) throw new Error("no generated trust in .bench-cache/: run `npm run bench -- --runs 1` once, or pass a folder");
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

/** The DuckDB process's arguments: its entry bundled to plain JavaScript (as `run.ts` does), else under tsx. */
function duckdbEntry(): string[] {
  const out = join(CACHE, "arquero-trial-duckdb.mjs");
  const esbuild = join(ROOT, "node_modules", ".bin", "esbuild");
  if (existsSync(esbuild)) {
    const result = spawnSync(esbuild, [join(ROOT, "src", "bench", "duckdb-cli.ts"), "--bundle", "--platform=node",
      "--format=esm", "--packages=external", "--log-level=warning", `--outfile=${out}`], { cwd: ROOT, stdio: "inherit" });
    if (result.status === 0) return [out];
  }
  return ["--import", "tsx", join(ROOT, "src", "bench", "duckdb-cli.ts")];
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const f2 = (x: number) => x.toFixed(2).padStart(7);

async function trial(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
  };
  const runs = Number(option("--runs", "3"));
  const asOf = option("--as-of", "2026-07-17");
  const positional = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && ["--runs", "--as-of"].includes(argv[i - 1]!)));
  const folder = resolve(positional[0] ?? newestTrust());
  const sample = !existsSync(join(folder, ".complete"));
  const withDuckdb = !argv.includes("--no-duckdb") && !sample;
  log(`machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; node ${process.version}; arquero ${JSON.parse(readFileSync(join(ROOT, "node_modules", "arquero", "package.json"), "utf8")).version as string}`);
  log(`folder: ${folder}, as of ${asOf}; ${runs} runs each, alternating library, arquero${withDuckdb ? ", DuckDB" : ""}\n`);
  const self = ["--import", "tsx", join(ROOT, "src", "bench", "arquero-trial.ts"), "--worker"];
  const outOf = (impl: string) => join(CACHE, `arquero-trial-${impl}.json`);
  const duck = withDuckdb ? duckdbEntry() : [];
  const whole: Record<string, Timing[]> = { library: [], arquero: [], duckdb: [] };
  const inside: Record<string, Array<Record<string, Phase>>> = { library: [], arquero: [] };
  log(`${"".padEnd(22)} ${"wall s".padStart(7)} ${"CPU s".padStart(7)} ${"peak MB".padStart(7)}   phases inside (wall / CPU s)`);
  for (let run = 1; run <= runs; run += 1) {
    for (const impl of ["library", "arquero"] as const) {
      const t = await timed([...self, impl, folder, asOf, outOf(impl)]);
      whole[impl]!.push(t);
      const { phases } = JSON.parse(readFileSync(outOf(impl), "utf8")) as { phases: Record<string, Phase> };
      inside[impl]!.push(phases);
      const parts = Object.entries(phases).map(([name, p]) => `${name} ${p.wall.toFixed(2)} / ${p.cpu.toFixed(2)}`).join(", ");
      log(`run ${run} ${impl.padEnd(16)} ${f2(t.wall)} ${f2(t.cpu)} ${t.peakMb.toFixed(0).padStart(7)}   ${parts}`);
    }
    if (withDuckdb) {
      const t = await timed([...duck, folder, "--as-of", asOf, "--json"], join(CACHE, "arquero-trial-duckdb-out.json"));
      whole.duckdb!.push(t);
      log(`run ${run} ${"duckdb".padEnd(16)} ${f2(t.wall)} ${f2(t.cpu)} ${t.peakMb.toFixed(0).padStart(7)}`);
    }
  }
  log("\nmedians");
  for (const impl of ["library", "arquero", "duckdb"]) {
    const ts = whole[impl]!;
    if (ts.length === 0) continue;
    const phases = inside[impl] ?? [];
    const names = phases.length > 0 ? Object.keys(phases[0]!) : [];
    const parts = names.map((n) => `${n} ${median(phases.map((p) => p[n]!.wall)).toFixed(2)} / ${median(phases.map((p) => p[n]!.cpu)).toFixed(2)}`).join(", ");
    log(`${impl.padEnd(22)} ${f2(median(ts.map((t) => t.wall)))} ${f2(median(ts.map((t) => t.cpu)))} ${median(ts.map((t) => t.peakMb)).toFixed(0).padStart(7)}   ${parts}`);
  }
  const ratio = (name: string, withTables: boolean) => {
    const of = (impl: string, k: "cpu" | "wall") => median((inside[impl] ?? []).map((p) => p[name]![k] + (withTables ? (p.tables?.[k] ?? 0) : 0)));
    return `CPU ${(of("arquero", "cpu") / of("library", "cpu")).toFixed(2)}×, wall ${(of("arquero", "wall") / of("library", "wall")).toFixed(2)}×`;
  };
  log(`arquero / library, shared aggregates (toTables included): ${ratio("analyses", true)}`);
  log(`arquero / library, per school: ${ratio("perSchool", false)}`);
  log(`arquero / library, whole process: CPU ${(median(whole.arquero!.map((t) => t.cpu)) / median(whole.library!.map((t) => t.cpu))).toFixed(2)}×, peak ${(median(whole.arquero!.map((t) => t.peakMb)) / median(whole.library!.map((t) => t.peakMb))).toFixed(2)}×`);

  const read = (impl: string) => JSON.parse(readFileSync(outOf(impl), "utf8")) as { aggregates: SharedAggregates; perSchool: Record<string, Figures> };
  const ours = read("library");
  const theirs = read("arquero");
  const say = (d: readonly unknown[]) => (d.length === 0 ? "equal (counts exactly, other figures to 1e-9)" : `${d.length} differences, e.g. ${JSON.stringify(d.slice(0, 3))}`);
  log(`\ncheck arquero = library: ${JSON.stringify(cellCounts(theirs.aggregates))} cells; ${say(compareAggregates(ours.aggregates, theirs.aggregates, 1e-9))}`);
  const asTable = (figures: Record<string, Figures>): SharedAggregates => ({ asOf, attainment: figures, gaps: {}, identification: {}, attendance: {} });
  log(`check arquero = library per school: ${Object.keys(theirs.perSchool).length} cells; ${say(compareAggregates(asTable(ours.perSchool), asTable(theirs.perSchool), 1e-9))}`);
  if (withDuckdb) {
    const duckdb = JSON.parse(readFileSync(join(CACHE, "arquero-trial-duckdb-out.json"), "utf8")) as SharedAggregates;
    const d = compareAggregates(duckdb, theirs.aggregates, 1e-9);
    log(`check arquero = DuckDB: ${d.length === 0 ? "equal" : `${d.length} differences, e.g. ${JSON.stringify(d.slice(0, 3))}`}`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--worker") await worker(argv[1] ?? "", argv[2] ?? "", argv[3] ?? "", argv[4] ?? "");
else await trial(argv);
