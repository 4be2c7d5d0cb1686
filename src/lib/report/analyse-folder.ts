/**
 * `analyseFolder`: import a folder and build its report in one call, in stages that keep a trust's memory
 * down.
 */
import { importFolder, type ImportOptions } from "../import/import-folder.js";
import type { SendscopeReport } from "./schema.js";
import { buildReportInStages, type BuildReportOptions } from "./build-report.js";
import { nameFromFolder } from "./report-name.js";

/** Options of `analyseFolder`: those of `importFolder` and `buildReport`. */
export interface AnalyseFolderOptions extends ImportOptions, BuildReportOptions {}

/**
 * Imports `folder` (`importFolder`) and builds its report: the same report as
 * `buildReport(await importFolder(folder, options), options)`, made in stages so a trust's folder needs less
 * time and memory (`buildReportInStages`: the imported records and the analyses' indexes are let go once
 * the analyses are done, before disclosure control). A folder of several schools (a trust) is named after the
 * folder (`nameFromFolder`: "riverside-trust" → "Riverside trust") unless `trustName` is given. A large folder of several schools is imported on two
 * threads (`threads`).
 * @param folder the folder of exports
 * @param options the import options (`mapping`, `academicYear`, `onProgress`, `threads`), the report options (`asOf`,
 *   `audience`, `threshold`, `national`)
 * @throws {ImportError} as `importFolder` does
 * @throws {InvalidArgumentError} as `buildReport` does
 * @example
 * const report = await analyseFolder("fixtures/sample-school", { audience: "governors" });
 * report.meta.audience // => "governors"
 */
export async function analyseFolder(folder: string, options: AnalyseFolderOptions = {}): Promise<SendscopeReport> {
  const { mapping, academicYear, onProgress, threads, ...rest } = options;
  // A trust's report is named for the trust: the folder's name, made readable, unless one is given.
  const reportOptions: BuildReportOptions = { ...rest, trustName: rest.trustName ?? nameFromFolder(folder) };
  const importOptions: ImportOptions = {
    ...(mapping === undefined ? {} : { mapping }),
    ...(academicYear === undefined ? {} : { academicYear }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(threads === undefined ? {} : { threads }),
  };
  // The data is imported inside `buildReportInStages`, which lets it go before disclosure control.
  return buildReportInStages(() => importFolder(folder, importOptions), reportOptions);
}
