/**
 * `analyseFolder`: import a folder and build its report in one call, in stages that keep a trust's memory
 * down, optionally with a second thread for a multi-school folder's per-school sections.
 */
import { basename, resolve } from "node:path";
import { importFolder, type ImportOptions } from "../import/import-folder.js";
import type { SendscopeReport } from "./schema.js";
import { buildReportInStages, type BuildReportOptions } from "./build-report.js";
import { hasSchoolFolders, startSchoolSections } from "./school-sections.js";

/** Options of `analyseFolder`: those of `importFolder` and `buildReport`, and whether to use a second thread. */
export interface AnalyseFolderOptions extends ImportOptions, BuildReportOptions {
  /**
   * Make a multi-school folder's per-school sections on a worker thread while this one imports and analyses
   * the whole folder (the report is the same either way); default false. Used only when the folder has at
   * least two sub-folders (one per school). The worker imports the folder again, school by school, so it
   * costs CPU and about 200 MB: on a 2-core machine it is slower, as it takes the core the main thread's
   * garbage collector uses (100k-pupil trust: 12.7–14.0 s against 11.8–13.1 s without, three runs each).
   * Worth trying where there are cores and memory to spare.
   */
  sectionsWorker?: boolean;
}

/**
 * Imports `folder` (`importFolder`) and builds its report: the same report as
 * `buildReport(await importFolder(folder, options), options)`, made in stages so a trust's folder needs less
 * time and memory (`buildReportInStages`: the imported records and the analyses' indexes are let go once
 * the analyses are done, before disclosure control). A folder of several schools (a trust) is named after the
 * folder unless `trustName` is given. A large folder of several schools is imported on two
 * threads (`threads`). With `sectionsWorker`, a folder of one sub-folder per school has its per-school
 * sections made on a worker thread at the same time (`startSchoolSections`).
 * @param folder the folder of exports
 * @param options the import options (`mapping`, `academicYear`, `onProgress`, `threads`), the report options (`asOf`,
 *   `audience`, `threshold`, `national`) and `sectionsWorker` (default false)
 * @throws {ImportError} as `importFolder` does
 * @throws {InvalidArgumentError} as `buildReport` does
 * @example
 * const report = await analyseFolder("fixtures/sample-school", { audience: "governors" });
 * report.meta.audience // => "governors"
 */
export async function analyseFolder(folder: string, options: AnalyseFolderOptions = {}): Promise<SendscopeReport> {
  const { mapping, academicYear, onProgress, threads, sectionsWorker, ...rest } = options;
  // A trust's report is named for the trust: the folder's name unless one is given.
  const reportOptions: BuildReportOptions = { ...rest, trustName: rest.trustName ?? basename(resolve(folder)) };
  // How to read the files: the same for this thread's import and the worker's.
  const reading: Pick<ImportOptions, "mapping" | "academicYear"> = {
    ...(mapping === undefined ? {} : { mapping }),
    ...(academicYear === undefined ? {} : { academicYear }),
  };
  const importOptions: ImportOptions = {
    ...reading,
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(threads === undefined ? {} : { threads }),
  };
  const worker = sectionsWorker === true && await hasSchoolFolders(folder)
    ? startSchoolSections({
      folder,
      import: reading,
      asOf: reportOptions.asOf ?? null,
      ...(reportOptions.national === undefined ? {} : { national: reportOptions.national }),
      ...(reportOptions.standardisedThreshold === undefined ? {} : { standardisedThreshold: reportOptions.standardisedThreshold }),
    })
    : null;
  try {
    // The data is imported inside `buildReportInStages`, which lets it go before disclosure control.
    return await buildReportInStages(() => importFolder(folder, importOptions), reportOptions, worker);
  } finally {
    await worker?.stop();
  }
}
