/**
 * `sendscope validate <folder>`: import a folder and report what happened to every row.
 */
import { ImportError } from "../errors.js";
import { importFolder, loadMappingFile } from "../import/import-folder.js";
import type { SchoolData } from "../schema/school-data.js";
import type { CommandIo } from "./io.js";
import { PROBLEM_TITLES } from "./problem-titles.js";
import { importProgressBar, wantsProgressBar } from "./progress.js";

/** Options of `validate`. */
export interface ValidateOptions {
  json: boolean;
  /** Path of a column-mapping JSON file. */
  mapping?: string;
  /** Threads that read a folder of several schools (see `ImportOptions.threads`); default 2 for a large one. */
  threads?: number;
  /** How many example lines to show per problem group in the readable report (default 3). */
  examples?: number;
  /**
   * Show a progress bar on stderr while a large folder imports; default: when stderr is a terminal and the
   * output is not `--json`.
   */
  progress?: boolean;
}

/**
 * The `--json` output of `validate`. Every file's `rows === imported + rejected + skipped`; `skippedRows`
 * says which rows were skipped and why (summary and blank rows), `ignoredColumns` which columns were read
 * for nothing; `unreadFiles` lists the folder's files that were not read at all, with why and what to do.
 */
export interface ValidateJson {
  pupils: number;
  files: Array<{
    file: string; kind: string | null; layout: string | null; encoding: string | null; rows: number; imported: number; rejected: number;
    skipped: number; skippedRows: Array<{ line: number; reason: string }>; ignoredColumns: string[];
  }>;
  problems: Array<{ file: string; line: number; column: string | null; severity: "error" | "warning"; code: string; message: string }>;
  unreadFiles: Array<{ file: string; reason: string }>;
}

/**
 * Distinct pupils in imported data: the pupil list if there is one, else distinct pupil ids in any record.
 * @example
 * distinctPupils(data) // => 540
 */
export function distinctPupils(data: SchoolData): number {
  if (data.files.some((f) => f.kind === "pupils")) return new Set(data.pupils.map((p) => p.pupilId)).size;
  const ids = new Set<string>();
  for (const list of [data.senRegister, data.assessments, data.interventions, data.attendance, data.suspensions, data.targets, data.ehcRequests ?? []]) {
    for (const record of list) ids.add(record.pupilId);
  }
  return ids.size;
}

/**
 * The exit status for an import: 0 when every row was imported and no file failed, else 1.
 * @example
 * validateExitCode(data) // => 1
 */
export function validateExitCode(data: SchoolData): number {
  const rejected = data.files.some((f) => f.rejected > 0);
  const fileFailed = data.problems.some((p) => p.severity === "error");
  return rejected || fileFailed ? 1 : 0;
}

/**
 * The JSON form of an import report.
 * @example
 * validateJson(data).files[0].kind // => "assessments"
 */
export function validateJson(data: SchoolData): ValidateJson {
  return {
    pupils: distinctPupils(data),
    files: data.files.map((f) => ({
      file: f.file, kind: f.kind, layout: f.layout, encoding: f.encoding, rows: f.rows, imported: f.imported, rejected: f.rejected,
      skipped: f.skipped ?? 0, skippedRows: (f.skippedRows ?? []).map((r) => ({ line: r.line, reason: r.reason })),
      ignoredColumns: [...(f.ignoredColumns ?? [])],
    })),
    problems: data.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message })),
    unreadFiles: (data.unreadFiles ?? []).map((u) => ({ file: u.file, reason: u.reason })),
  };
}

const pad = (text: string, width: number) => text.padEnd(width);
const padLeft = (text: string, width: number) => text.padStart(width);

/**
 * What the import left out without rejecting anything, for the readable report: files not read, columns
 * ignored, rows skipped. Empty when nothing was left out.
 */
function leftOutLines(data: SchoolData, examples: number): string[] {
  const lines: string[] = [];
  const unread = data.unreadFiles ?? [];
  if (unread.length > 0) {
    lines.push(`Files not read (${unread.length})`);
    for (const u of unread) lines.push(`  ${u.file}: ${u.reason}`);
    lines.push("");
  }
  const withIgnored = data.files.filter((f) => (f.ignoredColumns ?? []).length > 0);
  if (withIgnored.length > 0) {
    lines.push(`Columns not read (${withIgnored.reduce((s, f) => s + f.ignoredColumns!.length, 0)}): sendscope does not use them; map one in sendscope.mapping.json if it holds data you need`);
    for (const f of withIgnored) lines.push(`  ${f.file}: ${f.ignoredColumns!.map((c) => `'${c}'`).join(", ")}`);
    lines.push("");
  }
  const withSkipped = data.files.filter((f) => (f.skipped ?? 0) > 0);
  if (withSkipped.length > 0) {
    lines.push(`Rows skipped (${withSkipped.reduce((s, f) => s + f.skipped!, 0)}): not pupils' rows, so neither imported nor rejected`);
    for (const f of withSkipped) {
      const rows = f.skippedRows ?? [];
      for (const r of rows.slice(0, examples)) lines.push(`  ${f.file} line ${r.line}: ${r.reason}`);
      if (rows.length > examples) lines.push(`  … and ${rows.length - examples} more in ${f.file} (use --json for all)`);
    }
    lines.push("");
  }
  return lines;
}

