/**
 * The package's version, read from its package.json (three folders up from this module, whether it runs
 * from `src/lib/cli` or from the built `dist/lib/cli`).
 */
import { createRequire } from "node:module";

/**
 * The version of sendscope, as in its package.json (`sendscope --version` prints it).
 * @example
 * VERSION // => "0.1.0"
 */
export const VERSION: string = (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;
