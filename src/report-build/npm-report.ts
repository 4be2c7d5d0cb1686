/**
 * `npm run report [-- <folder> [--out <dir>] [--school-name <name>]]`: `sendscope report` on the folder given,
 * or on the bundled sample school when none is. A positional folder (not an environment variable) so the
 * same command works in Windows cmd, PowerShell and a Unix shell.
 */
import { main } from "../lib/cli/main.js";
import { processIo } from "../lib/cli/io.js";
import { SAMPLE_SCHOOL } from "./data-source.js";

const args = process.argv.slice(2);
const folderGiven = args.length > 0 && !args[0]!.startsWith("-");
const argv = folderGiven ? ["report", ...args] : ["report", SAMPLE_SCHOOL, ...args];
main(argv, processIo()).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`sendscope report: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  process.exit(1);
});