/**
 * The readable import report: files and their kind, rows imported, rejected and skipped, what was left out
 * (files not read, columns ignored, rows skipped), and problems grouped by reason with the first lines of
 * each. It says "No problems found" only when nothing was rejected, ignored or left unread.
 * @example
 * formatValidateReport(data, "fixtures/sample-school").split("\n")[0] // => "sendscope validate: fixtures/sample-school"
 */
export function formatValidateReport(data: SchoolData, folder: string, examples = 3): string {
  const lines: string[] = [`sendscope validate: ${folder}`, ""];
  const kindWidth = Math.max(4, ...data.files.map((f) => (f.kind ?? "not recognised").length));
  lines.push(`Files (${data.files.length})`);
  lines.push(`  ${pad("kind", kindWidth)}  ${pad("layout", 11)}  ${pad("encoding", 12)}  ${padLeft("rows", 7)}  ${padLeft("imported", 8)}  ${padLeft("rejected", 8)}  ${padLeft("skipped", 7)}  file`);
  for (const f of data.files) {
    lines.push(`  ${pad(f.kind ?? "not recognised", kindWidth)}  ${pad(f.layout ?? "-", 11)}  ${pad(f.encoding ?? "-", 12)}  ${padLeft(String(f.rows), 7)}  ${padLeft(String(f.imported), 8)}  ${padLeft(String(f.rejected), 8)}  ${padLeft(String(f.skipped ?? 0), 7)}  ${f.file}`);
  }
  const rows = data.files.reduce((s, f) => s + f.rows, 0);
  const imported = data.files.reduce((s, f) => s + f.imported, 0);
  const skipped = data.files.reduce((s, f) => s + (f.skipped ?? 0), 0);
  lines.push("", `Pupils: ${distinctPupils(data)} distinct`);
  lines.push(`Rows: ${rows} read, ${imported} imported, ${rows - imported - skipped} rejected, ${skipped} skipped`, "");
  const leftOut = leftOutLines(data, examples);
  lines.push(...leftOut);
  const errors = data.problems.filter((p) => p.severity === "error");
  const warnings = data.problems.filter((p) => p.severity === "warning");
  if (data.problems.length === 0) {
    lines.push(leftOut.length === 0
      ? "No problems found: every row was imported."
      : "No rows rejected and no warnings, but not everything was read: see above.");
    return `${lines.join("\n")}\n`;
  }
  lines.push(`Problems: ${errors.length} error${errors.length === 1 ? "" : "s"} (row or file rejected), ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (row imported, worth checking)`);
  for (const [severity, list] of [["error", errors], ["warning", warnings]] as const) {
    const groups = new Map<string, typeof list>();
    for (const p of list) groups.set(p.code, [...(groups.get(p.code) ?? []), p]);
    for (const [code, group] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      lines.push("", `  ${severity === "error" ? "ERROR" : "warning"}: ${PROBLEM_TITLES[code] ?? code} (${group.length})`);
      for (const p of group.slice(0, examples)) {
        lines.push(`    ${p.file}${p.line > 0 ? ` line ${p.line}` : ""}${p.column !== null ? `, column '${p.column}'` : ""}: ${p.message}`);
      }
      if (group.length > examples) lines.push(`    … and ${group.length - examples} more (use --json for all)`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Run `validate`: returns the exit status (0 all rows imported, 1 some rejected, 2 folder unusable).
 * @example
 * await runValidate("fixtures/sample-school", { json: true }, processIo()) // => 1
 */
export async function runValidate(folder: string, options: ValidateOptions, io: CommandIo): Promise<number> {
  let data: SchoolData;
  try {
    const mapping = options.mapping === undefined ? undefined : await loadMappingFile(options.mapping);
    const bar = wantsProgressBar(options.progress, options.json) ? importProgressBar() : null;
    try {
      data = await importFolder(folder, {
        ...(mapping === undefined ? {} : { mapping }),
        ...(bar === null ? {} : { onProgress: bar.onProgress }),
        ...(options.threads === undefined ? {} : { threads: options.threads }),
      });
    } finally {
      bar?.stop();
    }
  } catch (error) {
    if (error instanceof ImportError) {
      io.stderr(`sendscope validate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.json) io.stdout(`${JSON.stringify(validateJson(data), null, 2)}\n`);
  else io.stdout(formatValidateReport(data, folder, options.examples ?? 3));
  return validateExitCode(data);
}

