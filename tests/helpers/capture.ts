/** What the CLI writes, captured for the CLI and documents tests (in place of the process's stdout and stderr). */
import type { CommandIo } from "../../src/lib/cli/io.js";
import { main } from "../../src/lib/cli/main.js";

/** An io for `main` / a command that keeps each write: `out` (stdout) and `err` (stderr), in order. */
export function capture(): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

/** `sendscope <args>` run in the test: the exit code and all it wrote to stdout and stderr. */
export async function runMain(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = capture();
  const code = await main(args, c.io);
  return { code, stdout: c.out.join(""), stderr: c.err.join("") };
}
