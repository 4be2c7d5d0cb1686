/**
 * `analyseFolder`: import a folder and build its report in one call, using a second thread for a
 * multi-school folder's per-school sections.
 */
import { importFolder, type ImportOptions } from "../import/import-folder.js";
import type { SendscopeReport } from "./schema.js";
import { buildReport, buildReportAlongside, defaultAsOf, type BuildReportOptions } from "./build-report.js";
import { hasSchoolFolders, startSchoolSections } from "./school-sections.js";

/** Options of `analyseFolder`: those of `importFolder` and `buildReport`, and whether to use a second thread. */
export interface AnalyseFolderOptions extends ImportOptions, BuildReportOptions {
  /**
   * Make a multi-school folder's per-school sections on a worker thread while this one imports and analyses
   * the whole folder (the report is the same either way); default true. Used only when the folder has
   * at least two sub-folders (one per school).
   */
  sectionsWorker?: boolean;
}

/**
 * Imports `folder` (`importFolder`) and builds its report (`buildReport`): the same report as
 * `buildReport(await importFolder(folder, options), options)`. When the folder holds one sub-folder per school,
 * the per-school sections are made on a worker thread at the same time (`startSchoolSections`), so a trust's
 * report takes both cores; the worker holds one school's records at a time.
 * @param folder the folder of exports
 * @param options the import options (`mapping`, `academicYear`, `onProgress`), the report options (`asOf`,
 *   `audience`, `threshold`, `national`) and `sectionsWorker` (default true)
 * @throws {ImportError} as `importFolder` does
 * @throws {InvalidArgumentError} as `buildReport` does
 * @example
 * const report = await analyseFolder("fixtures/sample-school", { audience: "governors" });
 * report.meta.audience // => "governors"
 */
export async function analyseFolder(folder: string, options: AnalyseFolderOptions = {}): Promise<SendscopeReport> {
  const { mapping, academicYear, onProgress, sectionsWorker, ...reportOptions } = options;
  const importOptions: ImportOptions = {
    ...(mapping === undefined ? {} : { mapping }),
    ...(academicYear === undefined ? {} : { academicYear }),
    ...(onProgress === undefined ? {} : { onProgress }),
  };
  const worker = sectionsWorker !== false && await hasSchoolFolders(folder)
    ? startSchoolSections({
      folder,
      import: { ...(mapping === undefined ? {} : { mapping }), ...(academicYear === undefined ? {} : { academicYear }) },
      asOf: reportOptions.asOf ?? null,
      ...(reportOptions.national === undefined ? {} : { national: reportOptions.national }),
    })
    : null;
  try {
    const data = await importFolder(folder, importOptions);
    if (worker === null) return buildReport(data, reportOptions);
    if (reportOptions.asOf === undefined) {
      // The worker waits for the date the report describes (when the data has none, `buildReport` says so).
      const asOf = dateOrNull(() => defaultAsOf(data).asOf);
      if (asOf !== null) worker.setAsOf(asOf);
    }
    return await buildReportAlongside(data, reportOptions, worker);
  } finally {
    await worker?.stop();
  }
}

function dateOrNull(find: () => string): string | null {
  try {
    return find();
  } catch {
    return null;
  }
}
