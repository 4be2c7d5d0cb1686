/**
 * `sendscope report <folder> [--out <dir>] [--school-name <name>]`: from a folder of exports to the SENCO's
 * site, the governors' site, the governors' report as one self-contained HTML file and as a PDF.
 *
 * This module is the command's front half, in the library: it checks everything that can be checked quickly
 * (the folder imports, the output folder is safe to replace, the checkout can build the dashboards) and
 * prints a one-line error with exit 2 when something is wrong, never a stack trace. The dashboards are built
 * with Observable Framework, a development dependency the library never imports: the back half
 * (`src/report-build/pipeline.ts`, run with tsx in a child process from the sendscope checkout, the job on
 * its stdin) builds, prints and swaps the finished reports in. So `sendscope report` works in a clone of the repository after
 * `npm install`; an installed package (which holds the library alone) says so in one line.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdtemp, open, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ImportError, InvalidArgumentError } from "../errors.js";
import { importFolder } from "../import/import-folder.js";
import { defaultAsOf } from "../cohort/default-as-of.js";
import { nameFromFolder, reportName } from "../report/report-name.js";
import type { SchoolData } from "../schema/school-data.js";
import type { CommandIo } from "./io.js";

/** Options of `runReport` (the command's flags). */
export interface ReportOptions {
  /** Where the reports go; default `reports` (in the current folder). Replaced as a whole when complete. */
  out?: string;
  /** The school's (or trust's) name on every page; default from the exports or the folder's name. */
  schoolName?: string;
}

/** The file every report folder holds: what the figures describe and which input they came from. */
export const STAMP_FILE = "report-stamp.json";

/** What `sendscope report` hands to the build (`src/report-build/pipeline.ts`), as one JSON argument. */
export interface ReportJob {
  /** The folder of exports (absolute). */
  folder: string;
  /** The output folder (absolute). */
  out: string;
  /** The school's or trust's name shown on every page. */
  schoolName: string;
  /** The date the figures describe (yyyy-mm-dd). */
  asOf: string;
  /** sha256 of the input files (see `inputFingerprint`). */
  fingerprint: string;
  /** The input files, relative to `folder`, each with its own sha256. */
  files: Array<{ file: string; sha256: string; bytes: number }>;
  /** The imported data for the data loaders (see `writeImported`), or null: they import the folder. */
  imported: string | null;
}

/** Every file under `folder` (relative paths with `/`, sorted), skipping hidden files and folders. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join("/"))
    .filter((f) => !f.split("/").some((part) => part.startsWith(".")))
    .sort();
}

/** A file's sha256 (hex) and length, as `inputFingerprint` records it. */
export interface FileHash {
  sha256: string;
  bytes: number;
}

/**
 * A file's sha256 and length, from its bytes.
 * @example
 * hashOf(new TextEncoder().encode("hello\n")).sha256 // => "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
 */
