#!/usr/bin/env node
// The `sendscope` command: runs the compiled CLI (built by `npm install` through the `prepare` script).
import { main } from "../dist/lib/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
