/**
 * `sendscope analyse <folder>`: import a folder of exports and print the one report, as JSON (`--json`) or as
 * a short readable summary of the headline figures.
 */
import { ImportError, InvalidArgumentError } from "../errors.js";
import { loadNationalFigures } from "../../data/national.js";
import { loadCostsConfig } from "../provision/config.js";
import { importProgressBar, wantsProgressBar } from "./progress.js";
import { analyseFolder } from "../report/analyse-folder.js";
import { policyFor } from "../disclosure/policy.js";
import { loadMappingFile } from "../import/import-folder.js";
import { writeJsonInPieces } from "./json-chunks.js";
import type { SendscopeReport } from "../report/schema.js";

/** Options of `runAnalyse` (the command's flags). */
export interface AnalyseOptions {
  /** Print the whole report as one JSON document. */
  json: boolean;
  /** Who the report is for: `senco` (everything) or `governors` (disclosure control applied). */
  audience: "senco" | "governors";
  /** The date the figures describe, yyyy-mm-dd; default the latest assessment date in the data. */
  asOf?: string;
  /** Smallest group shown to governors; default 6. */
  threshold?: number;
  /** Path of a national-figures JSON file replacing the built-in figures (see `loadNationalFigures`). */
  national?: string;
  /** Path of a column-mapping JSON file (see `loadMappingFile`); default `sendscope.mapping.json` in the folder, if any. */
  mapping?: string;
  /** Threads that read a folder of several schools (see `ImportOptions.threads`); default 2 for a large one. */
  threads?: number;
  /** The standardised score counted as at or above the line (see `BuildReportOptions.standardisedThreshold`); default 85. */
  standardisedThreshold?: number;
  /** Analyse an `asOf` outside the span of the data instead of refusing it (a warning is printed); default false. */
  force?: boolean;
  /** The name of a report on several schools; default the folder's name. */
  trustName?: string;
  /** Path of a costs file (`sendscope.costs.json`, see `loadCostsConfig`); default the built-in rates. */
  costs?: string;
}

interface Figure {
  n?: number | null;
  count?: number | null;
  rate?: number | null;
  suppressed?: boolean;
  suppressionReason?: string;
}

function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${(rate * 100).toFixed(1)}%`;
}

function describe(cell: Figure | undefined, what: (c: Figure) => string): string {
  if (!cell) return "no data";
  if (cell.suppressed) return `suppressed (${cell.suppressionReason ?? "small group"})`;
  if (cell.n === 0) return "no pupils";
  return what(cell);
}

/**
 * The readable summary `sendscope analyse` prints without `--json`: the date and audience, pupils counted,
 * SEN support and EHC plan shares against national, KS2 reading, writing and maths for SEN and non-SEN
 * pupils in the latest year with results, the direction of each gap trend, how many interventions show clear
 * impact, the number of schools (for a trust), and the import's problem counts. Suppressed figures say so.
 * @example
 * const lines = formatAnalyseSummary(buildReport(data, { asOf: "2026-06-22" })).split("\n");
 * lines[0] // => "sendscope analysis for the school, 2026-06-22 (for the SENCO)"
 * lines.at(-2) // => "  (use --json for the whole report)"
 */
export function formatAnalyseSummary(report: SendscopeReport): string {
  const m = report.meta;
  const who = m.audience === "senco" ? "for the SENCO" : `for ${m.audience}; groups under ${m.disclosure.threshold ?? 6} pupils suppressed`;
  const lines = [`sendscope analysis for ${m.schoolName ?? "the school"}, ${m.generatedFor} (${who})`];
  lines.push(`  pupils on roll: ${m.pupilsOnRoll ?? "–"} (academic year ${m.academicYear})`);
  for (const [code, label] of [["K", "SEN support"], ["E", "EHC plan"]] as const) {
    const cell = report.identification.senStatus.find((c) => c.group === code && !c.isTotal);
    const national = report.identification.national.find((x) => x.measure === "senShare" && x.group === code);
    const nat = national ? `; national ${percent(national.gap.nationalRate)} (${national.gap.nationalLabel})` : "";
    lines.push(`  ${label}: ${describe(cell, (c) => `${c.count ?? c.n} pupils, ${percent(c.rate)}${nat}`)}`);
  }
  const rwm = report.ks2Rwm.cells.filter((c) => c.dimension === "senAny");
  const year = rwm.map((c) => c.academicYear).sort().at(-1);
  if (year !== undefined) {
    const inYear = rwm.filter((c) => c.academicYear === year);
    for (const [group, label] of [["SEN", "SEN"], ["N", "no SEN"]] as const) {
      const cell = inYear.find((c) => c.group === group);
      lines.push(`  KS2 reading, writing and maths ${year}, ${label}: ${describe(cell, (c) => `${percent(c.rate)} of ${c.n}`)}`);
    }
  }
  for (const t of report.gaps.trends) {
    lines.push(`  gap trend, ${t.label} (SEN − no SEN): ${t.direction ?? "not shown"}`);
  }
  const interventions = report.interventions.interventions;
  if (interventions.length > 0) {
    const clear = interventions.filter((i) => i.impact?.verdict === "clear-impact").length;
    lines.push(`  interventions: ${interventions.length}, ${clear} with clear evidence of impact`);
  }
  if (report.schools !== undefined && report.schools.length > 0) {
    lines.push(`  schools: ${report.schools.length} (figures above are for all of them together; --json has each school's)`);
  }
  const p = m.import.problemCounts;
  lines.push(`  import: ${m.import.files.length} files, ${p.errors ?? 0} errors, ${p.warnings ?? 0} warnings (run sendscope validate for details)`);
  lines.push("  (use --json for the whole report)");
  return `${lines.join("\n")}\n`;
}