export function hashOf(bytes: Uint8Array): FileHash {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

/**
 * A fingerprint of a folder of exports: sha256 over one line per file, in path order (hidden files left
 * out), `<relative path>\0<length>\0<the file's sha256>\n`. The same files give the same fingerprint on any
 * machine; any changed byte, added, removed or renamed file gives another.
 * @param known the hashes of files already read (the import passes their bytes on: `onFileBytes`), by
 *   relative path; only the others are read here
 * @returns the fingerprint (64 hex digits) and each file's own sha256
 * @example
 * (await inputFingerprint("fixtures/sample-school")).fingerprint.slice(0, 8) // => e.g. "3f9a2c1b"
 */
export async function inputFingerprint(folder: string, known: ReadonlyMap<string, FileHash> = new Map()): Promise<{ fingerprint: string; files: ReportJob["files"] }> {
  const whole = createHash("sha256");
  const files: ReportJob["files"] = [];
  for (const file of await filesUnder(folder)) {
    const { sha256, bytes } = known.get(file) ?? hashOf(await readFile(join(folder, ...file.split("/"))));
    whole.update(`${file}\0${bytes}\0${sha256}\n`);
    files.push({ file, sha256, bytes });
  }
  return { fingerprint: whole.digest("hex"), files };
}

/**
 * The environment variable naming the imported data `sendscope report` hands to the dashboards' data loaders.
 * @example
 * IMPORTED_ENV // => "SENDSCOPE_IMPORTED"
 */
export const IMPORTED_ENV = "SENDSCOPE_IMPORTED";

/** What the hand-over file holds: the folder it was imported from and the imported data. */
export interface ImportedHandover {
  folder: string;
  data: SchoolData;
}

/**
 * Hand the imported data to the dashboards' data loaders, so that they build from it rather than import the
 * folder again: JSON in a fresh private folder (readable by this user only: it holds pupil-level data), named
 * by env `SENDSCOPE_IMPORTED` in the build (see `loadDashboardReport`). `remove` deletes it, which the
 * caller does as soon as the build is over. Null (the loaders import the folder themselves) when the data is
 * too large to write as one JSON text.
 * @example
 * const handover = await writeImported("/d/exports", data); // handover?.file => "/tmp/sendscope-report-…/imported.json"
 * handover?.remove();
 */
export async function writeImported(folder: string, data: SchoolData): Promise<{ file: string; remove: () => void } | null> {
  const dir = await mkdtemp(join(tmpdir(), "sendscope-report-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const file = join(dir, "imported.json");
    const handover: ImportedHandover = { folder, data };
    await writeFile(file, JSON.stringify(handover), { mode: 0o600 });
    return { file, remove };
  } catch (error) {
    remove();
    if (error instanceof RangeError) return null; // longer than a JavaScript string can be
    throw error;
  }
}

/** The sendscope checkout this module runs from (`src/lib/cli` and `dist/lib/cli` are both three levels down). */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL("../../../", import.meta.url)));

/**
 * What the checkout lacks to build the dashboards (null when it has everything): the dashboards' sources,
 * the build pipeline, and the development dependencies Observable Framework and tsx.
 * @example
 * missingForReport(PACKAGE_ROOT) // => null in a clone after npm install
 */
export function missingForReport(root: string): string | null {
  const needs: Array<[string, string]> = [
    [join(root, "dashboards", "index.md"), "the dashboards' sources (dashboards/)"],
    [join(root, "src", "report-build", "pipeline.ts"), "the build pipeline (src/report-build/)"],
    [join(root, "node_modules", "@observablehq", "framework", "package.json"), "Observable Framework (a development dependency)"],
    [join(root, "node_modules", "tsx", "package.json"), "tsx (a development dependency)"],
  ];
  const missing = needs.filter(([path]) => !existsSync(path)).map(([, what]) => what);
  return missing.length === 0 ? null : missing.join(", ");
}

/**
 * Whether `out` may be replaced by a new set of reports: it does not exist, is an empty folder, or holds the
 * stamp file of an earlier `sendscope report`. Any other folder (or a file) is refused, so a mistyped `--out`
 * never deletes someone's documents.
 * @returns null when it may be replaced, else why not
 * @example
 * await refusalToReplace("reports") // => null
 */
export async function refusalToReplace(out: string): Promise<string | null> {
  let info;
  try {
    info = await stat(out);
  } catch {
    return null;
  }
  if (!info.isDirectory()) return `${out} is a file, not a folder`;
  const entries = await readdir(out);
  if (entries.length === 0 || entries.includes(STAMP_FILE)) return null;
  return `${out} already holds files that sendscope report did not write (no ${STAMP_FILE}); choose another --out or empty it`;
}

/** Whether `folder` is a folder that can be read. */
async function readableFolder(folder: string): Promise<string | null> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return `${folder} is a file, not a folder of exports`;
    const handle = await open(folder, "r");
    await handle.close();
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `${folder} does not exist` : `${folder} cannot be read (${code ?? String(error)})`;
  }
}

