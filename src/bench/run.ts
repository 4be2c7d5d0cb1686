/**
 * `npm run bench`: sendscope against DuckDB on a trust-sized dataset, timed as whole processes in the same
 * run (alternating, so both meet the same machine load), several runs, median.
 *
 *   npx tsx src/bench/run.ts [--runs 3] [--pupils 100000] [--schools 200] [--seed 20261123]
 *                            [--as-of 2026-07-17] [--no-sample] [--no-build]
 *
 * 1. Generates the dataset with the fixture generator (seeded) into `.bench-cache/` (gitignored) and reuses
 *    it while the generator's source and the options are unchanged.
 * 2. Times (a) `node bin/sendscope.js analyse <folder> --json --as-of <date>` (the built CLI; `dist/` is
 *    rebuilt first when older than `src/lib`), `sendscope validate --json` (the import alone, to show what
 *    the import costs and what the analyses cost), and (b) a node process that reads the same CSVs with DuckDB
 *    (`@duckdb/node-api`) and computes the shared core aggregates (`duckdb-aggregates.ts`, bundled to plain
 *    JavaScript first so DuckDB's time has no TypeScript compilation in it).
 * 3. Peak memory is the process's maximum resident set (`/usr/bin/time`, else polled from /proc VmHWM).
 * 4. Checks the last run's outputs agree (sendscope's report cells, summed over year groups, against DuckDB).
 * 5. Times the 420-pupil sample school end to end: `validate` and `analyse` (the `npm run report` data step).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { generate } from "../generator/generate.js";
import { compareAggregates, type Figures, type SharedAggregates } from "./aggregates.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const CACHE = join(ROOT, ".bench-cache");

interface Options {
  runs: number;
  pupils: number;
  schools: number;
  seed: number;
  asOf: string;
  sample: boolean;
  build: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
  };
  const whole = (name: string, fallback: number) => {
    const n = Number(value(name, String(fallback)));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} expects a whole number, got ${value(name, "")}`);
    return n;
  };
  return {
    runs: whole("--runs", 3), pupils: whole("--pupils", 100_000), schools: whole("--schools", 200),
    seed: whole("--seed", 20261123), asOf: value("--as-of", "2026-07-17"),
    sample: !argv.includes("--no-sample"), build: !argv.includes("--no-build"),
  };
}

/** A hash of every file under a folder (names and contents), to tell when a cache is stale. */
function treeHash(folder: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

function newestMtime(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).reduce((m, e) => Math.max(m, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

function dataset(o: Options): string {
  const key = `p${o.pupils}-s${o.schools}-seed${o.seed}-gen${treeHash(join(ROOT, "src", "generator"))}`;
  const folder = join(CACHE, key);
  const marker = join(folder, ".complete");
  if (existsSync(marker)) {
    log(`dataset: ${folder} (cached)`);
    return folder;
  }
  rmSync(folder, { recursive: true, force: true });
  const started = performance.now();
  log(`dataset: generating ${o.pupils} pupils in ${o.schools} schools (seed ${o.seed}) …`);
  generate({ seed: o.seed, out: folder, pupils: o.pupils, schools: o.schools });
  writeFileSync(marker, `${JSON.stringify({ pupils: o.pupils, schools: o.schools, seed: o.seed })}\n`);
  log(`dataset: written in ${((performance.now() - started) / 1000).toFixed(1)} s to ${folder}`);
  return folder;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function ensureBuilt(o: Options): void {
  const main = join(ROOT, "dist", "lib", "cli", "main.js");
  const stale = !existsSync(main) || statSync(main).mtimeMs < Math.max(newestMtime(join(ROOT, "src", "lib")), newestMtime(join(ROOT, "src", "data")));
  if (!stale) return;
  if (!o.build) throw new Error("dist/ is missing or older than src/lib; run npm run build (or drop --no-build)");
  log("build: dist/ is older than src/lib, running tsc -p tsconfig.build.json …");
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    if (!existsSync(main)) throw new Error("the build failed and there is no dist/; fix it before benchmarking");
    log("build: tsc reported errors (work in progress elsewhere?); timing the JavaScript it emitted");
  }
}

/** Bundle the DuckDB process's entry to plain JavaScript (esbuild comes with tsx); null when unavailable. */
function bundleDuckdb(): string[] {
  const out = join(CACHE, "duckdb-cli.mjs");
  const esbuild = join(ROOT, "node_modules", ".bin", "esbuild");
  if (existsSync(esbuild)) {
    const result = spawnSync(esbuild, [join(ROOT, "src", "bench", "duckdb-cli.ts"), "--bundle", "--platform=node",
      "--format=esm", "--packages=external", "--log-level=warning", `--outfile=${out}`], { cwd: ROOT, stdio: "inherit" });
    if (result.status === 0) return [out];
  }
  log("duckdb: esbuild not found, running under tsx (its start-up, ~0.3 s, counts against DuckDB)");
  return ["--import", "tsx", join(ROOT, "src", "bench", "duckdb-cli.ts")];
}

/** One timed process: wall seconds, peak resident memory (MB), CPU seconds (user + system). */
interface Timing {
  wall: number;
  peakMb: number;
  cpu: number;
}

const HAS_TIME = existsSync("/usr/bin/time");

function vmHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Run a command with stdout to a file; time it as a whole process. */
async function timed(args: readonly string[], stdoutFile: string, okStatus: readonly number[] = [0]): Promise<Timing> {
  const out = openSync(stdoutFile, "w");
  const timeFile = join(CACHE, "time.txt");
  const argv = HAS_TIME ? ["-f", "%e %M %U %S", "-o", timeFile, process.execPath, ...args] : [...args];
  const started = performance.now();
  const child = spawn(HAS_TIME ? "/usr/bin/time" : process.execPath, argv, { cwd: ROOT, stdio: ["ignore", out, "inherit"] });
  let polled = 0;
  const poll = HAS_TIME ? null : setInterval(() => {
    if (child.pid !== undefined) polled = Math.max(polled, vmHwmKb(child.pid));
  }, 20);
  const status = await new Promise<number>((done) => child.on("exit", (code) => done(code ?? 1)));
  const wall = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  closeSync(out);
  if (!okStatus.includes(status)) throw new Error(`${args.join(" ")} exited with ${status}`);
  if (HAS_TIME) {
    const [elapsed, maxKb, user, system] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
    return { wall: elapsed ?? wall, peakMb: (maxKb ?? 0) / 1024, cpu: (user ?? 0) + (system ?? 0) };
  }
  return { wall, peakMb: polled / 1024, cpu: Number.NaN };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function row(label: string, t: Timing): string {
  return `${label.padEnd(34)} ${t.wall.toFixed(2).padStart(8)} s ${t.peakMb.toFixed(0).padStart(7)} MB ${t.cpu.toFixed(2).padStart(8)} s`;
}

interface ReportCell {
  subject: string;
  measure: string;
  point: string;
  dimension: string;
  group: string;
  isTotal?: boolean;
  n: number;
  count: number | null;
  higherCount: number | null;
  mean: number | null;
  rate: number | null;
  partition: string;
}

interface ReportJson {
  attainment: { cells: ReportCell[] };
  identification: { onRoll: number; senStatus: ReportCell[]; senAny: ReportCell[]; needMix: ReportCell[] };
  attendance: { cells: Array<ReportCell & { possibleSessions: number; attendedSessions: number; severeCount: number }> };
}

/**
 * The shared aggregates as read back from `analyse --json` (attainment there is split by year group, so cells
 * are summed over year groups; means are weighted by n). Gaps are not read back.
 */
function fromReport(report: ReportJson, asOf: string): SharedAggregates {
  const out: SharedAggregates = { asOf, attainment: {}, gaps: {}, identification: {}, attendance: {} };
  const sums = new Map<string, { n: number; count: number | null; higherCount: number | null; total: number | null }>();
  for (const c of report.attainment.cells) {
    if (c.dimension !== (c.group === "SEN" ? "senAny" : "senStatus") && !(c.isTotal && c.dimension === "senStatus")) continue;
    if (c.n === 0) continue;
    const key = `${c.subject}|${c.measure}|${c.point}|${c.isTotal ? "all" : c.group}`;
    const s = sums.get(key) ?? { n: 0, count: c.count === null ? null : 0, higherCount: c.higherCount === null ? null : 0, total: c.mean === null ? null : 0 };
    s.n += c.n;
    if (s.count !== null) s.count += c.count ?? 0;
    if (s.higherCount !== null) s.higherCount += c.higherCount ?? 0;
    if (s.total !== null) s.total += (c.mean ?? 0) * c.n;
    sums.set(key, s);
  }
  for (const [key, s] of sums) {
    const figures: Figures = { n: s.n, count: s.count, higherCount: s.higherCount, mean: s.total === null ? null : s.total / s.n };
    out.attainment[key] = figures;
  }
  out.identification.onRoll = { count: report.identification.onRoll, rate: null };
  for (const c of [...report.identification.senStatus, ...report.identification.senAny]) {
    if (!c.isTotal && c.count !== 0) out.identification[`status|${c.group}`] = { count: c.count, rate: c.rate };
  }
  for (const c of report.attendance.cells) {
    if (c.n === 0 || (c.isTotal && c.dimension !== "senStatus")) continue;
    out.attendance[c.group] = { n: c.n, possible: c.possibleSessions, attended: c.attendedSessions, persistent: c.count, severe: c.severeCount };
  }
  return out;
}

/** Restrict DuckDB's aggregates to the figures `fromReport` can read back. */
function comparable(theirs: SharedAggregates, ours: SharedAggregates): SharedAggregates {
  const pick = (table: Record<string, Figures>, like: Record<string, Figures>) =>
    Object.fromEntries(Object.entries(table).filter(([k]) => !k.startsWith("need|")).map(([k, f]) => {
      const names = Object.keys(Object.values(like)[0] ?? f);
      return [k, Object.fromEntries(names.map((name) => [name, f[name] ?? null]))];
    }));
  return {
    asOf: theirs.asOf, gaps: {},
    attainment: pick(theirs.attainment, ours.attainment),
    identification: { ...pick(theirs.identification, ours.identification) },
    attendance: pick(theirs.attendance, ours.attendance),
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  mkdirSync(CACHE, { recursive: true });
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  log(`machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM; node ${process.version}; DuckDB via @duckdb/node-api ${JSON.parse(readFileSync(join(ROOT, "node_modules", "@duckdb", "node-api", "package.json"), "utf8")).version as string}`);
  const folder = dataset(o);
  ensureBuilt(o);
  const duckdbArgs = bundleDuckdb();
  const ours = [join(ROOT, "bin", "sendscope.js"), "analyse", folder, "--json", "--as-of", o.asOf];
  const theirs = [...duckdbArgs, folder, "--as-of", o.asOf, "--json"];
  const ourOut = join(CACHE, "sendscope-report.json");
  const theirOut = join(CACHE, "duckdb-aggregates.json");
  log(`\n${o.pupils} pupils, ${o.schools} schools, as of ${o.asOf}; ${o.runs} runs each, alternating\n`);
  log(`${"".padEnd(34)} ${"wall".padStart(10)} ${"peak RSS".padStart(10)} ${"CPU".padStart(10)}`);
  const a: Timing[] = [];
  const b: Timing[] = [];
  const c: Timing[] = [];
  const importOnly = [join(ROOT, "bin", "sendscope.js"), "validate", folder, "--json"];
  for (let run = 1; run <= o.runs; run++) {
    const first = await timed(ours, ourOut);
    a.push(first);
    log(row(`run ${run}  sendscope analyse --json`, first));
    const imported = await timed(importOnly, join(CACHE, "sendscope-validate.json"), [0, 1]);
    c.push(imported);
    log(row(`run ${run}  sendscope validate (import)`, imported));
    const second = await timed(theirs, theirOut);
    b.push(second);
    log(row(`run ${run}  DuckDB (same aggregates)`, second));
  }
  const med = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), peakMb: median(ts.map((t) => t.peakMb)), cpu: median(ts.map((t) => t.cpu)) });
  const ma = med(a);
  const mb = med(b);
  log("");
  log(row("median  sendscope analyse --json", ma));
  const mc = med(c);
  log(row("median  sendscope validate (import)", mc));
  log(row("median  DuckDB", mb));
  log(`ratio sendscope / DuckDB: wall ${(ma.wall / mb.wall).toFixed(2)}×, peak RSS ${(ma.peakMb / mb.peakMb).toFixed(2)}×, CPU ${(ma.cpu / mb.cpu).toFixed(2)}×`);
  log(`ratio sendscope import alone / DuckDB (whole job): wall ${(mc.wall / mb.wall).toFixed(2)}×, peak RSS ${(mc.peakMb / mb.peakMb).toFixed(2)}×`);
  log(`targets: wall within 3× DuckDB ${ma.wall <= 3 * mb.wall ? "MET" : "MISSED"}; peak RSS under 1.5 GB ${ma.peakMb < 1536 ? "MET" : "MISSED"}`);

  const report = JSON.parse(readFileSync(ourOut, "utf8")) as ReportJson;
  const duck = JSON.parse(readFileSync(theirOut, "utf8")) as SharedAggregates;
  const back = fromReport(report, o.asOf);
  const differences = compareAggregates(back, comparable(duck, back), 1e-9);
  const cells = Object.keys(back.attainment).length + Object.keys(back.identification).length + Object.keys(back.attendance).length;
  log(differences.length === 0
    ? `check: the report's ${cells} attainment, identification and attendance cells equal DuckDB's (counts exactly, means to 1e-9)`
    : `check: ${differences.length} differences, e.g. ${JSON.stringify(differences.slice(0, 3))}`);

  if (o.sample) {
    const sample = join(ROOT, "fixtures", "sample-school");
    const samples: Array<[Timing, Timing]> = [];
    for (let run = 1; run <= Math.max(3, o.runs); run++) {
      // validate exits 1 when it rejected rows, as it does on the sample school's deliberate problems
      const v = await timed([join(ROOT, "bin", "sendscope.js"), "validate", sample, "--json"], join(CACHE, "sample-validate.json"), [0, 1]);
      const an = await timed([join(ROOT, "bin", "sendscope.js"), "analyse", sample, "--json"], join(CACHE, "sample-report.json"));
      samples.push([v, an]);
    }
    const v = med(samples.map((s) => s[0]));
    const an = med(samples.map((s) => s[1]));
    log("");
    log(row("sample school  sendscope validate", v));
    log(row("sample school  sendscope analyse", an));
    log(`sample school data step (validate + analyse): ${(v.wall + an.wall).toFixed(2)} s (target under 2 s: ${v.wall + an.wall < 2 ? "MET" : "MISSED"})`);
  }
}

await main();
