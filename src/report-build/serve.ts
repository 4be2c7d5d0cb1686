/**
 * The static server on 127.0.0.1 used by the browser checks and the PDF print: the one in the CLI
 * (`sendscope serve`), re-exported here for the report-build modules and tests.
 */
export { serveStatic, type StaticServer } from "../lib/cli/serve.js";
