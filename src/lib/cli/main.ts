/**
 * The `sendscope` command line: `validate` (import report), `analyse` (the SEND report as JSON or text),
 * `report` (the dashboards, the governors' HTML file and PDF) and `serve` (open the built reports).
 * Exit status: 0 success; 1 `validate` rejected some rows; 2 unusable folder or usage error.
 */
import { Command, CommanderError, InvalidArgumentError as CommanderArgumentError } from "commander";
import { processIo, type CommandIo } from "./io.js";
// Each command's module is loaded only when that command runs: `validate` never loads the analyses, the
// disclosure audit's solver or the report builder.
import { VERSION } from "./version.js";

function audience(value: string): "senco" | "governors" {
  if (value === "senco" || value === "governors") return value;
  throw new CommanderArgumentError("expected senco or governors");
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CommanderArgumentError("expected a date as yyyy-mm-dd");
  return value;
}

const THREADS_HELP = "threads that read a folder of several schools (default: 2 for one of 16 MB or more, on 2+ cores)";

/**
 * A command's options as commander parsed them, without the ones not given (left `undefined`): the options
 * each command's `run…` function takes, under the same names.
 */
function given<T extends object>(opts: T): T {
  return Object.fromEntries(Object.entries(opts).filter(([, value]) => value !== undefined)) as T;
}

function positiveWholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderArgumentError("expected a whole number of 1 or more");
  return n;
}

/**
 * Run the CLI with arguments (without `node` and the script) and return the exit status. Never throws for
 * bad input: usage errors print a message and return 2.
 * @example
 * await main(["validate", "fixtures/sample-school", "--json"]) // => 1 (the sample school has deliberate problems)
 */
