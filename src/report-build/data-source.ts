/**
 * The data behind the dashboards: one school's exports (the folder in env `SENDSCOPE_DATA`, or the bundled
 * sample school) turned into the sendscope report for one audience, compared with the national figures in the
 * JSON file named by env `SENDSCOPE_NATIONAL` (default: the built-in figures). The dashboards' data loaders call
 * `loadDashboardReport` and write its JSON; nothing else reaches a page. Env `SENDSCOPE_SCHOOL_NAME` (set by
 * `sendscope report`) names the school on the pages, and env `SENDSCOPE_IMPORTED` (also set by it) hands over
 * the data it imported, so the folder is imported once for both sites.
 *
 * For governors the report has already passed disclosure control, lost staff names and been scanned for pupil
 * identifiers in `buildReport`.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importFolder } from "../lib/import/import-folder.js";
import type { SchoolData } from "../lib/schema/school-data.js";
import { buildReport } from "../lib/report/build-report.js";
import type { Audience } from "../lib/disclosure/policy.js";
import { NEED_LABELS, SEN_STATUS_LABELS } from "../data/codes.js";
import { loadNationalFigures } from "../data/national.js";
import { IMPORTED_ENV, type ImportedHandover } from "../lib/cli/report.js";
import { reportName } from "../lib/report/report-name.js";
import { PROBLEM_TITLES } from "../lib/cli/problem-titles.js";
import { annualReviewPlan } from "../lib/documents/review-plan.js";

/**
 * What the import did not read, for the SENCO's data-quality page: files in the folder it did not read (with
 * why and what to do), each file's columns it read for nothing, and the rows it skipped (blank and summary
 * rows), so that the page accounts for every file, column and row as `sendscope validate` does.
 * @example
 * notReadOf(await importFolder("fixtures/sample-school")).files.length // => 2 (its README.md and expected-problems.json)
 */
export function notReadOf(data: SchoolData): {
  files: Array<{ file: string; reason: string }>;
  columns: Array<{ file: string; column: string }>;
  rows: Array<{ file: string; line: number; reason: string }>;
} {
  return {
    files: (data.unreadFiles ?? []).map((u) => ({ file: u.file, reason: u.reason })),
    columns: data.files.flatMap((f) => (f.ignoredColumns ?? []).map((column) => ({ file: f.file, column }))),
    rows: data.files.flatMap((f) => (f.skippedRows ?? []).map((r) => ({ file: f.file, line: r.line, reason: r.reason }))),
  };
}

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** The bundled synthetic sample school. */
export const SAMPLE_SCHOOL = resolve(REPO_ROOT, "fixtures", "sample-school");

/**
 * The folder of exports the dashboards show: env `SENDSCOPE_DATA` (resolved from the current folder) or the
 * sample school.
 * @example
 * dataFolder() // => "/…/fixtures/sample-school"
 */
export function dataFolder(): string {
  const fromEnv = process.env.SENDSCOPE_DATA;
  return fromEnv !== undefined && fromEnv.trim() !== "" ? resolve(fromEnv) : SAMPLE_SCHOOL;
}

/**
 * The report one audience's dashboards are built from: `buildReport` on the data folder, plus `labels` (need
 * and SEN status names; for the SENCO also the import problems' titles) and, for the SENCO only, the data folder's path. `buildReport` is the one privacy
 * gate: for governors it has already applied disclosure control, left out staff names and checked the result
 * for every imported pupil's UPN, name and date of birth (it throws rather than return one); nothing added
 * here comes from pupil data.
 * @param audience `"senco"` or `"governors"`
 * @param folder the exports; default `dataFolder()`
 * @throws {InvalidArgumentError} (from `buildReport`) when the data has no date or an identifier would leak
 * @example
 * const report = await loadDashboardReport("governors");
 * report.meta.audience // => "governors"
 */
export async function loadDashboardReport(audience: Audience, folder: string = dataFolder()): Promise<Record<string, unknown>> {
  const data = (await importedData(folder)) ?? (await importFolder(folder));
  const nationalFile = process.env.SENDSCOPE_NATIONAL;
  const national = nationalFile ? await loadNationalFigures(nationalFile) : undefined;
  const report = buildReport(data, { audience, ...(national === undefined ? {} : { national }) }) as unknown as Record<string, unknown>;
  // The name on the reports (see `reportName`): env SENDSCOPE_SCHOOL_NAME (set by `sendscope report`, which
  // applied the same rule to --school-name), else the exports' own, else the folder's name; never a placeholder.
  const schoolName = reportName({ given: process.env.SENDSCOPE_SCHOOL_NAME, data, folder });
  (report as { meta: unknown }).meta = { ...(report.meta as Record<string, unknown>), schoolName };
  const out: Record<string, unknown> = {
    ...report,
    dataFolder: audience === "senco" ? folder : null,
    // For the SENCO only (file names and column headers can name pupils): what the import did not read.
    ...(audience === "senco" ? { notRead: notReadOf(data) } : {}),
    // For the SENCO only (names pupils): each EHC plan's annual-review plan on the report's date.
    ...(audience === "senco" ? { reviewPlan: annualReviewPlan(data, (report.meta as { generatedFor: string }).generatedFor) } : {}),
    labels: { needs: NEED_LABELS, senStatus: SEN_STATUS_LABELS, ...(audience === "senco" ? { problems: PROBLEM_TITLES } : {}) },
  };
  return out;
}

/**
 * The data `sendscope report` imported and handed over (env `SENDSCOPE_IMPORTED`, see `writeImported`), when
 * it is of `folder`; else null, and the caller imports the folder itself.
 * @example
 * await importedData("/d/exports") // => null outside `sendscope report`
 */
export async function importedData(folder: string): Promise<SchoolData | null> {
  const file = process.env[IMPORTED_ENV];
  if (file === undefined || file.trim() === "") return null;
  let handover: ImportedHandover;
  try {
    handover = JSON.parse(await readFile(file, "utf8")) as ImportedHandover;
  } catch {
    return null;
  }
  return resolve(handover.folder) === resolve(folder) ? handover.data : null;
}
