#!/usr/bin/env node
// The `sendscope` command: runs the compiled CLI (built by `npm install` through the `prepare` script).
// It no longer starts node a second time with `--max-semi-space-size=64 --expose-gc`: on the 100,000-pupil
// bench the larger young generation saved 2.5% (quiet machine) to 8% (busy) of CPU time, under the 10% the
// project asks of such a setting, and raised the peak; the one forced collection, which does pay, turns `gc`
// on itself (`collectGarbage`). Figures: src/bench/README.md.
import { main } from "../dist/lib/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