export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name("sendscope")
    .description("SEND analytics for English schools: import MIS exports, analyse, report.")
    .version(VERSION, "-V, --version", "print the version of sendscope")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  program
    .command("validate")
    .description("import a folder of MIS/assessment CSV exports and report every row imported or rejected")
    .argument("<folder>", "folder holding the CSV exports")
    .option("--json", "print one JSON object instead of the readable report", false)
    .option("--mapping <file>", "a column-mapping JSON file for headers sendscope does not know")
    .option("--examples <n>", "example lines shown per problem group", positiveWholeNumber, 3)
    .option("--threads <n>", THREADS_HELP, positiveWholeNumber)
    .action(async (folder: string, opts: { json: boolean; mapping?: string; examples: number; threads?: number }) => {
      exitCode = await (await import("./validate.js")).runValidate(folder, given(opts), io);
    });
  program
    .command("analyse")
    .description("analyse SEND attainment, progress, gaps, attendance, reviews and interventions; print the report")
    .argument("<folder>", "folder holding the CSV exports")
    .option("--json", "print the whole report as one JSON document", false)
    .option("--audience <who>", "senco (everything, pupil lists included) or governors (aggregates only, small groups suppressed)", audience, "senco")
    .option("--as-of <date>", "the date the figures describe (default: the latest assessment date in the data)", isoDate)
    .option("--threshold <n>", "suppress groups of fewer than n pupils (governors; default 6, and never below 6)", positiveWholeNumber)
    .option("--national <file>", "a national-figures JSON file to compare against instead of the built-in figures")
    .option("--mapping <file>", "a column-mapping JSON file for headers sendscope does not know")
    .option("--threads <n>", THREADS_HELP, positiveWholeNumber)
    .option("--standardised-threshold <n>", "the standardised score (mean 100) counted as at or above the line in attainment shares (default 85: average or above)", positiveWholeNumber)
    .option("--force", "analyse an --as-of date outside the span of the data instead of refusing it (with a warning)", false)
    .option("--trust-name <name>", "the name of a report on several schools (default: the folder's name)")
    .option("--costs <file>", "a sendscope.costs.json of staff rates, group sizes, the £6,000 threshold and top-up bands (default: the built-in rates)")
    .action(async (folder: string, opts: { json: boolean; audience: "senco" | "governors"; asOf?: string; threshold?: number; national?: string; mapping?: string; threads?: number; standardisedThreshold?: number; force: boolean; trustName?: string; costs?: string }) => {
      exitCode = await (await import("./analyse.js")).runAnalyse(folder, given(opts), io);
    });
  program
    .command("map")
    .description("write a draft sendscope.mapping.json for the files sendscope could not read fully, each guess explained")
    .argument("<folder>", "folder holding the exports")
    .option("--force", "replace an existing mapping file", false)
    .option("--out <file>", "where to write the draft (default: sendscope.mapping.json in the folder)")
    .action(async (folder: string, opts: { force: boolean; out?: string }) => {
      exitCode = await (await import("./map.js")).runMap(folder, given(opts), io);
    });
  program
    .command("report")
    .description("build the SENCO's site, the governors' site and the governors' report as one HTML file and a PDF (needs a clone of the sendscope repository)")
    .argument("<folder>", "folder holding the CSV exports")
    .option("--out <dir>", "where the reports go (replaced as a whole once the new ones are complete)", "reports")
    .option("--school-name <name>", "the school's or trust's name on the reports (default: from the exports, else the folder's name)")
    .action(async (folder: string, opts: { out: string; schoolName?: string }) => {
      exitCode = await (await import("./report.js")).runReport(folder, given(opts), io);
    });
  program
    .command("sen-report")
    .description("write the data sections of the annual SEN information report (for the public: small groups hidden, counts rounded) as Markdown, HTML and PDF")
    .argument("<folder>", "folder holding the CSV exports")
    .option("--out <dir>", "where the files go", "documents")
    .option("--as-of <date>", "the date the figures describe (default: the latest assessment date in the data)", isoDate)
    .option("--prepared-on <date>", "the date printed as the report's date (default: today)", isoDate)
    .option("--threshold <n>", "hide groups of fewer than n pupils (default 6, and never below 6)", positiveWholeNumber)
    .option("--national <file>", "a national-figures JSON file to compare against instead of the built-in figures")
    .option("--mapping <file>", "a column-mapping JSON file for headers sendscope does not know")
    .option("--school-name <name>", "the school's name on the report")
    .option("--no-pdf", "do not print a PDF")
    .action(async (folder: string, opts: { out: string; asOf?: string; preparedOn?: string; threshold?: number; national?: string; mapping?: string; schoolName?: string; pdf: boolean }) => {
      exitCode = await (await import("./sen-report.js")).runSenReport(folder, given(opts), io);
    });
  program
    .command("reviews")
    .description("plan every EHC plan's annual review (due date, meeting, advice, invitations, report), optionally as an .ics calendar (CONFIDENTIAL: names pupils)")
    .argument("<folder>", "folder holding the CSV exports")
    .option("--as-of <date>", "the date to plan from (default: today)", isoDate)
    .option("--ics <file>", "also write the plan as an iCalendar file")
    .option("--names", "name pupils in full in the calendar (default: initials and year group)", false)
    .option("--advice-weeks <n>", "weeks before the meeting to ask for advice and reports (default 6)", positiveWholeNumber)
    .option("--mapping <file>", "a column-mapping JSON file for headers sendscope does not know")
    .action(async (folder: string, opts: { asOf?: string; ics?: string; names: boolean; adviceWeeks?: number; mapping?: string }) => {
      exitCode = await (await import("./reviews.js")).runReviews(folder, given(opts), io);
    });
  program
    .command("profile")
    .description("one pupil's profile for the SENCO (CONFIDENTIAL), with --parents the report for the pupil's parents, or with --evidence-pack the top-up evidence pack (CONFIDENTIAL), as HTML, Markdown and PDF")
    .argument("<folder>", "folder holding the CSV exports")
    .requiredOption("--pupil <id>", "the pupil's UPN or MIS id (admission number)")
    .option("--parents", "the report for the pupil's parents (plain English, about this child only)", false)
    .option("--evidence-pack", "the top-up evidence pack (CONFIDENTIAL): the profile with the costed provision map against the £6,000 threshold", false)
    .option("--costs <file>", "with --evidence-pack: a sendscope.costs.json of rates, group sizes, threshold and top-up bands, as for analyse")
    .option("--out <dir>", "where the files go", "documents")
    .option("--as-of <date>", "the date of the record (default: the latest assessment date in the data)", isoDate)
    .option("--prepared-on <date>", "the date printed as the document's date (default: today)", isoDate)
    .option("--school-name <name>", "the school's name on the document")
    .option("--no-pdf", "do not print a PDF")
    .option("--mapping <file>", "a column-mapping JSON file for headers sendscope does not know")
    .action(async (folder: string, opts: { pupil: string; parents: boolean; evidencePack: boolean; costs?: string; out: string; asOf?: string; preparedOn?: string; schoolName?: string; pdf: boolean; mapping?: string }) => {
      exitCode = await (await import("./profile.js")).runProfile(folder, given(opts), io);
    });
  program
    .command("serve")
    .description("serve built reports on this computer only (127.0.0.1) and print the address to open")
    .argument("[dir]", "the folder of reports", "reports")
    .option("--port <n>", "the port (default: any free one)", positiveWholeNumber)
    .option("--open", "open the address in the default browser", false)
    .action(async (dir: string, opts: { port?: number; open: boolean }) => {
      const served = await (await import("./serve.js")).runServe(dir, given(opts), io);
      if (typeof served === "number") exitCode = served;
      else await new Promise<void>(() => undefined); // serve until the process is stopped
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}