/**
 * Run `report`: check the folder (it must import and hold a dated record, as `sendscope analyse` needs), the
 * output folder and the checkout, then build in a child process, which builds both audiences' reports from
 * the data imported here (see `writeImported`). Returns the exit status: 0 when the reports were written
 * (with or without the PDF, which needs a Chrome, Chromium or Edge browser); 2 with a one-line message for a
 * folder that cannot be used, an output folder that cannot be replaced, or a checkout that cannot build the
 * dashboards; 1 when the build itself failed (the previous reports, if any, are left untouched).
 * @example
 * await runReport("fixtures/sample-school", {}, processIo()) // => 0, reports in reports/
 * await runReport("no/such/folder", {}, processIo()) // => 2
 */
export async function runReport(folder: string, options: ReportOptions, io: CommandIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`sendscope report: ${message.split("\n")[0]}\n`);
    return 2;
  };
  const absolute = resolve(folder);
  const unreadable = await readableFolder(absolute);
  if (unreadable !== null) return fail(unreadable.replace(absolute, folder));
  const out = resolve(options.out ?? "reports");
  if (out === absolute || absolute.startsWith(out + sep)) return fail(`--out ${options.out ?? "reports"} would replace the folder of exports itself`);
  const refusal = await refusalToReplace(out);
  if (refusal !== null) return fail(refusal);
  const missing = missingForReport(PACKAGE_ROOT);
  if (missing !== null) {
    return fail(`building the dashboards needs a clone of the sendscope repository with its development dependencies (git clone, then npm install); ${PACKAGE_ROOT} lacks ${missing}`);
  }
  const started = Date.now();
  io.stderr(`sendscope report: [1/5] checking ${folder} …\n`);
  // The folder is imported once, here: the check, the date and the name come from it, and the dashboards'
  // data loaders build both audiences' reports from the same data (handed over in a private file).
  let handover: Awaited<ReturnType<typeof writeImported>>;
  const read = new Map<string, FileHash>(); // the files the import read, so the fingerprint reads only the others
  let asOf: string;
  let schoolName: string;
  try {
    const data = await importFolder(absolute, { onFileBytes: (file, bytes) => read.set(file, hashOf(bytes)) });
    asOf = defaultAsOf(data).asOf;
    schoolName = reportName({ given: options.schoolName, data, folder: absolute }) ?? nameFromFolder(absolute);
    handover = await writeImported(absolute, data);
  } catch (error) {
    if (error instanceof ImportError || error instanceof InvalidArgumentError) return fail(error.message);
    throw error;
  }
  // Stopped (Ctrl+C reaches the build too; SIGTERM is passed on to it): wait for the build, which cleans up
  // after itself, then remove the hand-over file.
  const wait = () => undefined;
  process.on("SIGINT", wait);
  try {
    const { fingerprint, files } = await inputFingerprint(absolute, read);
    const job: ReportJob = { folder: absolute, out, asOf, fingerprint, files, schoolName, imported: handover?.file ?? null };
    io.stderr(`sendscope report: [1/5] ${files.length} files of ${job.schoolName}, figures as at ${asOf}, input fingerprint ${fingerprint.slice(0, 12)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return await runPipeline(job, io);
  } finally {
    handover?.remove();
    process.off("SIGINT", wait);
  }
}

/** Run `src/report-build/pipeline.ts` with tsx in a child process (the job on its stdin), passing its output through. */
function runPipeline(job: ReportJob, io: CommandIo): Promise<number> {
  const script = join(PACKAGE_ROOT, "src", "report-build", "pipeline.ts");
  return new Promise((done) => {
    // The job goes through stdin: a folder of thousands of files would not fit in a command line.
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: PACKAGE_ROOT, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, TZ: process.env.TZ ?? "UTC", SENDSCOPE_CWD: process.cwd() },
    });
    const passOn = () => child.kill("SIGTERM");
    process.on("SIGTERM", passOn);
    child.on("close", () => process.off("SIGTERM", passOn));
    child.stdin.on("error", () => undefined); // a child that failed to start: reported by "error" below
    child.stdin.end(JSON.stringify(job));
    child.stdout.on("data", (chunk: Buffer) => io.stdout(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => io.stderr(chunk.toString()));
    child.on("error", (error) => {
      io.stderr(`sendscope report: could not start the build (${error.message})\n`);
      done(1);
    });
    child.on("close", (code) => done(code ?? 1));
  });
}
