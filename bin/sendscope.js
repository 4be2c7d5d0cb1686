#!/usr/bin/env node
// The `sendscope` command: runs the compiled CLI (built by `npm install` through the `prepare` script).
//
// A trust-sized folder allocates millions of short-lived objects. A larger young generation (V8's
// semi-space) cuts garbage-collection time (`npm run bench`, 100,000 pupils: 39 s → 27 s when it was added;
// 15.2 s against 16.9 s at 64 MB after the November 2026 speed-ups, one run each). V8 reads that setting
// only at start-up, so the command starts itself once more with it, unless the caller already chose a size
// (in the node arguments or NODE_OPTIONS).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SEMI_SPACE = "--max-semi-space-size=128";
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
