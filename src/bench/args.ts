/**
 * The arguments of the one-process bench scripts (`phases.ts`, `main-thread.ts`): a folder, and `--as-of`.
 */

/**
 * The folder (first argument) and the `--as-of yyyy-mm-dd` date, if given; without a folder, prints `usage`
 * and exits with status 2.
 * @example
 * const { folder, asOf } = benchArguments("usage: tsx src/bench/phases.ts <folder> [--as-of yyyy-mm-dd]");
 */
export function benchArguments(usage: string): { folder: string; asOf: string | undefined } {
  const folder = process.argv[2];
  if (folder === undefined) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  const asOfAt = process.argv.indexOf("--as-of");
  return { folder, asOf: asOfAt > 0 ? process.argv[asOfAt + 1] : undefined };
}
