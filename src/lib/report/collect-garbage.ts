/**
 * A full garbage collection at the moments a large analysis has just let go of hundreds of megabytes.
 */

/**
 * Asks V8 for a full garbage collection now, when the process allows it (node started with `--expose-gc`,
 * as the `sendscope` command is); otherwise does nothing. Called once, where a trust's analysis has just let
 * go of hundreds of megabytes (its records and the analysis context's indexes, once the analyses are done):
 * collected then, that memory is reused by the next steps instead of the heap growing on top of it, which
 * keeps the process's peak memory down (see "How it scales" in the README for the figures).
 * @returns whether a collection ran
 * @example
 * collectGarbage() // => true under `node --expose-gc`, else false
 */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return false;
  gc();
  return true;
}
