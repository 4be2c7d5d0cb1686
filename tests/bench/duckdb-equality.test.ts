/**
 * The benchmark compares sendscope's speed with DuckDB's on the same aggregates; this checks that they are
 * the same aggregates. On a generated 2,000-pupil, 4-school folder, the core figures from sendscope's library
 * (attainment and gaps by SEN status × subject × assessment point, identification, attendance by group) equal
 * those DuckDB computes from the raw CSVs in SQL (`src/bench/duckdb-aggregates.ts`): counts exactly, rates
 * and means to 1e-12. DuckDB is the independent computation here.
 */
import { describe, expect, it } from "vitest";
import { cellCounts, compareAggregates, sendscopeAggregates } from "../../src/bench/aggregates.js";
import { duckdbAggregates } from "../../src/bench/duckdb-aggregates.js";
import { generatedFolder } from "../helpers/generated-folder.js";

const trust = generatedFolder("sendscope-duckdb-", { seed: 20260717, pupils: 2000, schools: 4 });

describe("sendscope and DuckDB compute the same shared aggregates", () => {
  // The generator's as-at date (end of the summer term 2026), a mid-year date, and one in the first year.
  for (const asOf of ["2026-07-17", "2025-03-01", "2024-01-20"]) {
    it(`on ${asOf}`, async () => {
      const ours = sendscopeAggregates(trust.data, asOf);
      const theirs = await duckdbAggregates(trust.dir, asOf, 1);
      const counts = cellCounts(ours);
      // Every table has cells (so equality is not vacuous) and both sides have the same cells.
      expect(counts.attainment).toBeGreaterThan(10);
      expect(counts.gaps).toBeGreaterThan(5);
      expect(counts.identification).toBeGreaterThan(10);
      expect(counts.attendance).toBe(5); // all, N, K, E, SEN
      expect(cellCounts(theirs)).toEqual(counts);
      expect(compareAggregates(ours, theirs, 1e-12)).toEqual([]);
      expect(theirs.identification.onRoll?.count).toBe(ours.identification.onRoll?.count);
    }, 60_000);
  }

  it("the comparison itself notices a difference of one pupil", async () => {
    const ours = sendscopeAggregates(trust.data, "2026-07-17");
    const changed = structuredClone(ours);
    const key = Object.keys(changed.attainment)[0]!;
    changed.attainment[key]!.n = (changed.attainment[key]!.n ?? 0) + 1;
    expect(compareAggregates(ours, changed)).toEqual([{ table: "attainment", key, figure: "n", ours: ours.attainment[key]!.n, theirs: changed.attainment[key]!.n }]);
  });
});
