/**
 * `sendscope profile <folder> --pupil <UPN or MIS id> [--parents | --evidence-pack [--costs file]]`: one
 * pupil's profile for the SENCO (confidential), with `--parents` the report for the pupil's parents, or with
 * `--evidence-pack` the top-up evidence pack (the profile with the costed provision map; confidential), as
 * HTML, Markdown and (with a browser) PDF.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ImportError, InvalidArgumentError } from "../errors.js";
import { importFolder, loadMappingFile } from "../import/import-folder.js";
import { findPupilIdentifiers } from "../disclosure/identifiers.js";
import { defaultAsOf } from "../cohort/default-as-of.js";
import { reportName } from "../report/report-name.js";
import { costsConfig, loadCostsConfig } from "../provision/config.js";
import { pupilProvisionCosts } from "../provision/pupil-costs.js";
import { evidencePackDocument } from "../documents/pupil-evidence-pack.js";
import { documentHtml, documentMarkdown } from "../documents/document.js";
import { dateLabel } from "../format/text.js";
import { pupilTimeline } from "../documents/pupil-timeline.js";
import { parentsReportDocument, pupilProfileDocument } from "../documents/pupil-documents.js";
import type { CommandIo } from "./io.js";
import { writeDocumentFiles } from "./print-documents.js";

/** Options of `runProfile` (the command's flags). */
export interface ProfileOptions {
  /** The pupil's UPN or MIS id. */
  pupil: string;
  /** The report for parents instead of the SENCO's profile. */
  parents?: boolean;
  /** The top-up evidence pack instead of the profile (not with `parents`). */
  evidencePack?: boolean;
  /** A costs file (`sendscope.costs.json`) for the evidence pack's costs, as `analyse --costs`; default the built-in rates. */
  costs?: string;
  /** Folder the files go in (made if missing). */
  out: string;
  /** The date of the record (default: the latest assessment date in the data). */
  asOf?: string;
  /** The date printed as prepared (default today). */
  preparedOn?: string;
  /** The school's name on the document (default: the report name rule, `reportName`). */
  schoolName?: string;
  /** Print a PDF with a browser; default true. */
  pdf?: boolean;
  /** A column-mapping JSON file. */
  mapping?: string;
}

/**
 * A name made safe for a file name: letters (any alphabet), digits and dashes.
 * @example
 * fileSlug("Siân O'Connor") // => "Siân-OConnor"
 */
export function fileSlug(text: string): string {
  return text.normalize("NFC").replace(/['’]/g, "").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") || "pupil";
}

/**
 * Run `profile`: import the folder, build the pupil's timeline on `asOf`, write the SENCO's profile (with
 * `parents`, the report for parents; with `evidencePack`, the top-up evidence pack costed with `costs`) as HTML
 * and Markdown, and print the PDF with a browser when one is found. The school's name is `reportName`'s (the
 * `schoolName` given, else the pupils' records, else the folder's). The report for parents and the evidence
 * pack are checked for any other pupil's name, UPN or MIS id before they are written (exit 1 if one is there).
 * Returns 0, or 2 for a folder, pupil, costs file or option that cannot be used.
 * @example
 * await runProfile("fixtures/sample-school", { pupil: "001435", parents: true, out: "documents" }, processIo()) // => 0
 */
export async function runProfile(folder: string, options: ProfileOptions, io: CommandIo): Promise<number> {
  if (options.parents === true && options.evidencePack === true) {
    io.stderr("sendscope profile: --parents and --evidence-pack are two different documents: give one\n");
    return 2;
  }
  if (options.costs !== undefined && options.evidencePack !== true) {
    io.stderr("sendscope profile: --costs is for the evidence pack: add --evidence-pack\n");
    return 2;
  }
  let built;
  try {
    const config = options.costs === undefined ? costsConfig() : await loadCostsConfig(options.costs);
    const mapping = options.mapping === undefined ? undefined : await loadMappingFile(options.mapping);
    const data = await importFolder(folder, mapping === undefined ? {} : { mapping });
    const asOf = options.asOf ?? defaultAsOf(data).asOf;
    const timeline = pupilTimeline(data, options.pupil, asOf);
    const schoolName = reportName({ given: options.schoolName, data, folder });
    const docOptions = { preparedOn: options.preparedOn ?? new Date().toISOString().slice(0, 10), schoolName };
    const doc = options.parents === true ? parentsReportDocument(timeline, docOptions)
      : options.evidencePack === true ? evidencePackDocument(timeline, pupilProvisionCosts(data, timeline.pupil.pupilId, asOf, config), docOptions)
        : pupilProfileDocument(timeline, docOptions);
    built = { data, timeline, doc, asOf };
  } catch (error) {
    if (error instanceof ImportError || error instanceof InvalidArgumentError) {
      io.stderr(`sendscope profile: ${error.message.split("\n")[0]}\n`);
      return 2;
    }
    throw error;
  }
  const { data, timeline, doc, asOf } = built;
  const markdown = documentMarkdown(doc);
  const html = documentHtml(doc);
  const p = timeline.pupil;
  if (options.parents === true || options.evidencePack === true) {
    const others = data.pupils.filter((x) => x.pupilId !== p.pupilId);
    // The evidence pack names its own pupil's UPN (the authority needs it): masked here, so that the scan's
    // UPN look-alike test finds any other UPN but not this one.
    const own = (text: string) => (options.evidencePack === true && p.upn ? text.split(p.upn).join("[the pupil's UPN]") : text);
    const found = findPupilIdentifiers({ markdown: own(markdown), html: own(html) }, others);
    if (found.length > 0) {
      io.stderr(`sendscope profile: the ${options.parents === true ? "report for parents" : "evidence pack"} would name another pupil (${found[0]!.kind} at ${found[0]!.path}); nothing was written\n`);
      return 1;
    }
  }
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const stem = options.parents === true
    ? join(out, `report-for-parents-${fileSlug(`${p.forename} ${p.surname}`)}-${asOf}`)
    : join(out, `${options.evidencePack === true ? "top-up-evidence-pack" : "pupil-profile"}-${fileSlug(`${p.surname} ${p.forename}`)}-${asOf}`);
  const what = options.parents === true ? `Report for the parents of ${p.forename} ${p.surname}`
    : `${options.evidencePack === true ? "Top-up evidence pack" : "Pupil profile"} of ${p.forename} ${p.surname} (CONFIDENTIAL)`;
  const footer = options.parents === true ? `${p.forename}'s progress · up to ${dateLabel(asOf)}`
    : `CONFIDENTIAL · ${options.evidencePack === true ? "top-up evidence pack" : "pupil profile"} of ${p.forename} ${p.surname} · up to ${dateLabel(asOf)}`;
  const lines = [`${what}, up to ${dateLabel(asOf)}:`, ...await writeDocumentFiles(stem, { markdown, html }, { pdf: options.pdf !== false, footer })];
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}
