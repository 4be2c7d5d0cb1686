#!/usr/bin/env node
// The `sendscope` command: runs the compiled CLI (built by `npm install` through the `prepare` script).
//
// A trust-sized folder allocates millions of short-lived objects. A larger young generation (V8's
// semi-space) cuts garbage-collection time (`npm run bench`, 100,000 pupils: 39 s → 27 s when it was added).
// Since the analyses allocate less (late November 2026), 64 MB is as fast as 128 MB and holds 100 MB less at
// the peak (three runs each: 12.6–12.8 s and 1.52–1.57 GB against 12.8–13.1 s and 1.63–1.65 GB). V8 reads
// that setting only at start-up, so the command starts itself once more with it, unless the caller already
// chose a size (in the node arguments or NODE_OPTIONS).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SEMI_SPACE = "--max-semi-space-size=64";
// Lets the analysis collect garbage at the moments it lets go of hundreds of MB (`collectGarbage`).
const EXPOSE_GC = "--expose-gc";
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("--max-semi-space-size"));

if (chosen) {
  const { main } = await import("../dist/lib/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
} else {
  const child = spawnSync(process.execPath, [...process.execArgv, SEMI_SPACE, EXPOSE_GC, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = child.status ?? 1;
}
