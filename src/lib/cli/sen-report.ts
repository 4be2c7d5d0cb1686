/**
 * `sendscope sen-report <folder>`: the data sections of the annual SEN information report, from the report
 * disclosed for the public, as Markdown (to paste into the school's template), one HTML file and, with a
 * browser, a PDF.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadNationalFigures } from "../../data/national.js";
import { ImportError, InvalidArgumentError } from "../errors.js";
import { loadMappingFile } from "../import/import-folder.js";
import { policyFor } from "../disclosure/policy.js";
import { assertNoPupilIdentifiers } from "../disclosure/identifiers.js";
import { analyseFolder } from "../report/analyse-folder.js";
import { nameFromFolder } from "../report/report-name.js";
import { documentHtml, documentMarkdown } from "../documents/document.js";
import { dateLabel } from "../format/text.js";
import { senInformationReport } from "../documents/sen-report.js";
import type { CommandIo } from "./io.js";
import { writeDocumentFiles } from "./print-documents.js";

/** Options of `runSenReport` (the command's flags). */
export interface SenReportCliOptions {
  /** Folder the files go in (made if missing; files of the same name are replaced). */
  out: string;
  /** The date the figures describe; default the latest assessment date in the data. */
  asOf?: string;
  /** Smallest group shown; default 6 (never below 6). */
  threshold?: number;
  /** A national-figures JSON file (see `loadNationalFigures`). */
  national?: string;
  /** A column-mapping JSON file (see `loadMappingFile`). */
  mapping?: string;
  /** The school's name on the report. */
  schoolName?: string;
  /** The date the report is prepared (yyyy-mm-dd); default today. */
  preparedOn?: string;
  /** Print a PDF with a browser; default true. */
  pdf?: boolean;
}

/** Today as yyyy-mm-dd (the document's date of preparation, never the figures' date). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Run `sen-report`: import the folder, build its report for the public (`analyseFolder`, audience `public`),
 * write `sen-information-report-<as-of>.md` and `.html` in `out`, and print the PDF with a browser when one is
 * found. Returns 0 when the files were written (with or without the PDF), 2 for a folder or option that cannot
 * be used (one line on stderr).
 * @example
 * await runSenReport("fixtures/sample-school", { out: "documents" }, processIo()) // => 0
 */
export async function runSenReport(folder: string, options: SenReportCliOptions, io: CommandIo): Promise<number> {
  let report;
  try {
    policyFor("public", options.threshold === undefined ? {} : { threshold: options.threshold });
    const national = options.national === undefined ? undefined : await loadNationalFigures(options.national);
    const mapping = options.mapping === undefined ? undefined : await loadMappingFile(options.mapping);
    report = await analyseFolder(folder, {
      audience: "public",
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      ...(national === undefined ? {} : { national }),
      ...(mapping === undefined ? {} : { mapping }),
    });
  } catch (error) {
    if (error instanceof ImportError || error instanceof InvalidArgumentError) {
      io.stderr(`sendscope sen-report: ${error.message.split("\n")[0]}\n`);
      return 2;
    }
    throw error;
  }
  // Named as `sendscope report` names the same folder: --school-name, else the pupils' school, else the folder.
  const schoolName = options.schoolName ?? report.meta.schoolName ?? nameFromFolder(folder);
  const doc = senInformationReport(report, { preparedOn: options.preparedOn ?? today(), schoolName });
  const markdown = documentMarkdown(doc);
  const html = documentHtml(doc);
  // Belt and braces: the report passed the identifier guard; the words added here hold none either.
  assertNoPupilIdentifiers({ markdown, html }, [], "sendscope sen-report");
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const stem = join(out, `sen-information-report-${report.meta.generatedFor}`);
  const d = report.meta.disclosure;
  const footer = `SEN information report · figures as at ${dateLabel(report.meta.generatedFor)}`;
  const lines = [
    `SEN information report (figures as at ${dateLabel(report.meta.generatedFor)}, for the public: groups under ${d.threshold} hidden, counts rounded to ${d.roundCountsTo ?? 1}):`,
    ...await writeDocumentFiles(stem, { markdown, html }, { pdf: options.pdf !== false, footer }),
  ];
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}
