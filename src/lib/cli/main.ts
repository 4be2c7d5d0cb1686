/**
 * The `sendscope` command line: `validate` (import report) and `analyse` (the SEND report as JSON or text).
 */
import { Command, CommanderError, InvalidArgumentError as CommanderArgumentError } from "commander";
import { processIo, type CommandIo } from "./io.js";
import { runValidate } from "./validate.js";

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
    .action(async (folder: string, opts: { json: boolean; mapping?: string; examples: number }) => {
      exitCode = await runValidate(folder, { json: opts.json, examples: opts.examples, ...(opts.mapping === undefined ? {} : { mapping: opts.mapping }) }, io);
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}