/**
 * Run `analyse`: import `folder`, build the report for the audience, print it. Returns the exit status:
 * 0 when the report was printed; 2 when the folder is missing, unreadable or holds no recognisable export,
 * an option is invalid, or `asOf` is outside the span of the data without `force` (a one-line message on
 * stderr, never a stack trace). With `force`, such a date is analysed and a warning goes to stderr.
 * @param folder the folder of CSV exports
 * @param options `json`, `audience`, `asOf`, `threshold` (see `AnalyseOptions`)
 * @param io where to write
 * @example
 * await runAnalyse("fixtures/sample-school", { json: true, audience: "governors" }, processIo()) // => 0
 * await runAnalyse("no/such/folder", { json: true, audience: "senco" }, processIo()) // => 2
 */
export async function runAnalyse(
  folder: string,
  options: AnalyseOptions,
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  let report: SendscopeReport;
  try {
    // A threshold below the floor for governors is refused before anything is imported.
    policyFor(options.audience, options.threshold === undefined ? {} : { threshold: options.threshold });
    const national = options.national === undefined ? undefined : await loadNationalFigures(options.national);
    const mapping = options.mapping === undefined ? undefined : await loadMappingFile(options.mapping);
    const costs = options.costs === undefined ? undefined : await loadCostsConfig(options.costs);
    const bar = wantsProgressBar(undefined, options.json) ? importProgressBar() : null;
    try {
      // A trust's records (hundreds of MB) are let go inside `analyseFolder`, before disclosure control.
      report = await analyseFolder(folder, {
        ...(bar === null ? {} : { onProgress: bar.onProgress }),
        ...(mapping === undefined ? {} : { mapping }),
        ...(options.threads === undefined ? {} : { threads: options.threads }),
        ...(national === undefined ? {} : { national }),
        ...(costs === undefined ? {} : { costs }),
        audience: options.audience,
        ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
        ...(options.standardisedThreshold === undefined ? {} : { standardisedThreshold: options.standardisedThreshold }),
        ...(options.trustName === undefined ? {} : { trustName: options.trustName }),
        ...(options.force === true ? { force: true } : {}),
      });
    } finally {
      bar?.stop();
    }
  } catch (error) {
    if (error instanceof ImportError || error instanceof InvalidArgumentError) {
      io.stderr(`sendscope analyse: ${error.message.split("\n")[0]}\n`);
      return 2;
    }
    throw error;
  }
  const span = report.meta.dataSpan;
  if (span !== null && (report.meta.generatedFor < span.from || report.meta.generatedFor > span.to)) {
    io.stderr(`sendscope analyse: warning: ${report.meta.generatedFor} is outside the data (${span.from} to ${span.to}); the report was made because of --force and may describe no pupils or results\n`);
  }
  if (!options.json) {
    io.stdout(formatAnalyseSummary(report));
    return 0;
  }
  writeJsonInPieces(report, io.stdout);
  return 0;
}
