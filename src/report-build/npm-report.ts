/**
 * `npm run report [-- <folder> [--out <dir>] [--school-name <name>]]`: `sendscope report` on the folder given,
 * or on the bundled sample school when none is. A positional folder (not an environment variable) so the
 * same command works in Windows cmd, PowerShell and a Unix shell.
 */
import { pathToFileURL } from "node:url";
import { main } from "../lib/cli/main.js";
import { processIo } from "../lib/cli/io.js";
import { SAMPLE_SCHOOL } from "./data-source.js";

/**
 * The `sendscope` arguments for `npm run report`'s: the folder if the first argument is one, else the sample.
 * @example
 * reportArgs(["--out", "x"], "/s") // => ["report", "/s", "--out", "x"]
 * reportArgs(["C:\\exports", "--out", "x"], "/s") // => ["report", "C:\\exports", "--out", "x"]
 */
export function reportArgs(args: readonly string[], sample: string): string[] {
  const folderGiven = args.length > 0 && !args[0]!.startsWith("-");
  return folderGiven ? ["report", ...args] : ["report", sample, ...args];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(reportArgs(process.argv.slice(2), SAMPLE_SCHOOL), processIo()).then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`sendscope report: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    process.exit(1);
  });
}
