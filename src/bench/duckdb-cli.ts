/**
 * Entry point of the benchmark's DuckDB process: `tsx src/bench/duckdb-cli.ts <folder> --as-of yyyy-mm-dd
 * [--json] [--threads n]` (see `duckdbMain`).
 */
import { duckdbMain } from "./duckdb-aggregates.js";

process.exitCode = await duckdbMain(process.argv.slice(2));
